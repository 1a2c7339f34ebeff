#!/bin/sh
# The lines are named "sim-0" to "sim-N-1", so consumers can look them up by
# name: gpiofind finds each on the simulator's chip.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }

modprobe gpioirq-sim nr_lines=4 || fail "modprobe gpioirq-sim"
chip=$(cat /sys/kernel/debug/gpioirq-sim/chip)
for i in 0 1 2 3; do
	got=$(gpiofind sim-$i) || fail "gpiofind sim-$i"
	[ "$got" = "$chip $i" ] || fail "gpiofind sim-$i: $got"
done
gpioinfo "$chip" | grep -q 'line   3:[[:space:]]*"sim-3"' || fail "$(gpioinfo "$chip")"
if gpiofind sim-4 >/dev/null; then
	fail "sim-4 found on a 4-line chip"
fi
exit 0
