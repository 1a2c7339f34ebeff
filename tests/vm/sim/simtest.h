/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the simulator's own tests share: requesting one of its lines through
 * the kernel's GPIO character device (uAPI v2), so that its interrupt is
 * requested and unmasked with the trigger the test wants. Header-only: each
 * .c file of this directory is a test program.
 */
#ifndef GPIOIRQ_SIMTEST_H
#define GPIOIRQ_SIMTEST_H

#include <fcntl.h>
#include <linux/gpio.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vmtest.h"

/* Loads a fresh simulator with @params; fails the test if it cannot. */
static inline const char *st_setup(const char *params)
{
	const char *chip;

	if (sim_load(params))
		VMTEST_FAIL("modprobe gpioirq-sim %s: %s", params ? params : "",
			    strerror(errno));
	chip = sim_chip_name();
	if (!chip)
		VMTEST_FAIL("no %s/chip", SIM_DEBUGFS);
	return chip;
}

/*
 * Requests line @off of chip @chip as an input with GPIO_V2_LINE_FLAG_*
 * @flags through the GPIO character device; returns the line's fd, or -1
 * with errno set.
 */
static inline int st_cdev_request(const char *chip, unsigned int off,
				  unsigned long long flags)
{
	struct gpio_v2_line_request req;
	char path[64];
	int fd, ret, err;

	snprintf(path, sizeof(path), "/dev/%s", chip);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	memset(&req, 0, sizeof(req));
	req.offsets[0] = off;
	req.num_lines = 1;
	snprintf(req.consumer, sizeof(req.consumer), "sim-test");
	req.config.flags = GPIO_V2_LINE_FLAG_INPUT | flags;
	ret = ioctl(fd, GPIO_V2_GET_LINE_IOCTL, &req);
	err = errno;
	close(fd);
	if (ret) {
		errno = err;
		return -1;
	}
	return req.fd;
}

#define ST_BOTH (GPIO_V2_LINE_FLAG_EDGE_RISING | GPIO_V2_LINE_FLAG_EDGE_FALLING)

#endif /* GPIOIRQ_SIMTEST_H */
