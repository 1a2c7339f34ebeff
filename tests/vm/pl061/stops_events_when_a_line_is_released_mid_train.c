// SPDX-License-Identifier: GPL-2.0
/*
 * Releasing a PL061 line while the host pulses it and a second line: once
 * LINE_RELEASE returns, the released line publishes no further event (its
 * last line_seqno stays the last), the other line keeps going in order, and
 * the released line's handle is gone (ENOENT).
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "common.h"

#define PULSES 40

int main(void)
{
	struct gpioirq_line_stats st;
	struct gpioirq_line_handle lh;
	struct gpioirq_event ev;
	struct ut_ring r;
	uint64_t seen_a = 0, seen_b = 0, after_release = 0;
	int released = 0;
	uint32_t a, b;
	pid_t drv;

	p6_setup();
	ut_open(&r, 0);
	a = p6_request_ok(r.fd, 2, GPIOIRQ_LINE_EDGE_BOTH);
	b = p6_request_ok(r.fd, 4, GPIOIRQ_LINE_EDGE_BOTH);

	drv = p6_drive_async("train 2,4 %d 10000 25000", PULSES);
	while (seen_b < 2 * PULSES) {
		ut_wait_event(&r, &ev);
		if (ev.handle == a) {
			EXPECT_EQ(ev.line_seqno, ++seen_a);
			EXPECT_TRUE(!released || ev.seqno <= after_release);
		} else {
			EXPECT_EQ(ev.handle, b);
			EXPECT_EQ(ev.line_seqno, ++seen_b);
		}
		if (!released && seen_a >= 10) {
			ut_release(r.fd, a);
			released = 1;
			/* Whatever a published before the release returned
			 * is below the head read now. */
			after_release = ut_head(&r);
		}
	}
	p6_drive_wait(drv);
	EXPECT_TRUE(released);
	EXPECT_TRUE(seen_a < 2 * PULSES);
	EXPECT_EQ(ut_next(&r, &ev), 0);

	lh.handle = a;
	lh.padding = 0;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RELEASE, &lh), ENOENT);
	ut_stats(r.fd, b, &st);
	EXPECT_EQ(st.events, 2 * PULSES);
	EXPECT_EQ(st.dropped, 0);
	ut_close(&r);
	return 0;
}
