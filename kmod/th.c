// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq: the top half, the software debounce timer and the storm guard.
 *
 * The top half (gpioirq_top_half(), hard IRQ even on PREEMPT_RT thanks to
 * IRQF_NO_THREAD) takes the timestamp of the edge, reads the level where the
 * chip does not sleep, and pushes one record into the line's kfifo for the
 * bottom half. It allocates nothing, never sleeps and does a bounded amount
 * of work; its only lock is the line's raw th_lock, shared with the debounce
 * timer, the bottom half's collection of lost edges and the ioctls that
 * change the top half's state.
 */
#include <linux/ktime.h>
#include <linux/timekeeping.h>

#include "internal.h"

static u64 gpioirq_clock_ns(u32 clock, u64 mono_ns)
{
	switch (clock) {
	case GPIOIRQ_CLOCK_REALTIME:
		return ktime_get_real_ns();
	case GPIOIRQ_CLOCK_BOOTTIME:
		return ktime_get_boottime_ns();
	default:
		return mono_ns;
	}
}

/*
 * Storm guard; th_lock held. Counts interrupts in a 1 s window; over the
 * limit, masks the line (unless the user already masks it) and tells the
 * bottom half to emit GPIOIRQ_EVENT_STORM. A threaded line is masked by
 * gpioirq_thread_half() once th_lock is dropped: its irq chip's bus lock
 * is a mutex, which must not be taken with interrupts off.
 */
static bool gpioirq_storm_check(struct gpioirq_line *line, u64 now)
{
	if (!line->storm_limit)
		return false;
	if (now - line->storm_window_ns >= GPIOIRQ_STORM_WINDOW_NS) {
		line->storm_window_ns = now;
		line->storm_count = 0;
	}
	if (++line->storm_count <= line->storm_limit)
		return false;
	if (line->storm_masked || line->user_masked)
		return false;
	line->storm_masked = true;
	line->storm_timestamp_ns = gpioirq_clock_ns(line->config.clock, now);
	u64_stats_inc(&line->th.storm_masks);
	if (!line->threaded)
		disable_irq_nosync(line->irq);
	return true;
}

/*
 * Pushes an edge for the bottom half; th_lock held. An edge that does not fit
 * is counted, and the count rides on the next edge that fits (or is collected
 * by the bottom half once the buffer is empty), so that the seqno gaps fall
 * where the edges were lost.
 */
static void gpioirq_push(struct gpioirq_line *line, struct gpioirq_rec *rec)
{
	u64_stats_inc(&line->th.edges);
	rec->lost_before = min_t(u64, line->lost_pending, U32_MAX);
	/* kfifo_put() orders the record before the new 'in' (smp_wmb). */
	if (kfifo_put(&line->fifo, *rec)) {
		line->lost_pending -= rec->lost_before;
	} else {
		u64_stats_inc(&line->th.dropped);
		line->lost_pending++;
	}
}

/* The bottom half takes the lost edges no record carries. */
u64 gpioirq_take_lost(struct gpioirq_line *line)
{
	unsigned long irqflags;
	u64 lost = 0;

	if (!READ_ONCE(line->lost_pending))
		return 0;
	raw_spin_lock_irqsave(&line->th_lock, irqflags);
	/* Only when no record is left to carry them: they came last. */
	if (kfifo_is_empty(&line->fifo)) {
		lost = line->lost_pending;
		line->lost_pending = 0;
	}
	raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
	return lost;
}

/*
 * One interrupt. @raw is the raw level read right after @now, or -1 when it
 * could not be read without sleeping (or need not be: software debounce reads
 * it when the level is stable).
 */
static bool gpioirq_edge(struct gpioirq_line *line, u64 now, int raw)
{
	const u32 flags = line->config.flags;
	const bool active_low = flags & GPIOIRQ_LINE_ACTIVE_LOW;
	struct gpioirq_rec rec;
	unsigned long irqflags;
	bool storm, pushed = false;

	raw_spin_lock_irqsave(&line->th_lock, irqflags);
	u64_stats_update_begin(&line->th.syncp);
	u64_stats_inc(&line->th.interrupts);
	storm = gpioirq_storm_check(line, now);

	if (line->debounce_ns) {
		/* A bounce restarts the period; the first edge of the burst
		 * keeps its timestamp for the event the timer may emit.
		 */
		if (!line->db_pending) {
			line->db_pending = true;
			line->db_irqs = 0;
			line->db_first_ns = now;
			line->db_first_ts =
				gpioirq_clock_ns(line->config.clock, now);
		}
		line->db_irqs++;
		hrtimer_start(&line->db_timer, ns_to_ktime(line->debounce_ns),
			      HRTIMER_MODE_REL_HARD);
		goto out;
	}

	memset(&rec, 0, sizeof(rec));
	rec.timestamp_ns = gpioirq_clock_ns(line->config.clock, now);
	rec.queued_ns = now;
	rec.pulse_ns = line->last_edge_ns ? now - line->last_edge_ns : 0;
	line->last_edge_ns = now;

	if (raw < 0) {
		rec.level = GPIOIRQ_LEVEL_UNKNOWN;
		/* Both edges: the bottom half derives the direction. */
		if ((flags & GPIOIRQ_LINE_EDGE_BOTH) == GPIOIRQ_LINE_EDGE_BOTH)
			rec.edge = 0;
		else if (flags & GPIOIRQ_LINE_EDGE_RISING)
			rec.edge = GPIOIRQ_EDGE_RISING;
		else
			rec.edge = GPIOIRQ_EDGE_FALLING;
	} else {
		rec.level = raw ^ active_low;
		if ((flags & GPIOIRQ_LINE_EDGE_BOTH) == GPIOIRQ_LINE_EDGE_BOTH) {
			/* The direction is the level just read. The same level
			 * twice in a row: the edge between was never seen.
			 */
			rec.edge = rec.level ? GPIOIRQ_EDGE_RISING :
					       GPIOIRQ_EDGE_FALLING;
			if (raw == line->last_raw) {
				rec.flags |= GPIOIRQ_EVENT_F_MISSED;
				u64_stats_inc(&line->th.missed);
			}
		} else if (flags & GPIOIRQ_LINE_EDGE_RISING) {
			rec.edge = GPIOIRQ_EDGE_RISING;
		} else {
			rec.edge = GPIOIRQ_EDGE_FALLING;
		}
		line->last_raw = raw;
	}
	gpioirq_push(line, &rec);
	pushed = true;
out:
	u64_stats_update_end(&line->th.syncp);
	if (storm) {
		/* After the record: the bh emits the storm event after it. */
		smp_mb__before_atomic();
		set_bit(GPIOIRQ_LINE_STORM_PENDING, &line->state);
	}
	raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
	if (pushed || storm)
		gpioirq_bh_schedule(line);
	return storm;
}

