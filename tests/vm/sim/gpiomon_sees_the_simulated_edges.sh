#!/bin/sh
# Debian's gpiomon, through the kernel's GPIO character device, sees each
# edge written to lineN/level, in order, and the sim counts the same edges.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
sim=/sys/kernel/debug/gpioirq-sim
. /opt/gpioirq/vm/gpiomon-edges

modprobe gpioirq-sim || fail "modprobe gpioirq-sim"
chip=$(cat $sim/chip) || fail "no $sim/chip"
gpiomon_edges "$chip" 1 1 0 1 0
[ "$(cat $sim/line1/edges)" = 4 ] || fail "edges $(cat $sim/line1/edges), expected 4"
