#!/bin/sh
# Debian's gpiomon, through the kernel's GPIO character device, sees each
# edge written to lineN/level, in order, and the sim counts the same edges.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
sim=/sys/kernel/debug/gpioirq-sim

modprobe gpioirq-sim || fail "modprobe gpioirq-sim"
chip=$(cat $sim/chip) || fail "no $sim/chip"
timeout 30 gpiomon --line-buffered --num-events=4 "$chip" 1 >mon.out 2>&1 &
mon=$!
# gpiomon holds the line (and its interrupt) once gpioinfo says so.
i=0
until gpioinfo "$chip" | grep -q 'line   1:.*"gpiomon".*used'; do
	i=$((i + 1))
	[ $i -lt 3000 ] || fail "gpiomon never requested the line"
	sleep 0.01
done
# The cdev's interrupt thread reports one event per wake-up: wait for each
# event before the next edge.
n=0
for v in 1 0 1 0; do
	echo $v >$sim/line1/level || fail "write $v"
	n=$((n + 1))
	i=0
	until [ "$(wc -l <mon.out)" -ge $n ]; do
		i=$((i + 1))
		[ $i -lt 3000 ] || fail "gpiomon saw $(wc -l <mon.out) events, expected $n"
		sleep 0.01
	done
done
wait $mon || fail "gpiomon exited with $?: $(cat mon.out)"
got=$(awk '{ print $2 }' mon.out | tr '\n' ' ')
[ "$got" = "RISING FALLING RISING FALLING " ] || fail "gpiomon saw: $got"
[ "$(cat $sim/line1/edges)" = 4 ] || fail "edges $(cat $sim/line1/edges), expected 4"
