/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the in-guest tests of gpioirq.ko share: loading the modules, opening
 * /dev/gpioirq with its ring mapped, requesting lines of the simulator,
 * reading events, waiting for counters. Header-only, because every .c file
 * of this directory is a test program of its own.
 *
 * Each test exits 0 (pass), 1 (fail) or 77 (skip). A failed check prints
 * where and why, then exits 1.
 */
#ifndef GPIOIRQ_MODTEST_H
#define GPIOIRQ_MODTEST_H

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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <uapi/gpioirq.h>

#include "vmtest.h"

/* The line most tests use, and how long they wait for anything. */
#define MT_LINE		0
#define MT_TIMEOUT_MS	10000

#define MT_FAIL(...) mt_fail(__FILE__, __LINE__, __VA_ARGS__)

#define CHECK(cond)                                                    \
	do {                                                           \
		if (!(cond))                                           \
			MT_FAIL("check failed: %s", #cond);            \
	} while (0)

#define CHECK_EQ(a, b)                                                 \
	do {                                                           \
		long long _a = (long long)(a), _b = (long long)(b);    \
		if (_a != _b)                                          \
			MT_FAIL("%s == %lld, expected %s == %lld", #a, \
				_a, #b, _b);                           \
	} while (0)

/* expr must fail with -1 and errno e. */
#define CHECK_ERRNO(expr, e)                                           \
	do {                                                           \
		long _r = (long)(expr);                                \
		int _e = errno;                                        \
		if (_r != -1 || _e != (e))                             \
			MT_FAIL("%s returned %ld errno %d (%s), "      \
				"expected -1 errno %d (%s)",           \
				#expr, _r, _r == -1 ? _e : 0,          \
				_r == -1 ? strerror(_e) : "-",         \
				(e), strerror(e));                     \
	} while (0)

/* expr must succeed (not -1). */
#define CHECK_OK(expr)                                                 \
	do {                                                           \
		if ((long)(expr) == -1)                                \
			MT_FAIL("%s: %s", #expr, strerror(errno));     \
	} while (0)

static inline void __attribute__((noreturn, format(printf, 3, 4)))
mt_fail(const char *file, int line, const char *fmt, ...)
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
mt_skip(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "SKIP: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(77);
}

static inline uint64_t mt_now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static inline int mt_sh(const char *fmt, ...)
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

/* The simulator's device name ("gpiochipN"), as mt_setup() found it. */
static char mt_chip[GPIOIRQ_NAME_SIZE];

/*
 * Loads gpioirq and a fresh simulator (8 lines, plus @sim_args such as
 * "can_sleep=1"), so every test starts from zeroed sim counters.
 */
static inline void mt_setup(const char *sim_args)
{
	mt_sh("rmmod gpioirq_sim 2>/dev/null");
	if (mt_sh("modprobe gpioirq-sim nr_lines=8 %s", sim_args ? sim_args : ""))
		MT_FAIL("modprobe gpioirq-sim failed");
	if (mt_sh("modprobe gpioirq"))
		MT_FAIL("modprobe gpioirq failed");
	if (!sim_chip_name())
		MT_FAIL("no simulator chip name");
	/* Once, so that threads can use it. */
	snprintf(mt_chip, sizeof(mt_chip), "%s", sim_chip_name());
}

/* An open /dev/gpioirq with its ring mapped. */
struct mt_ring {
	int fd;
	struct gpioirq_ring_layout lay;
	void *prod;
	volatile struct gpioirq_ring_ctrl *ctrl;
	volatile struct gpioirq_event *ev;
	volatile struct gpioirq_ring_consumer *cons;
};

static inline int mt_open_dev(void)
{
	int fd = open(GPIOIRQ_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		MT_FAIL("open %s: %s", GPIOIRQ_DEVICE_PATH, strerror(errno));
	return fd;
}

static inline void mt_map(struct mt_ring *r)
{
	void *cons;

	r->prod = mmap(NULL, r->lay.producer_size, PROT_READ, MAP_SHARED,
		       r->fd, r->lay.producer_offset);
	if (r->prod == MAP_FAILED)
		MT_FAIL("mmap producer: %s", strerror(errno));
	cons = mmap(NULL, r->lay.consumer_size, PROT_READ | PROT_WRITE,
		    MAP_SHARED, r->fd, r->lay.consumer_offset);
	if (cons == MAP_FAILED)
		MT_FAIL("mmap consumer: %s", strerror(errno));
	r->ctrl = r->prod;
	r->ev = (void *)((char *)r->prod + r->lay.events_offset);
	r->cons = cons;
}

/* Opens the device, sets up a ring of @entries (0: default), maps it. */
static inline void mt_open(struct mt_ring *r, unsigned int entries)
{
	memset(r, 0, sizeof(*r));
	r->fd = mt_open_dev();
	r->lay.entries = entries;
	if (ioctl(r->fd, GPIOIRQ_IOC_RING_SETUP, &r->lay))
		MT_FAIL("RING_SETUP %u: %s", entries, strerror(errno));
	mt_map(r);
}

static inline void mt_close(struct mt_ring *r)
{
	munmap(r->prod, r->lay.producer_size);
	munmap((void *)r->cons, r->lay.consumer_size);
	close(r->fd);
	r->fd = -1;
}

static inline void mt_config(struct gpioirq_line_config *c, uint32_t flags)
{
	memset(c, 0, sizeof(*c));
	c->flags = flags;
	c->storm_limit = GPIOIRQ_STORM_OFF;
}

static inline void mt_req_init(struct gpioirq_line_request *req,
			       unsigned int offset, uint32_t flags)
{
	memset(req, 0, sizeof(*req));
	snprintf(req->chip, sizeof(req->chip), "%s", mt_chip);
	req->offset = offset;
	mt_config(&req->config, flags);
}

/* Requests @offset with @flags, no storm guard; returns the handle. */
static inline uint32_t mt_request(int fd, unsigned int offset, uint32_t flags)
{
	struct gpioirq_line_request req;

	mt_req_init(&req, offset, flags);
	if (ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, &req))
		MT_FAIL("LINE_REQUEST %s %u: %s", req.chip, offset,
			strerror(errno));
	return req.handle;
}

static inline uint32_t mt_request_cfg(int fd, unsigned int offset,
				      const struct gpioirq_line_config *c)
{
	struct gpioirq_line_request req;

	mt_req_init(&req, offset, 0);
	req.config = *c;
	if (ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, &req))
		MT_FAIL("LINE_REQUEST %s %u: %s", req.chip, offset,
			strerror(errno));
	return req.handle;
}

static inline void mt_release(int fd, uint32_t handle)
{
	struct gpioirq_line_handle lh = { .handle = handle };

	if (ioctl(fd, GPIOIRQ_IOC_LINE_RELEASE, &lh))
		MT_FAIL("LINE_RELEASE %u: %s", handle, strerror(errno));
}

static inline void mt_stats(int fd, uint32_t handle,
			    struct gpioirq_line_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->handle = handle;
	if (ioctl(fd, GPIOIRQ_IOC_LINE_STATS, st))
		MT_FAIL("LINE_STATS %u: %s", handle, strerror(errno));
}

static inline void mt_info(int fd, struct gpioirq_info *info)
{
	memset(info, 0, sizeof(*info));
	if (ioctl(fd, GPIOIRQ_IOC_INFO, info))
		MT_FAIL("INFO: %s", strerror(errno));
}

/*
 * Waits until the line's counters are at rest with @edges edges:
 * edges == @edges and events + dropped == edges. Returns the stats.
 */
static inline void mt_wait_rest(int fd, uint32_t handle, uint64_t edges,
				struct gpioirq_line_stats *st)
{
	int ms;

	for (ms = 0; ms < MT_TIMEOUT_MS; ms++) {
		mt_stats(fd, handle, st);
		if (st->edges == edges && st->events + st->dropped == edges)
			return;
		usleep(1000);
	}
	MT_FAIL("line %u not at rest: edges %llu (want %llu) events %llu dropped %llu",
		handle, (unsigned long long)st->edges,
		(unsigned long long)edges, (unsigned long long)st->events,
		(unsigned long long)st->dropped);
}

static inline uint64_t mt_head(struct mt_ring *r)
{
	/* Pairs with the kernel's store-release of head (B in ring.c). */
	return __atomic_load_n(&r->ctrl->head, __ATOMIC_ACQUIRE);
}

static inline uint64_t mt_tail(struct mt_ring *r)
{
	return __atomic_load_n(&r->cons->tail, __ATOMIC_RELAXED);
}

/* Takes the next event if there is one: 1, else 0. */
static inline int mt_next(struct mt_ring *r, struct gpioirq_event *ev)
{
	uint64_t tail = mt_tail(r);

	if (mt_head(r) == tail)
		return 0;
	memcpy(ev, (const void *)&r->ev[tail & r->lay.mask], sizeof(*ev));
	/* Pairs with the kernel's load-acquire of tail (A in ring.c). */
	__atomic_store_n(&r->cons->tail, tail + 1, __ATOMIC_RELEASE);
	return 1;
}

/* Waits for the next event with poll() and the wakeup flag. */
static inline void mt_wait_event(struct mt_ring *r, struct gpioirq_event *ev)
{
	struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
	uint64_t deadline = mt_now_ns(CLOCK_MONOTONIC) +
			    (uint64_t)MT_TIMEOUT_MS * 1000000;

	for (;;) {
		if (mt_next(r, ev))
			return;
		__atomic_store_n(&r->cons->wakeup, 1, __ATOMIC_RELAXED);
		/* Pairs with the kernel's smp_mb() before it loads wakeup
		 * (C in ring.c). */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!mt_next(r, ev)) {
			if (poll(&pfd, 1, 100) < 0 && errno != EINTR)
				MT_FAIL("poll: %s", strerror(errno));
		} else {
			__atomic_store_n(&r->cons->wakeup, 0, __ATOMIC_RELAXED);
			return;
		}
		__atomic_store_n(&r->cons->wakeup, 0, __ATOMIC_RELAXED);
		if (mt_now_ns(CLOCK_MONOTONIC) > deadline)
			MT_FAIL("no event within %d ms (head %llu tail %llu)",
				MT_TIMEOUT_MS,
				(unsigned long long)mt_head(r),
				(unsigned long long)mt_tail(r));
	}
}

/* The ring must hold no event. */
static inline void mt_check_empty(struct mt_ring *r)
{
	struct gpioirq_event ev;

	if (mt_next(r, &ev))
		MT_FAIL("unexpected event seqno %llu type %u edge %u",
			(unsigned long long)ev.seqno, ev.type, ev.edge);
}

static inline void mt_set_level(unsigned int offset, int v)
{
	if (sim_set_level(offset, v))
		MT_FAIL("sim_set_level(%u, %d) failed", offset, v);
}

/* Reads a whole small file into buf; returns its length or -1. */
static inline int mt_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while ((size_t)len + 1 < size &&
	       (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

#endif /* GPIOIRQ_MODTEST_H */
