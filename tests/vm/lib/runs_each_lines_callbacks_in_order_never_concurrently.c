// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Bursts on three lines at once, callbacks on the dispatcher thread: each
 * line's callbacks come in its edge order (seqno and line_seqno rising,
 * edges alternating), never two at a time, one per event the module
 * published for it.
 */
#include "libtest.h"

int main(void)
{
	struct gpioirq *ctx = lt_setup_ring(8192);
	struct gpioirq_line *lines[3];
	struct gpioirq_line_stats ls;
	struct lt_count c[3] = { { 0 } };
	unsigned int i;

	for (i = 0; i < 3; i++)
		lines[i] = lt_request(ctx, i, lt_count_cb, &c[i]);
	EXPECT_OK(gpioirq_thread_start(ctx, NULL));
	for (i = 0; i < 3; i++)
		EXPECT_OK(sim_burst(i, 1000, 50000));
	for (i = 0; i < 3; i++) {
		EXPECT_OK(sim_wait_burst(i, 60000));
		ls = lt_line_rest(lines[i], 2000);
		lt_await(&c[i], ls.events);
		EXPECT_EQ(ls.events + ls.dropped, 2000);
	}
	EXPECT_EQ(gpioirq_thread_stop(ctx), 0);
	for (i = 0; i < 3; i++) {
		EXPECT_OK(gpioirq_line_get_stats(lines[i], &ls));
		EXPECT_EQ(c[i].n, ls.events);
		EXPECT_EQ(c[i].bad_order, 0);
		EXPECT_EQ(c[i].bad_alternation, 0);
		EXPECT_EQ(c[i].concurrent, 0);
	}
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
