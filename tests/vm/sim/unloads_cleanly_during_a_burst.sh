#!/bin/sh
# rmmod while bursts run on several lines (one of them watched by gpiomon
# until its first edge) succeeds and leaves nothing behind: the module loads
# again with the default 8 lines and fresh counters. Refused parameters
# (nr_lines=0) fail the load.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
sim=/sys/kernel/debug/gpioirq-sim
. /opt/gpioirq/vm/gpiomon-edges

modprobe gpioirq-sim || fail "modprobe gpioirq-sim"
chip=$(cat $sim/chip)
# shellcheck disable=SC2046 # "-c CHIP" with libgpiod 2.x: two words
timeout 30 gpiomon --num-events=1 $(gpiod_chip_arg "$chip") 0 >mon.out 2>&1 &
mon=$!
for l in 0 1 2 3; do
	echo "1000000 20000" >$sim/line$l/burst || fail "burst on line $l"
done
wait $mon || fail "gpiomon: $(cat mon.out)"
[ "$(cat $sim/line1/burst)" -gt 0 ] || fail "the burst ended too soon"
rmmod gpioirq-sim || fail "rmmod during bursts"
[ ! -d /sys/module/gpioirq_sim ] || fail "still loaded"
[ ! -d $sim ] || fail "debugfs directory left behind"

modprobe gpioirq-sim || fail "reload"
[ "$(ls -d $sim/line* | wc -l)" = 8 ] || fail "lines after reload: $(ls $sim)"
[ "$(cat $sim/line0/edges)" = 0 ] || fail "edges not reset"
[ "$(cat $sim/line0/burst)" = 0 ] || fail "burst not reset"
rmmod gpioirq-sim || fail "rmmod"

if modprobe gpioirq-sim nr_lines=0 2>/dev/null; then
	fail "nr_lines=0 loaded"
fi
if modprobe gpioirq-sim nr_lines=1025 2>/dev/null; then
	fail "nr_lines=1025 loaded"
fi
exit 0
