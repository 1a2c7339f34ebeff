// SPDX-License-Identifier: GPL-2.0
/*
 * A line held by gpioirq cannot be taken through the GPIO character device
 * (as gpiomon takes it): -EBUSY. A free line can, and so can the line once
 * LINE_RELEASE gave it back.
 */
#include "modtest.h"

int main(void)
{
	struct mt_ring r;
	uint32_t h;
	int fd;

	mt_setup(NULL);
	mt_open(&r, 0);
	h = mt_request(r.fd, 2, GPIOIRQ_LINE_EDGE_BOTH);

	EXPECT_ERRNO(mt_cdev_request(2, "gpiomon"), EBUSY);
	EXPECT_EQ(mt_cdev_used_by(2, GPIOIRQ_CONSUMER), 1);

	fd = mt_cdev_request(3, "gpiomon");
	EXPECT_TRUE(fd >= 0);
	EXPECT_EQ(mt_cdev_used_by(3, "gpiomon"), 1);
	EXPECT_OK(close(fd));

	mt_release(r.fd, h);
	fd = mt_cdev_request(2, "gpiomon");
	EXPECT_TRUE(fd >= 0);
	EXPECT_OK(close(fd));
	mt_close(&r);
	return 0;
}
