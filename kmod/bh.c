// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq: the bottom halves. A tasklet (chips that do not sleep), a work
 * item on a workqueue (chips that sleep, or on request) or the same work item
 * on the BH workqueue (on request, 6.9+) drains the line's top-half buffer
 * into the file's ring: it gives the seqnos, measures the top-to-bottom delay,
 * publishes head and wakes pollers when the consumer asked for it.
 *
 * The bottom half of a line never runs concurrently with itself (a tasklet
 * runs on one CPU at a time; a work item is not reentrant on its workqueue,
 * and the line's work item only ever goes to one of the two),
 * which makes it the single consumer of the line's kfifo. The bottom halves
 * of a file's lines share its ring under ring->lock.
 *
 * GPIOIRQ_BH_DIRECT lines have none: their top half runs gpioirq_bh_run()
 * itself, in hard-IRQ context, once it has pushed the record (the irq core
 * never runs a handler concurrently with itself, so it is the kfifo's single
 * consumer too; line.c refuses debounce, whose timer would be another
 * producer calling it). That is why ring->lock is taken with interrupts off
 * everywhere: a bottom half of another line of the file holding it must not
 * be interrupted on its CPU by a direct top half that wants it. Never on
 * PREEMPT_RT (line.c), where the lock sleeps.
 */
#include <linux/ktime.h>

#include "internal.h"

/*
 * Sleeping chips, both edges, level not read in the top half: the edges
 * alternate, so the direction of the n records is derived backwards from the
 * level read now; when that does not continue from the last event's level,
 * an edge was missed before the first record.
 */
static bool gpioirq_bh_derives(const struct gpioirq_line *line)
{
	return line->cansleep && !line->threaded && !line->debounce_ns &&
	       (line->config.flags & GPIOIRQ_LINE_EDGE_BOTH) ==
		       GPIOIRQ_LINE_EDGE_BOTH;
}

static void gpioirq_bh_storm_event(struct gpioirq_line *line,
				   struct gpioirq_ring *ring, u32 *space)
{
	struct gpioirq_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.timestamp_ns = line->storm_timestamp_ns;
	ev.seqno = ++ring->seqno;
	ev.line_seqno = line->line_seqno;
	ev.cookie = line->config.cookie;
	ev.handle = line->handle;
	ev.type = GPIOIRQ_EVENT_STORM;
	ev.level = GPIOIRQ_LEVEL_UNKNOWN;
	gpioirq_ring_write(ring, &ev, space);
}

static void gpioirq_bh_run(struct gpioirq_line *line)
{
	struct gpioirq_ring *ring = line->ring;
	const bool active_low = line->config.flags & GPIOIRQ_LINE_ACTIVE_LOW;
	struct gpioirq_event ev;
	struct gpioirq_rec rec;
	unsigned int n, i;
	u64 now, delay, max, lost;
	unsigned long irqflags;
	int cur = -1, raw;
	u32 space;
	bool storm;

	/* Before the records: the top half sets it after the storm's own
	 * record (test_and_clear_bit is a full barrier when it returns true),
	 * so the storm event comes after every edge before the mask.
	 */
	storm = test_and_clear_bit(GPIOIRQ_LINE_STORM_PENDING, &line->state);
	n = kfifo_len(&line->fifo);
	if (n && gpioirq_bh_derives(line))
		cur = gpiod_get_raw_value_cansleep(line->desc);
	/* After kfifo_len(): every record we take was queued before now. */
	now = ktime_get_ns();

	spin_lock_irqsave(&ring->lock, irqflags);
	space = gpioirq_ring_space(ring);
	u64_stats_update_begin(&line->bhs.syncp);
	max = u64_stats_read(&line->bhs.bh_delay_max_ns);
	for (i = 0; i < n && kfifo_get(&line->fifo, &rec); i++) {
		memset(&ev, 0, sizeof(ev));
		ev.flags = rec.flags;
		ev.edge = rec.edge;
		ev.level = rec.level;
		if (!rec.edge) {
			if (cur < 0) {
				ev.edge = 0;
			} else {
				raw = cur ^ ((n - 1 - i) & 1);
				if (i == 0 && raw == line->bh_last_raw) {
					ev.flags |= GPIOIRQ_EVENT_F_MISSED;
					u64_stats_inc(&line->bhs.missed);
				}
				ev.edge = (raw ^ active_low) ?
						  GPIOIRQ_EDGE_RISING :
						  GPIOIRQ_EDGE_FALLING;
				line->bh_last_raw = raw;
			}
		}
		/* Edges lost in the top half just before this one. */
		ring->seqno += rec.lost_before;
		ring->dropped += rec.lost_before;
		line->line_seqno += rec.lost_before;
		ev.timestamp_ns = rec.timestamp_ns;
		ev.seqno = ++ring->seqno;
		ev.line_seqno = ++line->line_seqno;
		ev.cookie = line->config.cookie;
		ev.pulse_ns = rec.pulse_ns;
		delay = now - rec.queued_ns;
		ev.bh_delay_ns = delay;
		ev.handle = line->handle;
		ev.type = GPIOIRQ_EVENT_EDGE;
		if (delay > max)
			max = delay;
		if (gpioirq_ring_write(ring, &ev, &space))
			u64_stats_inc(&line->bhs.events);
		else
			u64_stats_inc(&line->bhs.dropped);
	}
	u64_stats_set(&line->bhs.bh_delay_max_ns, max);

	/* Edges the top half could not buffer, after the last record: their
	 * seqnos are burnt so that the gaps, and ctrl->dropped, show them.
	 */
	lost = gpioirq_take_lost(line);
	ring->seqno += lost;
	ring->dropped += lost;
	line->line_seqno += lost;

	if (storm)
		gpioirq_bh_storm_event(line, ring, &space);
	u64_stats_update_end(&line->bhs.syncp);
	gpioirq_ring_commit(ring);
	spin_unlock_irqrestore(&ring->lock, irqflags);
	gpioirq_ring_wake(line->file, ring);
}

static void gpioirq_tasklet(struct tasklet_struct *t)
{
	struct gpioirq_line *line = from_tasklet(line, t, tasklet);

	gpioirq_bh_run(line);
}

static void gpioirq_work(struct work_struct *work)
{
	gpioirq_bh_run(container_of(work, struct gpioirq_line, work));
}

static void gpioirq_work_bh(struct work_struct *work)
{
	gpioirq_bh_run(container_of(work, struct gpioirq_line, work));
}

/*
 * Once line->bh is resolved. A work item on the BH workqueue runs in softirq
 * context, one on system_highpri_wq in process context: each INIT_WORK()
 * gives its work items a lockdep class of their own, so that lockdep does
 * not see one class used in both contexts (an "inconsistent lock state"
 * report once a workqueue line and a BH workqueue line lived in one load of
 * the module).
 */
void gpioirq_bh_init(struct gpioirq_line *line)
{
	tasklet_setup(&line->tasklet, gpioirq_tasklet);
	if (line->bh == GPIOIRQ_BH_WORKQUEUE_BH)
		INIT_WORK(&line->work, gpioirq_work_bh);
	else
		INIT_WORK(&line->work, gpioirq_work);
}

/*
 * From the top half, the debounce timer or the threaded handler (a direct
 * line: only the top half). The BH workqueue is system_bh_wq, which runs in
 * the softirq tasklet_schedule() raises (not the high-priority one), so that
 * a tasklet line and a BH work line differ only in the mechanism.
 */
void gpioirq_bh_schedule(struct gpioirq_line *line)
{
	switch (line->bh) {
	case GPIOIRQ_BH_DIRECT:
		gpioirq_bh_run(line);
		break;
	case GPIOIRQ_BH_TASKLET:
		tasklet_schedule(&line->tasklet);
		break;
	case GPIOIRQ_BH_WORKQUEUE_BH:
		queue_work(system_bh_wq, &line->work);
		break;
	default:
		queue_work(system_highpri_wq, &line->work);
		break;
	}
}

/*
 * Waits until a scheduled bottom half has run and none runs. The caller
 * made sure nothing schedules it again (irq freed or disabled, timer
 * stopped). flush_work() waits for a BH work item too (from process
 * context, as here). A direct line's writes end with its top half, which
 * disable_irq() and free_irq() wait for.
 */
void gpioirq_bh_sync(struct gpioirq_line *line)
{
	if (line->bh == GPIOIRQ_BH_DIRECT)
		return;
	if (line->bh == GPIOIRQ_BH_TASKLET)
		tasklet_kill(&line->tasklet);
	else
		flush_work(&line->work);
}
