// SPDX-License-Identifier: GPL-2.0
/*
 * On a chip that does not sleep, GPIOIRQ_BH_AUTO and GPIOIRQ_BH_TASKLET give
 * a tasklet bottom half (debugfs says so), which delivers the edges with the
 * level read in the top half.
 */
#include "modtest.h"

static void check_bh(const char *needle)
{
	static char buf[65536];

	EXPECT_TRUE(vmtest_read("/sys/kernel/debug/gpioirq/lines", buf, sizeof(buf)) > 0);
	if (!strstr(buf, needle))
		MT_FAIL("debugfs lines lacks '%s':\n%s", needle, buf);
}

int main(void)
{
	struct gpioirq_line_config cfg;
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint32_t ha, ht;
	unsigned int seen[2] = { 0, 0 }, k;
	int i;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
	cfg.bh = GPIOIRQ_BH_AUTO;
	ha = mt_request_cfg(r.fd, 0, &cfg);
	cfg.bh = GPIOIRQ_BH_TASKLET;
	ht = mt_request_cfg(r.fd, 1, &cfg);
	check_bh("handle=0 chip=");
	check_bh("offset=0 gpio=");
	check_bh("bh=tasklet clock");

	for (i = 0; i < 4; i++) {
		mt_set_level(0, !(i & 1));
		mt_set_level(1, !(i & 1));
	}
	mt_wait_rest(r.fd, ha, 4, &st);
	EXPECT_EQ(st.events, 4);
	mt_wait_rest(r.fd, ht, 4, &st);
	EXPECT_EQ(st.events, 4);
	/* Each line's edges in order; the two lines' bottom halves may take
	 * turns in any order (on PREEMPT_RT they run in threads). */
	for (i = 0; i < 8; i++) {
		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.seqno, i + 1);
		EXPECT_TRUE(ev.handle == ha || ev.handle == ht);
		k = seen[ev.handle == ht]++;
		EXPECT_EQ(ev.line_seqno, k + 1);
		EXPECT_EQ(ev.level, !(k & 1));
		EXPECT_EQ(ev.edge, (k & 1) ? GPIOIRQ_EDGE_FALLING : GPIOIRQ_EDGE_RISING);
	}
	EXPECT_EQ(seen[0], 4);
	EXPECT_EQ(seen[1], 4);
	mt_check_empty(&r);
	mt_close(&r);
	return 0;
}
