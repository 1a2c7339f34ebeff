// SPDX-License-Identifier: MIT
/*
 * examples/quadrature.c, the rotary encoder's decoder: detents counted
 * exactly from synthetic event sequences in seqno order, and every lost or
 * impossible edge reported, never counted as a step.
 */
#include "edgemerge.h"
#include "quadrature.h"
#include "unit.h"

/* A simulated encoder: the events its two lines would give, in order. */
struct enc_gen {
	unsigned int state;	/* A << 1 | B */
	uint64_t seqno;
	uint64_t line_seqno[2];
	uint64_t ns;
};

/* The event of one quarter step in @dir (+1: A leads). */
static struct gpioirq_event enc_step(struct enc_gen *g, int dir, unsigned int *line)
{
	/* Gray order 00 -> 10 -> 11 -> 01 -> 00 for +1. */
	static const unsigned int next_up[4] = { 2, 0, 3, 1 };
	static const unsigned int next_down[4] = { 1, 3, 0, 2 };
	unsigned int new = dir > 0 ? next_up[g->state] : next_down[g->state];
	unsigned int changed = g->state ^ new;
	struct gpioirq_event ev = { 0 };
	int level;

	*line = changed == 2 ? QUAD_LINE_A : QUAD_LINE_B;
	level = !!(new & changed);
	g->state = new;
	g->ns += 20000;		/* 20 us between edges */
	ev.type = GPIOIRQ_EVENT_EDGE;
	ev.seqno = ++g->seqno;
	ev.line_seqno = ++g->line_seqno[*line];
	ev.timestamp_ns = g->ns;
	ev.edge = level ? GPIOIRQ_EDGE_RISING : GPIOIRQ_EDGE_FALLING;
	ev.level = (uint8_t)level;
	return ev;
}

/* Feeds @quarters quarter steps in @dir; returns the detents reported. */
static int enc_turn(struct quad *q, struct enc_gen *g, int dir, int quarters)
{
	unsigned int line;
	int detents = 0;

	while (quarters--) {
		struct gpioirq_event ev = enc_step(g, dir, &line);
		enum quad_result r = quad_feed(q, line, &ev);

		ck_assert_msg(r == QUAD_QUIET || r == QUAD_DETENT, "result %s", quad_result_str(r));
		if (r == QUAD_DETENT) {
			ck_assert_int_eq(q->direction, dir);
			detents++;
		}
	}
	return detents;
}

START_TEST(counts_100_detents_forward_and_40_back_exactly)
{
	struct enc_gen g = { .state = 3 };
	struct quad q;

	quad_init(&q, 1, 1);
	ck_assert_int_eq(enc_turn(&q, &g, 1, 400), 100);
	ck_assert_int_eq(q.position, 100);
	ck_assert_int_eq(enc_turn(&q, &g, -1, 160), 40);
	ck_assert_int_eq(q.position, 60);
	ck_assert_int_eq(q.direction, -1);
	ck_assert_int_eq(q.quarters, 240);
	ck_assert_uint_eq(q.errors, 0);
	ck_assert_uint_eq(q.lost, 0);
}
END_TEST

START_TEST(counts_nothing_for_a_wobble_that_returns_to_the_detent)
{
	struct enc_gen g = { 0 };
	struct quad q;

	quad_init(&q, 0, 0);
	ck_assert_int_eq(enc_turn(&q, &g, 1, 3), 0);
	ck_assert_int_eq(enc_turn(&q, &g, -1, 3), 0);
	ck_assert_int_eq(enc_turn(&q, &g, -1, 2), 0);
	ck_assert_int_eq(enc_turn(&q, &g, 1, 2), 0);
	ck_assert_int_eq(q.position, 0);
	ck_assert_int_eq(q.quarters, 0);
	/* And a full detent after it still counts. */
	ck_assert_int_eq(enc_turn(&q, &g, -1, 4), 1);
	ck_assert_int_eq(q.position, -1);
}
END_TEST

