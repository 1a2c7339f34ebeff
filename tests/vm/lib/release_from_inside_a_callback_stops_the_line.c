// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * A callback releases its own line on its first event, on the dispatcher
 * thread, in the middle of a burst: it is not called again, the module
 * frees the line (it can be requested again), and line B on the same
 * context gets all its edges.
 */
#include "libtest.h"

static struct lt_count a;

static void release_self(const struct gpioirq_event *ev, void *arg)
{
	lt_count_cb(ev, arg);
	gpioirq_line_release(gpioirq_event_get_line(ev));
}

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	struct lt_count b = { 0 };
	struct gpioirq_info info;
	struct gpioirq_line *again;

	lt_request(ctx, 0, release_self, &a);
	lt_request(ctx, 1, lt_count_cb, &b);
	EXPECT_OK(gpioirq_thread_start(ctx, NULL));
	EXPECT_OK(sim_burst(0, 50, 200000));
	EXPECT_OK(sim_burst(1, 50, 200000));
	EXPECT_OK(sim_wait_burst(0, LT_TIMEOUT_MS));
	EXPECT_OK(sim_wait_burst(1, LT_TIMEOUT_MS));
	lt_await(&b, 100);
	EXPECT_EQ(gpioirq_thread_stop(ctx), 0);
	EXPECT_EQ(a.n, 1);
	EXPECT_EQ(b.n, 100);
	EXPECT_OK(gpioirq_get_info(ctx, &info));
	EXPECT_EQ(info.lines, 1);
	again = gpioirq_line_request(ctx, sim_chip_name(), 0, NULL);
	EXPECT_TRUE(again != NULL);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
