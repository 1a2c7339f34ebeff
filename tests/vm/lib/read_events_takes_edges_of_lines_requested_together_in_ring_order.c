// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Three simulator lines requested together, with zero-initialised settings
 * (both edges, no callback): four edges on them, each published by the
 * module before the next, come out of one gpioirq_read_events() call in
 * ring order, without the consumer sleeping, each event's line given by
 * gpioirq_event_find_line(). A request of two lines, one of them held
 * already, fails EBUSY and holds neither.
 */
#include "libtest.h"

int main(void)
{
	static const unsigned int offsets[] = { 1, 4, 6 };
	static const unsigned int pair[] = { 2, 4 };
	static const struct {
		unsigned int line;	/* index into offsets */
		int level;
	} edges[] = { { 0, 1 }, { 1, 1 }, { 2, 1 }, { 0, 0 } };
	struct gpioirq_line_settings ls = { 0 };
	struct gpioirq_line *lines[3], *two[2] = { NULL, NULL };
	struct gpioirq_event buf[8];
	struct gpioirq *ctx = lt_setup();
	uint64_t sleeps, seen[3] = { 0 };
	unsigned int i;

	for (i = 0; i < 3; i++)
		EXPECT_OK(sim_set_level(offsets[i], 0));
	EXPECT_OK(gpioirq_line_request_multiple(ctx, sim_chip_name(), offsets, 3, &ls, lines));
	for (i = 0; i < 3; i++)
		EXPECT_EQ(gpioirq_line_get_offset(lines[i]), (int)offsets[i]);
	/* Each edge published before the next: across lines, ring order is
	 * the order in which the lines' bottom halves published (on
	 * PREEMPT_RT they may run in another order than the edges came).
	 */
	for (i = 0; i < 4; i++) {
		EXPECT_OK(sim_set_level(offsets[edges[i].line], edges[i].level));
		lt_line_rest(lines[edges[i].line], ++seen[edges[i].line]);
	}

	sleeps = lt_stats(ctx).sleeps;
	EXPECT_EQ(gpioirq_read_events(ctx, buf, 8, 0), 4);
	EXPECT_EQ(lt_stats(ctx).sleeps, sleeps);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(buf[i].seqno, i + 1);
		EXPECT_TRUE(gpioirq_event_find_line(ctx, &buf[i]) == lines[edges[i].line]);
		EXPECT_EQ(buf[i].edge, edges[i].level ? GPIOIRQ_EDGE_RISING : GPIOIRQ_EDGE_FALLING);
	}
	EXPECT_EQ(gpioirq_read_events(ctx, buf, 8, 0), 0);

	errno = 0;
	EXPECT_EQ(gpioirq_line_request_multiple(ctx, sim_chip_name(), pair, 2, NULL, two), -1);
	EXPECT_EQ(errno, EBUSY);
	EXPECT_TRUE(two[0] == NULL && two[1] == NULL);
	/* Line 2 was given back: it can be requested again. */
	EXPECT_TRUE(gpioirq_line_request(ctx, sim_chip_name(), 2, NULL) != NULL);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
