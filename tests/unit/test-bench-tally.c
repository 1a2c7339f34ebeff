// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl bench's accounting (tools/irqctl/bench-tally.c): what a
 * contender's events show of the edges it lost, visibly or silently, and of
 * the directions it got wrong, with the edges driven known (--drive) or not.
 */
#include <string.h>

#include "irqctl.h"
#include "unit.h"

#define R GPIOIRQ_EDGE_RISING
#define F GPIOIRQ_EDGE_FALLING

struct ev {
	uint64_t seqno;
	unsigned int edge;
	bool missed;
};

static void feed(struct irqctl_bench_tally *t, const struct ev *e, size_t n)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++)
		irqctl_bench_tally_event(t, e[i].seqno, e[i].edge, e[i].missed);
}

START_TEST(bench_tally_counts_nothing_lost_when_every_edge_alternates_in_sequence)
{
	static const struct ev e[] = { { 1, R, false }, { 2, F, false }, { 3, R, false }, { 4, F, false } };
	struct irqctl_bench_tally t;

	feed(&t, e, 4);
	t.driven = 4;
	irqctl_bench_tally_settle(&t, true);
	ck_assert_uint_eq(t.events, 4);
	ck_assert_uint_eq(t.gaps, 0);
	ck_assert_uint_eq(t.wrong, 0);
	ck_assert_uint_eq(t.visible, 0);
	ck_assert_uint_eq(t.silent, 0);
}
END_TEST

START_TEST(bench_tally_takes_a_seqno_gap_as_visible_and_not_as_a_wrong_direction)
{
	/* Edges 2 (falling) and 5 (rising) lost, each shown by a jump of
	 * line_seqno: the same-direction pairs around them are no wrong
	 * direction. */
	static const struct ev e[] = { { 1, R, false }, { 3, R, false }, { 4, F, false },
				       { 6, F, false } };
	struct irqctl_bench_tally t;

	feed(&t, e, 4);
	ck_assert_uint_eq(t.gaps, 2);
	ck_assert_uint_eq(t.wrong, 0);
	t.driven = 6;
	irqctl_bench_tally_settle(&t, true);
	ck_assert_uint_eq(t.visible, 2);
	ck_assert_uint_eq(t.silent, 0);
}
END_TEST

START_TEST(bench_tally_counts_a_same_direction_pair_without_a_loss_shown_as_wrong)
{
	/* The character device's silent loss: one edge gone, no seqno gap. */
	static const struct ev e[] = { { 1, R, false }, { 2, F, false }, { 3, F, false }, { 4, R, false } };
	struct irqctl_bench_tally t;

	feed(&t, e, 4);
	ck_assert_uint_eq(t.gaps, 0);
	ck_assert_uint_eq(t.wrong, 1);
	irqctl_bench_tally_settle(&t, false);
	ck_assert_uint_eq(t.visible, 0);
	ck_assert_uint_eq(t.silent, 1);
	/* Driven, the count says how many were lost: 5 driven, 4 seen. */
	t.driven = 5;
	irqctl_bench_tally_settle(&t, true);
	ck_assert_uint_eq(t.visible, 0);
	ck_assert_uint_eq(t.silent, 1);
}
END_TEST

START_TEST(bench_tally_lets_a_missed_flag_excuse_a_same_direction_pair)
{
	/* gpioirq: the top half missed an edge (F_MISSED) and counted it. */
	static const struct ev e[] = { { 1, R, false }, { 2, F, false }, { 3, F, true }, { 4, R, false } };
	struct irqctl_bench_tally t;

	feed(&t, e, 4);
	ck_assert_uint_eq(t.missed_flags, 1);
	ck_assert_uint_eq(t.wrong, 0);
	t.counted = 1;
	t.driven = 5;
	irqctl_bench_tally_settle(&t, true);
	ck_assert_uint_eq(t.visible, 1);
	ck_assert_uint_eq(t.silent, 0);
	irqctl_bench_tally_settle(&t, false);
	ck_assert_uint_eq(t.visible, 1);
	ck_assert_uint_eq(t.silent, 0);
}
END_TEST

START_TEST(bench_tally_takes_the_larger_of_gaps_and_counters_as_visible)
{
	static const struct ev e[] = { { 1, R, false }, { 4, F, false } };
	struct irqctl_bench_tally t;

	feed(&t, e, 2);
	t.counted = 5;
	irqctl_bench_tally_settle(&t, false);
	ck_assert_uint_eq(t.visible, 5);
	t.counted = 1;
	irqctl_bench_tally_settle(&t, false);
	ck_assert_uint_eq(t.visible, 2);
}
END_TEST

