// SPDX-License-Identifier: GPL-2.0
/*
 * The host pulses four PL061 lines together, 15 times, 25 ms apart: every
 * edge of every line arrives, per line in order (rising, falling, ...,
 * line_seqno counting from 1), the file's seqno counts every event once with
 * no gap, and the counters show nothing dropped or missed.
 */
#include <string.h>

#include "common.h"

#define PULSES 15
static const unsigned int lines[] = { 0, 1, 4, 7 };
#define NL (sizeof(lines) / sizeof(lines[0]))

int main(void)
{
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct ut_ring r;
	uint64_t line_seq[NL] = { 0 };
	uint32_t h[NL];

	p6_setup();
	ut_open(&r, 0);
	for (unsigned int i = 0; i < NL; i++)
		h[i] = p6_request_ok(r.fd, lines[i], GPIOIRQ_LINE_EDGE_BOTH);

	p6_drive("train 0,1,4,7 %d 10000 25000", PULSES);

	for (unsigned int n = 0; n < NL * 2 * PULSES; n++) {
		unsigned int i;

		ut_wait_event(&r, &ev);
		EXPECT_EQ(ev.seqno, n + 1);
		for (i = 0; i < NL && h[i] != ev.handle; i++)
			;
		if (i == NL)
			VMTEST_FAIL("event of unknown handle %u", ev.handle);
		line_seq[i]++;
		EXPECT_EQ(ev.line_seqno, line_seq[i]);
		EXPECT_EQ(ev.edge, (line_seq[i] & 1) ? GPIOIRQ_EDGE_RISING :
						       GPIOIRQ_EDGE_FALLING);
		EXPECT_EQ(ev.flags, 0);
	}
	EXPECT_EQ(ut_next(&r, &ev), 0);
	for (unsigned int i = 0; i < NL; i++) {
		EXPECT_EQ(line_seq[i], 2 * PULSES);
		ut_stats(r.fd, h[i], &st);
		EXPECT_EQ(st.edges, 2 * PULSES);
		EXPECT_EQ(st.events, 2 * PULSES);
		EXPECT_EQ(st.dropped, 0);
		EXPECT_EQ(st.missed, 0);
	}
	ut_close(&r);
	return 0;
}
