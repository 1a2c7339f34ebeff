// SPDX-License-Identifier: GPL-2.0
/*
 * A ring of 4 events and 20 edges nobody consumes: 4 events are published
 * (seqnos 1-4), 16 are dropped and counted (line stats and ctrl->dropped);
 * once the consumer catches up, the next edges arrive with seqnos 21 and 22,
 * the gap showing the loss.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint32_t h;
	int i;

	mt_setup(NULL);
	mt_open(&r, 4);
	EXPECT_EQ(r.lay.entries, 4);
	EXPECT_EQ(r.lay.mask, 3);
	h = mt_request(r.fd, MT_LINE, GPIOIRQ_LINE_EDGE_BOTH);

	for (i = 0; i < 20; i++)
		mt_set_level(MT_LINE, !(i & 1));
	mt_wait_rest(r.fd, h, 20, &st);
	EXPECT_EQ(st.events, 4);
	EXPECT_EQ(st.dropped, 16);
	EXPECT_EQ(r.ctrl->dropped, 16);
	EXPECT_EQ(mt_head(&r), 4);

	for (i = 0; i < 4; i++) {
		EXPECT_TRUE(mt_next(&r, &ev));
		EXPECT_EQ(ev.seqno, i + 1);
		EXPECT_EQ(ev.line_seqno, i + 1);
	}
	mt_check_empty(&r);

	mt_set_level(MT_LINE, 1);
	mt_set_level(MT_LINE, 0);
	mt_wait_rest(r.fd, h, 22, &st);
	EXPECT_EQ(st.events, 6);
	EXPECT_EQ(st.dropped, 16);
	EXPECT_TRUE(mt_next(&r, &ev));
	EXPECT_EQ(ev.seqno, 21);
	EXPECT_EQ(ev.line_seqno, 21);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_TRUE(mt_next(&r, &ev));
	EXPECT_EQ(ev.seqno, 22);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_FALLING);
	mt_check_empty(&r);
	EXPECT_EQ(r.ctrl->bad_tail, 0);
	mt_close(&r);
	return 0;
}
