// SPDX-License-Identifier: MIT
/*
 * pulsecount: the pulse counter of examples/s0meter.c; see pulsecount.h.
 * Pure: no I/O.
 */
#include "pulsecount.h"

void pulsecount_init(struct pulsecount *pc, uint64_t total)
{
	*pc = (struct pulsecount){ .total = total };
}

/*
 * Falling edges among the @gap edges dropped between an edge @before and
 * the edge @after: they alternate, starting with the opposite of @before.
 * An even gap lies between edges of opposite directions, an odd one between
 * edges of the same (else the module's numbering is not alternation: count
 * what alternation gives and let .missed say the rest).
 */
static uint64_t dropped_falling(unsigned int before, uint64_t gap)
{
	/* Edges before+1 .. before+gap: falling ones are every other one,
	 * the first of them when @before was rising.
	 */
	if (before == GPIOIRQ_EDGE_RISING)
		return (gap + 1) / 2;
	return gap / 2;
}

uint64_t pulsecount_feed(struct pulsecount *pc, const struct gpioirq_event *ev)
{
	uint64_t n = 0, gap = 0;

	if (ev->type != GPIOIRQ_EVENT_EDGE)
		return 0;
	if (pc->last_line_seqno && ev->line_seqno > pc->last_line_seqno + 1)
		gap = ev->line_seqno - pc->last_line_seqno - 1;
	if (gap && pc->last_edge) {
		n = dropped_falling(pc->last_edge, gap);
		pc->recovered += n;
	}
	if (ev->flags & GPIOIRQ_EVENT_F_MISSED)
		pc->missed++;
	pc->last_line_seqno = ev->line_seqno;
	pc->last_edge = ev->edge;

	if (ev->edge == GPIOIRQ_EDGE_RISING) {
		/* The end of a pulse: its width, when its start was seen. */
		pc->width_ns = gap ? 0 : ev->pulse_ns;
	} else {
		n++;
		if (!pc->session)
			pc->first_ns = ev->timestamp_ns;
		else	/* n pulses since the last one seen, the dropped included */
			pc->interval_ns = (ev->timestamp_ns - pc->last_ns) / n;
		pc->last_ns = ev->timestamp_ns;
	}
	pc->session += n;
	pc->total += n;
	return n;
}

uint64_t pulsecount_settle(struct pulsecount *pc, uint64_t edges)
{
	uint64_t n = 0;

	if (pc->last_edge && edges > pc->last_line_seqno) {
		n = dropped_falling(pc->last_edge, edges - pc->last_line_seqno);
		pc->recovered += n;
		pc->last_line_seqno = edges;
		pc->session += n;
		pc->total += n;
	}
	return n;
}

double pulsecount_rate(const struct pulsecount *pc)
{
	return pc->interval_ns ? 1e9 / (double)pc->interval_ns : 0.0;
}

double pulsecount_mean_rate(const struct pulsecount *pc)
{
	if (pc->session < 2 || pc->last_ns <= pc->first_ns)
		return 0.0;
	return (double)(pc->session - 1) * 1e9 / (double)(pc->last_ns - pc->first_ns);
}
