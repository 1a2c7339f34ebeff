// SPDX-License-Identifier: GPL-2.0
/*
 * The GPIO character device and gpioirq exclude each other on a PL061 line:
 * while a cdev line request holds it, gpioirq's request fails with EBUSY;
 * once the cdev request is closed gpioirq gets it; and while gpioirq holds
 * it, the cdev's request fails with EBUSY.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/gpio.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "common.h"

#define LINE 4

/* The gpiochip character device of the PL061. */
static int open_chip(void)
{
	for (int i = 0; i < 16; i++) {
		struct gpiochip_info info;
		char path[32];
		int fd;

		snprintf(path, sizeof(path), "/dev/gpiochip%d", i);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (!ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, &info) &&
		    !strcmp(info.label, PL061_LABEL))
			return fd;
		close(fd);
	}
	VMTEST_FAIL("no gpiochip labelled %s", PL061_LABEL);
}

/* A cdev (v2) request of LINE as an input; returns the request's fd. */
static int cdev_request(int chip)
{
	struct gpio_v2_line_request req;

	memset(&req, 0, sizeof(req));
	req.offsets[0] = LINE;
	req.num_lines = 1;
	req.config.flags = GPIO_V2_LINE_FLAG_INPUT;
	snprintf(req.consumer, sizeof(req.consumer), "p6-test");
	if (ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &req))
		return -1;
	return req.fd;
}

int main(void)
{
	struct ut_ring r;
	int chip, lfd;
	uint32_t h;

	p6_setup();
	chip = open_chip();
	ut_open(&r, 0);

	lfd = cdev_request(chip);
	if (lfd < 0)
		VMTEST_FAIL("cdev request: %m");
	EXPECT_ERRNO(p6_request(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH, &h), EBUSY);
	close(lfd);

	h = p6_request_ok(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_ERRNO(cdev_request(chip), EBUSY);
	ut_release(r.fd, h);
	lfd = cdev_request(chip);
	if (lfd < 0)
		VMTEST_FAIL("cdev request after release: %m");
	close(lfd);
	close(chip);
	ut_close(&r);
	return 0;
}
