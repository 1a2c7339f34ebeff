/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the PL061 tests share. They run in the arm64 guest (QEMU's virt
 * machine) on the kernel's real PL061 driver, against the raw uAPI of
 * include/uapi/gpioirq.h, and ask the host to drive the PL061's input lines
 * (pl061.h). Each test program is one test: exit 0 pass, 1 fail, 77 skip; a
 * failed check prints where and why. Header-only: every .c file of this
 * folder is a test program of its own.
 *
 * Timing. The host applies each edge at a time it chose and knows when QEMU
 * applied it; the guest's timestamp of that edge is later by the time the
 * vCPU takes to take the interrupt (at its next translation-block boundary,
 * or when the host runs its thread again). An interval measured in the guest
 * between two timestamps is off from the host's by the difference of two
 * such delays: what is constant cancels, what remains is how promptly the
 * host runs the vCPU threads, well under 1 ms on an idle 2-core host, now
 * and then several ms when it is busy (the guest cannot tell: its clock
 * follows the host's while it is descheduled). So widths are compared with
 * the intervals the host reports, as the median of several pulses, within
 * P6_WIDTH_TOL_NS: one late interrupt does not fail the test, a wrong width
 * does. Edge-exact tests use pulses of 10 ms and more, so that a vCPU that
 * is late by less than that loses no edge (the PL061 latches one per line).
 */
#ifndef PL061_COMMON_H
#define PL061_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <uapi/gpioirq.h>

#include "pl061.h"

#define P6_TIMEOUT_MS	10000
/* The median width measured in the guest is within this of the host's. */
#define P6_WIDTH_TOL_NS	1000000ull

#define P6_FAIL(...) p6_fail(__FILE__, __LINE__, __VA_ARGS__)

#define CHECK(cond)                                                    \
	do {                                                           \
		if (!(cond))                                           \
			P6_FAIL("check failed: %s", #cond);            \
	} while (0)

#define CHECK_EQ(a, b)                                                 \
	do {                                                           \
		long long _a = (long long)(a), _b = (long long)(b);    \
		if (_a != _b)                                          \
			P6_FAIL("%s == %lld, expected %s == %lld", #a, \
				_a, #b, _b);                           \
	} while (0)

/* expr must fail with -1 and errno e. */
#define CHECK_ERRNO(expr, e)                                           \
	do {                                                           \
		long _r = (long)(expr);                                \
		int _e = errno;                                        \
		if (_r != -1 || _e != (e))                             \
			P6_FAIL("%s returned %ld (%s), expected -1 (%s)", \
				#expr, _r, _r == -1 ? strerror(_e) : "-", \
				strerror(e));                          \
	} while (0)

/* An open /dev/gpioirq with its ring mapped. */
struct p6_ring {
	int fd;
	struct gpioirq_ring_layout lay;
	void *prod;
	volatile struct gpioirq_ring_ctrl *ctrl;
	volatile struct gpioirq_event *ev;
	volatile struct gpioirq_ring_consumer *cons;
};

static inline void __attribute__((noreturn, format(printf, 3, 4)))
p6_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static inline void __attribute__((noreturn, format(printf, 1, 2)))
p6_skip(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "SKIP: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(77);
}

/* Runs a shell command; returns its exit status (-1 if it did not exit). */
static inline int __attribute__((format(printf, 1, 2)))
p6_sh(const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static inline uint64_t p6_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline uint64_t p6_drive(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Loads gpioirq, checks the PL061 is there, drives lines 0-7 low. */
static inline void p6_setup(void)
{
	if (access("/sys/bus/amba/drivers/pl061_gpio", F_OK))
		p6_skip("no PL061 driver here (not the arm64 target)");
	if (p6_sh("modprobe gpioirq"))
		P6_FAIL("modprobe gpioirq failed");
	p6_drive("level 0,1,2,3,4,5,6,7 0");
}

/* Opens the device, sets up a ring of @entries (0: default), maps it. */
static inline void p6_open(struct p6_ring *r, uint32_t entries)
{
	void *cons;

	memset(r, 0, sizeof(*r));
	r->fd = open(GPIOIRQ_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (r->fd < 0)
		P6_FAIL("open %s: %s", GPIOIRQ_DEVICE_PATH, strerror(errno));
	r->lay.entries = entries;
	if (ioctl(r->fd, GPIOIRQ_IOC_RING_SETUP, &r->lay))
		P6_FAIL("RING_SETUP %u: %s", entries, strerror(errno));
	r->prod = mmap(NULL, r->lay.producer_size, PROT_READ, MAP_SHARED,
		       r->fd, (off_t)r->lay.producer_offset);
	if (r->prod == MAP_FAILED)
		P6_FAIL("mmap producer: %s", strerror(errno));
	cons = mmap(NULL, r->lay.consumer_size, PROT_READ | PROT_WRITE,
		    MAP_SHARED, r->fd, (off_t)r->lay.consumer_offset);
	if (cons == MAP_FAILED)
		P6_FAIL("mmap consumer: %s", strerror(errno));
	r->ctrl = r->prod;
	r->ev = (void *)((char *)r->prod + r->lay.events_offset);
	r->cons = cons;
}

static inline void p6_close(struct p6_ring *r)
{
	munmap(r->prod, r->lay.producer_size);
	munmap((void *)r->cons, r->lay.consumer_size);
	close(r->fd);
	r->fd = -1;
}

/* Requests PL061 line @offset with @flags (no storm guard, the bottom half
 * AUTO picks); returns -1 with errno on failure. */
static inline int p6_request(int fd, unsigned int offset, uint32_t flags,
			     uint32_t *handle)
{
	struct gpioirq_line_request req;

	memset(&req, 0, sizeof(req));
	snprintf(req.chip, sizeof(req.chip), "%s", PL061_LABEL);
	req.offset = offset;
	req.config.flags = flags;
	req.config.storm_limit = GPIOIRQ_STORM_OFF;
	if (ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, &req))
		return -1;
	*handle = req.handle;
	return 0;
}

/* As p6_request(), failing the test when it fails. */
static inline uint32_t p6_request_ok(int fd, unsigned int offset,
				     uint32_t flags)
{
	uint32_t h;

	if (p6_request(fd, offset, flags, &h))
		P6_FAIL("LINE_REQUEST %s %u: %s", PL061_LABEL, offset,
			strerror(errno));
	return h;
}

static inline void p6_release(int fd, uint32_t handle)
{
	struct gpioirq_line_handle lh = { .handle = handle };

	if (ioctl(fd, GPIOIRQ_IOC_LINE_RELEASE, &lh))
		P6_FAIL("LINE_RELEASE %u: %s", handle, strerror(errno));
}

static inline void p6_stats(int fd, uint32_t handle,
			    struct gpioirq_line_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->handle = handle;
	if (ioctl(fd, GPIOIRQ_IOC_LINE_STATS, st))
		P6_FAIL("LINE_STATS %u: %s", handle, strerror(errno));
}

static inline uint64_t p6_head(struct p6_ring *r)
{
	/* Pairs with the kernel's store-release of head when it publishes. */
	return __atomic_load_n(&r->ctrl->head, __ATOMIC_ACQUIRE);
}

/* Takes the next event if there is one: 1, else 0. */
static inline int p6_next(struct p6_ring *r, struct gpioirq_event *ev)
{
	uint64_t tail = __atomic_load_n(&r->cons->tail, __ATOMIC_RELAXED);

	if (p6_head(r) == tail)
		return 0;
	memcpy(ev, (const void *)&r->ev[tail & r->lay.mask], sizeof(*ev));
	/* Pairs with the kernel's load-acquire of tail before it reuses
	 * the slot. */
	__atomic_store_n(&r->cons->tail, tail + 1, __ATOMIC_RELEASE);
	return 1;
}

/* Waits up to P6_TIMEOUT_MS for the next event; fails the test otherwise. */
static inline void p6_wait_event(struct p6_ring *r, struct gpioirq_event *ev)
{
	struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
	uint64_t deadline = p6_now_ns() + (uint64_t)P6_TIMEOUT_MS * 1000000;

	while (!p6_next(r, ev)) {
		__atomic_store_n(&r->cons->wakeup, 1, __ATOMIC_RELAXED);
		/* Pairs with the kernel's full barrier between publishing
		 * head and loading wakeup. */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (p6_head(r) == __atomic_load_n(&r->cons->tail,
						  __ATOMIC_RELAXED) &&
		    poll(&pfd, 1, 100) < 0 && errno != EINTR)
			P6_FAIL("poll: %s", strerror(errno));
		__atomic_store_n(&r->cons->wakeup, 0, __ATOMIC_RELAXED);
		if (p6_now_ns() > deadline)
			P6_FAIL("no event within %d ms (head %llu)",
				P6_TIMEOUT_MS,
				(unsigned long long)p6_head(r));
	}
}

static inline uint64_t p6_vdrive(const char *fmt, va_list ap)
{
	unsigned long late_us;
	char req[256];

	vsnprintf(req, sizeof(req), fmt, ap);
	if (pl061_drive(req, &late_us))
		P6_FAIL("pl061_drive(\"%s\"): %s", req, strerror(errno));
	return (uint64_t)late_us * 1000;
}

/* Asks the host to drive (pl061.h); fails the test when it cannot.
 * Returns the host's worst lateness in ns. */
static inline uint64_t p6_drive(const char *fmt, ...)
{
	va_list ap;
	uint64_t late;

	va_start(ap, fmt);
	late = p6_vdrive(fmt, ap);
	va_end(ap);
	return late;
}

/* p6_drive() of a short train, with the intervals between its edges as the
 * host applied them (pl061_drive_timed()); fails unless there are @n. */
static inline uint64_t __attribute__((format(printf, 3, 4)))
p6_drive_timed(uint64_t *interval_ns, unsigned int n, const char *fmt, ...)
{
	unsigned long late_us;
	unsigned int got = 0;
	char req[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(req, sizeof(req), fmt, ap);
	va_end(ap);
	if (pl061_drive_timed(req, &late_us, interval_ns, n, &got))
		P6_FAIL("pl061_drive(\"%s\"): %s", req, strerror(errno));
	if (got != n)
		P6_FAIL("pl061_drive(\"%s\"): %u intervals, expected %u", req,
			got, n);
	return (uint64_t)late_us * 1000;
}

/* p6_drive() in a child process running pl061-drive (which holds nothing
 * of the caller's), for tests that act while pulses arrive. */
static inline pid_t __attribute__((format(printf, 1, 2)))
p6_drive_async(const char *fmt, ...)
{
	char req[256], *argv[16], *save = NULL;
	int argc = 0;
	va_list ap;
	pid_t pid;

	va_start(ap, fmt);
	vsnprintf(req, sizeof(req), fmt, ap);
	va_end(ap);
	argv[argc++] = "pl061-drive";
	for (char *w = strtok_r(req, " ", &save); w && argc < 15;
	     w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		P6_FAIL("fork: %s", strerror(errno));
	if (pid == 0) {
		/* exec: the child must not hold our device files or ring
		 * mappings (tests check when lines are freed). */
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Waits for a p6_drive_async() child; fails the test if its request failed. */
static inline void p6_drive_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			P6_FAIL("waitpid: %s", strerror(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		P6_FAIL("the host did not drive the lines (status %d)", st);
}

#endif
