// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl stats: the module's counters, per held line (of every process, from
 * debugfs) and in total since the module was loaded (GPIOIRQ_IOC_INFO).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <gpioirq.h>

#include "irqctl.h"

static const char stats_help[] =
	"Usage: irqctl stats [--json]\n"
	"Show the module's counters: for each line gpioirq holds (any process;\n"
	"needs debugfs, so root) and the module's totals since it was loaded.\n"
	"At rest, edges = events + dropped.\n"
	"\n"
	"  -j, --json   one JSON object per line, then one with the totals\n"
	"  -h, --help   this text\n";

static void line_json(const struct irqctl_held_line *h)
{
	struct irqctl_json j;

	irqctl_json_begin(&j, stdout);
	irqctl_json_str(&j, "type", "line");
	irqctl_json_str(&j, "chip", h->chip);
	irqctl_json_u64(&j, "offset", h->offset);
	irqctl_json_u64(&j, "file", h->file);
	irqctl_json_u64(&j, "handle", h->handle);
	if (h->pid >= 0)
		irqctl_json_i64(&j, "pid", h->pid);
	irqctl_json_str(&j, "edge", irqctl_edges_name(h->flags));
	irqctl_json_bool(&j, "active_low", h->flags & GPIOIRQ_LINE_ACTIVE_LOW);
	irqctl_json_str(&j, "bias", irqctl_bias_name(h->flags));
	irqctl_json_str(&j, "bh", irqctl_bh_name(h->bh));
	irqctl_json_u64(&j, "debounce_us", h->debounce_us);
	irqctl_json_str(&j, "clock", irqctl_clock_name(h->clock));
	irqctl_json_u64(&j, "storm_limit", h->storm_limit);
	/* "no", "user" or "storm" */
	irqctl_json_str(&j, "masked", h->masked ? h->masked_by : "no");
	if (h->has_counters) {
		irqctl_json_u64(&j, "interrupts", h->interrupts);
		irqctl_json_u64(&j, "edges", h->edges);
		irqctl_json_u64(&j, "events", h->events);
		irqctl_json_u64(&j, "dropped", h->dropped);
		irqctl_json_u64(&j, "missed", h->missed);
		irqctl_json_u64(&j, "debounced", h->debounced);
		irqctl_json_u64(&j, "storm_masks", h->storm_masks);
		irqctl_json_u64(&j, "bh_delay_max_ns", h->bh_delay_max_ns);
	}
	irqctl_json_end(&j);
}

static void line_text(const struct irqctl_held_line *h)
{
	printf("%-12s %4u %-7s %-9s", h->chip, h->offset, irqctl_edges_name(h->flags),
	       irqctl_bh_name(h->bh));
	if (h->has_counters)
		printf(" %10" PRIu64 " %10" PRIu64 " %10" PRIu64 " %8" PRIu64 " %7" PRIu64
		       " %9" PRIu64 " %6" PRIu64 " %10.1f",
		       h->interrupts, h->edges, h->events, h->dropped, h->missed, h->debounced,
		       h->storm_masks, h->bh_delay_max_ns / 1000.0);
	if (h->masked)
		printf(" masked=%s", h->masked_by);
	putchar('\n');
}

int irqctl_stats(int argc, char **argv)
{
	struct irqctl_held_line *held = NULL;
	struct gpioirq_info info;
	size_t i, nheld = 0;
	bool json = false;
	int ret, held_err = 0;

	ret = irqctl_parse_json_opts(argc, argv, "stats", stats_help, &json);
	if (ret >= 0)
		return ret;
	if (optind < argc)
		return irqctl_usage_err("stats", "unexpected argument '%s'", argv[optind]);

	/* The smallest ring: this context only asks for the totals. */
	ret = irqctl_get_info(GPIOIRQ_RING_MIN_ENTRIES, &info);
	if (ret)
		return ret;
	if (irqctl_held_lines(&held, &nheld) < 0)
		held_err = errno;

	if (!json && nheld)
		printf("%-12s %4s %-7s %-9s %10s %10s %10s %8s %7s %9s %6s %10s\n", "chip", "line",
		       "edge", "bh", "interrupts", "edges", "events", "dropped", "missed",
		       "debounced", "storms", "bh_max_us");
	for (i = 0; i < nheld; i++) {
		if (json)
			line_json(&held[i]);
		else
			line_text(&held[i]);
	}
	free(held);

	if (json) {
		struct irqctl_json j;

		irqctl_json_begin(&j, stdout);
		irqctl_json_str(&j, "type", "total");
		/* 'files' counts the file irqctl itself had open a moment ago. */
		irqctl_json_u64(&j, "files", info.files);
		irqctl_json_u64(&j, "lines", info.lines);
		irqctl_json_u64(&j, "interrupts", info.interrupts);
		irqctl_json_u64(&j, "edges", info.edges);
		irqctl_json_u64(&j, "events", info.events);
		irqctl_json_u64(&j, "dropped", info.dropped);
		irqctl_json_u64(&j, "storm_masks", info.storm_masks);
		irqctl_json_u64(&j, "bh_delay_max_ns", info.bh_delay_max_ns);
		irqctl_json_bool(&j, "per_line", held_err == 0);
		irqctl_json_end(&j);
	} else {
		printf("%stotal since load: %" PRIu64 " interrupts, %" PRIu64 " edges, %" PRIu64
		       " events, %" PRIu64 " dropped, %" PRIu64 " storm masks, bottom half max %.1f us\n",
		       nheld ? "\n" : "", (uint64_t)info.interrupts, (uint64_t)info.edges,
		       (uint64_t)info.events, (uint64_t)info.dropped, (uint64_t)info.storm_masks,
		       info.bh_delay_max_ns / 1000.0);
		printf("now: %u open files (irqctl's own included), %u lines held\n", info.files,
		       info.lines);
		if (held_err)
			printf("(per-line counters need %s: %s; run as root, with debugfs mounted)\n",
			       IRQCTL_DEBUGFS_LINES, strerror(held_err));
	}
	return IRQCTL_EXIT_OK;
}
