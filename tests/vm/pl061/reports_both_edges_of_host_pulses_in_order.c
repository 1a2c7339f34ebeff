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
	struct p6_ring r;
	uint64_t prev_ts = 0, t0;
	uint32_t h;

	p6_setup();
	p6_open(&r, 0);
	h = p6_request_ok(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH);

	t0 = p6_now_ns();
	p6_drive("train %d %d 10000 25000", LINE, PULSES);

	for (int i = 0; i < 2 * PULSES; i++) {
		p6_wait_event(&r, &ev);
		CHECK_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
		CHECK_EQ(ev.handle, h);
		CHECK_EQ(ev.seqno, i + 1);
		CHECK_EQ(ev.line_seqno, i + 1);
		CHECK_EQ(ev.edge, (i & 1) ? GPIOIRQ_EDGE_FALLING : GPIOIRQ_EDGE_RISING);
		CHECK_EQ(ev.level, (i & 1) ? GPIOIRQ_LEVEL_LOW : GPIOIRQ_LEVEL_HIGH);
		CHECK_EQ(ev.flags, 0);
		CHECK(ev.timestamp_ns > t0);
		CHECK(ev.timestamp_ns > prev_ts);
		CHECK_EQ(ev.pulse_ns, i ? ev.timestamp_ns - prev_ts : 0);
		prev_ts = ev.timestamp_ns;
	}
	CHECK(prev_ts < p6_now_ns());
	CHECK_EQ(p6_next(&r, &ev), 0);

	p6_stats(r.fd, h, &st);
	CHECK_EQ(st.edges, 2 * PULSES);
	CHECK_EQ(st.events, 2 * PULSES);
	CHECK_EQ(st.dropped, 0);
	CHECK_EQ(st.missed, 0);
	p6_close(&r);
	return 0;
}
