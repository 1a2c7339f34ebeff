#!/bin/sh
# rmmod while a waveform plays on four lines (one watched by gpiomon until
# its first edge) succeeds and leaves nothing behind, in hard-IRQ and in
# nested-threaded mode; unbinding the device while one plays stops it, and
# a bound device starts idle with nothing staged.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
sim=/sys/kernel/debug/gpioirq-sim
drv=/sys/bus/platform/drivers/gpioirq-sim
. /opt/gpioirq/vm/gpiomon-edges

# Four lines toggling every 20 us, for 200 s if nothing stops them.
wave() {
	i=0
	while [ $i -lt 100 ]; do
		t=$((10000 + i * 20000))
		echo "$t 0 1"; echo "$((t + 1000)) 1 1"
		echo "$((t + 2000)) 2 1"; echo "$((t + 3000)) 3 1"
		echo "$((t + 10000)) 0 0"; echo "$((t + 11000)) 1 0"
		echo "$((t + 12000)) 2 0"; echo "$((t + 13000)) 3 0"
		i=$((i + 1))
	done
}

play() {
	wave >$sim/waveform || fail "$1: writing the waveform"
	echo "start repeat=100000" >$sim/waveform || fail "$1: start"
	case $(cat $sim/waveform) in
	"playing steps=800 "*) ;;
	*) fail "$1: not playing: $(cat $sim/waveform)" ;;
	esac
}

for params in "" nested_threaded=1; do
	# shellcheck disable=SC2086 # no parameter: no word
	modprobe gpioirq-sim $params || fail "modprobe gpioirq-sim $params"
	chip=$(cat $sim/chip)
	# shellcheck disable=SC2046 # "-c CHIP" with libgpiod 2.x: two words
	timeout 30 gpiomon --num-events=1 $(gpiod_chip_arg "$chip") 0 >mon.out 2>&1 &
	mon=$!
	sleep 1
	play "$params"
	wait $mon || fail "gpiomon ($params): $(cat mon.out)"
	rmmod gpioirq-sim || fail "rmmod while playing ($params)"
	[ ! -d /sys/module/gpioirq_sim ] || fail "still loaded"
	[ ! -d $sim ] || fail "debugfs directory left behind"
done

modprobe gpioirq-sim || fail "modprobe gpioirq-sim"
play unbind
echo gpioirq-sim >$drv/unbind || fail "unbind while playing"
[ ! -d $sim ] || fail "debugfs directory left after unbind"
echo gpioirq-sim >$drv/bind || fail "bind"
[ "$(cat $sim/waveform)" = "idle steps=0" ] || fail "after bind: $(cat $sim/waveform)"
[ "$(cat $sim/line0/edges)" = 0 ] || fail "edges not reset"
rmmod gpioirq-sim || fail "rmmod"
exit 0
