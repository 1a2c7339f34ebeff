// SPDX-License-Identifier: GPL-2.0
/*
 * cdev.c: the GPIO character device through uAPI v2 directly, the fastest
 * way it offers: the largest event buffer the kernel allows
 * (GPIO_V2_LINES_MAX * 16 events), poll(), then read() of as many events
 * as are queued. Timestamps are the kernel's default, CLOCK_MONOTONIC,
 * taken in the hard-IRQ handler.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/gpio.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "compare.h"
#include "vmtest.h"

#define CDEV_EVENTS (GPIO_V2_LINES_MAX * 16)

int cdev_contender(const struct contender *c, struct run *r)
{
	static struct gpio_v2_line_event buf[CDEV_EVENTS];
	struct gpio_v2_line_request req;
	struct pollfd pfd;
	char path[64];
	uint64_t cpu0, sys0, now;
	ssize_t n;
	int chip, i;

	(void)c;
	count_quiet = true;
	snprintf(path, sizeof(path), "/dev/%s", sim_chip_name());
	chip = open(path, O_RDWR | O_CLOEXEC);
	if (chip < 0)
		VMTEST_FAIL("open %s: %s", path, strerror(errno));
	memset(&req, 0, sizeof(req));
	req.offsets[0] = 0;
	req.num_lines = 1;
	req.event_buffer_size = CDEV_EVENTS;
	snprintf(req.consumer, sizeof(req.consumer), "bench-cdev");
	req.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING |
			   GPIO_V2_LINE_FLAG_EDGE_FALLING;
	if (ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &req))
		VMTEST_FAIL("GPIO_V2_GET_LINE_IOCTL: %s", strerror(errno));
	count_quiet = false;

	burst_start(r);
	cpu0 = thread_cpu_ns();
	sys0 = __atomic_load_n(&count_syscalls, __ATOMIC_RELAXED);
	while (r->delivered < r->edges) {
		pfd.fd = req.fd;
		pfd.events = POLLIN;
		i = poll(&pfd, 1, IDLE_MS);
		if (i < 0)
			VMTEST_FAIL("poll: %s", strerror(errno));
		if (!i) {
			if (burst_over())
				break;
			continue;
		}
		n = read(req.fd, buf, sizeof(buf));
		if (n < 0)
			VMTEST_FAIL("read: %s", strerror(errno));
		now = now_ns();
		for (i = 0; i < n / (ssize_t)sizeof(buf[0]); i++)
			record_event(r, buf[i].timestamp_ns, now, buf[i].line_seqno,
				     buf[i].id == GPIO_V2_LINE_EVENT_RISING_EDGE ? 1 : 2,
				     false, 0, false);
	}
	r->syscalls = __atomic_load_n(&count_syscalls, __ATOMIC_RELAXED) - sys0;
	r->cpu_ns = thread_cpu_ns() - cpu0;
	close(req.fd);
	close(chip);
	return 0;
}