START_TEST(reports_a_line_seqno_gap_and_resynchronises_without_a_wrong_step)
{
	struct enc_gen g = { 0 };
	unsigned int line;
	struct gpioirq_event ev;
	struct quad q;

	quad_init(&q, 0, 0);
	ck_assert_int_eq(enc_turn(&q, &g, 1, 8), 2);
	/* Detent 3: its second edge (B rises) never reaches the decoder. */
	ck_assert_int_eq(enc_turn(&q, &g, 1, 1), 0);
	enc_step(&g, 1, &line);
	ck_assert_uint_eq(line, QUAD_LINE_B);
	/* A falls: with B's rise unseen it looks like A's rise undone, a
	 * wobble that counts nothing. */
	ev = enc_step(&g, 1, &line);
	ck_assert_int_eq(quad_feed(&q, line, &ev), QUAD_QUIET);
	/* B falls: its line_seqno shows the gap. */
	ev = enc_step(&g, 1, &line);
	ck_assert_uint_eq(line, QUAD_LINE_B);
	ck_assert_int_eq(quad_feed(&q, line, &ev), QUAD_ERR_LOST);
	ck_assert_uint_eq(q.lost, 1);
	/* Detent 4 resynchronises (A's level, then the detent state), 5 to 10
	 * count: 8, short of the true 10 by what the error said. */
	ck_assert_int_eq(enc_turn(&q, &g, 1, 4), 0);
	ck_assert_int_eq(enc_turn(&q, &g, 1, 24), 6);
	ck_assert_int_eq(q.position, 8);
	ck_assert_uint_eq(q.errors, 1);
}
END_TEST

START_TEST(reports_a_repeated_level_as_an_invalid_transition)
{
	struct enc_gen g = { 0 };
	unsigned int line;
	struct gpioirq_event ev;
	struct quad q;

	quad_init(&q, 0, 0);
	ev = enc_step(&g, 1, &line);	/* A rises: 00 -> 10 */
	ck_assert_int_eq(quad_feed(&q, line, &ev), QUAD_QUIET);
	/* A rises again, numbered as if nothing was lost: its fall was never
	 * reported.
	 */
	ev.seqno = ++g.seqno;
	ev.line_seqno = ++g.line_seqno[QUAD_LINE_A];
	ck_assert_int_eq(quad_feed(&q, QUAD_LINE_A, &ev), QUAD_ERR_INVALID);
	ck_assert_uint_eq(q.errors, 1);
	ck_assert_uint_eq(q.lost, 0);
	/* Nothing counts until the detent state comes back: the rest of this
	 * turn (3 quarters) aligns, the next full one counts.
	 */
	ck_assert_int_eq(enc_turn(&q, &g, 1, 3), 0);
	ck_assert_int_eq(enc_turn(&q, &g, 1, 4), 1);
	ck_assert_int_eq(q.position, 1);
}
END_TEST

START_TEST(reports_an_edge_flagged_missed_as_lost)
{
	struct enc_gen g = { 0 };
	unsigned int line;
	struct gpioirq_event ev;
	struct quad q;

	quad_init(&q, 0, 0);
	ck_assert_int_eq(enc_turn(&q, &g, -1, 4), 1);
	ev = enc_step(&g, -1, &line);
	ev.flags = GPIOIRQ_EVENT_F_MISSED;
	ck_assert_int_eq(quad_feed(&q, line, &ev), QUAD_ERR_LOST);
	ck_assert_uint_eq(q.lost, 1);
	ck_assert_uint_eq(q.errors, 1);
	ck_assert_int_eq(q.position, -1);
}
END_TEST

