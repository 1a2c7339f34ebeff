// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_close() in the middle of a burst, with the dispatcher thread
 * running callbacks: it stops the thread, releases the lines and returns;
 * a new context then finds no line held and can request the same line.
 */
#include "libtest.h"

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	struct lt_count c = { 0 };
	struct gpioirq_info info;

	lt_request(ctx, 0, lt_count_cb, &c);
	EXPECT_OK(gpioirq_thread_start(ctx, NULL));
	EXPECT_OK(sim_burst(0, 100000, 20000));
	lt_await(&c, 100);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	EXPECT_OK(sim_burst_stop(0));

	ctx = gpioirq_open(NULL);
	EXPECT_TRUE(ctx != NULL);
	EXPECT_OK(gpioirq_get_info(ctx, &info));
	EXPECT_EQ(info.lines, 0);
	EXPECT_TRUE(gpioirq_line_request(ctx, sim_chip_name(), 0, NULL) != NULL);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
