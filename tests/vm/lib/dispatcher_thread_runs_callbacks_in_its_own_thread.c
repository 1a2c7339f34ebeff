// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Mode (c): the built-in dispatcher thread runs every callback of a burst,
 * not in the thread that started it; gpioirq_dispatch() is EBUSY meanwhile;
 * after gpioirq_thread_stop() no callback runs.
 */
#include "libtest.h"

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	struct lt_count c = { 0 };

	lt_request(ctx, 0, lt_count_cb, &c);
	EXPECT_OK(gpioirq_thread_start(ctx, NULL));
	EXPECT_ERRNO(gpioirq_dispatch(ctx, 0), EBUSY);
	EXPECT_OK(sim_burst(0, 100, 1000000));
	lt_await(&c, 200);
	EXPECT_OK(sim_wait_burst(0, LT_TIMEOUT_MS));
	EXPECT_EQ(gpioirq_thread_stop(ctx), 0);
	EXPECT_EQ(c.n, 200);
	EXPECT_EQ(c.bad_order, 0);
	EXPECT_EQ(c.bad_alternation, 0);
	EXPECT_TRUE(!pthread_equal(c.thread, pthread_self()));

	/* Stopped: an edge waits in the ring for the next consumer. */
	EXPECT_OK(sim_set_level(0, 1));
	lt_sleep_ms(50);
	EXPECT_EQ(lt_n(&c), 200);
	EXPECT_EQ(gpioirq_dispatch(ctx, LT_TIMEOUT_MS), 1);
	EXPECT_EQ(c.n, 201);
	EXPECT_TRUE(pthread_equal(c.thread, pthread_self()));
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
