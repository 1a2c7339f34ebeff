#!/bin/sh
# The guest runner, run on a suite of its own: a pass, a skip with its
# reason, a failure with the test's output as TAP comments, a hang stopped by
# the timeout (with what its processes were doing just before), a kernel WARNING in the log, a test that leaves the simulator
# pinned by an open file (and is cleaned up after), and a pass after them;
# files that are not executable are not tests. Its exit status is 1.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }

suite=$PWD/suite
mkdir "$suite"
t() { printf '#!/bin/sh\n%s\n' "$2" >"$suite/$1" && chmod 755 "$suite/$1"; }
t a_passes 'exit 0'
t b_skips 'echo "SKIP: no reason at all"; exit 77'
t c_fails 'echo broken; exit 1'
t d_hangs 'sleep 30'
t e_warns 'echo "WARNING: CPU: 0 PID: 1 at a/fake.c:1" >/dev/kmsg'
t f_leaks 'modprobe gpioirq-sim; sleep 1000 </sys/kernel/debug/gpioirq-sim/line0/level & exit 0'
t g_passes_after 'exit 0'
echo 'exit 0' >"$suite/h_not_a_test"

run-suite -t 2 "$suite" >tap.out 2>&1
rc=$?
cat tap.out
[ $rc = 1 ] || fail "run-suite exited $rc"
grep -E '^(1\.\.|ok|not ok)' tap.out >got
cat >want <<'END'
1..7
ok 1 - a_passes
ok 2 - b_skips # SKIP no reason at all
not ok 3 - c_fails # exit status 1
not ok 4 - d_hangs # timed out after 2s
not ok 5 - e_warns # kernel log: WARNING: CPU: 0 PID: 1 at a/fake.c:1
not ok 6 - f_leaks # module(s) still in use after the test: gpioirq_sim
ok 7 - g_passes_after
END
# The kernel log line carries a timestamp: compare from "WARNING:" on.
sed -i 's/# kernel log: .*WARNING:/# kernel log: WARNING:/' got
diff want got || fail "unexpected TAP"
grep -qx '# broken' tap.out || fail "the failing test's output is not a TAP comment"
grep -q '^# timed out after 2s; its processes just before:' tap.out ||
	fail "no snapshot of the hung test"
grep -q '^# pid [0-9]* state S wchan .*: sleep 30' tap.out ||
	fail "the snapshot does not show the hung test's sleep 30"
[ ! -d /sys/module/gpioirq_sim ] || fail "the leaked module was not unloaded"
for p in /proc/[0-9]*; do
	[ "$(cat $p/comm 2>/dev/null)" != sleep ] || fail "a leftover sleep, pid ${p#/proc/}"
done
exit 0
