#!/bin/sh
# The lines are named "sim-0" to "sim-N-1", so consumers can look them up by
# name: gpiofind (libgpiod 1.6) or gpioinfo NAME (2.x) finds each on the
# simulator's chip.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
. /opt/gpioirq/vm/gpiomon-edges

modprobe gpioirq-sim nr_lines=4 || fail "modprobe gpioirq-sim"
chip=$(cat /sys/kernel/debug/gpioirq-sim/chip)
for i in 0 1 2 3; do
	got=$(gpiod_find sim-$i) || fail "find sim-$i"
	[ "$got" = "$chip $i" ] || fail "find sim-$i: $got"
done
gpioinfo_chip "$chip" | grep -q 'line   3:[[:space:]]*"sim-3"' || fail "$(gpioinfo_chip "$chip")"
if gpiod_find sim-4 >/dev/null; then
	fail "sim-4 found on a 4-line chip"
fi
exit 0
