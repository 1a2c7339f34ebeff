/* SPDX-License-Identifier: MIT */
/*
 * quadrature: a rotary encoder's two lines, A and B, decoded from gpioirq
 * events in edge order. Pure: no I/O, no clock; examples/encoder.c feeds it
 * the events of its dispatcher, tests/unit/test-example-encoder.c synthetic ones.
 *
 * The state is A << 1 | B, logical levels. A quadrature encoder changes one
 * line at a time, in Gray-code order: 00 -> 10 -> 11 -> 01 -> 00 is one way
 * (A leads, +1), the reverse the other (-1). Each edge is a quarter step; a
 * mechanical encoder of 4 edges per detent rests in one state (the detent
 * state: the state it was in when decoding started) and a detent counts
 * when the state comes back to it four quarter steps away from where it
 * last was: a wobble that returns to the detent state counts nothing.
 *
 * The events must come in the order of the edges: examples/edgemerge.c
 * puts them so (by the top half's timestamps; ring order is not edge order
 * across lines when the bottom halves lag).
 *
 * What it never does is count a wrong step silently. A step it cannot
 * vouch for is an error, returned at the event that shows it:
 *  QUAD_ERR_LOST     events were lost: a gap in a line's line_seqno (dropped
 *                    edges take one, whether the ring or the line's
 *                    top-half buffer had no room), an event flagged
 *                    GPIOIRQ_EVENT_F_MISSED (the library's drop callback
 *                    says a loss too, but not where among the events: the
 *                    line_seqno gaps do);
 *  QUAD_ERR_INVALID  a line's level repeated (its opposite edge never came).
 * After an error the decoder resynchronises: it counts nothing until it has
 * seen an event of each line since (both levels known again) and the state
 * has come back to the detent state, and then goes on from there. A loss
 * found while resynchronising is part of the same error (counted in .lost,
 * not again in .errors). The position may lag by the detents lost, but the
 * error was reported.
 */
#ifndef GPIOIRQ_EXAMPLES_QUADRATURE_H
#define GPIOIRQ_EXAMPLES_QUADRATURE_H

#include <gpioirq.h>
#include <stdbool.h>
#include <stdint.h>

#define QUAD_LINE_A	0
#define QUAD_LINE_B	1
#define QUAD_EDGES_PER_DETENT	4

enum quad_result {
	QUAD_QUIET = 0,		/* a quarter step (or resynchronising): no detent */
	QUAD_DETENT,		/* the position moved one detent, by .direction */
	QUAD_ERR_LOST,		/* see above */
	QUAD_ERR_INVALID,	/* see above */
};

/**
 * struct quad - a decoder's state; fill with quad_init(), then only read
 * @position: detents, + when A leads B
 * @direction: +1 or -1, of the last detent (0 before the first)
 * @quarters: net quarter steps counted (edges, each +1 or -1)
 * @errors: errors returned (QUAD_ERR_*)
 * @lost: edges known lost (line_seqno gaps); an edge flagged missed
 *        counts one, the true number being unknown
 * @missed: of @lost, the events flagged missed
 * @state: A << 1 | B as last known
 * @detent_state: the state the encoder rests in
 * @acc: quarter steps since the state was last the detent state
 * @known: bit per line (1 << line): its level is known
 * @detent_known: detent_state is set
 * @aligned: acc counts from a visit of the detent state
 * @resyncing: an error was returned and the detent state not seen since
 * @last_line_seqno: per line, line_seqno of its last event, 0 before it
 */
struct quad {
	int64_t position;
	int direction;
	int64_t quarters;
	uint64_t errors;
	uint64_t lost;
	uint64_t missed;
	unsigned int state;
	unsigned int detent_state;
	int acc;
	unsigned int known;
	bool detent_known;
	bool aligned;
	bool resyncing;
	uint64_t last_line_seqno[2];
};

/**
 * quad_init() - start decoding from the lines' levels now
 * @q: out
 * @a: line A's logical level (0/1), as gpioirq_line_get_value() reads it
 *     before the first event, or -1 when unknown (the first event of each
 *     line tells it; nothing is counted until then)
 * @b: line B's, the same way
 *
 * The state at the start, when both are known, is the detent state;
 * otherwise the first state with both levels known is.
 */
void quad_init(struct quad *q, int a, int b);

/**
 * quad_feed() - one event of line A or B, in edge order
 * @q: the decoder
 * @line: QUAD_LINE_A or QUAD_LINE_B
 * @ev: the event; events of type other than GPIOIRQ_EVENT_EDGE (a storm, a
 *      chip gone) are QUAD_ERR_LOST: edges stop being reported after them
 *
 * Return: enum quad_result; QUAD_DETENT with @q->direction and
 * @q->position updated.
 */
enum quad_result quad_feed(struct quad *q, unsigned int line, const struct gpioirq_event *ev);

/**
 * quad_unsure() - events were lost that no line_seqno gap has shown yet
 * @q: the decoder
 *
 * The library's drop callback counts losses a gap shows only at the line's
 * next event; when the edges stop, a loss among the last ones shows
 * nowhere. Then the lines' levels are no longer known: the decoder
 * resynchronises as after an error (a gap found later is part of it).
 *
 * Return: QUAD_ERR_LOST, or QUAD_QUIET when already resynchronising.
 */
enum quad_result quad_unsure(struct quad *q);

/* A short text for a result, "detent", "events lost", ... */
const char *quad_result_str(enum quad_result r);

#endif /* GPIOIRQ_EXAMPLES_QUADRATURE_H */
