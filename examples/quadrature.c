// SPDX-License-Identifier: MIT
/*
 * quadrature: the rotary encoder decoder of examples/encoder.c; see
 * quadrature.h. Pure: no I/O.
 */
#include "quadrature.h"

/*
 * Quarter step from (old state << 2 | new state), state = A << 1 | B.
 * 00 -> 10 -> 11 -> 01 -> 00 (A leads) is +1, the reverse -1. Transitions
 * that change no line or both are 0: quad_feed() never looks them up (one
 * event changes one line; a repeated level is an error before this).
 */
static const signed char quad_step[16] = {
	[0x0 << 2 | 0x2] = 1, [0x2 << 2 | 0x3] = 1,
	[0x3 << 2 | 0x1] = 1, [0x1 << 2 | 0x0] = 1,
	[0x0 << 2 | 0x1] = -1, [0x1 << 2 | 0x3] = -1,
	[0x3 << 2 | 0x2] = -1, [0x2 << 2 | 0x0] = -1,
};

void quad_init(struct quad *q, int a, int b)
{
	*q = (struct quad){ 0 };
	q->state = (a > 0 ? 2u : 0u) | (b > 0 ? 1u : 0u);
	q->known = (a >= 0 ? 2u : 0u) | (b >= 0 ? 1u : 0u);
	if (q->known == 3) {
		q->detent_state = q->state;
		q->detent_known = true;
		q->aligned = true;
	}
}

/*
 * After a loss or an impossible transition: only line @bit's level is sure
 * (0: neither), and the detents must be found again. A loss found while
 * still resynchronising from the previous one is the same trouble: counted
 * in .lost, not again in .errors.
 */
static enum quad_result quad_error(struct quad *q, unsigned int bit, enum quad_result r)
{
	bool again = q->resyncing;

	q->known = bit;
	q->aligned = false;
	q->resyncing = true;
	q->acc = 0;
	if (again && r == QUAD_ERR_LOST)
		return QUAD_QUIET;
	q->errors++;
	return r;
}

/* Both levels known (again): the first known state may become the detent
 * state, and a visit of the detent state aligns the count.
 */
static void quad_align(struct quad *q)
{
	if (!q->detent_known) {
		q->detent_state = q->state;
		q->detent_known = true;
	}
	if (q->state == q->detent_state) {
		q->aligned = true;
		q->resyncing = false;
		q->acc = 0;
	}
}

enum quad_result quad_feed(struct quad *q, unsigned int line, const struct gpioirq_event *ev)
{
	unsigned int bit = line == QUAD_LINE_A ? 2 : 1;
	uint64_t last = q->last_line_seqno[line];
	bool lost = false;
	unsigned int old = q->state, new;
	int level, step;

	/* Dropped edges take a line_seqno too: the gap is their number. */
	if (last && ev->line_seqno > last + 1) {
		q->lost += ev->line_seqno - last - 1;
		lost = true;
	}
	if (ev->flags & GPIOIRQ_EVENT_F_MISSED) {
		q->lost++;
		q->missed++;
		lost = true;
	}
	q->last_line_seqno[line] = ev->line_seqno;
	if (ev->type != GPIOIRQ_EVENT_EDGE)
		return quad_error(q, 0, QUAD_ERR_LOST);

	/* A chip that sleeps cannot read the level in the top half: the edge
	 * says it then.
	 */
	if (ev->level == GPIOIRQ_LEVEL_UNKNOWN)
		level = ev->edge == GPIOIRQ_EDGE_RISING;
	else
		level = ev->level == GPIOIRQ_LEVEL_HIGH;
	new = level ? old | bit : old & ~bit;
	q->state = new;
	if (lost)
		return quad_error(q, bit, QUAD_ERR_LOST);
	if (!(q->known & bit)) {
		/* The line's first event since the start or an error. */
		q->known |= bit;
		if (q->known == 3)
			quad_align(q);
		return QUAD_QUIET;
	}
	if (new == old)
		return quad_error(q, q->known, QUAD_ERR_INVALID);
	if (q->known != 3)
		return QUAD_QUIET;

	step = quad_step[old << 2 | new];
	q->quarters += step;
	if (!q->aligned) {
		quad_align(q);
		return QUAD_QUIET;
	}
	q->acc += step;
	if (new != q->detent_state)
		return QUAD_QUIET;
	/* Back in the detent state: a full turn of the Gray code, or a wobble. */
	step = q->acc / QUAD_EDGES_PER_DETENT;
	q->acc = 0;
	if (!step)
		return QUAD_QUIET;
	q->position += step;
	q->direction = step;
	return QUAD_DETENT;
}

enum quad_result quad_unsure(struct quad *q)
{
	return quad_error(q, 0, QUAD_ERR_LOST);
}

const char *quad_result_str(enum quad_result r)
{
	switch (r) {
	case QUAD_QUIET:
		return "quarter step";
	case QUAD_DETENT:
		return "detent";
	case QUAD_ERR_LOST:
		return "events lost";
	case QUAD_ERR_INVALID:
		return "invalid transition (an edge was never reported)";
	}
	return "?";
}
