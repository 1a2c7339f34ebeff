// SPDX-License-Identifier: GPL-2.0
/*
 * On a chip that sleeps, GPIOIRQ_BH_WORKQUEUE_BH is -EINVAL (it runs in
 * softirq context, like a tasklet); before kernel 6.9, which has no BH
 * workqueue, it is -EOPNOTSUPP. Neither leaves the line held.
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
	req.config.bh = GPIOIRQ_BH_WORKQUEUE_BH;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req),
		     mt_kernel_at_least(6, 9) ? EINVAL : EOPNOTSUPP);

	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 0);
	EXPECT_EQ(mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH), 0);
	mt_close(&r);
	return 0;
}
