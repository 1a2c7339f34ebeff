// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * A 16-event ring left alone during 100 edges: the module keeps 16 and
 * drops 84. Dispatching then runs 16 callbacks; the next edge's seqno shows
 * the gap, and the drop callback reports exactly 84, before that edge's
 * callback.
 */
#include "libtest.h"

static uint64_t lost_reported, drop_calls, events_before_drop;
static struct lt_count c;

static void on_drop(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	(void)ctx;
	(void)arg;
	lost_reported += lost;
	drop_calls++;
	events_before_drop = lt_n(&c);
}

int main(void)
{
	struct gpioirq *ctx = lt_setup_ring(16);
	struct gpioirq_line_stats ls;
	struct gpioirq_line *line;

	EXPECT_EQ(gpioirq_get_ring_entries(ctx), 16);
	line = lt_request(ctx, 0, lt_count_cb, &c);
	EXPECT_OK(gpioirq_set_drop_callback(ctx, on_drop, NULL));
	EXPECT_OK(sim_burst(0, 50, 200000));
	EXPECT_OK(sim_wait_burst(0, LT_TIMEOUT_MS));
	ls = lt_line_rest(line, 100);
	EXPECT_EQ(ls.events, 16);
	EXPECT_EQ(ls.dropped, 84);
	lt_dispatch_until(ctx, &c, 16);
	EXPECT_EQ(drop_calls, 0);
	EXPECT_OK(sim_set_level(0, 1));
	lt_dispatch_until(ctx, &c, 17);
	EXPECT_EQ(drop_calls, 1);
	EXPECT_EQ(lost_reported, 84);
	EXPECT_EQ(events_before_drop, 16);
	EXPECT_EQ(lt_stats(ctx).lost, 84);
	EXPECT_EQ(lt_stats(ctx).ring_dropped, 84);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
