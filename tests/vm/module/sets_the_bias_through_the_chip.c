// SPDX-License-Identifier: GPL-2.0
/*
 * The bias flags reach the chip through set_config: the simulator reports
 * pull-up, pull-down, and none for BIAS_DISABLED; RECONFIG changes it.
 */
#include "modtest.h"

static void check_pull(unsigned int off, const char *want)
{
	EXPECT_STREQ(sim_pull(off), want);
}

int main(void)
{
	struct gpioirq_line_reconfig rc;
	struct mt_ring r;
	uint32_t h;

	mt_setup(NULL);
	mt_open(&r, 0);
	check_pull(0, "none");
	h = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH | GPIOIRQ_LINE_BIAS_PULL_UP);
	check_pull(0, "pull-up");
	mt_request(r.fd, 1, GPIOIRQ_LINE_EDGE_BOTH | GPIOIRQ_LINE_BIAS_PULL_DOWN);
	check_pull(1, "pull-down");

	memset(&rc, 0, sizeof(rc));
	rc.handle = h;
	mt_config(&rc.config, GPIOIRQ_LINE_EDGE_BOTH | GPIOIRQ_LINE_BIAS_PULL_DOWN);
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc));
	check_pull(0, "pull-down");
	mt_config(&rc.config, GPIOIRQ_LINE_EDGE_BOTH | GPIOIRQ_LINE_BIAS_DISABLED);
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc));
	check_pull(0, "none");
	mt_close(&r);
	return 0;
}
