// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * 5,000 pulses (10,000 edges) from the simulator's burst generator to a
 * callback on the dispatcher thread. Every edge is accounted for exactly:
 * the simulator raised 10,000 interrupts, the module counts 10,000 edges,
 * events + dropped = 10,000, the callback ran once per event, in order,
 * rising and falling in turn, and the seqno gaps the library saw (plus any
 * after the last event) add up to the module's drops. The ring (16384) can
 * hold the whole burst, so nothing is dropped for want of ring space.
 */
#include "libtest.h"

#define PULSES 5000
#define EDGES (2 * PULSES)

int main(void)
{
	struct gpioirq *ctx = lt_setup_ring(16384);
	struct gpioirq_line_stats ls;
	struct gpioirq_stats st;
	struct lt_count c = { 0 };
	struct gpioirq_line *line;

	line = lt_request(ctx, 0, lt_count_cb, &c);
	EXPECT_OK(gpioirq_thread_start(ctx, NULL));
	EXPECT_OK(sim_burst(0, PULSES, 20000));
	EXPECT_OK(sim_wait_burst(0, 150000));
	ls = lt_line_rest(line, EDGES);
	lt_await(&c, ls.events);
	EXPECT_EQ(gpioirq_thread_stop(ctx), 0);
	st = lt_stats(ctx);

	printf("# edges %llu events %llu dropped %llu bh_delay_max_ns %llu sleeps %llu\n",
	       (unsigned long long)ls.edges, (unsigned long long)ls.events,
	       (unsigned long long)ls.dropped, (unsigned long long)ls.bh_delay_max_ns,
	       (unsigned long long)st.sleeps);
	EXPECT_EQ(sim_edges(0), EDGES);
	EXPECT_EQ(ls.edges, EDGES);
	EXPECT_EQ(ls.events + ls.dropped, EDGES);
	EXPECT_EQ(ls.missed, 0);
	EXPECT_EQ(c.n, ls.events);
	EXPECT_EQ(st.events, ls.events);
	EXPECT_EQ(st.callbacks, ls.events);
	EXPECT_EQ(st.lost + (EDGES - c.last_seqno), ls.dropped);
	EXPECT_EQ(st.ring_dropped, ls.dropped);
	EXPECT_EQ(st.bad_heads, 0);
	EXPECT_EQ(st.stale, 0);
	EXPECT_EQ(c.bad_order, 0);
	EXPECT_EQ(c.bad_alternation, 0);
	EXPECT_EQ(c.concurrent, 0);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
