// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl list: every chip and line as libgpiod sees it; the lines gpioirq
 * holds (consumer "gpioirq") get their edge and bottom-half settings from the
 * module's debugfs file, which knows the lines of every open file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "gpiochip.h"
#include "irqctl.h"

static const char list_help[] =
	"Usage: irqctl list [--json] [CHIP]...\n"
	"List GPIO chips and their lines (all chips, or the CHIPs named by device\n"
	"name, label, number or path). Lines held by gpioirq show their edges,\n"
	"bottom half and debounce when debugfs is readable (as root).\n"
	"\n"
	"  -j, --json   one JSON object per chip and line, one per output line\n"
	"  -h, --help   this text\n";

static const struct irqctl_held_line *find_held(const struct irqctl_held_line *held, size_t n,
						const struct gpioirq_gpiochip *chip,
						unsigned int offset)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (held[i].offset == offset &&
		    (!strcmp(held[i].chip, chip->name) || !strcmp(held[i].chip, chip->label)))
			return &held[i];
	return NULL;
}

static void print_line_text(const struct gpioirq_gpiochip_line_info *li,
			    const struct irqctl_held_line *h, bool held_known)
{
	const char *consumer = li->consumer[0] ? li->consumer : NULL;
	/* The module's record, or its default name when debugfs is closed to us. */
	bool ours = h || (consumer && !strcmp(consumer, GPIOIRQ_CONSUMER));

	printf("  %3u: %-16s %-8s %s%s", li->offset, li->name[0] ? li->name : "-",
	       li->output ? "output" : "input", li->used ? "used" : "unused",
	       li->active_low ? " active-low" : "");
	if (consumer && strcmp(consumer, GPIOIRQ_CONSUMER))
		printf(" by \"%s\"", consumer);
	if (ours) {
		printf(" [gpioirq");
		if (h) {
			printf(" edge=%s bh=%s%s", irqctl_edges_name(h->flags),
			       irqctl_bh_name(h->bh), h->threaded ? "(threaded)" : "");
			if (h->flags & GPIOIRQ_LINE_BIAS_FLAGS)
				printf(" bias=%s", irqctl_bias_name(h->flags));
			if (h->debounce_us)
				printf(" debounce=%uus%s%s%s", h->debounce_us,
				       h->debounce_by[0] ? "(" : "", h->debounce_by,
				       h->debounce_by[0] ? ")" : "");
			if (h->pid >= 0)
				printf(" pid=%d", h->pid);
			if (h->masked)
				printf(" masked=%s", h->masked_by);
		} else if (!held_known) {
			printf(" settings=?");
		}
		printf("]");
	}
	putchar('\n');
}

static void print_line_json(const struct gpioirq_gpiochip *chip,
			    const struct gpioirq_gpiochip_line_info *li,
			    const struct irqctl_held_line *h)
{
	const char *consumer = li->consumer[0] ? li->consumer : NULL;
	struct irqctl_json j;

	irqctl_json_begin(&j, stdout);
	irqctl_json_str(&j, "type", "line");
	irqctl_json_str(&j, "chip", chip->name);
	irqctl_json_u64(&j, "offset", li->offset);
	if (li->name[0])
		irqctl_json_str(&j, "name", li->name);
	else
		irqctl_json_null(&j, "name");
	irqctl_json_bool(&j, "used", li->used);
	if (consumer)
		irqctl_json_str(&j, "consumer", consumer);
	else
		irqctl_json_null(&j, "consumer");
	irqctl_json_str(&j, "direction", li->output ? "output" : "input");
	irqctl_json_bool(&j, "active_low", li->active_low);
	irqctl_json_bool(&j, "gpioirq", h || (consumer && !strcmp(consumer, GPIOIRQ_CONSUMER)));
	if (h) {
		irqctl_json_str(&j, "edge", irqctl_edges_name(h->flags));
		irqctl_json_str(&j, "bias", irqctl_bias_name(h->flags));
		irqctl_json_str(&j, "bh", irqctl_bh_name(h->bh));
		irqctl_json_u64(&j, "debounce_us", h->debounce_us);
		irqctl_json_str(&j, "clock", irqctl_clock_name(h->clock));
		irqctl_json_str(&j, "masked", h->masked ? h->masked_by : "no");
		if (h->pid >= 0)
			irqctl_json_i64(&j, "pid", h->pid);
	}
	irqctl_json_end(&j);
}

struct list_args {
	bool json;
	const struct irqctl_held_line *held;
	size_t nheld;
	bool held_known;
};

static int list_chip(struct gpioirq_gpiochip *chip, void *arg)
{
	const struct list_args *a = arg;
	struct gpioirq_gpiochip_line_info li;
	unsigned int i;

	if (a->json) {
		struct irqctl_json j;

		irqctl_json_begin(&j, stdout);
		irqctl_json_str(&j, "type", "chip");
		irqctl_json_str(&j, "chip", chip->name);
		irqctl_json_str(&j, "label", chip->label);
		irqctl_json_u64(&j, "lines", chip->num_lines);
		irqctl_json_end(&j);
	} else {
		printf("%s [%s] %u lines\n", chip->name, chip->label, chip->num_lines);
	}
	for (i = 0; i < chip->num_lines; i++) {
		const struct irqctl_held_line *h;

		if (gpioirq_gpiochip_line_info(chip, i, &li))
			continue;
		h = find_held(a->held, a->nheld, chip, i);
		if (a->json)
			print_line_json(chip, &li, h);
		else
			print_line_text(&li, h, a->held_known);
	}
	return 0;
}

int irqctl_list(int argc, char **argv)
{
	struct irqctl_held_line *held = NULL;
	struct list_args a = { 0 };
	size_t nheld = 0;
	int parsed, held_err, ret = IRQCTL_EXIT_OK;

	parsed = irqctl_parse_json_opts(argc, argv, "list", list_help, &a.json);
	if (parsed >= 0)
		return parsed;

	a.held_known = irqctl_held_lines(&held, &nheld) == 0;
	held_err = a.held_known ? 0 : errno;
	a.held = held;
	a.nheld = nheld;

	if (optind < argc) {
		for (; optind < argc; optind++) {
			struct gpioirq_gpiochip *chip = gpioirq_gpiochip_open(argv[optind]);

			if (!chip) {
				irqctl_err("no GPIO chip '%s': %s (see 'irqctl list')",
					   argv[optind], strerror(errno));
				ret = errno == EACCES ? IRQCTL_EXIT_PERMISSION : IRQCTL_EXIT_NO_LINE;
				continue;
			}
			list_chip(chip, &a);
			gpioirq_gpiochip_close(chip);
		}
	} else if (gpioirq_gpiochip_foreach(list_chip, &a) < 0) {
		if (errno != ENOENT) {
			irqctl_err("cannot list GPIO chips: %s%s", strerror(errno),
				   errno == EACCES ? " (/dev/gpiochip* need root or their group, "
						     "often 'gpio')" : "");
			free(held);
			return errno == EACCES ? IRQCTL_EXIT_PERMISSION : IRQCTL_EXIT_ERROR;
		}
		if (!a.json)
			printf("no GPIO chips (load a chip's driver, or 'modprobe gpioirq-sim' to try)\n");
	}
	if (held_err == EACCES && !a.json)
		fprintf(stderr, "(gpioirq line settings need read access to %s: run as root)\n",
			IRQCTL_DEBUGFS_LINES);
	free(held);
	return ret;
}
