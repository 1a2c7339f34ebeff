// SPDX-License-Identifier: GPL-2.0
/*
 * Software debounce (the simulator has none in hardware): a bouncing press
 * (1 0 1 within the period) gives one rising event whose timestamp is that
 * of the first edge, flagged GPIOIRQ_EVENT_F_DEBOUNCED; the two bounces are
 * counted as debounced. A glitch (1 0) gives no event at all.
 */
#include "modtest.h"

#define DEBOUNCE_US 200000

int main(void)
{
	struct gpioirq_line_config cfg;
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint64_t t0, t1, t3;
	uint32_t h;
	int ms;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
	cfg.debounce_us = DEBOUNCE_US;
	h = mt_request_cfg(r.fd, 0, &cfg);

	t0 = mt_now_ns(CLOCK_MONOTONIC);
	mt_set_level(0, 1);
	t1 = mt_now_ns(CLOCK_MONOTONIC);
	mt_set_level(0, 0);
	mt_set_level(0, 1);
	t3 = mt_now_ns(CLOCK_MONOTONIC);
	if (t3 - t0 >= DEBOUNCE_US * 1000ull / 2)
		vmtest_skip("the guest is too slow for a %d us debounce", DEBOUNCE_US);

	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(ev.level, GPIOIRQ_LEVEL_HIGH);
	EXPECT_EQ(ev.flags, GPIOIRQ_EVENT_F_DEBOUNCED);
	EXPECT_TRUE(ev.timestamp_ns >= t0 && ev.timestamp_ns <= t1);
	EXPECT_EQ(ev.seqno, 1);
	EXPECT_TRUE(ev.bh_delay_ns < DEBOUNCE_US * 1000ull);
	mt_wait_rest(r.fd, h, 1, &st);
	EXPECT_EQ(st.interrupts, 3);
	EXPECT_EQ(st.debounced, 2);

	/* A glitch: back to high within the period. */
	mt_set_level(0, 0);
	mt_set_level(0, 1);
	for (ms = 0; ms < MT_TIMEOUT_MS; ms++) {
		mt_stats(r.fd, h, &st);
		if (st.debounced == 4)
			break;
		usleep(1000);
	}
	EXPECT_EQ(st.debounced, 4);
	EXPECT_EQ(st.interrupts, 5);
	EXPECT_EQ(st.edges, 1);
	mt_check_empty(&r);

	/* A clean release: one falling event, pulse_ns from the press. */
	t0 = mt_now_ns(CLOCK_MONOTONIC);
	mt_set_level(0, 0);
	t1 = mt_now_ns(CLOCK_MONOTONIC);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_FALLING);
	EXPECT_TRUE(ev.timestamp_ns >= t0 && ev.timestamp_ns <= t1);
	EXPECT_EQ(ev.seqno, 2);
	EXPECT_TRUE(ev.pulse_ns > 0);
	mt_wait_rest(r.fd, h, 2, &st);
	EXPECT_EQ(st.debounced, 4);
	mt_close(&r);
	return 0;
}
