// SPDX-License-Identifier: GPL-2.0
/*
 * A line is requested by the chip's device name or label, shows in the GPIO
 * character device's line info (what gpioinfo shows) as used by consumer
 * "gpioirq" and in debugfs, gets the lowest free handle, and is given back
 * by LINE_RELEASE: its handle is then unknown (-ENOENT), the line info shows
 * it unused and it can be requested again.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_request req;
	struct gpioirq_line_handle lh = { 0 };
	struct gpioirq_line_stats st;
	struct gpioirq_info info;
	struct mt_ring r;
	char needle[96];
	uint32_t h0, h1;

	mt_setup(NULL);
	mt_open(&r, 0);

	h0 = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_EQ(h0, 0);
	/* By label this time. */
	mt_req_init(&req, 5, GPIOIRQ_LINE_EDGE_RISING);
	snprintf(req.chip, sizeof(req.chip), "gpioirq-sim");
	req.handle = 1234;
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req));
	h1 = req.handle;
	EXPECT_EQ(h1, 1);

	mt_info(r.fd, &info);
	EXPECT_EQ(info.files, 1);
	EXPECT_EQ(info.lines, 2);
	snprintf(needle, sizeof(needle), "handle=0 chip=%s offset=0 ",
		 mt_chip);
	EXPECT_TRUE(mt_debugfs_lists(needle));
	EXPECT_TRUE(mt_debugfs_lists("handle=1 chip=gpioirq-sim offset=5 "));
	EXPECT_TRUE(mt_debugfs_lists("edge=rising"));

	EXPECT_EQ(mt_cdev_used_by(0, GPIOIRQ_CONSUMER), 1);
	EXPECT_EQ(mt_cdev_used_by(5, GPIOIRQ_CONSUMER), 1);
	EXPECT_EQ(mt_cdev_used_by(1, GPIOIRQ_CONSUMER), 0);

	mt_release(r.fd, h0);
	lh.handle = h0;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RELEASE, &lh), ENOENT);
	st.handle = h0;
	st.padding = 0;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_STATS, &st), ENOENT);
	EXPECT_TRUE(!mt_debugfs_lists(needle));
	EXPECT_EQ(mt_cdev_used_by(0, GPIOIRQ_CONSUMER), 0);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 1);

	/* The lowest free handle again; the line is free to take again. */
	EXPECT_EQ(mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_FALLING), 0);
	mt_release(r.fd, 0);
	mt_release(r.fd, h1);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 0);
	EXPECT_TRUE(!mt_debugfs_lists("chip="));
	mt_close(&r);
	return 0;
}
