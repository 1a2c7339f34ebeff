#!/bin/sh
# With can_sleep=1 the chip says it sleeps (as an I2C expander does); the
# GPIO character device still gets its edges, and nr_lines sets the number
# of lines gpioinfo shows.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
sim=/sys/kernel/debug/gpioirq-sim

modprobe gpioirq-sim can_sleep=1 nr_lines=3 || fail "modprobe gpioirq-sim"
chip=$(cat $sim/chip) || fail "no $sim/chip"
gpioinfo "$chip" | head -n 1 | grep -q "3 lines" || fail "$(gpioinfo "$chip" | head -n 1)"
[ -d $sim/line2 ] && [ ! -e $sim/line3 ] || fail "debugfs lines: $(ls $sim)"
timeout 30 gpiomon --line-buffered --num-events=2 "$chip" 2 >mon.out 2>&1 &
mon=$!
i=0
until gpioinfo "$chip" | grep -q 'line   2:.*"gpiomon".*used'; do
	i=$((i + 1))
	[ $i -lt 3000 ] || fail "gpiomon never requested the line"
	sleep 0.01
done
# The cdev's interrupt thread reports one event per wake-up: wait for each
# event before the next edge.
n=0
for v in 1 0; do
	echo $v >$sim/line2/level || fail "write $v"
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
[ "$got" = "RISING FALLING " ] || fail "gpiomon saw: $got"
