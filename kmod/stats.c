// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq: counters. Each line counts for itself (the top half in one set,
 * the bottom half in another, so each set has one writer); module totals are
 * the sum of the retired lines, kept here, and of the live ones, read on
 * demand. Nothing on the fast path touches a shared cache line.
 *
 * debugfs: /sys/kernel/debug/gpioirq/lines lists every held line of every
 * open file; /sys/kernel/debug/gpioirq/stats the module totals.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "internal.h"

static DEFINE_SPINLOCK(gpioirq_totals_lock);
static struct gpioirq_counts gpioirq_retired;	/* under gpioirq_totals_lock */
static struct dentry *gpioirq_debugfs;

void gpioirq_line_counts(struct gpioirq_line *line, struct gpioirq_counts *c)
{
	unsigned int start;
	u64 th_dropped, bh_dropped, th_missed, bh_missed;

	do {
		start = u64_stats_fetch_begin(&line->th.syncp);
		c->interrupts = u64_stats_read(&line->th.interrupts);
		c->edges = u64_stats_read(&line->th.edges);
		th_dropped = u64_stats_read(&line->th.dropped);
		th_missed = u64_stats_read(&line->th.missed);
		c->debounced = u64_stats_read(&line->th.debounced);
		c->storm_masks = u64_stats_read(&line->th.storm_masks);
	} while (u64_stats_fetch_retry(&line->th.syncp, start));
	do {
		start = u64_stats_fetch_begin(&line->bhs.syncp);
		c->events = u64_stats_read(&line->bhs.events);
		bh_dropped = u64_stats_read(&line->bhs.dropped);
		bh_missed = u64_stats_read(&line->bhs.missed);
		c->bh_delay_max_ns = u64_stats_read(&line->bhs.bh_delay_max_ns);
	} while (u64_stats_fetch_retry(&line->bhs.syncp, start));
	c->dropped = th_dropped + bh_dropped;
	c->missed = th_missed + bh_missed;
}

static void gpioirq_counts_add(struct gpioirq_counts *sum,
			       const struct gpioirq_counts *c)
{
	sum->interrupts += c->interrupts;
	sum->edges += c->edges;
	sum->events += c->events;
	sum->dropped += c->dropped;
	sum->missed += c->missed;
	sum->debounced += c->debounced;
	sum->storm_masks += c->storm_masks;
	sum->bh_delay_max_ns = max(sum->bh_delay_max_ns, c->bh_delay_max_ns);
}

/* A line goes away: its final counts join the module totals. */
void gpioirq_stats_retire(struct gpioirq_line *line)
{
	struct gpioirq_counts c;

	gpioirq_line_counts(line, &c);
	spin_lock(&gpioirq_totals_lock);
	gpioirq_counts_add(&gpioirq_retired, &c);
	spin_unlock(&gpioirq_totals_lock);
}

/* Totals of retired and live lines; files and lines held now. */
static void gpioirq_stats_totals(struct gpioirq_counts *sum,
				 unsigned int *files, unsigned int *lines)
{
	struct gpioirq_counts c;
	struct gpioirq_file *f;
	unsigned int i;

	memset(sum, 0, sizeof(*sum));
	*files = 0;
	*lines = 0;
	mutex_lock(&gpioirq_files_lock);
	list_for_each_entry(f, &gpioirq_files, node) {
		(*files)++;
		mutex_lock(&f->lock);
		for (i = 0; i < GPIOIRQ_MAX_LINES; i++) {
			if (!f->lines[i])
				continue;
			(*lines)++;
			gpioirq_line_counts(f->lines[i], &c);
			gpioirq_counts_add(sum, &c);
		}
		mutex_unlock(&f->lock);
	}
	spin_lock(&gpioirq_totals_lock);
	gpioirq_counts_add(sum, &gpioirq_retired);
	spin_unlock(&gpioirq_totals_lock);
	mutex_unlock(&gpioirq_files_lock);
}

void gpioirq_stats_info(struct gpioirq_info *info)
{
	struct gpioirq_counts sum;
	unsigned int files, lines;

	gpioirq_stats_totals(&sum, &files, &lines);
	info->files = files;
	info->lines = lines;
	info->interrupts = sum.interrupts;
	info->edges = sum.edges;
	info->events = sum.events;
	info->dropped = sum.dropped;
	info->storm_masks = sum.storm_masks;
	info->bh_delay_max_ns = sum.bh_delay_max_ns;
}

static const char *const gpioirq_bh_names[] = {
	[GPIOIRQ_BH_AUTO] = "auto",
	[GPIOIRQ_BH_TASKLET] = "tasklet",
	[GPIOIRQ_BH_WORKQUEUE] = "workqueue",
	[GPIOIRQ_BH_WORKQUEUE_BH] = "workqueue-bh",
	[GPIOIRQ_BH_DIRECT] = "direct",
};

