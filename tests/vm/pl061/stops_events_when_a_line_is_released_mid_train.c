// SPDX-License-Identifier: GPL-2.0
/*
 * Releasing a PL061 line while the host pulses it and a second line: once
 * LINE_RELEASE returns, the released line publishes no further event (its
 * last line_seqno stays the last), the other line keeps going in order, and
 * the released line's handle is gone (ENOENT). An event flagged missed
 * counts for the two edges the PL061 latched as one (a vCPU late by more
 * than a pulse): the line's stats say so exactly.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "common.h"

#define PULSES 40

/*
 * Accounts for one event of a line: its line_seqno follows the last, and it
 * stands for one edge, or two when flagged missed (the vCPU took the
 * interrupt only after the line had changed again: the PL061 latches one
 * per line, common.h). Returns the edges it stands for.
 */
static uint64_t account(const struct gpioirq_event *ev, uint64_t *line_seqno)
{
	EXPECT_EQ(ev->line_seqno, ++*line_seqno);
	if (ev->flags) {
		EXPECT_EQ(ev->flags, GPIOIRQ_EVENT_F_MISSED);
		fprintf(stderr, "  handle %u: two edges as one interrupt at line_seqno %llu "
			"(the vCPU took it late)\n", ev->handle,
			(unsigned long long)ev->line_seqno);
		return 2;
	}
	return 1;
}

int main(void)
{
	struct gpioirq_line_stats st;
	struct gpioirq_line_handle lh;
	struct gpioirq_event ev;
	struct ut_ring r;
	uint64_t seq_a = 0, seq_b = 0, edges_a = 0, edges_b = 0, after_release = 0;
	int released = 0;
	uint32_t a, b;
	pid_t drv;

	p6_setup();
	ut_open(&r, 0);
	a = p6_request_ok(r.fd, 2, GPIOIRQ_LINE_EDGE_BOTH);
	b = p6_request_ok(r.fd, 4, GPIOIRQ_LINE_EDGE_BOTH);

	drv = p6_drive_async("train 2,4 %d 10000 25000", PULSES);
	while (edges_b < 2 * PULSES) {
		ut_wait_event(&r, &ev);
		if (ev.handle == a) {
			edges_a += account(&ev, &seq_a);
			EXPECT_TRUE(!released || ev.seqno <= after_release);
		} else {
			EXPECT_EQ(ev.handle, b);
			edges_b += account(&ev, &seq_b);
		}
		if (!released && edges_a >= 10) {
			ut_release(r.fd, a);
			released = 1;
			/* Whatever a published before the release returned
			 * is below the head read now. */
			after_release = ut_head(&r);
		}
	}
	p6_drive_wait(drv);
	EXPECT_TRUE(released);
	EXPECT_TRUE(edges_a < 2 * PULSES);
	EXPECT_EQ(edges_b, 2 * PULSES);
	EXPECT_EQ(ut_next(&r, &ev), 0);

	lh.handle = a;
	lh.padding = 0;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RELEASE, &lh), ENOENT);
	ut_stats(r.fd, b, &st);
	/* One event per interrupt, each counted; the missed edges in .missed. */
	EXPECT_EQ(st.events, seq_b);
	EXPECT_EQ(st.events + st.missed, 2 * PULSES);
	EXPECT_EQ(st.dropped, 0);
	ut_close(&r);
	return 0;
}
