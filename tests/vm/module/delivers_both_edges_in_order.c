// SPDX-License-Identifier: GPL-2.0
/*
 * Ten level changes on a both-edges line give ten events, in order: rising
 * and falling alternate with the level, seqno and line_seqno count from 1,
 * timestamps increase and fall within the write that raised each edge,
 * pulse_ns is the distance between consecutive timestamps, the cookie and
 * handle are the line's and the reserved field is zero.
 */
#include "modtest.h"

#define N 10

int main(void)
{
	struct gpioirq_line_config cfg;
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint64_t before[N], after[N], prev_ts = 0;
	uint32_t h;
	int i;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
	cfg.cookie = 0x1122334455667788ull;
	h = mt_request_cfg(r.fd, MT_LINE, &cfg);

	for (i = 0; i < N; i++) {
		before[i] = mt_now_ns(CLOCK_MONOTONIC);
		mt_set_level(MT_LINE, !(i & 1));
		after[i] = mt_now_ns(CLOCK_MONOTONIC);
	}
	mt_wait_rest(r.fd, h, N, &st);
	EXPECT_EQ(st.interrupts, N);
	EXPECT_EQ(st.events, N);
	EXPECT_EQ(st.dropped, 0);
	EXPECT_EQ(st.missed, 0);
	EXPECT_EQ(sim_edges(MT_LINE), N);

	for (i = 0; i < N; i++) {
		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
		EXPECT_EQ(ev.seqno, i + 1);
		EXPECT_EQ(ev.line_seqno, i + 1);
		EXPECT_EQ(ev.handle, h);
		EXPECT_EQ(ev.cookie, 0x1122334455667788ull);
		EXPECT_EQ(ev.edge, (i & 1) ? GPIOIRQ_EDGE_FALLING :
					    GPIOIRQ_EDGE_RISING);
		EXPECT_EQ(ev.level, (i & 1) ? GPIOIRQ_LEVEL_LOW :
					     GPIOIRQ_LEVEL_HIGH);
		EXPECT_EQ(ev.flags, 0);
		EXPECT_EQ(ev.reserved, 0);
		EXPECT_TRUE(ev.timestamp_ns >= before[i]);
		EXPECT_TRUE(ev.timestamp_ns <= after[i]);
		EXPECT_TRUE(ev.timestamp_ns > prev_ts);
		EXPECT_EQ(ev.pulse_ns, i ? ev.timestamp_ns - prev_ts : 0);
		EXPECT_TRUE(ev.bh_delay_ns < 5000000000ull);
		prev_ts = ev.timestamp_ns;
	}
	mt_check_empty(&r);
	EXPECT_EQ(r.ctrl->dropped, 0);
	EXPECT_EQ(r.ctrl->bad_tail, 0);
	mt_close(&r);
	return 0;
}