START_TEST(counts_losses_on_both_lines_as_one_error)
{
	struct enc_gen g = { 0 };
	unsigned int line;
	struct gpioirq_event ev;
	struct quad q;
	int i;

	quad_init(&q, 0, 0);
	ck_assert_int_eq(enc_turn(&q, &g, 1, 4), 1);
	for (i = 0; i < 3; i++)
		enc_step(&g, 1, &line);
	ev = enc_step(&g, 1, &line);
	ck_assert_int_eq(quad_feed(&q, line, &ev), QUAD_ERR_LOST);
	ck_assert_uint_eq(q.errors, 1);
	ck_assert_uint_eq(q.lost, 1);
	/* B's gap (1) shows now, A's (2) at its next event, while the decoder
	 * resynchronises: the same error. The first full turn aligns (back in
	 * the detent state 0 0), the next counts. */
	ck_assert_int_eq(enc_turn(&q, &g, 1, 4), 0);
	ck_assert_uint_eq(q.lost, 3);
	ck_assert_uint_eq(q.errors, 1);
	ck_assert_int_eq(enc_turn(&q, &g, 1, 4), 1);
	ck_assert_int_eq(q.position, 2);
}
END_TEST

START_TEST(takes_the_level_from_the_edge_on_a_chip_that_sleeps)
{
	struct enc_gen g = { 0 };
	unsigned int line;
	struct quad q;
	int i, detents = 0;

	quad_init(&q, 0, 0);
	for (i = 0; i < 8; i++) {
		struct gpioirq_event ev = enc_step(&g, -1, &line);

		ev.level = GPIOIRQ_LEVEL_UNKNOWN;
		detents += quad_feed(&q, line, &ev) == QUAD_DETENT;
	}
	ck_assert_int_eq(detents, 2);
	ck_assert_int_eq(q.position, -2);
}
END_TEST

START_TEST(starts_from_unknown_levels_at_the_first_state_both_lines_show)
{
	struct enc_gen g = { 0 };
	struct quad q;

	quad_init(&q, -1, -1);
	/* A's event, then B's: from then on the state (11) is the detent. */
	ck_assert_int_eq(enc_turn(&q, &g, 1, 2), 0);
	ck_assert_int_eq(enc_turn(&q, &g, 1, 4), 1);
	ck_assert_int_eq(enc_turn(&q, &g, -1, 8), 2);
	ck_assert_int_eq(q.position, -1);
	ck_assert_uint_eq(q.errors, 0);
}
END_TEST

/* An event of @line at @ns, the @n-th of its line. */
static struct gpioirq_event merge_ev(uint64_t ns, uint64_t seqno, uint64_t line_seqno)
{
	struct gpioirq_event ev = { 0 };

	ev.type = GPIOIRQ_EVENT_EDGE;
	ev.timestamp_ns = ns;
	ev.seqno = seqno;
	ev.line_seqno = line_seqno;
	return ev;
}

START_TEST(merges_lines_published_out_of_order_back_into_edge_order)
{
	static struct edgemerge m;
	struct gpioirq_event evs[400], ev;
	struct enc_gen g = { 0 };
	unsigned int lines[400], line, out_line, i, j, n = 0;
	struct quad q;
	uint64_t last_ns = 0;

	for (i = 0; i < 400; i++)
		evs[i] = enc_step(&g, 1, &lines[i]);
	/* The ring's order: in chunks of 40 edges, all of A's, then B's, as two
	 * bottom halves run one after the other; seqnos in that order. */
	edgemerge_init(&m, 2);
	quad_init(&q, 0, 0);
	for (i = 0; i < 400; i += 40) {
		for (line = 0; line < 2; line++) {
			for (j = i; j < i + 40; j++) {
				if (lines[j] != line)
					continue;
				evs[j].seqno = ++n;
				edgemerge_push(&m, line, &evs[j]);
				while (edgemerge_pop(&m, &out_line, &ev)) {
					ck_assert_uint_gt(ev.timestamp_ns, last_ns);
					last_ns = ev.timestamp_ns;
					quad_feed(&q, out_line, &ev);
				}
			}
		}
	}
	edgemerge_flush(&m);
	while (edgemerge_pop(&m, &line, &ev)) {
		ck_assert_uint_gt(ev.timestamp_ns, last_ns);
		last_ns = ev.timestamp_ns;
		quad_feed(&q, line, &ev);
	}
	ck_assert_uint_eq(last_ns, g.ns);
	ck_assert_uint_eq(edgemerge_pending(&m), 0);
	ck_assert_int_eq(q.position, 100);
	ck_assert_uint_eq(q.errors, 0);
}
END_TEST