static const char *const gpioirq_clock_names[] = {
	[GPIOIRQ_CLOCK_MONOTONIC] = "monotonic",
	[GPIOIRQ_CLOCK_REALTIME] = "realtime",
	[GPIOIRQ_CLOCK_BOOTTIME] = "boottime",
};

static const char *gpioirq_edge_name(u32 flags)
{
	switch (flags & GPIOIRQ_LINE_EDGE_BOTH) {
	case GPIOIRQ_LINE_EDGE_BOTH:
		return "both";
	case GPIOIRQ_LINE_EDGE_RISING:
		return "rising";
	default:
		return "falling";
	}
}

static const char *gpioirq_bias_name(u32 flags)
{
	if (flags & GPIOIRQ_LINE_BIAS_PULL_UP)
		return "pull-up";
	if (flags & GPIOIRQ_LINE_BIAS_PULL_DOWN)
		return "pull-down";
	if (flags & GPIOIRQ_LINE_BIAS_DISABLED)
		return "disabled";
	return "as-is";
}

static void gpioirq_show_line(struct seq_file *s, struct gpioirq_file *f,
			      struct gpioirq_line *line)
{
	const struct gpioirq_line_config *cfg = &line->config;
	struct gpioirq_counts c;
	const char *mask = "no";

	gpioirq_line_counts(line, &c);
	/* Plain reads of th state: a snapshot for humans. */
	if (READ_ONCE(line->storm_masked))
		mask = "storm";
	else if (READ_ONCE(line->user_masked))
		mask = "user";
	seq_printf(s,
		   "file=%u pid=%d handle=%u chip=%s offset=%u gpio=%u irq=%d edge=%s active_low=%d bias=%s debounce_us=%u%s bh=%s%s clock=%s storm_limit=%u masked=%s cookie=%llu consumer=%s",
		   f->id, f->pid, line->handle, line->chip_name, line->offset,
		   line->gpio, line->irq, gpioirq_edge_name(cfg->flags),
		   !!(cfg->flags & GPIOIRQ_LINE_ACTIVE_LOW),
		   gpioirq_bias_name(cfg->flags), cfg->debounce_us,
		   !cfg->debounce_us ? "" :
		   line->hw_debounce ? "(hw)" : "(sw)",
		   gpioirq_bh_names[line->bh], line->threaded ? "(threaded)" : "",
		   gpioirq_clock_names[cfg->clock], line->storm_limit, mask,
		   (unsigned long long)cfg->cookie, line->consumer);
	seq_printf(s,
		   " interrupts=%llu edges=%llu events=%llu dropped=%llu missed=%llu debounced=%llu storm_masks=%llu bh_delay_max_ns=%llu\n",
		   c.interrupts, c.edges, c.events, c.dropped, c.missed,
		   c.debounced, c.storm_masks, c.bh_delay_max_ns);
}

static int gpioirq_lines_show(struct seq_file *s, void *unused)
{
	struct gpioirq_file *f;
	unsigned int i;

	mutex_lock(&gpioirq_files_lock);
	list_for_each_entry(f, &gpioirq_files, node) {
		mutex_lock(&f->lock);
		for (i = 0; i < GPIOIRQ_MAX_LINES; i++) {
			if (f->lines[i])
				gpioirq_show_line(s, f, f->lines[i]);
		}
		mutex_unlock(&f->lock);
	}
	mutex_unlock(&gpioirq_files_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(gpioirq_lines);

static int gpioirq_stats_show(struct seq_file *s, void *unused)
{
	struct gpioirq_counts sum;
	unsigned int files, lines;

	gpioirq_stats_totals(&sum, &files, &lines);
	seq_printf(s, "files %u\nlines %u\n", files, lines);
	seq_printf(s, "interrupts %llu\nedges %llu\nevents %llu\ndropped %llu\n",
		   sum.interrupts, sum.edges, sum.events, sum.dropped);
	seq_printf(s, "missed %llu\ndebounced %llu\nstorm_masks %llu\n",
		   sum.missed, sum.debounced, sum.storm_masks);
	seq_printf(s, "bh_delay_max_ns %llu\n", sum.bh_delay_max_ns);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(gpioirq_stats);

/* debugfs is optional: its errors are not ours to fail on. */
int gpioirq_debugfs_init(void)
{
	gpioirq_debugfs = debugfs_create_dir("gpioirq", NULL);
	debugfs_create_file("lines", 0444, gpioirq_debugfs, NULL,
			    &gpioirq_lines_fops);
	debugfs_create_file("stats", 0444, gpioirq_debugfs, NULL,
			    &gpioirq_stats_fops);
	return 0;
}

void gpioirq_debugfs_exit(void)
{
	debugfs_remove_recursive(gpioirq_debugfs);
}
