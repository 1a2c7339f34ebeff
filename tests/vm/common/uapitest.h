/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uapitest: the raw uAPI of include/uapi/gpioirq.h as in-guest tests use it,
 * without the library: open /dev/gpioirq, set up and map its ring, request,
 * release and inspect lines, take events off the ring. Shared by the module
 * suite (tests/vm/module, lines of the simulator) and the PL061 suite
 * (tests/vm/pl061, lines of the arm64 guest's PL061); each names its chip.
 *
 * Header-only, because every .c file of those folders is a test program of
 * its own. Helpers named *_ok and those without a return value fail the test
 * on error with vmtest.h's VMTEST_FAIL (prints file:line and why, exits 1);
 * ut_request() returns -1 with errno set, for tests that expect a failure.
 */
#ifndef GPIOIRQ_UAPITEST_H
#define GPIOIRQ_UAPITEST_H

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <uapi/gpioirq.h>

#include "vmtest.h"

/* How long a test waits for an event or a count before it fails. */
#define UT_TIMEOUT_MS	10000

static inline uint64_t ut_now_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* An open /dev/gpioirq with its ring mapped. */
struct ut_ring {
	int fd;
	struct gpioirq_ring_layout lay;
	void *prod;
	volatile struct gpioirq_ring_ctrl *ctrl;
	volatile struct gpioirq_event *ev;
	volatile struct gpioirq_ring_consumer *cons;
};

static inline int ut_open_dev(void)
{
	int fd = open(GPIOIRQ_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		VMTEST_FAIL("open %s: %s", GPIOIRQ_DEVICE_PATH, strerror(errno));
	return fd;
}

/* Maps the ring of @r->fd as RING_SETUP laid it out in @r->lay. */
static inline void ut_map(struct ut_ring *r)
{
	void *cons;

	r->prod = mmap(NULL, r->lay.producer_size, PROT_READ, MAP_SHARED,
		       r->fd, (off_t)r->lay.producer_offset);
	if (r->prod == MAP_FAILED)
		VMTEST_FAIL("mmap producer: %s", strerror(errno));
	cons = mmap(NULL, r->lay.consumer_size, PROT_READ | PROT_WRITE,
		    MAP_SHARED, r->fd, (off_t)r->lay.consumer_offset);
	if (cons == MAP_FAILED)
		VMTEST_FAIL("mmap consumer: %s", strerror(errno));
	r->ctrl = r->prod;
	r->ev = (void *)((char *)r->prod + r->lay.events_offset);
	r->cons = cons;
}

/* Opens the device, sets up a ring of @entries (0: default), maps it. */
static inline void ut_open(struct ut_ring *r, unsigned int entries)
{
	memset(r, 0, sizeof(*r));
	r->fd = ut_open_dev();
	r->lay.entries = entries;
	if (ioctl(r->fd, GPIOIRQ_IOC_RING_SETUP, &r->lay))
		VMTEST_FAIL("RING_SETUP %u: %s", entries, strerror(errno));
	ut_map(r);
}

static inline void ut_close(struct ut_ring *r)
{
	munmap(r->prod, r->lay.producer_size);
	munmap((void *)r->cons, r->lay.consumer_size);
	close(r->fd);
	r->fd = -1;
}

/* A line configuration of @flags, no storm guard, the rest zero. */
static inline void ut_config(struct gpioirq_line_config *c, uint32_t flags)
{
	memset(c, 0, sizeof(*c));
	c->flags = flags;
	c->storm_limit = GPIOIRQ_STORM_OFF;
}

/* A request for line @offset of @chip with ut_config(@flags). */
static inline void ut_req_init(struct gpioirq_line_request *req,
			       const char *chip, unsigned int offset,
			       uint32_t flags)
{
	memset(req, 0, sizeof(*req));
	snprintf(req->chip, sizeof(req->chip), "%s", chip);
	req->offset = offset;
	ut_config(&req->config, flags);
}

/* Requests line @offset of @chip with ut_config(@flags) and stores the
 * handle in *@handle; returns -1 with errno set on failure. */
static inline int ut_request(int fd, const char *chip, unsigned int offset,
			     uint32_t flags, uint32_t *handle)
{
	struct gpioirq_line_request req;

	ut_req_init(&req, chip, offset, flags);
	if (ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, &req))
		return -1;
	*handle = req.handle;
	return 0;
}

/* As ut_request(), failing the test when it fails; returns the handle. */
static inline uint32_t ut_request_ok(int fd, const char *chip,
				     unsigned int offset, uint32_t flags)
{
	uint32_t handle;

	if (ut_request(fd, chip, offset, flags, &handle))
		VMTEST_FAIL("LINE_REQUEST %s %u: %s", chip, offset,
			    strerror(errno));
	return handle;
}

/* Requests line @offset of @chip with the configuration @c; returns the
 * handle, fails the test when it cannot. */
static inline uint32_t ut_request_cfg(int fd, const char *chip,
				      unsigned int offset,
				      const struct gpioirq_line_config *c)
{
	struct gpioirq_line_request req;

	ut_req_init(&req, chip, offset, 0);
	req.config = *c;
	if (ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, &req))
		VMTEST_FAIL("LINE_REQUEST %s %u: %s", req.chip, offset,
			    strerror(errno));
	return req.handle;
}