START_TEST(holds_an_event_until_every_other_line_shows_a_later_one)
{
	static struct edgemerge m;
	struct gpioirq_event ev = merge_ev(100, 1, 1), out;
	unsigned int line = 9;

	edgemerge_init(&m, 2);
	edgemerge_push(&m, 0, &ev);
	ck_assert(!edgemerge_pop(&m, &line, &out));
	/* B's edge at 50 came first; A's at 100 waits for B to pass 100. */
	ev = merge_ev(50, 2, 1);
	edgemerge_push(&m, 1, &ev);
	ck_assert(edgemerge_pop(&m, &line, &out));
	ck_assert_uint_eq(line, 1);
	ck_assert_uint_eq(out.timestamp_ns, 50);
	ck_assert(!edgemerge_pop(&m, &line, &out));
	ev = merge_ev(100, 3, 2);
	edgemerge_push(&m, 1, &ev);
	/* A tie goes in seqno order; then B's 100 may go too: A has shown 100. */
	ck_assert(edgemerge_pop(&m, &line, &out));
	ck_assert_uint_eq(line, 0);
	ck_assert_uint_eq(out.seqno, 1);
	ck_assert(edgemerge_pop(&m, &line, &out));
	ck_assert_uint_eq(line, 1);
	ck_assert_uint_eq(out.seqno, 3);
	/* A at 200 waits for B, until a flush says nothing else will come. */
	ev = merge_ev(200, 4, 2);
	edgemerge_push(&m, 0, &ev);
	ck_assert(!edgemerge_pop(&m, &line, &out));
	edgemerge_flush(&m);
	ck_assert(edgemerge_pop(&m, &line, &out));
	ck_assert_uint_eq(line, 0);
	ck_assert_uint_eq(out.seqno, 4);
	ck_assert(!edgemerge_pop(&m, &line, &out));
}
END_TEST

START_TEST(discards_the_oldest_of_a_full_queue_and_counts_it)
{
	static struct edgemerge m;
	struct gpioirq_event ev, out;
	unsigned int line, i;

	edgemerge_init(&m, 2);
	for (i = 1; i <= EDGEMERGE_QUEUE + 2; i++) {
		ev = merge_ev(i * 1000, i, i);
		edgemerge_push(&m, 0, &ev);
	}
	ck_assert_uint_eq(m.forced, 2);
	ck_assert_uint_eq(edgemerge_pending(&m), EDGEMERGE_QUEUE);
	edgemerge_flush(&m);
	ck_assert(edgemerge_pop(&m, &line, &out));
	ck_assert_uint_eq(out.line_seqno, 3);
}
END_TEST

Suite *example_encoder_suite(void)
{
	Suite *s = suite_create("example-encoder");
	TCase *tc = tcase_create("quadrature");

	tcase_add_test(tc, counts_100_detents_forward_and_40_back_exactly);
	tcase_add_test(tc, counts_nothing_for_a_wobble_that_returns_to_the_detent);
	tcase_add_test(tc, reports_a_line_seqno_gap_and_resynchronises_without_a_wrong_step);
	tcase_add_test(tc, reports_a_repeated_level_as_an_invalid_transition);
	tcase_add_test(tc, reports_an_edge_flagged_missed_as_lost);
	tcase_add_test(tc, counts_losses_on_both_lines_as_one_error);
	tcase_add_test(tc, takes_the_level_from_the_edge_on_a_chip_that_sleeps);
	tcase_add_test(tc, starts_from_unknown_levels_at_the_first_state_both_lines_show);
	tcase_add_test(tc, merges_lines_published_out_of_order_back_into_edge_order);
	tcase_add_test(tc, holds_an_event_until_every_other_line_shows_a_later_one);
	tcase_add_test(tc, discards_the_oldest_of_a_full_queue_and_counts_it);
	suite_add_tcase(s, tc);
	return s;
}
