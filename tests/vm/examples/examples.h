/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the examples suite's tests share: the waveforms of the four classic
 * jobs, written as the simulator's steps ("T_NS LINE LEVEL", see
 * kmod/sim/wave.c), and running an example program of examples/ (on PATH in
 * the VM) with its output in a file.
 *
 * Each test replays a realistic waveform through the simulator into the
 * example, as a board would feed it, and checks the example's output
 * exactly. Randomness (NEC jitter) comes from a fixed seed: every run plays
 * the same steps.
 */
#ifndef GPIOIRQ_TESTS_VM_EXAMPLES_H
#define GPIOIRQ_TESTS_VM_EXAMPLES_H

#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vmtest.h"

/* @s begins with @prefix. */
#define EXPECT_PREFIX(s, prefix)                                                \
	do {                                                                    \
		const char *_s = (s), *_p = (prefix);                           \
		if (!_s || strncmp(_s, _p, strlen(_p)))                         \
			VMTEST_FAIL("%s == \"%s\", expected it to begin with \"%s\"", \
				    #s, _s ? _s : "(null)", _p);                \
	} while (0)

/* ------------------------------------------------------------------------
 * Waveforms
 */

/* A waveform being written: its text, and the time of its last step. */
struct wave {
	char *text;
	size_t len, cap;
	uint64_t t_ns;
};

static inline void wave_step(struct wave *w, uint64_t t_ns, unsigned int line, int level)
{
	char step[64];
	int n = snprintf(step, sizeof(step), "%llu %u %d\n", (unsigned long long)t_ns, line,
			 level);

	if (w->len + (size_t)n + 1 > w->cap) {
		w->cap = w->cap ? 2 * w->cap : 65536;
		w->text = realloc(w->text, w->cap);
		if (!w->text)
			VMTEST_FAIL("out of memory for a waveform");
	}
	memcpy(w->text + w->len, step, (size_t)n + 1);
	w->len += (size_t)n;
	w->t_ns = t_ns;
}

static inline void wave_free(struct wave *w)
{
	free(w->text);
	*w = (struct wave){ 0 };
}

/*
 * Waits (10 s at most) until gpioirq's bottom halves have published every
 * edge its top halves took, as an event or a counted drop (debugfs stats:
 * events + dropped == edges; no test here debounces): a program stopped
 * after this finds every edge in its ring.
 */
static inline void ex_wait_published(void)
{
	unsigned long long edges = 0, events = 0, dropped = 0;
	long long end = vmtest_now_ms() + 10000;
	char text[512];
	const char *p;

	for (;;) {
		EXPECT_TRUE(vmtest_read("/sys/kernel/debug/gpioirq/stats", text, sizeof(text)) > 0);
		p = strstr(text, "\nedges ");
		EXPECT_TRUE(p && sscanf(p, "\nedges %llu\nevents %llu\ndropped %llu", &edges, &events,
					&dropped) == 3);
		if (events + dropped == edges)
			break;
		if (vmtest_now_ms() > end)
			VMTEST_FAIL("the bottom halves did not publish every edge: edges %llu events %llu dropped %llu",
				    edges, events, dropped);
		usleep(1000);
	}
}

/* Writes @w to the player and plays it once at @speed_pct, waiting for the
 * end (every edge's handler ran) at most @timeout_ms, then for every edge
 * to be published (ex_wait_published()).
 */
static inline void wave_play(struct wave *w, unsigned int speed_pct, int timeout_ms)
{
	EXPECT_OK(sim_waveform_clear());
	EXPECT_OK(sim_waveform_write(w->text));
	EXPECT_OK(sim_waveform_start(1, speed_pct));
	EXPECT_OK(sim_waveform_wait(timeout_ms));
	ex_wait_published();
}

/*
 * A rotary encoder turned @detents detents in @dir (+1: A leads), one edge
 * every @edge_ns, from the state *@state (A << 1 | B) on lines @a and @b:
 * 4 edges per detent, in Gray-code order 00 -> 10 -> 11 -> 01 -> 00 for +1.
 */
static inline void wave_encoder(struct wave *w, unsigned int a, unsigned int b,
				unsigned int *state, int dir, unsigned int detents,
				uint64_t edge_ns)
{
	static const unsigned int up[4] = { 2, 0, 3, 1 }, down[4] = { 1, 3, 0, 2 };
	unsigned int i;

	for (i = 0; i < 4 * detents; i++) {
		unsigned int new = dir > 0 ? up[*state] : down[*state];
		unsigned int changed = *state ^ new;

		wave_step(w, w->t_ns + edge_ns, changed == 2 ? a : b, !!(new & changed));
		*state = new;
	}
}

/* @pulses pulses of an S0 output on @line (at rest high): low for @low_ns
 * every @period_ns, the first @period_ns - @low_ns after the last step.
 */
static inline void wave_s0(struct wave *w, unsigned int line, unsigned int pulses,
			   uint64_t period_ns, uint64_t low_ns)
{
	unsigned int i;

	for (i = 0; i < pulses; i++) {
		wave_step(w, w->t_ns + period_ns - low_ns, line, 0);
		wave_step(w, w->t_ns + low_ns, line, 1);
	}
}

/* xorshift32 from a fixed seed: the NEC jitter. */
static inline uint32_t wave_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* @ns with up to ±@pct % of jitter, uniform in steps of 0.1 %. */
static inline uint64_t wave_jitter(uint32_t *rng, uint64_t ns, unsigned int pct)
{
	int64_t permille = (int64_t)(wave_rand(rng) % (20 * pct + 1)) - 10 * (int64_t)pct;

	return (uint64_t)((int64_t)ns + (int64_t)ns * permille / 1000);
}

/* An IR receiver's output on @line (idle high, low during a mark): a mark
 * of @mark_ns after a space of @space_ns, jittered.
 */
static inline void wave_ir_mark(struct wave *w, unsigned int line, uint32_t *rng,
				unsigned int pct, uint64_t space_ns, uint64_t mark_ns)
{
	wave_step(w, w->t_ns + wave_jitter(rng, space_ns, pct), line, 0);
	wave_step(w, w->t_ns + wave_jitter(rng, mark_ns, pct), line, 1);
}

/* An NEC frame of the 32 bits @data (address first, least significant bit
 * first), 40 ms after the last step, each duration jittered ±@pct %.
 */
static inline void wave_nec_frame(struct wave *w, unsigned int line, uint32_t data,
				  uint32_t *rng, unsigned int pct)
{
	int i;

	wave_ir_mark(w, line, rng, pct, 40000000, 9000000);
	wave_ir_mark(w, line, rng, pct, 4500000, 562500);
	for (i = 0; i < 32; i++)
		wave_ir_mark(w, line, rng, pct, data >> i & 1 ? 1687500 : 562500, 562500);
}

/* An NEC repeat code, @gap_ns after the last step. */
static inline void wave_nec_repeat(struct wave *w, unsigned int line, uint64_t gap_ns,
				   uint32_t *rng, unsigned int pct)
{
	wave_ir_mark(w, line, rng, pct, gap_ns, 9000000);
	wave_ir_mark(w, line, rng, pct, 2250000, 562500);
}

static inline uint32_t nec_bits(unsigned int addr, unsigned int cmd)
{
	return (addr & 0xff) | (~addr & 0xff) << 8 | (cmd & 0xff) << 16 | (~cmd & 0xffu) << 24;
}

/* ------------------------------------------------------------------------
 * Running an example
 */

/* The example running, killed at exit when a failed check leaves it. */
static pid_t ex_running;

static inline void ex_kill_running(void)
{
	if (ex_running > 0) {
		kill(ex_running, SIGKILL);
		waitpid(ex_running, NULL, 0);
	}
}

/*
 * Starts the program @argv[0] (found on PATH) with its stdout and stderr in
 * the file @out; returns its pid.
 */
static inline pid_t ex_start(const char *out, const char *const argv[])
{
	static bool registered;
	pid_t pid;
	int fd;

	if (!registered)
		atexit(ex_kill_running);
	registered = true;
	/*
	 * Emptied here, before the fork: emptied by the child, the file could
	 * still hold a previous run's lines when ex_wait_line() reads it, and
	 * the caller would go on before this program is ready.
	 */
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		VMTEST_FAIL("open %s: %s", out, strerror(errno));
	pid = fork();
	if (pid < 0)
		VMTEST_FAIL("fork: %s", strerror(errno));
	if (pid == 0) {
		if (dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(126);
		/* execvp() takes char *const[]: it writes none of them. */
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fd);
	ex_running = pid;
	return pid;
}

/* The file @path, NUL-terminated, in a buffer to free(); "" if missing. */
static inline char *ex_read(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len = 0, cap = 4096, n;
	char *buf = malloc(cap);

	if (!buf)
		VMTEST_FAIL("out of memory");
	while (f && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				VMTEST_FAIL("out of memory");
		}
	}
	buf[len] = '\0';
	if (f)
		fclose(f);
	return buf;
}

/* Waits until the file @out has a line beginning with @prefix, at most
 * @timeout_ms; the example's first line says it is ready.
 */
static inline void ex_wait_line(const char *out, const char *prefix, int timeout_ms)
{
	long long end = vmtest_now_ms() + timeout_ms;

	vmtest_waiting("a line \"%s\" in %s", prefix, out);
	for (;;) {
		char *s = ex_read(out);
		bool found = !strncmp(s, prefix, strlen(prefix));
		char *p = s;

		while (!found && (p = strchr(p, '\n')) && *++p)
			found = !strncmp(p, prefix, strlen(prefix));
		free(s);
		if (found)
			break;
		if (vmtest_now_ms() > end)
			VMTEST_FAIL("no line \"%s\" in %s after %d ms", prefix, out, timeout_ms);
		usleep(20000);
	}
	vmtest_waiting(NULL);
}

/* Prints @out as comments (the runner shows a test's output). */
static inline void ex_print(const char *out)
{
	char *s = ex_read(out), *line, *save = NULL;

	for (line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		printf("# %s\n", line);
	free(s);
	fflush(stdout);
}

/* Sends @sig to @pid (0: none) and returns its exit status, -1 when it
 * died of a signal.
 */
static inline int ex_wait(pid_t pid, int sig)
{
	int status;

	if (sig)
		kill(pid, sig);
	vmtest_waiting("the example, pid %d, to exit", (int)pid);
	if (waitpid(pid, &status, 0) != pid)
		VMTEST_FAIL("waitpid: %s", strerror(errno));
	if (pid == ex_running)
		ex_running = 0;
	vmtest_waiting(NULL);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Stops @pid (SIGSTOP) and waits until it is stopped. */
static inline void ex_freeze(pid_t pid)
{
	int status;

	kill(pid, SIGSTOP);
	if (waitpid(pid, &status, WUNTRACED) != pid || !WIFSTOPPED(status))
		VMTEST_FAIL("pid %d did not stop", (int)pid);
}

/* The line of @text beginning with @prefix, in a static buffer; NULL if
 * none.
 */
static inline const char *ex_line(const char *text, const char *prefix)
{
	static char line[512];
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (!strncmp(p, prefix, strlen(prefix))) {
			snprintf(line, sizeof(line), "%.*s", (int)len, p);
			return line;
		}
		p = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* Lines of @text beginning with @prefix. */
static inline int ex_count(const char *text, const char *prefix)
{
	const char *p = text;
	int n = 0;

	while (p && *p) {
		n += !strncmp(p, prefix, strlen(prefix));
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return n;
}

/* Waits until the file @out has @n lines beginning with @prefix, at most
 * @timeout_ms.
 */
static inline void ex_wait_count(const char *out, const char *prefix, int n, int timeout_ms)
{
	long long end = vmtest_now_ms() + timeout_ms;

	vmtest_waiting("%d lines \"%s\" in %s", n, prefix, out);
	for (;;) {
		char *text = ex_read(out);
		int got = ex_count(text, prefix);

		free(text);
		if (got >= n)
			break;
		if (vmtest_now_ms() > end) {
			ex_print(out);
			VMTEST_FAIL("%d lines \"%s\" in %s after %d ms, expected %d", got, prefix,
				    out, timeout_ms, n);
		}
		usleep(20000);
	}
	vmtest_waiting(NULL);
}

/*
 * Waits until the file @out has a line "@prefix N..." with N >= @min, at
 * most @timeout_ms.
 */
static inline void ex_wait_number(const char *out, const char *prefix, long long min,
				  int timeout_ms)
{
	long long end = vmtest_now_ms() + timeout_ms, best = -1;

	vmtest_waiting("a line \"%s%lld\" or more in %s", prefix, min, out);
	for (;;) {
		char *text = ex_read(out);
		const char *p = text;

		while (p && *p) {
			if (!strncmp(p, prefix, strlen(prefix))) {
				long long v = atoll(p + strlen(prefix));

				best = v > best ? v : best;
			}
			p = strchr(p, '\n');
			p = p ? p + 1 : NULL;
		}
		free(text);
		if (best >= min)
			break;
		if (vmtest_now_ms() > end) {
			ex_print(out);
			VMTEST_FAIL("no line \"%s%lld\" or more in %s after %d ms (%lld)", prefix,
				    min, out, timeout_ms, best);
		}
		usleep(20000);
	}
	vmtest_waiting(NULL);
}

#endif /* GPIOIRQ_TESTS_VM_EXAMPLES_H */
