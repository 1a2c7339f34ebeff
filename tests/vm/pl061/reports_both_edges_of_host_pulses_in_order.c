// SPDX-License-Identifier: GPL-2.0
/*
 * Ten pulses the host drives on PL061 line 2 arrive as twenty events in
 * order: rising then falling, the level after each edge, seqno and
 * line_seqno from 1, timestamps increasing and pulse_ns the distance between
 * consecutive ones; nothing dropped or missed.
 */
#include <string.h>

#include "common.h"

#define LINE 2
#define PULSES 10

int main(void)
{
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct ut_ring r;
	uint64_t prev_ts = 0, t0;
	uint32_t h;

	p6_setup();
	ut_open(&r, 0);
	h = p6_request_ok(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH);

	t0 = ut_now_ns(CLOCK_MONOTONIC);
	p6_drive("train %d %d 10000 25000", LINE, PULSES);

	for (int i = 0; i < 2 * PULSES; i++) {
		ut_wait_event(&r, &ev);
		EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
		EXPECT_EQ(ev.handle, h);
		EXPECT_EQ(ev.seqno, i + 1);
		EXPECT_EQ(ev.line_seqno, i + 1);
		EXPECT_EQ(ev.edge, (i & 1) ? GPIOIRQ_EDGE_FALLING : GPIOIRQ_EDGE_RISING);
		EXPECT_EQ(ev.level, (i & 1) ? GPIOIRQ_LEVEL_LOW : GPIOIRQ_LEVEL_HIGH);
		EXPECT_EQ(ev.flags, 0);
		EXPECT_TRUE(ev.timestamp_ns > t0);
		EXPECT_TRUE(ev.timestamp_ns > prev_ts);
		EXPECT_EQ(ev.pulse_ns, i ? ev.timestamp_ns - prev_ts : 0);
		prev_ts = ev.timestamp_ns;
	}
	EXPECT_TRUE(prev_ts < ut_now_ns(CLOCK_MONOTONIC));
	EXPECT_EQ(ut_next(&r, &ev), 0);

	ut_stats(r.fd, h, &st);
	EXPECT_EQ(st.edges, 2 * PULSES);
	EXPECT_EQ(st.events, 2 * PULSES);
	EXPECT_EQ(st.dropped, 0);
	EXPECT_EQ(st.missed, 0);
	ut_close(&r);
	return 0;
}
