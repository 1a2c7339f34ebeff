#!/bin/sh
# The simulator's platform device is unbound and bound again through sysfs
# while bursts run on its lines, three times, in both modes (hard-IRQ and
# nested_threaded=1): each unbind removes the chip and its debugfs, each
# bind brings a new chip whose lines count edges from 0 and run bursts, and
# the module unloads at the end.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
sim=/sys/kernel/debug/gpioirq-sim
drv=/sys/bus/platform/drivers/gpioirq-sim

for mode in "" nested_threaded=1; do
	modprobe gpioirq-sim $mode || fail "modprobe gpioirq-sim $mode"
	for round in 1 2 3; do
		chip=$(cat $sim/chip) || fail "no $sim/chip"
		gpiodetect | grep -q "^$chip " || fail "gpiodetect lacks $chip"
		echo "20 1000000" >$sim/line0/burst || fail "burst 0"
		echo "1000000 10000" >$sim/line1/burst || fail "burst 1"
		# line0 ends its burst; line1's runs on through the unbind.
		i=0
		until [ "$(cat $sim/line0/burst)" = 0 ]; do
			i=$((i + 1))
			[ $i -lt 1000 ] || fail "line0's burst never ended"
			sleep 0.01
		done
		[ "$(cat $sim/line1/burst)" -gt 0 ] || fail "line1's burst ended"
		echo gpioirq-sim >$drv/unbind || fail "unbind ($mode, round $round)"
		[ ! -e $sim ] || fail "debugfs still there after unbind"
		gpiodetect | grep -q "^$chip " && fail "$chip still there after unbind"
		echo gpioirq-sim >$drv/bind || fail "bind ($mode, round $round)"
		[ "$(cat $sim/line1/edges)" = 0 ] || fail "a new chip with edges"
		echo "$mode round $round: $chip unbound during a burst, $(cat $sim/chip) bound"
	done
	rmmod gpioirq_sim || fail "rmmod after the rounds ($mode)"
done
