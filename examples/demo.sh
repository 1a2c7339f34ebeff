#!/bin/sh
# The gpioirq demo, run by 'make demo' in the test VM (tests/vm/run):
# events flow from the simulator chip's edge interrupts through gpioirq.ko's
# top and bottom halves and the library's ring consumer into callbacks.
#
#   1. A push button (line 3, pull-up, active-low, 10 ms debounce): each press
#      and release comes with contact bounce; the button example's callback,
#      run by the library's dispatcher thread, prints one event per press and
#      per release and nothing for the bounces.
#   2. A pulse train (line 4): 50 pulses of 200 µs every 2 ms, watched by
#      'irqctl watch', whose callback prints every edge with its pulse width
#      and its top-to-bottom-half and callback delays, then a latency summary.
#   3. A rotary encoder (lines 5 and 6): 12 detents clockwise, 5 back, played
#      by the simulator's waveform player; the encoder example prints the
#      position at each detent from the two lines' events.
#   4. An IR remote (line 7, idle high): two NEC frames and a repeat code at
#      a fiftieth of real time (TCG's timers are too coarse for 562 µs
#      marks); the nec example prints address and command.
#   5. A recording: 'irqctl record --format csv' of 20 pulses on lines 0 and
#      1, printed between "--- pulses.csv" and "--- end" lines; 'make demo'
#      plots it (tools/plot/plot-record) to build/demo/pulses.svg.
#
# Timings are those of a software-emulated CPU (QEMU TCG): the simulator's
# hrtimer fires late by tens to hundreds of µs there, so the pulse widths the
# top half measured (pulse_us) spread around the 200 µs asked for, and the
# delays are one to two orders of magnitude larger than on a board.
set -e
modprobe gpioirq
modprobe gpioirq-sim
sim=/sys/kernel/debug/gpioirq-sim

held() {	# held N: wait until gpioirq holds N lines (the program is ready)
	until grep -q "^lines $1\$" /sys/kernel/debug/gpioirq/stats; do sleep 0.1; done
}

bounce() {	# bounce LINE: four 50 µs spikes, well inside the debounce period
	echo "4 100000 50000" >"$sim/line$1/burst"
	while [ "$(cat "$sim/line$1/burst")" != 0 ]; do :; done
}

echo "== 1. a bouncing push button on gpioirq-sim line 3 (button example, 10 ms debounce)"
echo 1 >"$sim/line3/level"		# released: the pull-up holds it high
button -d 10000 -n 3 gpioirq-sim 3 &
pid=$!
held 1
for press in 1 2 3; do
	bounce 3; echo 0 >"$sim/line3/level"	# press, after some bounce
	sleep 0.5
	bounce 3; echo 1 >"$sim/line3/level"	# release, after some bounce
	sleep 0.5
done
wait $pid
echo "   the simulator raised $(cat "$sim/line3/edges") edges; the callback saw 3 presses and 3 releases"

echo
echo "== 2. a pulse train on gpioirq-sim line 4 (irqctl watch: 50 pulses, 200 us high, every 2 ms)"
irqctl watch --count 100 --timeout 60 gpioirq-sim 4 &
pid=$!
held 1
echo "50 2000000 200000" >"$sim/line4/burst"
wait $pid

echo
echo "== 3. a rotary encoder on gpioirq-sim lines 5 (A) and 6 (B): 12 detents clockwise, then 5 back"
# Gray code, 2 ms an edge, state A*2+B: A leads clockwise (00 10 11 01), B
# leads back; one line changes at each step.
awk 'BEGIN {
	up[0] = 2; up[1] = 0; up[2] = 3; up[3] = 1; down[0] = 1; down[1] = 3; down[2] = 0; down[3] = 2
	s = 0; t = 1000000
	for (i = 0; i < 17 * 4; i++) {
		n = i < 48 ? up[s] : down[s]
		a = int(s / 2) != int(n / 2)
		printf "%d %d %d\n", t, a ? 5 : 6, a ? int(n / 2) : n % 2
		s = n; t += 2000000
	}
}' >/tmp/encoder.wave
encoder -x 1000 gpioirq-sim 5 6 &
pid=$!
held 2
cat /tmp/encoder.wave >"$sim/waveform"
echo start >"$sim/waveform"
wait $pid
echo clear >"$sim/waveform"

echo
echo "== 4. an IR remote on gpioirq-sim line 7: NEC frames 0x00/0x45, 0x04/0x08 and a repeat code (at 2 % speed)"
echo 1 >"$sim/line7/level"
# mark: low 562.5 us; bit 0: mark + 562.5 us, bit 1: mark + 1687.5 us; a
# frame: 9 ms low, 4.5 ms high, address, ~address, command, ~command (LSB
# first), a stop mark; a repeat: 9 ms low, 2.25 ms high, a stop mark.
awk 'function step(d, v) { t += d; printf "%d 7 %d\n", t, v }
function byte(b,   i) { for (i = 0; i < 8; i++) { step(562500, 1); step(b % 2 ? 1687500 : 562500, 0); b = int(b / 2) } }
function frame(a, c) { step(1000000, 0); step(9000000, 1); step(4500000, 0); byte(a); byte(255 - a); byte(c); byte(255 - c); step(562500, 1) }
BEGIN { t = 0; frame(0, 69); t += 40000000; frame(4, 8); t += 40000000
	step(1000000, 0); step(9000000, 1); step(2250000, 0); step(562500, 1) }' >/tmp/nec.wave
nec -s 2 -t 3000 gpioirq-sim 7 &
pid=$!
held 1
cat /tmp/nec.wave >"$sim/waveform"
echo "start speed=2" >"$sim/waveform"
wait $pid
echo clear >"$sim/waveform"

echo
echo "== 5. a recording of 20 pulses on gpioirq-sim lines 0 and 1 (irqctl record --format csv)"
irqctl record --format csv -n 80 --timeout 60 -o /tmp/pulses.csv gpioirq-sim 0 1 &
pid=$!
held 2
echo "20 4000000 1000000" >"$sim/line0/burst"
echo "20 3000000 2000000" >"$sim/line1/burst"
wait $pid
echo "--- pulses.csv"
cat /tmp/pulses.csv
echo "--- end"
