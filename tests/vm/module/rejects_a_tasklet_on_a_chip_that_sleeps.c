// SPDX-License-Identifier: GPL-2.0
/*
 * On a chip that sleeps, GPIOIRQ_BH_TASKLET is -EINVAL and software debounce
 * (the chip has none) is -EOPNOTSUPP; neither leaves the line held.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_request req;
	struct gpioirq_info info;
	struct mt_ring r;

	mt_setup("can_sleep=1");
	mt_open(&r, 0);
	mt_req_init(&req, 0, GPIOIRQ_LINE_EDGE_BOTH);
	req.config.bh = GPIOIRQ_BH_TASKLET;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req), EINVAL);

	mt_req_init(&req, 0, GPIOIRQ_LINE_EDGE_BOTH);
	req.config.debounce_us = 1000;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req), EOPNOTSUPP);

	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 0);
	EXPECT_EQ(mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH), 0);
	mt_close(&r);
	return 0;
}
