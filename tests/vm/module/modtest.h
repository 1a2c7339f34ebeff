/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the in-guest tests of gpioirq.ko share: loading the modules, opening
 * /dev/gpioirq with its ring mapped, requesting lines of the simulator,
 * reading events, waiting for counters. Header-only, because every .c file
 * of this directory is a test program of its own.
 *
 * Each test exits 0 (pass), 1 (fail) or 77 (skip); checks are vmtest.h's
 * EXPECT_* macros, which print where and why, then exit 1.
 */
#ifndef GPIOIRQ_MODTEST_H
#define GPIOIRQ_MODTEST_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
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

#define MT_FAIL(...) VMTEST_FAIL(__VA_ARGS__)

static inline uint64_t mt_now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

/* The simulator's device name ("gpiochipN"), as mt_setup() found it. */
static char mt_chip[GPIOIRQ_NAME_SIZE];

/*
 * Loads gpioirq and a fresh simulator (module parameters @sim_params such as
 * "can_sleep=1", NULL for the defaults: 8 lines), so every test starts from
 * zeroed simulator counters.
 */
static inline void mt_setup(const char *sim_params)
{
	if (sim_load(sim_params))
		MT_FAIL("loading gpioirq-sim %s: %s", sim_params ? sim_params : "",
			strerror(errno));
	if (module_load())
		MT_FAIL("loading gpioirq: %s", strerror(errno));
	if (!sim_chip_name())
		MT_FAIL("no simulator chip name");
	/* Once, so that threads can use it (sim_chip_name() is not). */
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

#endif /* GPIOIRQ_MODTEST_H */
