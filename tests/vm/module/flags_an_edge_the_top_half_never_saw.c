// SPDX-License-Identifier: GPL-2.0
/*
 * A lost edge shows in the next event: on a both-edges line, a falling edge
 * that came while the line was masked (the simulator raises no interrupt
 * then, and the irq core has nothing to replay) leaves two rising edges in
 * a row. The second carries GPIOIRQ_EVENT_F_MISSED and counts in missed;
 * the direction stays the one the top half read, never a guess.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_handle lh = { 0 };
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;

	mt_setup(NULL);
	mt_open(&r, 0);
	lh.handle = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH);

	mt_set_level(0, 1);
	mt_wait_rest(r.fd, lh.handle, 1, &st);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(ev.flags, 0);

	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_MASK, &lh));
	mt_set_level(0, 0);
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_UNMASK, &lh));
	mt_stats(r.fd, lh.handle, &st);
	EXPECT_EQ(st.interrupts, 1);

	mt_set_level(0, 1);
	mt_wait_rest(r.fd, lh.handle, 2, &st);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(ev.level, GPIOIRQ_LEVEL_HIGH);
	EXPECT_EQ(ev.flags, GPIOIRQ_EVENT_F_MISSED);
	EXPECT_EQ(ev.line_seqno, 2);
	EXPECT_EQ(st.missed, 1);
	EXPECT_EQ(st.interrupts, 2);

	/* The next edge is seen both ways again: no flag. */
	mt_set_level(0, 0);
	mt_wait_rest(r.fd, lh.handle, 3, &st);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_FALLING);
	EXPECT_EQ(ev.flags, 0);
	EXPECT_EQ(st.missed, 1);
	mt_check_empty(&r);
	mt_close(&r);
	return 0;
}
