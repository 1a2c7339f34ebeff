/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the PL061 tests share. They run in the arm64 guest (QEMU's virt
 * machine) on the kernel's real PL061 driver, against the raw uAPI of
 * include/uapi/gpioirq.h, and ask the host to drive the PL061's input lines
 * (pl061.h). Each test program is one test: exit 0 pass, 1 fail, 77 skip; a
 * failed check prints where and why.
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

#include <stdint.h>
#include <sys/types.h>

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

void p6_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));
void p6_skip(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

/* Runs a shell command; returns its exit status (-1 if it did not exit). */
int p6_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

uint64_t p6_now_ns(void);

/* Loads gpioirq, checks the PL061 is there, drives lines 0-7 low. */
void p6_setup(void);

/* An open /dev/gpioirq with its ring mapped. */
struct p6_ring {
	int fd;
	struct gpioirq_ring_layout lay;
	void *prod;
	volatile struct gpioirq_ring_ctrl *ctrl;
	volatile struct gpioirq_event *ev;
	volatile struct gpioirq_ring_consumer *cons;
};

/* Opens the device, sets up a ring of @entries (0: default), maps it. */
void p6_open(struct p6_ring *r, uint32_t entries);
void p6_close(struct p6_ring *r);

/* Requests PL061 line @offset with @flags (no storm guard, tasklet or
 * whatever AUTO picks); returns -1 with errno on failure. */
int p6_request(int fd, unsigned int offset, uint32_t flags, uint32_t *handle);
/* As p6_request(), failing the test when it fails. */
uint32_t p6_request_ok(int fd, unsigned int offset, uint32_t flags);
void p6_release(int fd, uint32_t handle);
void p6_stats(int fd, uint32_t handle, struct gpioirq_line_stats *st);

/* Takes the next event if there is one: 1, else 0. */
int p6_next(struct p6_ring *r, struct gpioirq_event *ev);
/* Waits up to P6_TIMEOUT_MS for the next event; fails the test otherwise. */
void p6_wait_event(struct p6_ring *r, struct gpioirq_event *ev);
uint64_t p6_head(struct p6_ring *r);

/* Asks the host to drive (pl061.h); fails the test when it cannot.
 * Returns the host's worst lateness in ns. */
uint64_t p6_drive(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* p6_drive() of a short train, with the intervals between its edges as the
 * host applied them (pl061_drive_timed()); fails unless there are @n. */
uint64_t p6_drive_timed(uint64_t *interval_ns, unsigned int n,
			const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same in a child process running pl061-drive (which holds nothing of
 * the caller's), for tests that act while pulses arrive. */
pid_t p6_drive_async(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Waits for a p6_drive_async() child; fails the test if its request failed. */
void p6_drive_wait(pid_t pid);

#endif
