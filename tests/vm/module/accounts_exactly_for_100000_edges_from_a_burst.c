// SPDX-License-Identifier: GPL-2.0
/*
 * 50,000 pulses from the simulator's burst generator (100,000 edges) while a
 * thread consumes the ring: the simulator raised exactly as many interrupts
 * as the line counts edges, edges == events + dropped, the consumer got
 * exactly `events` events, the seqno gaps add up to ctrl->dropped, and the
 * edges alternate wherever no event is missing between two.
 */
#include <pthread.h>

#include "modtest.h"

#define PULSES 50000
#define EDGES (2 * PULSES)

static struct mt_ring r;
static volatile int stop;
static uint64_t got, gaps, last_seqno, bad_order, bad_alternation;

static void *consume(void *arg)
{
	struct gpioirq_event ev, prev = { 0 };

	(void)arg;
	for (;;) {
		if (!mt_next(&r, &ev)) {
			if (stop)
				break;
			usleep(200);
			continue;
		}
		got++;
		if (ev.seqno <= last_seqno)
			bad_order++;
		gaps += ev.seqno - last_seqno - 1;
		last_seqno = ev.seqno;
		if (prev.seqno && ev.line_seqno == prev.line_seqno + 1 &&
		    ev.edge == prev.edge)
			bad_alternation++;
		if (prev.seqno && ev.timestamp_ns < prev.timestamp_ns)
			bad_order++;
		prev = ev;
	}
	return NULL;
}

int main(void)
{
	struct gpioirq_line_stats st;
	pthread_t th;
	uint32_t h;

	mt_setup(NULL);
	mt_open(&r, 0);
	h = mt_request(r.fd, MT_LINE, GPIOIRQ_LINE_EDGE_BOTH);
	if (pthread_create(&th, NULL, consume, NULL))
		MT_FAIL("pthread_create");

	if (sim_burst(MT_LINE, PULSES, 20000))
		MT_FAIL("sim_burst failed");
	if (sim_wait_burst(MT_LINE, 120000))
		MT_FAIL("burst did not finish");
	mt_wait_rest(r.fd, h, EDGES, &st);
	/* The consumer drains what is left. */
	while (mt_head(&r) != mt_tail(&r))
		usleep(1000);
	stop = 1;
	pthread_join(th, NULL);

	printf("# edges %llu events %llu dropped %llu bh_delay_max_ns %llu\n",
	       (unsigned long long)st.edges, (unsigned long long)st.events,
	       (unsigned long long)st.dropped,
	       (unsigned long long)st.bh_delay_max_ns);
	EXPECT_EQ(sim_edges(MT_LINE), EDGES);
	EXPECT_EQ(st.interrupts, EDGES);
	EXPECT_EQ(st.edges, EDGES);
	EXPECT_EQ(st.events + st.dropped, EDGES);
	EXPECT_EQ(st.missed, 0);
	EXPECT_EQ(got, st.events);
	EXPECT_EQ(r.ctrl->dropped, st.dropped);
	/* Gaps inside the stream plus any after the last event. */
	EXPECT_EQ(gaps + (EDGES - last_seqno), r.ctrl->dropped);
	EXPECT_EQ(bad_order, 0);
	EXPECT_EQ(bad_alternation, 0);
	EXPECT_EQ(r.ctrl->bad_tail, 0);
	mt_close(&r);
	return 0;
}
