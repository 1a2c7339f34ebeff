#!/bin/sh
# The guest runner, run on a suite of its own: a pass, a skip with its
# reason, a failure with the test's output as TAP comments, a hang stopped by
# the timeout (with what its processes were doing just before), a kernel
# WARNING in the log, each kind of report of the debug kernel's checkers
# (without the WARNING:/BUG: some kernels put before it) with the report's
# lines as TAP comments, a test that leaves the simulator
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
# The first line of each checker's report, then a line of the report's body.
r() { t "$1" "echo 'fake: before' >/dev/kmsg; echo '$2' >/dev/kmsg; echo 'fake: body of $1' >/dev/kmsg"; }
r f_kasan 'KASAN: null-ptr-deref in range [0x0-0x7]'
r g_ubsan 'UBSAN: shift-out-of-bounds in a/fake.c:1:2'
r h_circular 'possible circular locking dependency detected'
r i_inconsistent 'inconsistent lock state'
r j_recursive 'possible recursive locking detected'
r k_rcu 'suspicious RCU usage.'
r l_sleeps 'sleeping function called from invalid context at a/fake.c:1'
r m_odebug 'ODEBUG: free active (active state 0) object: 0 object type: timer_list hint: 0x0'
r n_list_add 'list_add corruption. next->prev should be prev (0), but was 0. (next=0).'
r o_list_del 'list_del corruption. prev->next should be 0, but was 0. (prev=0)'
t p_leaks 'modprobe gpioirq-sim; sleep 1000 </sys/kernel/debug/gpioirq-sim/line0/level & exit 0'
t q_passes_after 'exit 0'
echo 'exit 0' >"$suite/z_not_a_test"
# The hang gets 4 s (snapshot at 2 s): time for its sleep to start on a
# slow debug kernel.
echo 'd_hangs 4' >"$suite/timeouts"

run-suite -t 2 "$suite" >tap.out 2>&1
rc=$?
cat tap.out
[ $rc = 1 ] || fail "run-suite exited $rc"
grep -E '^(1\.\.|ok|not ok)' tap.out >got
cat >want <<'END'
1..17
ok 1 - a_passes
ok 2 - b_skips # SKIP no reason at all
not ok 3 - c_fails # exit status 1
not ok 4 - d_hangs # timed out after 4s
not ok 5 - e_warns # kernel log: WARNING: CPU: 0 PID: 1 at a/fake.c:1
not ok 6 - f_kasan # kernel log: KASAN: null-ptr-deref in range [0x0-0x7]
not ok 7 - g_ubsan # kernel log: UBSAN: shift-out-of-bounds in a/fake.c:1:2
not ok 8 - h_circular # kernel log: possible circular locking dependency detected
not ok 9 - i_inconsistent # kernel log: inconsistent lock state
not ok 10 - j_recursive # kernel log: possible recursive locking detected
not ok 11 - k_rcu # kernel log: suspicious RCU usage.
not ok 12 - l_sleeps # kernel log: sleeping function called from invalid context at a/fake.c:1
not ok 13 - m_odebug # kernel log: ODEBUG: free active (active state 0) object: 0 object type: timer_list hint: 0x0
not ok 14 - n_list_add # kernel log: list_add corruption. next->prev should be prev (0), but was 0. (next=0).
not ok 15 - o_list_del # kernel log: list_del corruption. prev->next should be 0, but was 0. (prev=0)
not ok 16 - p_leaks # module(s) still in use after the test: gpioirq_sim
ok 17 - q_passes_after
END
# A kernel log line carries a timestamp ("[    1.234567] " or none, as
# dmesg prints it): compare what follows it.
sed -i 's/# kernel log: \(\[[^]]*\] \)\{0,1\}/# kernel log: /' got
diff want got || fail "unexpected TAP"
# A report is printed from its first line on, with what follows it, and
# without the kernel log before it.
grep -q '^# .*UBSAN: shift-out-of-bounds in a/fake.c:1:2$' tap.out ||
	fail "the UBSAN report's first line is not a TAP comment"
grep -q '^# .*fake: body of g_ubsan$' tap.out ||
	fail "the line after the UBSAN report's first line is not a TAP comment"
! grep -q 'fake: before' tap.out || fail "the log before a report was printed"
grep -qx '# broken' tap.out || fail "the failing test's output is not a TAP comment"
grep -q '^# timed out after 4s; its processes just before:' tap.out ||
	fail "no snapshot of the hung test"
grep -q '^# pid [0-9]* state S wchan .*: sleep 30' tap.out ||
	fail "the snapshot does not show the hung test's sleep 30"
[ ! -d /sys/module/gpioirq_sim ] || fail "the leaked module was not unloaded"
# The hung test's sleep is killed (SIGKILL to its process group) as the
# runner moves on; a killed process may take a moment to be scheduled and
# die, and one that init has not reaped yet (a zombie) is gone.
live_sleep() {
	for p in /proc/[0-9]*; do
		[ "$(cat $p/comm 2>/dev/null)" = sleep ] &&
			[ "$(cut -d' ' -f3 $p/stat 2>/dev/null)" != Z ] && { echo "${p#/proc/}"; return 0; }
	done
	return 1
}
i=0
while pid=$(live_sleep); do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "a leftover sleep, pid $pid, still there after 5 s"
	sleep 0.1
done
exit 0
