#!/bin/sh
# examples/pulse as its comment says: three 1 ms high pulses from the
# simulator's burst, three widths printed, exit 0. The burst's hrtimer runs
# late in a TCG guest (tens of ms at times, and a late first edge makes the
# pulse shorter), so the widths are only checked to be some pulse, 1 us to
# 1 s; exact widths are the wait_measures_* tests' job.
set -u
modprobe gpioirq && modprobe gpioirq-sim || exit 1
out=$(mktemp)
pulse -n 3 -t 10000 gpioirq-sim 2 >"$out" 2>&1 &
pid=$!
# Its first line means the line is requested and the wait is on.
for _ in $(seq 100); do grep -q '^pulse: measuring' "$out" && break; sleep 0.1; done
echo "3 20000000 1000000" >/sys/kernel/debug/gpioirq-sim/line2/burst || exit 1
wait $pid
rc=$?
sed 's/^/# /' "$out"
[ "$rc" -eq 0 ] || { echo "pulse exited $rc"; exit 1; }
[ "$(grep -c ' us (' "$out")" -eq 3 ] || { echo "expected 3 widths"; exit 1; }
for us in $(sed -n 's/^\([0-9]*\) us (.*/\1/p' "$out"); do
	[ "$us" -ge 1 ] && [ "$us" -le 1000000 ] || { echo "width $us us out of range"; exit 1; }
done
exit 0
