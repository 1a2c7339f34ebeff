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
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/gpio.h>

#include <uapi/gpioirq.h>

#include "uapitest.h"
#include "vmtest.h"

/* The line most tests use. */
#define MT_LINE		0

#define MT_FAIL(...) VMTEST_FAIL(__VA_ARGS__)

/*
 * The raw-uAPI helpers are uapitest.h's, shared with the PL061 suite; these
 * are the names the module tests know them by (many tests, some being
 * written, use them).
 */
#define MT_TIMEOUT_MS	UT_TIMEOUT_MS
#define mt_ring		ut_ring
#define mt_now_ns	ut_now_ns
#define mt_open_dev	ut_open_dev
#define mt_map		ut_map
#define mt_open		ut_open
#define mt_close	ut_close
#define mt_config	ut_config
#define mt_release	ut_release
#define mt_stats	ut_stats
#define mt_info		ut_info
#define mt_wait_rest	ut_wait_rest
#define mt_head		ut_head
#define mt_tail		ut_tail
#define mt_next		ut_next
#define mt_wait_event	ut_wait_event
#define mt_check_empty	ut_check_empty

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

/* A request for simulator line @offset with ut_config(@flags). */
static inline void mt_req_init(struct gpioirq_line_request *req,
			       unsigned int offset, uint32_t flags)
{
	ut_req_init(req, mt_chip, offset, flags);
}

/* Requests simulator line @offset with @flags, no storm guard; returns the
 * handle. */
static inline uint32_t mt_request(int fd, unsigned int offset, uint32_t flags)
{
	return ut_request_ok(fd, mt_chip, offset, flags);
}

static inline uint32_t mt_request_cfg(int fd, unsigned int offset,
				      const struct gpioirq_line_config *c)
{
	return ut_request_cfg(fd, mt_chip, offset, c);
}

static inline void mt_set_level(unsigned int offset, int v)
{
	if (sim_set_level(offset, v))
		MT_FAIL("sim_set_level(%u, %d) failed", offset, v);
}

/*
 * The GPIO character device of the simulator, through its v2 uAPI, as
 * gpiomon and gpioinfo of libgpiod 2 use it: every kernel from 5.10 has it
 * (the v1 uAPI of libgpiod 1.6's tools is off in Debian's 7.x kernels).
 */
static inline int mt_cdev_open(void)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/dev/%s", mt_chip);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		MT_FAIL("open %s: %s", path, strerror(errno));
	return fd;
}

/*
 * Requests line @offset as an input with both edges, consumer @consumer, as
 * gpiomon does. Returns the request's fd (close it to give the line back),
 * or -1 with errno set.
 */
static inline int mt_cdev_request(unsigned int offset, const char *consumer)
{
	struct gpio_v2_line_request lr;
	int chip = mt_cdev_open(), ret, err;

	memset(&lr, 0, sizeof(lr));
	lr.offsets[0] = offset;
	lr.num_lines = 1;
	lr.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING |
			  GPIO_V2_LINE_FLAG_EDGE_FALLING;
	snprintf(lr.consumer, sizeof(lr.consumer), "%s", consumer);
	ret = ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &lr);
	err = errno;
	close(chip);
	errno = err;
	return ret < 0 ? -1 : lr.fd;
}

/*
 * What the character device says of line @offset: 1 used by @consumer, 0
 * unused; a line used by another consumer fails the test.
 */
static inline int mt_cdev_used_by(unsigned int offset, const char *consumer)
{
	struct gpio_v2_line_info li;
	int chip = mt_cdev_open();

	memset(&li, 0, sizeof(li));
	li.offset = offset;
	if (ioctl(chip, GPIO_V2_GET_LINEINFO_IOCTL, &li))
		MT_FAIL("GPIO_V2_GET_LINEINFO_IOCTL %u: %s", offset, strerror(errno));
	close(chip);
	if (!(li.flags & GPIO_V2_LINE_FLAG_USED))
		return 0;
	if (strcmp(li.consumer, consumer))
		MT_FAIL("line %u is used by '%s', not '%s'", offset, li.consumer, consumer);
	return 1;
}

/* /sys/kernel/debug/gpioirq/lines has @needle in it now. */
static inline int mt_debugfs_lists(const char *needle)
{
	static char buf[65536];

	if (vmtest_read("/sys/kernel/debug/gpioirq/lines", buf, sizeof(buf)) < 0)
		MT_FAIL("cannot read /sys/kernel/debug/gpioirq/lines");
	return strstr(buf, needle) != NULL;
}

/* The running kernel is release @major.@minor or later (uname -r). */
static inline int mt_kernel_at_least(unsigned int major, unsigned int minor)
{
	struct utsname u;
	unsigned int ma, mi;

	if (uname(&u) || sscanf(u.release, "%u.%u", &ma, &mi) != 2)
		MT_FAIL("cannot read the kernel release");
	return ma > major || (ma == major && mi >= minor);
}

#endif /* GPIOIRQ_MODTEST_H */
