// SPDX-License-Identifier: GPL-2.0
/* vmtest: helpers of the in-guest tests; see vmtest.h. */
#include "vmtest.h"

#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void line_path(char *buf, size_t size, unsigned int off, const char *file)
{
	snprintf(buf, size, SIM_DEBUGFS "/line%u/%s", off, file);
}

int vmtest_write(const char *path, const char *s)
{
	size_t len = strlen(s);
	ssize_t n;
	int fd, err;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, s, len);
	err = errno;
	close(fd);
	if (n < 0) {
		errno = err;
		return -1;
	}
	if ((size_t)n != len) {
		errno = EIO;
		return -1;
	}
	return 0;
}

int vmtest_read(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd, err;

	if (!size) {
		errno = EINVAL;
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	err = errno;
	close(fd);
	if (n < 0) {
		errno = err;
		return -1;
	}
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	return (int)n;
}

static long read_long(const char *path)
{
	char buf[32], *end;
	long v;

	if (vmtest_read(path, buf, sizeof(buf)) < 0)
		return -1;
	errno = 0;
	v = strtol(buf, &end, 10);
	if (errno || end == buf || *end) {
		errno = EPROTO;
		return -1;
	}
	return v;
}

int vmtest_sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	fflush(NULL);
	st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

long long vmtest_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int module_loaded(const char *name)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return stat(path, &st) == 0;
}

static int unload(const char *name)
{
	if (!module_loaded(name))
		return 0;
	if (vmtest_sh("rmmod %s", name)) {
		errno = EBUSY;
		return -1;
	}
	return 0;
}

int module_load(void)
{
	if (vmtest_sh("modprobe gpioirq")) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

int module_unload(void)
{
	return unload("gpioirq");
}

int sim_load(const char *params)
{
	if (sim_unload())
		return -1;
	if (vmtest_sh("modprobe gpioirq-sim %s", params ? params : "")) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

int sim_unload(void)
{
	return unload("gpioirq_sim");
}

const char *sim_chip_name(void)
{
	static char name[64];

	if (vmtest_read(SIM_DEBUGFS "/chip", name, sizeof(name)) <= 0)
		return NULL;
	return name;
}

int sim_set_level(unsigned int off, int v)
{
	char path[96];

	if (v != 0 && v != 1) {
		errno = EINVAL;
		return -1;
	}
	line_path(path, sizeof(path), off, "level");
	return vmtest_write(path, v ? "1" : "0");
}

int sim_get_level(unsigned int off)
{
	char path[96];

	line_path(path, sizeof(path), off, "level");
	return (int)read_long(path);
}

int sim_burst_high(unsigned int off, unsigned int pulses,
		   unsigned long period_ns, unsigned long high_ns)
{
	char path[96], cmd[80];

	line_path(path, sizeof(path), off, "burst");
	snprintf(cmd, sizeof(cmd), "%u %lu %lu", pulses, period_ns, high_ns);
	return vmtest_write(path, cmd);
}

int sim_burst(unsigned int off, unsigned int pulses, unsigned long period_ns)
{
	return sim_burst_high(off, pulses, period_ns, period_ns / 2);
}

int sim_burst_stop(unsigned int off)
{
	char path[96];

	line_path(path, sizeof(path), off, "burst");
	return vmtest_write(path, "0");
}

long sim_burst_left(unsigned int off)
{
	char path[96];

	line_path(path, sizeof(path), off, "burst");
	return read_long(path);
}

int sim_wait_burst(unsigned int off, int timeout_ms)
{
	long long end = vmtest_now_ms() + timeout_ms;
	const struct timespec tick = { .tv_nsec = 1000000 };
	long left;

	for (;;) {
		left = sim_burst_left(off);
		if (left < 0)
			return -1;
		if (left == 0) {
			vmtest_waiting(NULL);
			return 0;
		}
		vmtest_waiting("the burst on line %u to end (%ld pulses left)",
			       off, left);
		if (vmtest_now_ms() >= end) {
			errno = ETIMEDOUT;
			return -1;
		}
		nanosleep(&tick, NULL);
	}
}

#define SIM_WAVEFORM SIM_DEBUGFS "/waveform"

int sim_waveform_write(const char *text)
{
	return vmtest_write(SIM_WAVEFORM, text);
}

int sim_waveform_start(unsigned int repeat, unsigned int speed_pct)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "start repeat=%u speed=%u\n", repeat,
		 speed_pct);
	return vmtest_write(SIM_WAVEFORM, cmd);
}

int sim_waveform_stop(void)
{
	return vmtest_write(SIM_WAVEFORM, "stop\n");
}

int sim_waveform_clear(void)
{
	return vmtest_write(SIM_WAVEFORM, "clear\n");
}

const char *sim_waveform_state(void)
{
	static char state[96];

	if (vmtest_read(SIM_WAVEFORM, state, sizeof(state)) < 0)
		return NULL;
	return state;
}

int sim_waveform_wait(int timeout_ms)
{
	long long end = vmtest_now_ms() + timeout_ms;
	const struct timespec tick = { .tv_nsec = 1000000 };
	const char *state;

	for (;;) {
		state = sim_waveform_state();
		if (!state)
			return -1;
		if (!strncmp(state, "idle", 4)) {
			vmtest_waiting(NULL);
			return 0;
		}
		vmtest_waiting("the waveform to end (%s)", state);
		if (vmtest_now_ms() >= end) {
			errno = ETIMEDOUT;
			return -1;
		}
		nanosleep(&tick, NULL);
	}
}

long sim_edges(unsigned int off)
{
	char path[96];

	line_path(path, sizeof(path), off, "edges");
	return read_long(path);
}

const char *sim_pull(unsigned int off)
{
	static char pull[32];
	char path[96];

	line_path(path, sizeof(path), off, "pull");
	if (vmtest_read(path, pull, sizeof(pull)) < 0)
		return NULL;
	return pull;
}

static char waiting_for[256];

void vmtest_waiting(const char *fmt, ...)
{
	va_list ap;

	if (!fmt) {
		waiting_for[0] = '\0';
		return;
	}
	va_start(ap, fmt);
	vsnprintf(waiting_for, sizeof(waiting_for), fmt, ap);
	va_end(ap);
}

/* The runner's timeout: say what we waited for, then die of the signal so
 * the runner still sees a timeout. Only async-signal-safe calls.
 */
static void on_sigterm(int sig)
{
	static const char head[] = "vmtest: timed out waiting for ";
	static const char none[] = "nothing a helper recorded";
	const char *what = waiting_for[0] ? waiting_for : none;

	if (write(2, head, sizeof(head) - 1) < 0 ||
	    write(2, what, strlen(what)) < 0 || write(2, "\n", 1) < 0) {
		/* Nothing more to say. */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

__attribute__((constructor)) static void install_sigterm(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigterm;
	sigaction(SIGTERM, &sa, NULL);
}

void vmtest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void vmtest_skip(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	printf("SKIP: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(77);
}
