// SPDX-License-Identifier: GPL-2.0
/*
 * A line with storm_limit 100 edges/s under a burst of 1000 pulses at 20 kHz:
 * the top half masks it at the 101st interrupt; the consumer gets the 101
 * edges, then one GPIOIRQ_EVENT_STORM event; nothing more arrives while the
 * burst goes on. UNMASK resumes delivery; a second UNMASK is -EALREADY.
 */
#include "modtest.h"

#define LIMIT 100

int main(void)
{
	struct gpioirq_line_config cfg;
	struct gpioirq_line_handle lh = { 0 };
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint64_t t0, t1, seq;
	uint32_t h;
	int i;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
	cfg.storm_limit = LIMIT;
	cfg.cookie = 77;
	h = mt_request_cfg(r.fd, 0, &cfg);

	t0 = mt_now_ns(CLOCK_MONOTONIC);
	if (sim_burst(0, 1000, 50000) || sim_wait_burst(0, 60000))
		MT_FAIL("burst failed");
	t1 = mt_now_ns(CLOCK_MONOTONIC);
	mt_wait_rest(r.fd, h, LIMIT + 1, &st);
	EXPECT_EQ(st.interrupts, LIMIT + 1);
	EXPECT_EQ(st.storm_masks, 1);
	EXPECT_EQ(st.dropped, 0);
	for (i = 0; i < LIMIT + 1; i++) {
		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
		EXPECT_EQ(ev.seqno, i + 1);
	}
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.type, GPIOIRQ_EVENT_STORM);
	EXPECT_EQ(ev.seqno, LIMIT + 2);
	EXPECT_EQ(ev.line_seqno, LIMIT + 1);
	EXPECT_EQ(ev.handle, h);
	EXPECT_EQ(ev.cookie, 77);
	EXPECT_TRUE(ev.timestamp_ns >= t0 && ev.timestamp_ns <= t1);
	mt_check_empty(&r);

	/* Masked: a level change raises nothing. */
	mt_set_level(0, 1);
	mt_set_level(0, 0);
	usleep(50000);
	mt_stats(r.fd, h, &st);
	EXPECT_EQ(st.interrupts, LIMIT + 1);
	mt_check_empty(&r);

	lh.handle = h;
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_UNMASK, &lh));
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_UNMASK, &lh), EALREADY);
	/* An edge the irq core kept pending may be replayed at unmask. */
	usleep(50000);
	mt_stats(r.fd, h, &st);
	EXPECT_TRUE(st.interrupts == LIMIT + 1 || st.interrupts == LIMIT + 2);
	while (mt_next(&r, &ev))
		EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
	seq = st.edges;
	mt_set_level(0, 1);
	mt_wait_rest(r.fd, h, seq + 1, &st);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(ev.line_seqno, seq + 1);
	EXPECT_EQ(st.storm_masks, 1);
	mt_close(&r);
	return 0;
}
