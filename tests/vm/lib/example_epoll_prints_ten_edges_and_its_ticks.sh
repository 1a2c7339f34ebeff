#!/bin/sh
# examples/epoll as its comment says: five pulses make ten edge lines, in
# seqno order 1..10, rising and falling in turn; the timer ticks three times
# and the program exits 0.
set -u
modprobe gpioirq && modprobe gpioirq-sim || exit 1
out=$(mktemp)
epoll -s 3 gpioirq-sim 1 </dev/null >"$out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q '^epoll: watching' "$out" && break; sleep 0.1; done
echo "5 10000000" >/sys/kernel/debug/gpioirq-sim/line1/burst || exit 1
wait $pid
rc=$?
sed 's/^/# /' "$out"
[ "$rc" -eq 0 ] || { echo "epoll exited $rc"; exit 1; }
[ "$(grep -c '^edge ' "$out")" -eq 10 ] || { echo "expected 10 edges"; exit 1; }
[ "$(sed -n 's/^edge [a-z]* *seqno \([0-9]*\) .*/\1/p' "$out" | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 10 " ] ||
	{ echo "seqnos not 1..10"; exit 1; }
[ "$(grep -c '^edge rising ' "$out")" -eq 5 ] || { echo "expected 5 rising"; exit 1; }
[ "$(grep -c '^tick ' "$out")" -eq 3 ] || { echo "expected 3 ticks"; exit 1; }
grep -q '^tick 3: 10 edges$' "$out" || { echo "tick 3 should count 10 edges"; exit 1; }
exit 0
