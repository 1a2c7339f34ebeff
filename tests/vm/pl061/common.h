/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the PL061 tests share. They run in the arm64 guest (QEMU's virt
 * machine) on the kernel's real PL061 driver, against the raw uAPI of
 * include/uapi/gpioirq.h (uapitest.h's helpers, shared with the module
 * suite), and ask the host to drive the PL061's input lines (pl061.h). Each
 * test program is one test: exit 0 pass, 1 fail, 77 skip; a failed check
 * (vmtest.h's EXPECT_*) prints where and why. Header-only: every .c file of
 * this folder is a test program of its own.
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
 * is late by less than that loses no edge (the PL061 latches one per line);
 * the width test, down to 2 ms, drives a train again when its timestamps
 * show the vCPU took two edges as one interrupt.
 */
#ifndef PL061_COMMON_H
#define PL061_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <uapi/gpioirq.h>

#include "pl061.h"
#include "uapitest.h"
#include "vmtest.h"

/* The median width measured in the guest is within this of the host's. */
#define P6_WIDTH_TOL_NS	1000000ull
/* A host whose edges were this late was busy: its timings say little. */
#define P6_BUSY_NS	(P6_WIDTH_TOL_NS / 2)

static inline uint64_t p6_drive(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* Requests PL061 line @offset with @flags (no storm guard, the bottom half
 * AUTO picks); returns -1 with errno on failure. */
static inline int p6_request(int fd, unsigned int offset, uint32_t flags,
			     uint32_t *handle)
{
	return ut_request(fd, PL061_LABEL, offset, flags, handle);
}

/*
 * The PL061 latches an edge while its line is free (its raw interrupt
 * status), and the request that enables the line's interrupt then takes it
 * at once: an event at the request's time, flagged missed (the level did
 * not change), for an edge from before the request. Earlier tests leave
 * such edges (a train going on after its line was released, the levels
 * driven low here). A request of each free line takes them (a line
 * gpio-keys holds fails EBUSY, and keeps its own), so that a test's first
 * event is its own.
 */
static inline void p6_take_latched(void)
{
	struct ut_ring r;
	uint32_t h;

	ut_open(&r, 0);
	for (unsigned int off = 0; off < 8; off++)
		p6_request(r.fd, off, GPIOIRQ_LINE_EDGE_BOTH, &h);
	usleep(20000);
	ut_close(&r);
}

/* Loads gpioirq, checks the PL061 is there, drives lines 0-7 low, takes
 * the edges the PL061 latched meanwhile. */
static inline void p6_setup(void)
{
	if (access("/sys/bus/amba/drivers/pl061_gpio", F_OK))
		vmtest_skip("no PL061 driver here (not the arm64 target)");
	if (vmtest_sh("modprobe gpioirq"))
		VMTEST_FAIL("modprobe gpioirq failed");
	p6_drive("level 0,1,2,3,4,5,6,7 0");
	p6_take_latched();
}

/* As p6_request(), failing the test when it fails. */
static inline uint32_t p6_request_ok(int fd, unsigned int offset,
				     uint32_t flags)
{
	return ut_request_ok(fd, PL061_LABEL, offset, flags);
}

static inline uint64_t p6_vdrive(const char *fmt, va_list ap)
{
	unsigned long late_us;
	char req[256];

	vsnprintf(req, sizeof(req), fmt, ap);
	if (pl061_drive(req, &late_us))
		VMTEST_FAIL("pl061_drive(\"%s\"): %s", req, strerror(errno));
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
		VMTEST_FAIL("pl061_drive(\"%s\"): %s", req, strerror(errno));
	if (got != n)
		VMTEST_FAIL("pl061_drive(\"%s\"): %u intervals, expected %u",
			    req, got, n);
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
		VMTEST_FAIL("fork: %s", strerror(errno));
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
			VMTEST_FAIL("waitpid: %s", strerror(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		VMTEST_FAIL("the host did not drive the lines (status %d)", st);
}

#endif /* PL061_COMMON_H */
