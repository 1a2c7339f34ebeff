#!/bin/sh
# With can_sleep=1 the chip says it sleeps (as an I2C expander does); the
# GPIO character device still gets its edges, and nr_lines sets the number
# of lines gpioinfo shows.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
sim=/sys/kernel/debug/gpioirq-sim
. /opt/gpioirq/vm/gpiomon-edges

modprobe gpioirq-sim can_sleep=1 nr_lines=3 || fail "modprobe gpioirq-sim"
chip=$(cat $sim/chip) || fail "no $sim/chip"
gpioinfo_chip "$chip" | head -n 1 | grep -q "3 lines" || fail "$(gpioinfo_chip "$chip" | head -n 1)"
[ -d $sim/line2 ] && [ ! -e $sim/line3 ] || fail "debugfs lines: $(ls $sim)"
gpiomon_edges "$chip" 2 1 0
