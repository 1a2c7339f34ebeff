// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl list: every chip and line as libgpiod sees it; the lines gpioirq
 * holds (consumer "gpioirq") get their edge and bottom-half settings from the
 * module's debugfs file, which knows the lines of every open file.
 */
#include <errno.h>
#include <getopt.h>
#include <gpiod.h>
#include <stdlib.h>
#include <string.h>

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
						struct gpiod_chip *chip, unsigned int offset)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (held[i].offset == offset &&
		    (!strcmp(held[i].chip, gpiod_chip_name(chip)) ||
		     !strcmp(held[i].chip, gpiod_chip_label(chip))))
			return &held[i];
	return NULL;
}

static void print_line_text(struct gpiod_chip *chip, struct gpiod_line *line,
			    const struct irqctl_held_line *h, bool held_known)
{
	const char *name = gpiod_line_name(line);
	const char *consumer = gpiod_line_consumer(line);
	bool ours = consumer && !strcmp(consumer, GPIOIRQ_CONSUMER);

	printf("  %3u: %-16s %-8s %s%s", gpiod_line_offset(line),
	       name ? name : "-",
	       gpiod_line_direction(line) == GPIOD_LINE_DIRECTION_OUTPUT ? "output" : "input",
	       gpiod_line_is_used(line) ? "used" : "unused",
	       gpiod_line_active_state(line) == GPIOD_LINE_ACTIVE_STATE_LOW ? " active-low" : "");
	if (consumer && !ours)
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
	(void)chip;
	putchar('\n');
}

static void print_line_json(struct gpiod_chip *chip, struct gpiod_line *line,
			    const struct irqctl_held_line *h)
{
	const char *name = gpiod_line_name(line);
	const char *consumer = gpiod_line_consumer(line);
	struct irqctl_json j;

	irqctl_json_begin(&j, stdout);
	irqctl_json_str(&j, "type", "line");
	irqctl_json_str(&j, "chip", gpiod_chip_name(chip));
	irqctl_json_u64(&j, "offset", gpiod_line_offset(line));
	if (name)
		irqctl_json_str(&j, "name", name);
	else
		irqctl_json_null(&j, "name");
	irqctl_json_bool(&j, "used", gpiod_line_is_used(line));
	if (consumer)
		irqctl_json_str(&j, "consumer", consumer);
	else
		irqctl_json_null(&j, "consumer");
	irqctl_json_str(&j, "direction",
			gpiod_line_direction(line) == GPIOD_LINE_DIRECTION_OUTPUT ? "output" : "input");
	irqctl_json_bool(&j, "active_low",
			 gpiod_line_active_state(line) == GPIOD_LINE_ACTIVE_STATE_LOW);
	irqctl_json_bool(&j, "gpioirq", consumer && !strcmp(consumer, GPIOIRQ_CONSUMER));
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

static void list_chip(struct gpiod_chip *chip, bool json, const struct irqctl_held_line *held,
		      size_t nheld, bool held_known)
{
	unsigned int i, n = gpiod_chip_num_lines(chip);

	if (json) {
		struct irqctl_json j;

		irqctl_json_begin(&j, stdout);
		irqctl_json_str(&j, "type", "chip");
		irqctl_json_str(&j, "chip", gpiod_chip_name(chip));
		irqctl_json_str(&j, "label", gpiod_chip_label(chip));
		irqctl_json_u64(&j, "lines", n);
		irqctl_json_end(&j);
	} else {
		printf("%s [%s] %u lines\n", gpiod_chip_name(chip), gpiod_chip_label(chip), n);
	}
	for (i = 0; i < n; i++) {
		struct gpiod_line *line = gpiod_chip_get_line(chip, i);
		const struct irqctl_held_line *h;

		if (!line)
			continue;
		h = find_held(held, nheld, chip, i);
		if (json)
			print_line_json(chip, line, h);
		else
			print_line_text(chip, line, h, held_known);
	}
}

int irqctl_list(int argc, char **argv)
{
	struct irqctl_held_line *held = NULL;
	size_t nheld = 0;
	bool json = false, held_known;
	int parsed, held_err, ret = IRQCTL_EXIT_OK;

	parsed = irqctl_parse_json_opts(argc, argv, "list", list_help, &json);
	if (parsed >= 0)
		return parsed;

	held_known = irqctl_held_lines(&held, &nheld) == 0;
	held_err = held_known ? 0 : errno;

	if (optind < argc) {
		for (; optind < argc; optind++) {
			struct gpiod_chip *chip = gpiod_chip_open_lookup(argv[optind]);

			if (!chip) {
				irqctl_err("no GPIO chip '%s': %s (see 'irqctl list')",
					   argv[optind], strerror(errno));
				ret = errno == EACCES ? IRQCTL_EXIT_PERMISSION : IRQCTL_EXIT_NO_LINE;
				continue;
			}
			list_chip(chip, json, held, nheld, held_known);
			gpiod_chip_close(chip);
		}
	} else {
		struct gpiod_chip_iter *iter = gpiod_chip_iter_new();
		struct gpiod_chip *chip;
		bool any = false;

		if (!iter) {
			irqctl_err("cannot list GPIO chips: %s%s", strerror(errno),
				   errno == EACCES ? " (/dev/gpiochip* need root or their group, "
						     "often 'gpio')" : "");
			free(held);
			return errno == EACCES ? IRQCTL_EXIT_PERMISSION : IRQCTL_EXIT_ERROR;
		}
		gpiod_foreach_chip(iter, chip) {
			list_chip(chip, json, held, nheld, held_known);
			any = true;
		}
		gpiod_chip_iter_free(iter);
		if (!any && !json)
			printf("no GPIO chips (load a chip's driver, or 'modprobe gpioirq-sim' to try)\n");
	}
	if (held_err == EACCES && !json)
		fprintf(stderr, "(gpioirq line settings need read access to %s: run as root)\n",
			IRQCTL_DEBUGFS_LINES);
	free(held);
	return ret;
}
