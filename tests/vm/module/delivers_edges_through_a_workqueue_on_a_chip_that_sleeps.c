// SPDX-License-Identifier: GPL-2.0
/*
 * On a chip that sleeps (gpioirq-sim can_sleep=1), GPIOIRQ_BH_AUTO picks the
 * workqueue. The top half cannot read the level: events say
 * GPIOIRQ_LEVEL_UNKNOWN, and on a both-edges line the bottom half derives the
 * alternating directions from the level it reads. A rising-only line gets
 * only rising edges.
 */
#include "modtest.h"

int main(void)
{
	static char buf[65536];
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint64_t before[8], after[8];
	uint32_t hb, hr;
	int i;

	mt_setup("can_sleep=1");
	mt_open(&r, 0);
	hb = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	hr = mt_request(r.fd, 1, GPIOIRQ_LINE_EDGE_RISING);
	EXPECT_TRUE(vmtest_read("/sys/kernel/debug/gpioirq/lines", buf, sizeof(buf)) > 0);
	EXPECT_TRUE(strstr(buf, "handle=0 ") && strstr(buf, "bh=workqueue clock"));
	EXPECT_TRUE(!strstr(buf, "bh=tasklet"));

	for (i = 0; i < 8; i++) {
		before[i] = mt_now_ns(CLOCK_MONOTONIC);
		mt_set_level(0, !(i & 1));
		after[i] = mt_now_ns(CLOCK_MONOTONIC);
		/* One edge at a time: the level the bh reads is this one's. */
		mt_wait_rest(r.fd, hb, i + 1, &st);
	}
	for (i = 0; i < 8; i++) {
		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.handle, hb);
		EXPECT_EQ(ev.seqno, i + 1);
		EXPECT_EQ(ev.level, GPIOIRQ_LEVEL_UNKNOWN);
		EXPECT_EQ(ev.edge, (i & 1) ? GPIOIRQ_EDGE_FALLING :
					    GPIOIRQ_EDGE_RISING);
		EXPECT_EQ(ev.flags, 0);
		EXPECT_TRUE(ev.timestamp_ns >= before[i] && ev.timestamp_ns <= after[i]);
	}

	for (i = 0; i < 6; i++)
		mt_set_level(1, !(i & 1));
	mt_wait_rest(r.fd, hr, 3, &st);
	for (i = 0; i < 3; i++) {
		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.handle, hr);
		EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
		EXPECT_EQ(ev.level, GPIOIRQ_LEVEL_UNKNOWN);
		EXPECT_EQ(ev.line_seqno, i + 1);
	}
	mt_check_empty(&r);
	EXPECT_EQ(sim_edges(1), 3);
	mt_close(&r);
	return 0;
}
