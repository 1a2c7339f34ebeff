// SPDX-License-Identifier: GPL-2.0
/*
 * GPIOIRQ_BH_WORKQUEUE on a chip that does not sleep: a work item fills the
 * ring; the level is still read in the top half.
 */
#include "modtest.h"

int main(void)
{
	static char buf[65536];
	struct gpioirq_line_config cfg;
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint64_t prev = 0;
	uint32_t h;
	int i;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
	cfg.bh = GPIOIRQ_BH_WORKQUEUE;
	h = mt_request_cfg(r.fd, 2, &cfg);
	EXPECT_TRUE(vmtest_read("/sys/kernel/debug/gpioirq/lines", buf, sizeof(buf)) > 0);
	EXPECT_TRUE(strstr(buf, "bh=workqueue clock"));

	for (i = 0; i < 6; i++)
		mt_set_level(2, !(i & 1));
	mt_wait_rest(r.fd, h, 6, &st);
	EXPECT_EQ(st.events, 6);
	for (i = 0; i < 6; i++) {
		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.seqno, i + 1);
		EXPECT_EQ(ev.level, !(i & 1));
		EXPECT_EQ(ev.edge, (i & 1) ? GPIOIRQ_EDGE_FALLING :
					    GPIOIRQ_EDGE_RISING);
		EXPECT_TRUE(ev.timestamp_ns > prev);
		prev = ev.timestamp_ns;
	}

	/* A burst through the work item: exact accounting too. */
	if (sim_burst(2, 5000, 20000) || sim_wait_burst(2, 60000))
		MT_FAIL("burst failed");
	mt_wait_rest(r.fd, h, 6 + 10000, &st);
	EXPECT_EQ(sim_edges(2), 6 + 10000);
	EXPECT_EQ(st.missed, 0);
	mt_close(&r);
	return 0;
}
