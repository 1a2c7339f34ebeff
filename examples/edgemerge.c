// SPDX-License-Identifier: MIT
/*
 * edgemerge: several lines' events in edge order; see edgemerge.h. Pure:
 * no I/O.
 */
#include "edgemerge.h"

void edgemerge_init(struct edgemerge *m, unsigned int lines)
{
	unsigned int i;

	m->lines = lines < 1 ? 1 : lines > EDGEMERGE_MAX_LINES ? EDGEMERGE_MAX_LINES : lines;
	m->flushing = false;
	m->forced = 0;
	for (i = 0; i < EDGEMERGE_MAX_LINES; i++) {
		m->q[i].head = 0;
		m->q[i].count = 0;
		m->q[i].last_ns = 0;
		m->q[i].seen = false;
	}
}

/* @a goes before @b. */
static bool edge_before(const struct gpioirq_event *a, const struct gpioirq_event *b)
{
	return a->timestamp_ns < b->timestamp_ns ||
	       (a->timestamp_ns == b->timestamp_ns && a->seqno < b->seqno);
}

/* The line whose queued head goes first; -1 when nothing is queued. */
static int edgemerge_first(const struct edgemerge *m)
{
	const struct gpioirq_event *best = NULL;
	unsigned int i;
	int line = -1;

	for (i = 0; i < m->lines; i++) {
		const struct edgemerge_queue *q = &m->q[i];

		if (q->count && (!best || edge_before(&q->ev[q->head], best))) {
			best = &q->ev[q->head];
			line = (int)i;
		}
	}
	return line;
}

static void edgemerge_take(struct edgemerge *m, unsigned int line, struct gpioirq_event *ev)
{
	struct edgemerge_queue *q = &m->q[line];

	*ev = q->ev[q->head];
	q->head = (q->head + 1) % EDGEMERGE_QUEUE;
	q->count--;
}

bool edgemerge_pop(struct edgemerge *m, unsigned int *line, struct gpioirq_event *ev)
{
	int first = edgemerge_first(m);
	const struct gpioirq_event *head;
	unsigned int i;

	if (first < 0)
		return false;
	head = &m->q[first].ev[m->q[first].head];
	if (!m->flushing) {
		/* Another line may still publish an earlier edge unless it has
		 * shown one at or after this one's time. */
		for (i = 0; i < m->lines; i++) {
			const struct edgemerge_queue *q = &m->q[i];

			if ((int)i != first && !q->count &&
			    (!q->seen || q->last_ns < head->timestamp_ns))
				return false;
		}
	}
	*line = (unsigned int)first;
	edgemerge_take(m, (unsigned int)first, ev);
	return true;
}

void edgemerge_push(struct edgemerge *m, unsigned int line, const struct gpioirq_event *ev)
{
	struct edgemerge_queue *q;

	if (line >= m->lines)
		return;
	q = &m->q[line];
	m->flushing = false;
	if (q->count == EDGEMERGE_QUEUE) {
		/* Full: the oldest goes; its line_seqno gap tells the reader. */
		q->head = (q->head + 1) % EDGEMERGE_QUEUE;
		q->count--;
		m->forced++;
	}
	q->ev[(q->head + q->count) % EDGEMERGE_QUEUE] = *ev;
	q->count++;
	q->last_ns = ev->timestamp_ns;
	q->seen = true;
}

void edgemerge_flush(struct edgemerge *m)
{
	m->flushing = true;
}

unsigned int edgemerge_pending(const struct edgemerge *m)
{
	unsigned int i, n = 0;

	for (i = 0; i < m->lines; i++)
		n += m->q[i].count;
	return n;
}
