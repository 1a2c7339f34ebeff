#!/bin/sh
# examples/button as its comment says: a contact bounce (a 3-pulse burst
# inside the 10 ms debounce) reports nothing; two presses and releases a
# second apart report two presses and two releases; it exits 0 after the
# second release.
set -u
modprobe gpioirq && modprobe gpioirq-sim || exit 1
d=/sys/kernel/debug/gpioirq-sim/line3
out=$(mktemp)
echo 1 >$d/level || exit 1
button -n 2 gpioirq-sim 3 >"$out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q '^button: ' "$out" && break; sleep 0.1; done
echo "3 200000 100000" >$d/burst; sleep 1
echo 0 >$d/level; sleep 1
echo 1 >$d/level; sleep 1
echo 0 >$d/level; sleep 1
echo 1 >$d/level
# It exits by itself after the second release; give it 20 s.
for _ in $(seq 200); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
kill $pid 2>/dev/null && { sed 's/^/# /' "$out"; echo "button did not exit"; exit 1; }
wait $pid
rc=$?
sed 's/^/# /' "$out"
[ "$rc" -eq 0 ] || { echo "button exited $rc"; exit 1; }
[ "$(grep -c '^press ' "$out")" -eq 2 ] || { echo "expected 2 presses"; exit 1; }
[ "$(grep -c '^release, held ' "$out")" -eq 2 ] || { echo "expected 2 releases"; exit 1; }
grep -q 'lost\|storm\|missed' "$out" && { echo "unexpected loss"; exit 1; }
exit 0