START_TEST(bench_tally_caps_visible_at_the_edges_lost_when_driven)
{
	/* Counters that say more than driven - events (edges from elsewhere,
	 * noise on the wire) never make silent negative. */
	static const struct ev e[] = { { 1, R, false }, { 5, F, false } };
	struct irqctl_bench_tally t;

	feed(&t, e, 2);
	t.driven = 4;
	irqctl_bench_tally_settle(&t, true);
	ck_assert_uint_eq(t.visible, 2);
	ck_assert_uint_eq(t.silent, 0);
	t.driven = 1;
	irqctl_bench_tally_settle(&t, true);
	ck_assert_uint_eq(t.visible, 0);
	ck_assert_uint_eq(t.silent, 0);
}
END_TEST

START_TEST(bench_tally_counts_every_driven_edge_as_silent_when_none_came)
{
	struct irqctl_bench_tally t;

	memset(&t, 0, sizeof(t));
	t.driven = 200;
	irqctl_bench_tally_settle(&t, true);
	ck_assert_uint_eq(t.events, 0);
	ck_assert_uint_eq(t.visible, 0);
	ck_assert_uint_eq(t.silent, 200);
}
END_TEST

START_TEST(bench_tally_never_judges_the_first_events_direction)
{
	/* An external signal may rest high: a first falling edge is fine,
	 * and so is a line_seqno starting at 1. */
	static const struct ev e[] = { { 1, F, false }, { 2, R, false } };
	struct irqctl_bench_tally t;

	feed(&t, e, 2);
	ck_assert_uint_eq(t.wrong, 0);
	ck_assert_uint_eq(t.gaps, 0);
}
END_TEST

START_TEST(bench_tally_adds_rounds_into_a_total)
{
	struct irqctl_bench_tally a = { .events = 3, .driven = 5, .gaps = 1, .missed_flags = 1,
					.counted = 2, .ring_dropped = 1, .wrong = 1, .visible = 2,
					.silent = 0, .cpu_ns = 100, .syscalls = 7, .prev_seqno = 9,
					.prev_edge = R };
	struct irqctl_bench_tally sum = { 0 };

	irqctl_bench_tally_add(&sum, &a);
	irqctl_bench_tally_add(&sum, &a);
	ck_assert_uint_eq(sum.events, 6);
	ck_assert_uint_eq(sum.driven, 10);
	ck_assert_uint_eq(sum.gaps, 2);
	ck_assert_uint_eq(sum.missed_flags, 2);
	ck_assert_uint_eq(sum.counted, 4);
	ck_assert_uint_eq(sum.ring_dropped, 2);
	ck_assert_uint_eq(sum.wrong, 2);
	ck_assert_uint_eq(sum.visible, 4);
	ck_assert_uint_eq(sum.silent, 0);
	ck_assert_uint_eq(sum.cpu_ns, 200);
	ck_assert_uint_eq(sum.syscalls, 14);
	ck_assert_uint_eq(sum.prev_seqno, 0);
	ck_assert_uint_eq(sum.prev_edge, 0);
}
END_TEST

Suite *bench_tally_suite(void)
{
	Suite *s = suite_create("bench_tally");
	TCase *tc = tcase_create("bench_tally");

	tcase_set_timeout(tc, UNIT_TIMEOUT_S);
	tcase_add_test(tc, bench_tally_counts_nothing_lost_when_every_edge_alternates_in_sequence);
	tcase_add_test(tc, bench_tally_takes_a_seqno_gap_as_visible_and_not_as_a_wrong_direction);
	tcase_add_test(tc, bench_tally_counts_a_same_direction_pair_without_a_loss_shown_as_wrong);
	tcase_add_test(tc, bench_tally_lets_a_missed_flag_excuse_a_same_direction_pair);
	tcase_add_test(tc, bench_tally_takes_the_larger_of_gaps_and_counters_as_visible);
	tcase_add_test(tc, bench_tally_caps_visible_at_the_edges_lost_when_driven);
	tcase_add_test(tc, bench_tally_counts_every_driven_edge_as_silent_when_none_came);
	tcase_add_test(tc, bench_tally_never_judges_the_first_events_direction);
	tcase_add_test(tc, bench_tally_adds_rounds_into_a_total);
	suite_add_tcase(s, tc);
	return s;
}
