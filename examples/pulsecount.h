/* SPDX-License-Identifier: MIT */
/*
 * pulsecount: an S0 or flow meter's pulses counted from one line's events.
 * Pure: no I/O, no clock; examples/s0meter.c feeds it its line's events,
 * tests/unit/test-pulsecount.c synthetic ones.
 *
 * An S0 output (DIN 43864, IEC 62053-31) is an optocoupler's open collector:
 * with a pull-up, the line is high at rest and low for each pulse (at least
 * 30 ms). A pulse is counted at its falling edge (the line requested with
 * both edges, not active-low, so that the pulse's width is known at its
 * rising edge).
 *
 * Edges the ring had no room for are not lost to the count: gpioirq numbers
 * every edge of a line, the dropped ones included (line_seqno), and a line's
 * edges alternate, so the falling edges among those dropped follow from the
 * edges either side of the gap; they are counted and said (.recovered).
 * Only edges the top half never saw (an event flagged
 * GPIOIRQ_EVENT_F_MISSED: the chip's interrupt coalesced them) are of
 * unknown number; they are said (.missed) and not guessed.
 */
#ifndef GPIOIRQ_EXAMPLES_PULSECOUNT_H
#define GPIOIRQ_EXAMPLES_PULSECOUNT_H

#include <gpioirq.h>
#include <stdbool.h>
#include <stdint.h>

/**
 * struct pulsecount - a counter; fill with pulsecount_init(), then only read
 * @total: pulses counted, the restored total included
 * @session: pulses counted since pulsecount_init()
 * @recovered: of those, falling edges the ring dropped, counted from the
 *             line_seqno gap
 * @missed: events flagged GPIOIRQ_EVENT_F_MISSED (edges of unknown number
 *          lost before them)
 * @first_ns: timestamp of the session's first pulse
 * @last_ns: timestamp of the last pulse
 * @interval_ns: between the last two pulses, 0 before the second
 * @width_ns: the last pulse's width (low time), 0 before the first ends
 * @last_line_seqno: of the last event
 * @last_edge: of the last event, 0 before the first
 */
struct pulsecount {
	uint64_t total;
	uint64_t session;
	uint64_t recovered;
	uint64_t missed;
	uint64_t first_ns;
	uint64_t last_ns;
	uint64_t interval_ns;
	uint64_t width_ns;
	uint64_t last_line_seqno;
	unsigned int last_edge;
};

/**
 * pulsecount_init() - a counter starting at a restored total
 * @pc: out
 * @total: the total persisted by the previous run (0 the first time)
 */
void pulsecount_init(struct pulsecount *pc, uint64_t total);

/**
 * pulsecount_feed() - one event of the meter's line
 * @pc: the counter
 * @ev: the event (storm and chip-gone events count nothing)
 *
 * Return: the pulses this event counted: 1 at a falling edge, plus the
 * falling edges dropped before it; 0 otherwise.
 */
uint64_t pulsecount_feed(struct pulsecount *pc, const struct gpioirq_event *ev);

/**
 * pulsecount_settle() - count the falling edges dropped after the last event
 * @pc: the counter
 * @edges: the line's edge counter (struct gpioirq_line_stats.edges, every
 *         edge the top half saw: the last line_seqno the module gave), read
 *         once the ring is drained
 *
 * Edges the ring had no room for at the very end leave no later event to
 * show their line_seqno gap; the edge counter does. Call it at the end.
 *
 * Return: the pulses it counted (they are in .recovered too).
 */
uint64_t pulsecount_settle(struct pulsecount *pc, uint64_t edges);

/**
 * pulsecount_rate() - pulses per second
 * @pc: the counter
 *
 * Return: the rate of the last interval (1 s / interval_ns), 0 before the
 * second pulse.
 */
double pulsecount_rate(const struct pulsecount *pc);

/**
 * pulsecount_mean_rate() - pulses per second over the session
 * @pc: the counter
 *
 * Return: (session - 1) / (last_ns - first_ns) in 1/s, 0 before the second
 * pulse.
 */
double pulsecount_mean_rate(const struct pulsecount *pc);

#endif /* GPIOIRQ_EXAMPLES_PULSECOUNT_H */
