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
