/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmtest: what in-guest test programs share. Loading the modules, driving
 * the simulator chip through /sys/kernel/debug/gpioirq-sim/, and assertions
 * that print file:line and the values, then exit 1.
 *
 * A test program is one test case: it exits 0 (pass), 1 (fail) or 77 (skip);
 * the guest runner (tests/vm/guest/run-suite) turns that into a TAP line.
 * Functions returning int give 0 on success and -1 with errno set on error;
 * none of them exits, only the EXPECT_* macros and vmtest_fail()/_skip() do.
 * Not thread-safe where a function returns a static buffer (noted below).
 */
#ifndef GPIOIRQ_VMTEST_H
#define GPIOIRQ_VMTEST_H

#include <errno.h>
#include <string.h>

#define SIM_DEBUGFS	"/sys/kernel/debug/gpioirq-sim"

/* Loads gpioirq.ko (modprobe gpioirq). */
int module_load(void);
/* Unloads gpioirq.ko if loaded; fails (EBUSY) if it is in use. */
int module_unload(void);

/*
 * Loads a fresh gpioirq-sim.ko with module parameters @params (NULL or "":
 * the defaults, 8 lines), unloading a loaded one first, so that its levels
 * and counters start at zero.
 */
int sim_load(const char *params);
/* Unloads gpioirq-sim.ko if loaded; fails (EBUSY) if a line is held. */
int sim_unload(void);

/* The simulator's GPIO device name, "gpiochipN"; NULL if it is not loaded.
 * Static buffer, read anew on each call. */
const char *sim_chip_name(void);

/* Sets line @off's input level to @v (0/1); returns once the edge's
 * interrupt handler ran. EBUSY while a burst runs on the line. */
int sim_set_level(unsigned int off, int v);
/* The line's level, 0 or 1; -1 on error. */
int sim_get_level(unsigned int off);

/* Starts a burst of @pulses pulses of period @period_ns (high half of it)
 * on line @off and returns at once: 2 * @pulses edges. The first edge comes
 * after period_ns / 2. EINVAL: pulses 0 or period_ns < 1000; EBUSY: a burst
 * already runs there. */
int sim_burst(unsigned int off, unsigned int pulses, unsigned long period_ns);
/* The same with the time away from the resting level given: 0 < high_ns <
 * period_ns. */
int sim_burst_high(unsigned int off, unsigned int pulses,
		   unsigned long period_ns, unsigned long high_ns);
/* Stops line @off's burst; the level stays where the burst left it. */
int sim_burst_stop(unsigned int off);
/* Pulses still to come on line @off; -1 on error. */
long sim_burst_left(unsigned int off);
/* Waits until line @off's burst is over (every edge's handler ran), at most
 * @timeout_ms; ETIMEDOUT then. */
int sim_wait_burst(unsigned int off, int timeout_ms);

/*
 * The waveform player, SIM_DEBUGFS/waveform (see kmod/sim/wave.c and
 * tests/vm/README). sim_waveform_write() writes @text in one write() of a
 * file of its own: steps "T_NS LINE LEVEL" and commands, each line ending
 * with a newline (an unterminated last line is dropped). EINVAL: a
 * malformed line (nothing of @text is staged); E2BIG: beyond 1,000,000
 * steps; EBUSY: a step while a waveform plays.
 */
int sim_waveform_write(const char *text);
/* Plays the staged steps @repeat times (>= 1) at @speed_pct percent of the
 * written speed (1-10000; 100: as written) and returns at once. EBUSY: one
 * plays, or a burst runs on a line it sets; EINVAL: nothing staged, or
 * @repeat or @speed_pct out of range. */
int sim_waveform_start(unsigned int repeat, unsigned int speed_pct);
/* Stops playing (the levels stay as they are). */
int sim_waveform_stop(void);
/* Drops the staged steps; EBUSY while playing. */
int sim_waveform_clear(void);
/* The player's state, "idle steps=S" or "playing steps=S played=P
 * repeat_left=R"; NULL on error. Static buffer. */
const char *sim_waveform_state(void);
/* Waits until the player is idle (every edge's handler ran), at most
 * @timeout_ms; ETIMEDOUT then. */
int sim_waveform_wait(int timeout_ms);

/* Edges raised as interrupts on line @off since the simulator was loaded
 * (only unmasked ones whose trigger type matched); -1 on error. */
long sim_edges(unsigned int off);
/* The bias consumers set on line @off: "pull-up", "pull-down" or "none";
 * NULL on error. Static buffer. */
const char *sim_pull(unsigned int off);

/* Writes the string @s to the file @path; a short write is an error. */
int vmtest_write(const char *path, const char *s);
/* Reads file @path into @buf (NUL-terminated, trailing newline removed);
 * returns the length or -1. */
int vmtest_read(const char *path, char *buf, size_t size);
/* Runs a shell command (printf-style); returns its exit status, or -1 if it
 * did not exit normally. */
int vmtest_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Milliseconds on the monotonic clock. */
long long vmtest_now_ms(void);

/*
 * Records what the test waits for now (printf-style; NULL: nothing). When
 * the runner stops a test at its timeout (SIGTERM), the test prints
 * "vmtest: timed out waiting for <that>" to stderr before it dies of the
 * signal; sim_wait_burst() and uapitest.h's waits record theirs. Not
 * thread-safe: call it from one thread.
 */
void vmtest_waiting(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Prints "FAIL file:line: message" to stderr and exits 1. */
void vmtest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
/* Prints "SKIP: why" and exits 77. */
void vmtest_skip(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

#define VMTEST_FAIL(...) vmtest_fail(__FILE__, __LINE__, __VA_ARGS__)

#define EXPECT_TRUE(cond)                                              \
	do {                                                           \
		if (!(cond))                                           \
			VMTEST_FAIL("expected %s", #cond);             \
	} while (0)

#define EXPECT_EQ(a, b)                                                \
	do {                                                           \
		long long _a = (long long)(a), _b = (long long)(b);    \
		if (_a != _b)                                          \
			VMTEST_FAIL("%s == %lld, expected %s == %lld", \
				    #a, _a, #b, _b);                   \
	} while (0)

#define EXPECT_NE(a, b)                                                \
	do {                                                           \
		long long _a = (long long)(a), _b = (long long)(b);    \
		if (_a == _b)                                          \
			VMTEST_FAIL("%s == %s == %lld", #a, #b, _a);   \
	} while (0)

#define EXPECT_STREQ(a, b)                                             \
	do {                                                           \
		const char *_a = (a), *_b = (b);                       \
		if (!_a || !_b || strcmp(_a, _b))                      \
			VMTEST_FAIL("%s == \"%s\", expected \"%s\"",   \
				    #a, _a ? _a : "(null)",            \
				    _b ? _b : "(null)");               \
	} while (0)

/* @call must not return -1. */
#define EXPECT_OK(call)                                                \
	do {                                                           \
		long _r = (long)(call);                                \
		if (_r == -1)                                          \
			VMTEST_FAIL("%s failed: %s", #call,            \
				    strerror(errno));                  \
	} while (0)

/* @call must return -1 with errno @e. */
#define EXPECT_ERRNO(call, e)                                          \
	do {                                                           \
		long _r = (long)(call);                                \
		int _e = errno;                                        \
		if (_r != -1 || _e != (e))                             \
			VMTEST_FAIL("%s returned %ld (%s), expected "  \
				    "-1 (%s)", #call, _r,              \
				    _r == -1 ? strerror(_e) : "no error", \
				    strerror(e));                      \
	} while (0)

#endif /* GPIOIRQ_VMTEST_H */
