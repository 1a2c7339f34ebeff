// SPDX-License-Identifier: GPL-2.0
/*
 * LINE_MASK is the user's critical section: edges while masked raise no
 * interrupt; a second MASK is -EALREADY; UNMASK restores delivery and a
 * second UNMASK is -EALREADY; UNMASK of a line never masked is -EALREADY.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_handle lh = { 0 };
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint32_t h;

	mt_setup(NULL);
	mt_open(&r, 0);
	h = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_RISING);
	lh.handle = h;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_UNMASK, &lh), EALREADY);

	mt_set_level(0, 1);
	mt_wait_rest(r.fd, h, 1, &st);
	mt_set_level(0, 0);

	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_MASK, &lh));
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_MASK, &lh), EALREADY);
	mt_set_level(0, 1);
	mt_set_level(0, 0);
	usleep(50000);
	mt_stats(r.fd, h, &st);
	EXPECT_EQ(st.interrupts, 1);

	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_UNMASK, &lh));
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_UNMASK, &lh), EALREADY);
	usleep(50000);
	mt_stats(r.fd, h, &st);
	/* The irq core may replay the edge it saw while masked. */
	EXPECT_TRUE(st.interrupts == 1 || st.interrupts == 2);
	mt_set_level(0, 1);
	mt_wait_rest(r.fd, h, st.edges + 1, &st);
	while (mt_next(&r, &ev))
		EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(ev.line_seqno, st.edges);
	/* Released while masked: no trace left, the line can be taken. */
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_MASK, &lh));
	mt_release(r.fd, h);
	h = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_RISING);
	mt_set_level(0, 0);
	mt_set_level(0, 1);
	mt_wait_rest(r.fd, h, 1, &st);
	mt_close(&r);
	return 0;
}
