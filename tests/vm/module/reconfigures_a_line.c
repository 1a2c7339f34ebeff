// SPDX-License-Identifier: GPL-2.0
/*
 * LINE_RECONFIG changes the edges, active-low and the cookie of a held line
 * in place; a bottom-half kind other than the line's, or a bad config, is
 * -EINVAL and leaves the line as it was.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_reconfig rc;
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint32_t h;

	mt_setup(NULL);
	mt_open(&r, 0);
	h = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_RISING);
	mt_set_level(0, 1);
	mt_set_level(0, 0);
	mt_wait_rest(r.fd, h, 1, &st);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(ev.cookie, 0);

	/* Bad ones first: nothing changes. */
	memset(&rc, 0, sizeof(rc));
	rc.handle = h;
	mt_config(&rc.config, GPIOIRQ_LINE_EDGE_FALLING);
	rc.config.bh = GPIOIRQ_BH_WORKQUEUE;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), EINVAL);
	mt_config(&rc.config, 0);
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), EINVAL);
	mt_config(&rc.config, GPIOIRQ_LINE_EDGE_FALLING | (1u << 9));
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), EINVAL);
	mt_config(&rc.config, GPIOIRQ_LINE_EDGE_FALLING);
	rc.config.reserved[1] = 1;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), EINVAL);
	mt_set_level(0, 1);
	mt_set_level(0, 0);
	mt_wait_rest(r.fd, h, 2, &st);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);

	/* Falling only, with a cookie; bh as requested (tasklet) is fine. */
	mt_config(&rc.config, GPIOIRQ_LINE_EDGE_FALLING);
	rc.config.bh = GPIOIRQ_BH_TASKLET;
	rc.config.cookie = 5;
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc));
	mt_set_level(0, 1);
	mt_set_level(0, 0);
	mt_wait_rest(r.fd, h, 3, &st);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_FALLING);
	EXPECT_EQ(ev.level, GPIOIRQ_LEVEL_LOW);
	EXPECT_EQ(ev.cookie, 5);
	EXPECT_EQ(ev.line_seqno, 3);

	/* Active-low rising: the raw falling edge, reported as rising, high. */
	mt_config(&rc.config, GPIOIRQ_LINE_EDGE_RISING | GPIOIRQ_LINE_ACTIVE_LOW);
	rc.config.cookie = 6;
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc));
	mt_set_level(0, 1);
	mt_set_level(0, 0);
	mt_wait_rest(r.fd, h, 4, &st);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(ev.level, GPIOIRQ_LEVEL_HIGH);
	EXPECT_EQ(ev.cookie, 6);
	mt_check_empty(&r);
	EXPECT_EQ(sim_edges(0), 4);
	mt_close(&r);
	return 0;
}
