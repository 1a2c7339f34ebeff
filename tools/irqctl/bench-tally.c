// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl bench's accounting: what a contender's events show of the edges it
 * lost, visibly and silently, and of the directions it got wrong. No I/O:
 * the unit tests feed it (tests/unit/test-bench-tally.c).
 */
#include "irqctl.h"

void irqctl_bench_tally_event(struct irqctl_bench_tally *t, uint64_t line_seqno,
			      unsigned int edge, bool missed)
{
	bool gap = line_seqno != t->prev_seqno + 1;

	t->events++;
	if (line_seqno > t->prev_seqno + 1)
		t->gaps += line_seqno - t->prev_seqno - 1;
	t->prev_seqno = line_seqno;
	if (missed)
		t->missed_flags++;
	if (t->prev_edge && edge == t->prev_edge && !gap && !missed)
		t->wrong++;
	t->prev_edge = edge;
}

void irqctl_bench_tally_settle(struct irqctl_bench_tally *t, bool driven_known)
{
	uint64_t lost;

	t->visible = t->gaps > t->counted ? t->gaps : t->counted;
	if (driven_known) {
		lost = t->driven > t->events ? t->driven - t->events : 0;
		if (t->visible > lost)
			t->visible = lost;
		t->silent = lost - t->visible;
	} else {
		t->silent = t->wrong;
	}
}

void irqctl_bench_tally_add(struct irqctl_bench_tally *sum, const struct irqctl_bench_tally *t)
{
	sum->events += t->events;
	sum->driven += t->driven;
	sum->gaps += t->gaps;
	sum->missed_flags += t->missed_flags;
	sum->counted += t->counted;
	sum->ring_dropped += t->ring_dropped;
	sum->wrong += t->wrong;
	sum->visible += t->visible;
	sum->silent += t->silent;
	sum->cpu_ns += t->cpu_ns;
	sum->syscalls += t->syscalls;
}
