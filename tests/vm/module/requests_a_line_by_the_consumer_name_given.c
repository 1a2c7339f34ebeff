// SPDX-License-Identifier: GPL-2.0
/*
 * A request with a consumer name shows the line used by that name in the
 * GPIO character device's line info (what gpioinfo shows) and in debugfs,
 * the longest name (GPIOIRQ_NAME_SIZE - 1) included; INFO says the module
 * takes it. The name is the request's own copy: the caller's buffer may
 * change or go right after the ioctl. Released, the line is unused again.
 */
#include "modtest.h"

int main(void)
{
	char name[GPIOIRQ_NAME_SIZE], longest[GPIOIRQ_NAME_SIZE];
	struct gpioirq_line_request req;
	struct gpioirq_info info;
	struct mt_ring r;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.features & GPIOIRQ_FEATURE_CONSUMER, GPIOIRQ_FEATURE_CONSUMER);

	mt_req_init(&req, 2, GPIOIRQ_LINE_EDGE_BOTH);
	snprintf(name, sizeof(name), "doorbell");
	req.consumer = (uintptr_t)name;
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req));
	EXPECT_EQ(req.handle, 0);
	snprintf(name, sizeof(name), "changed");
	EXPECT_EQ(mt_cdev_used_by(2, "doorbell"), 1);
	EXPECT_TRUE(mt_debugfs_lists("handle=0 "));
	EXPECT_TRUE(mt_debugfs_lists(" consumer=doorbell "));

	memset(longest, 'x', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = '\0';
	mt_req_init(&req, 3, GPIOIRQ_LINE_EDGE_RISING);
	req.consumer = (uintptr_t)longest;
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req));
	EXPECT_EQ(req.handle, 1);
	EXPECT_EQ(mt_cdev_used_by(3, longest), 1);

	/* No name: "gpioirq", as before. */
	EXPECT_EQ(mt_request(r.fd, 4, GPIOIRQ_LINE_EDGE_BOTH), 2);
	EXPECT_EQ(mt_cdev_used_by(4, GPIOIRQ_CONSUMER), 1);

	mt_release(r.fd, 0);
	mt_release(r.fd, 1);
	mt_release(r.fd, 2);
	EXPECT_EQ(mt_cdev_used_by(2, "doorbell"), 0);
	EXPECT_EQ(mt_cdev_used_by(3, longest), 0);
	mt_close(&r);
	return 0;
}