static inline void ut_release(int fd, uint32_t handle)
{
	struct gpioirq_line_handle lh = { .handle = handle };

	if (ioctl(fd, GPIOIRQ_IOC_LINE_RELEASE, &lh))
		VMTEST_FAIL("LINE_RELEASE %u: %s", handle, strerror(errno));
}

static inline void ut_stats(int fd, uint32_t handle,
			    struct gpioirq_line_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->handle = handle;
	if (ioctl(fd, GPIOIRQ_IOC_LINE_STATS, st))
		VMTEST_FAIL("LINE_STATS %u: %s", handle, strerror(errno));
}

static inline void ut_info(int fd, struct gpioirq_info *info)
{
	memset(info, 0, sizeof(*info));
	if (ioctl(fd, GPIOIRQ_IOC_INFO, info))
		VMTEST_FAIL("INFO: %s", strerror(errno));
}

/*
 * Waits until the line's counters are at rest with @edges edges:
 * edges == @edges and events + dropped == edges. Returns the stats.
 */
static inline void ut_wait_rest(int fd, uint32_t handle, uint64_t edges,
				struct gpioirq_line_stats *st)
{
	int ms;

	for (ms = 0; ms < UT_TIMEOUT_MS; ms++) {
		ut_stats(fd, handle, st);
		if (st->edges == edges && st->events + st->dropped == edges) {
			vmtest_waiting(NULL);
			return;
		}
		vmtest_waiting("line %u at rest with %llu edges: edges %llu events %llu dropped %llu",
			       handle, (unsigned long long)edges,
			       (unsigned long long)st->edges,
			       (unsigned long long)st->events,
			       (unsigned long long)st->dropped);
		usleep(1000);
	}
	VMTEST_FAIL("line %u not at rest: edges %llu (want %llu) events %llu dropped %llu",
		    handle, (unsigned long long)st->edges,
		    (unsigned long long)edges, (unsigned long long)st->events,
		    (unsigned long long)st->dropped);
}

static inline uint64_t ut_head(struct ut_ring *r)
{
	/* Pairs with the kernel's store-release of head (B in ring.c). */
	return __atomic_load_n(&r->ctrl->head, __ATOMIC_ACQUIRE);
}

static inline uint64_t ut_tail(struct ut_ring *r)
{
	/* Only this process writes tail. */
	return __atomic_load_n(&r->cons->tail, __ATOMIC_RELAXED);
}

/* Takes the next event if there is one: 1, else 0. */
static inline int ut_next(struct ut_ring *r, struct gpioirq_event *ev)
{
	uint64_t tail = ut_tail(r);

	if (ut_head(r) == tail)
		return 0;
	memcpy(ev, (const void *)&r->ev[tail & r->lay.mask], sizeof(*ev));
	/* Pairs with the kernel's load-acquire of tail (A in ring.c). */
	__atomic_store_n(&r->cons->tail, tail + 1, __ATOMIC_RELEASE);
	return 1;
}

/* Waits up to UT_TIMEOUT_MS for the next event, with poll() and the wakeup
 * flag; fails the test when none comes. */
static inline void ut_wait_event(struct ut_ring *r, struct gpioirq_event *ev)
{
	struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
	uint64_t deadline = ut_now_ns(CLOCK_MONOTONIC) +
			    (uint64_t)UT_TIMEOUT_MS * 1000000;

	vmtest_waiting("an event on fd %d (head %llu tail %llu)", r->fd,
		       (unsigned long long)ut_head(r),
		       (unsigned long long)ut_tail(r));
	for (;;) {
		if (ut_next(r, ev)) {
			vmtest_waiting(NULL);
			return;
		}
		__atomic_store_n(&r->cons->wakeup, 1, __ATOMIC_RELAXED);
		/* Pairs with the kernel's smp_mb() before it loads wakeup
		 * (C in ring.c). */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!ut_next(r, ev)) {
			if (poll(&pfd, 1, 100) < 0 && errno != EINTR)
				VMTEST_FAIL("poll: %s", strerror(errno));
		} else {
			__atomic_store_n(&r->cons->wakeup, 0, __ATOMIC_RELAXED);
			vmtest_waiting(NULL);
			return;
		}
		__atomic_store_n(&r->cons->wakeup, 0, __ATOMIC_RELAXED);
		if (ut_now_ns(CLOCK_MONOTONIC) > deadline) {
			/* Where the edge stopped: never raised, never taken
			 * by the top half, or never published. */
			vmtest_sh("cat /sys/kernel/debug/gpioirq/lines; "
				  "grep -i -e gpio -e pl061 /proc/interrupts");
			VMTEST_FAIL("no event within %d ms (head %llu tail %llu)",
				    UT_TIMEOUT_MS,
				    (unsigned long long)ut_head(r),
				    (unsigned long long)ut_tail(r));
		}
	}
}

/* The ring must hold no event. */
static inline void ut_check_empty(struct ut_ring *r)
{
	struct gpioirq_event ev;

	if (ut_next(r, &ev))
		VMTEST_FAIL("unexpected event seqno %llu type %u edge %u",
			    (unsigned long long)ev.seqno, ev.type, ev.edge);
}

#endif /* GPIOIRQ_UAPITEST_H */
