/* SPDX-License-Identifier: MIT */
/*
 * edgemerge: several lines' events of one context put back in the order
 * of their edges, by the top half's timestamps. Pure: no I/O, no clock;
 * examples/encoder.c runs its two lines' events through it before the
 * quadrature decoder, tests/unit/test-example-encoder.c feeds it synthetic
 * ones.
 *
 * Why: an event's seqno is given by its line's bottom half when it writes
 * the ring, so when edges of two lines come faster than the bottom halves
 * run (a late timer, a burst), one line's events can take their seqnos
 * before the other's, and ring order is not edge order across lines
 * (GPIOIRQ_BH_DIRECT, which writes the ring from the top half, is the
 * exception). Each line's own events are always in order, and every
 * timestamp_ns is taken by the top half at its edge, so the edges' order
 * is that of the timestamps: an event is released once no event of another
 * line can still come before it, that is, once every other line has an
 * event queued or has shown one at or after its time. When the ring has
 * been empty longer than a bottom half takes to run, everything queued may
 * go: edgemerge_flush().
 *
 * Ties (equal timestamps on two lines) go in seqno order.
 */
#ifndef GPIOIRQ_EXAMPLES_EDGEMERGE_H
#define GPIOIRQ_EXAMPLES_EDGEMERGE_H

#include <gpioirq.h>
#include <stdbool.h>
#include <stdint.h>

#define EDGEMERGE_MAX_LINES	4
/* Events queued per line: a ring's worth (the default ring), the most one
 * line can run ahead of another. */
#define EDGEMERGE_QUEUE		GPIOIRQ_RING_DEFAULT_ENTRIES

struct edgemerge_queue {
	struct gpioirq_event ev[EDGEMERGE_QUEUE];
	unsigned int head, count;
	uint64_t last_ns;	/* timestamp of the line's last pushed event */
	bool seen;		/* an event of the line was pushed */
};

/**
 * struct edgemerge - the merger; fill with edgemerge_init()
 * @lines: lines merged, 1..EDGEMERGE_MAX_LINES
 * @flushing: edgemerge_flush() was called: everything queued is released
 * @forced: events discarded because their line's queue was full
 * @q: one queue per line
 */
struct edgemerge {
	unsigned int lines;
	bool flushing;
	uint64_t forced;
	struct edgemerge_queue q[EDGEMERGE_MAX_LINES];
};

/**
 * edgemerge_init() - an empty merger of @lines lines
 * @m: out
 * @lines: 1..EDGEMERGE_MAX_LINES (more are taken as the maximum)
 */
void edgemerge_init(struct edgemerge *m, unsigned int lines);

/**
 * edgemerge_push() - an event of line @line, as taken from the ring
 * @m: the merger
 * @line: 0..lines - 1
 * @ev: the event (copied)
 *
 * Pop after each push: when the line's queue is full (another line has
 * shown nothing for EDGEMERGE_QUEUE of its events), its oldest event is
 * discarded, counted in @m->forced; its line_seqno gap then shows the loss
 * to whoever reads the line's events.
 */
void edgemerge_push(struct edgemerge *m, unsigned int line, const struct gpioirq_event *ev);

/**
 * edgemerge_pop() - the next event in edge order, if it may go
 * @m: the merger
 * @line: out: its line
 * @ev: out: the event
 *
 * Return: true with @line and @ev filled, false when nothing may go yet.
 */
bool edgemerge_pop(struct edgemerge *m, unsigned int *line, struct gpioirq_event *ev);

/**
 * edgemerge_flush() - every event queued may go, in edge order
 * @m: the merger
 *
 * Call when the ring has been empty long enough for every bottom half to
 * have run (tens of milliseconds); edgemerge_pop() then releases all that
 * is queued, and the next edgemerge_push() ends the flush.
 */
void edgemerge_flush(struct edgemerge *m);

/* Events queued, all lines. */
unsigned int edgemerge_pending(const struct edgemerge *m);

#endif /* GPIOIRQ_EXAMPLES_EDGEMERGE_H */
