// SPDX-License-Identifier: GPL-2.0
/*
 * Every malformed LINE_REQUEST fails with its own errno and leaves nothing
 * behind: no line held, no default ring set up, the line still free.
 */
#include "modtest.h"

static int fd;

static int request(const struct gpioirq_line_request *req)
{
	struct gpioirq_line_request copy = *req;

	return ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, &copy);
}

int main(void)
{
	struct gpioirq_line_request good, req;
	struct gpioirq_ring_layout lay;
	struct gpioirq_info info;

	mt_setup(NULL);
	fd = mt_open_dev();
	mt_req_init(&good, 1, GPIOIRQ_LINE_EDGE_BOTH);

#define BAD(field_change, e)                                          \
	do {                                                          \
		req = good;                                           \
		field_change;                                         \
		EXPECT_ERRNO(request(&req), e);                        \
	} while (0)

	BAD(req.config.flags |= 1u << 6, EINVAL);
	BAD(req.config.flags |= 1u << 31, EINVAL);
	BAD(req.config.flags = GPIOIRQ_LINE_ACTIVE_LOW, EINVAL);
	BAD(req.config.flags = 0, EINVAL);
	BAD(req.config.flags |= GPIOIRQ_LINE_BIAS_PULL_UP |
				GPIOIRQ_LINE_BIAS_PULL_DOWN, EINVAL);
	BAD(req.config.flags |= GPIOIRQ_LINE_BIAS_PULL_UP |
				GPIOIRQ_LINE_BIAS_DISABLED, EINVAL);
	BAD(req.config.flags |= GPIOIRQ_LINE_BIAS_PULL_DOWN |
				GPIOIRQ_LINE_BIAS_DISABLED, EINVAL);
	BAD(req.config.debounce_us = GPIOIRQ_DEBOUNCE_MAX_US + 1, EINVAL);
	BAD(req.config.bh = GPIOIRQ_BH_DIRECT + 1, EINVAL);
	BAD(req.config.clock = GPIOIRQ_CLOCK_BOOTTIME + 1, EINVAL);
	BAD(req.config.padding = 1, EINVAL);
	BAD(req.config.reserved[0] = 1, EINVAL);
	BAD(req.config.reserved[1] = 1ull << 63, EINVAL);
	BAD(req.reserved[0] = 1, EINVAL);
	BAD(req.consumer = (uintptr_t)"", EINVAL);
	BAD(req.consumer = (uintptr_t)"two words", EINVAL);
	BAD(req.consumer = (uintptr_t)"tab\t", EINVAL);
	BAD(req.consumer = (uintptr_t)"0123456789abcdef0123456789abcdef", EINVAL);
	BAD(req.consumer = 1, EFAULT);
	BAD(req.consumer = ~0ull, EFAULT);
	BAD(memset(req.chip, 'a', sizeof(req.chip)), EINVAL);
	BAD(snprintf(req.chip, sizeof(req.chip), "no-such-chip"), ENODEV);
	BAD(snprintf(req.chip, sizeof(req.chip), "gpiochip999"), ENODEV);
	BAD(req.chip[0] = '\0', ENODEV);
	BAD(req.offset = 8, EINVAL);
	BAD(req.offset = 0xffffffffu, EINVAL);
	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, NULL), EFAULT);

	/* Nothing was left: no line, no ring. */
	mt_info(fd, &info);
	EXPECT_EQ(info.lines, 0);
	memset(&lay, 0, sizeof(lay));
	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay), ENODEV);

	/* The good one works; twice is EBUSY, and leaves the first alone. */
	req = good;
	EXPECT_OK(ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, &req));
	EXPECT_EQ(req.handle, 0);
	EXPECT_ERRNO(request(&good), EBUSY);
	mt_info(fd, &info);
	EXPECT_EQ(info.lines, 1);
	EXPECT_OK(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay));
	EXPECT_EQ(lay.entries, GPIOIRQ_RING_DEFAULT_ENTRIES);
	close(fd);
	return 0;
}
