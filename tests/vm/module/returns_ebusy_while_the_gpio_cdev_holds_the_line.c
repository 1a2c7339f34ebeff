// SPDX-License-Identifier: GPL-2.0
/*
 * A line held through the GPIO character device (as gpiomon holds it) gives
 * -EBUSY to LINE_REQUEST, which leaves nothing behind; once the holder lets
 * go, the request succeeds.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_request req;
	struct gpioirq_info info;
	struct mt_ring r;
	int fd;

	mt_setup(NULL);
	fd = mt_cdev_request(3, "gpiomon");
	EXPECT_TRUE(fd >= 0);
	EXPECT_EQ(mt_cdev_used_by(3, "gpiomon"), 1);

	mt_open(&r, 0);
	mt_req_init(&req, 3, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req), EBUSY);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 0);
	EXPECT_EQ(mt_cdev_used_by(3, "gpiomon"), 1);

	EXPECT_OK(close(fd));
	EXPECT_EQ(mt_request(r.fd, 3, GPIOIRQ_LINE_EDGE_BOTH), 0);
	EXPECT_EQ(mt_cdev_used_by(3, GPIOIRQ_CONSUMER), 1);
	mt_close(&r);
	return 0;
}
