// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Mode (a): gpioirq_dispatch() in the caller's loop runs the callback of
 * every edge of a burst, in this thread, in order, rising and falling in
 * turn, with nothing lost.
 */
#include "libtest.h"

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	struct lt_count c = { 0 };
	struct gpioirq_stats st;

	lt_request(ctx, 0, lt_count_cb, &c);
	EXPECT_OK(sim_burst(0, 100, 1000000));
	lt_dispatch_until(ctx, &c, 200);
	EXPECT_OK(sim_wait_burst(0, LT_TIMEOUT_MS));
	EXPECT_EQ(gpioirq_dispatch(ctx, 0), 0);
	EXPECT_EQ(c.n, 200);
	EXPECT_EQ(c.rising, 100);
	EXPECT_EQ(c.falling, 100);
	EXPECT_EQ(c.bad_order, 0);
	EXPECT_EQ(c.bad_alternation, 0);
	EXPECT_TRUE(pthread_equal(c.thread, pthread_self()));
	st = lt_stats(ctx);
	EXPECT_EQ(st.events, 200);
	EXPECT_EQ(st.callbacks, 200);
	EXPECT_EQ(st.lost, 0);
	EXPECT_EQ(st.stale, 0);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