irqreturn_t gpioirq_top_half(int irq, void *dev_id)
{
	struct gpioirq_line *line = dev_id;
	u64 now = ktime_get_ns();
	int raw = -1;

	if (!line->cansleep && !line->debounce_ns)
		raw = gpiod_get_raw_value(line->desc);
	gpioirq_edge(line, now, raw);
	return IRQ_HANDLED;
}

/* Nested-threaded irqs (expanders behind a slow bus): we run in the
 * parent's irq thread, where reading the level may sleep, and so may the
 * storm guard's mask (the irq chip's bus lock is a mutex). mask_lock keeps
 * the storm flag and the mask together, as MASK and UNMASK see them.
 */
irqreturn_t gpioirq_thread_half(int irq, void *dev_id)
{
	struct gpioirq_line *line = dev_id;
	u64 now = ktime_get_ns();
	int raw = -1;

	if (!line->debounce_ns)
		raw = gpiod_get_raw_value_cansleep(line->desc);
	mutex_lock(&line->mask_lock);
	if (gpioirq_edge(line, now, raw))
		disable_irq_nosync(irq);
	mutex_unlock(&line->mask_lock);
	return IRQ_HANDLED;
}

/* Software debounce: the level has been stable for debounce_ns. */
enum hrtimer_restart gpioirq_debounce_fire(struct hrtimer *t)
{
	struct gpioirq_line *line = container_of(t, struct gpioirq_line,
						 db_timer);
	const u32 flags = line->config.flags;
	struct gpioirq_rec rec;
	unsigned long irqflags;
	bool pushed = false;
	int raw, level;

	/* Outside th_lock, which stays short. Software debounce is refused on
	 * chips that sleep.
	 */
	raw = gpiod_get_raw_value(line->desc);
	raw_spin_lock_irqsave(&line->th_lock, irqflags);
	/* A bounce on another CPU restarted us while we waited: the later
	 * expiry decides.
	 */
	if (!line->db_pending || hrtimer_is_queued(t))
		goto unlock;
	line->db_pending = false;

	u64_stats_update_begin(&line->th.syncp);
	if (raw < 0 || raw == line->last_raw) {
		/* Back where it was: all of it was bounce. */
		u64_stats_add(&line->th.debounced, line->db_irqs);
	} else {
		u64_stats_add(&line->th.debounced, line->db_irqs - 1);
		line->last_raw = raw;
		level = raw ^ !!(flags & GPIOIRQ_LINE_ACTIVE_LOW);
		if (flags & (level ? GPIOIRQ_LINE_EDGE_RISING :
				     GPIOIRQ_LINE_EDGE_FALLING)) {
			memset(&rec, 0, sizeof(rec));
			rec.timestamp_ns = line->db_first_ts;
			rec.queued_ns = ktime_get_ns();
			rec.pulse_ns = line->last_edge_ns ?
				line->db_first_ns - line->last_edge_ns : 0;
			line->last_edge_ns = line->db_first_ns;
			rec.level = level;
			rec.edge = level ? GPIOIRQ_EDGE_RISING :
					   GPIOIRQ_EDGE_FALLING;
			rec.flags = GPIOIRQ_EVENT_F_DEBOUNCED;
			gpioirq_push(line, &rec);
			pushed = true;
		}
	}
	u64_stats_update_end(&line->th.syncp);
unlock:
	raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
	if (pushed)
		gpioirq_bh_schedule(line);
	return HRTIMER_NORESTART;
}

/* Stops the debounce timer; a burst it was timing counts as bounce. */
void gpioirq_debounce_stop(struct gpioirq_line *line)
{
	unsigned long irqflags;

	hrtimer_cancel(&line->db_timer);
	raw_spin_lock_irqsave(&line->th_lock, irqflags);
	if (line->db_pending) {
		line->db_pending = false;
		u64_stats_update_begin(&line->th.syncp);
		u64_stats_add(&line->th.debounced, line->db_irqs);
		u64_stats_update_end(&line->th.syncp);
	}
	raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
}
