// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The lines gpioirq holds, read from its debugfs file. Each line of the file
 * describes one held line as KEY=VALUE words; words irqctl does not know are
 * skipped, so the module may add some without breaking older tools.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "irqctl.h"

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || end == s || *end ? -1 : 0;
}

/* "2000(hw)" -> "2000" and "hw"; no parenthesis: suffix "". */
static void split_suffix(char *val, const char **suffix)
{
	char *p = strchr(val, '(');
	size_t n;

	*suffix = "";
	if (!p)
		return;
	*p++ = '\0';
	n = strlen(p);
	if (n && p[n - 1] == ')')
		p[n - 1] = '\0';
	*suffix = p;
}

static void parse_word(struct irqctl_held_line *h, const char *key, char *val)
{
	static const struct {
		const char *key;
		size_t off;
	} counters[] = {
#define C(f) { #f, offsetof(struct irqctl_held_line, f) }
		C(interrupts), C(edges), C(events), C(dropped), C(missed),
		C(debounced), C(storm_masks), C(bh_delay_max_ns),
#undef C
	};
	const char *suffix;
	uint64_t v = 0;
	bool num;
	size_t i;

	split_suffix(val, &suffix);
	num = parse_u64(val, &v) == 0;

	if (!strcmp(key, "chip")) {
		snprintf(h->chip, sizeof(h->chip), "%s", val);
	} else if (!strcmp(key, "offset") && num) {
		h->offset = (uint32_t)v;
	} else if (!strcmp(key, "handle") && num) {
		h->handle = (uint32_t)v;
	} else if (!strcmp(key, "file") && num) {
		h->file = (uint32_t)v;
	} else if (!strcmp(key, "pid") && num) {
		h->pid = (int32_t)v;
	} else if (!strcmp(key, "irq")) {
		h->irq = (int32_t)strtol(val, NULL, 10);
	} else if (!strcmp(key, "edge")) {
		if (!strcmp(val, "rising"))
			h->flags |= GPIOIRQ_LINE_EDGE_RISING;
		else if (!strcmp(val, "falling"))
			h->flags |= GPIOIRQ_LINE_EDGE_FALLING;
		else if (!strcmp(val, "both"))
			h->flags |= GPIOIRQ_LINE_EDGE_BOTH;
	} else if (!strcmp(key, "active_low")) {
		if (num && v)
			h->flags |= GPIOIRQ_LINE_ACTIVE_LOW;
	} else if (!strcmp(key, "bias")) {
		if (!strcmp(val, "pull-up"))
			h->flags |= GPIOIRQ_LINE_BIAS_PULL_UP;
		else if (!strcmp(val, "pull-down"))
			h->flags |= GPIOIRQ_LINE_BIAS_PULL_DOWN;
		else if (!strcmp(val, "disabled"))
			h->flags |= GPIOIRQ_LINE_BIAS_DISABLED;
	} else if (!strcmp(key, "bh")) {
		if (!strcmp(val, "tasklet"))
			h->bh = GPIOIRQ_BH_TASKLET;
		else if (!strcmp(val, "workqueue"))
			h->bh = GPIOIRQ_BH_WORKQUEUE;
		else if (!strcmp(val, "workqueue-bh"))
			h->bh = GPIOIRQ_BH_WORKQUEUE_BH;
		else if (!strcmp(val, "direct"))
			h->bh = GPIOIRQ_BH_DIRECT;
		h->threaded = !strcmp(suffix, "threaded");
	} else if (!strcmp(key, "debounce_us") && num) {
		h->debounce_us = (uint32_t)v;
		snprintf(h->debounce_by, sizeof(h->debounce_by), "%s", suffix);
	} else if (!strcmp(key, "clock")) {
		if (!strcmp(val, "realtime"))
			h->clock = GPIOIRQ_CLOCK_REALTIME;
		else if (!strcmp(val, "boottime"))
			h->clock = GPIOIRQ_CLOCK_BOOTTIME;
	} else if (!strcmp(key, "storm_limit") && num) {
		h->storm_limit = (uint32_t)v;
	} else if (!strcmp(key, "masked")) {
		/* "no", "user" or "storm" */
		h->masked = strcmp(val, "no") != 0;
		snprintf(h->masked_by, sizeof(h->masked_by), "%s", h->masked ? val : "");
	} else if (num) {
		for (i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
			if (!strcmp(key, counters[i].key)) {
				*(uint64_t *)((char *)h + counters[i].off) = v;
				h->has_counters = true;
			}
		}
	}
}

int irqctl_held_parse(FILE *f, struct irqctl_held_line **out, size_t *n)
{
	struct irqctl_held_line *v = NULL, *nv;
	size_t len = 0, cap = 0;
	char *buf = NULL;
	size_t bufsz = 0;

	*out = NULL;
	*n = 0;
	while (getline(&buf, &bufsz, f) > 0) {
		struct irqctl_held_line h = { .pid = -1, .irq = -1 };
		char *save = NULL, *w;
		bool any = false;

		if (buf[0] == '#')
			continue;
		for (w = strtok_r(buf, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save)) {
			char *eq = strchr(w, '=');

			if (!eq)
				continue;
			*eq = '\0';
			parse_word(&h, w, eq + 1);
			any = true;
		}
		if (!any || !h.chip[0])
			continue;
		if (len == cap) {
			cap = cap ? 2 * cap : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(v);
				free(buf);
				errno = ENOMEM;
				return -1;
			}
			v = nv;
		}
		v[len++] = h;
	}
	free(buf);
	*out = v;
	*n = len;
	return 0;
}

int irqctl_held_lines(struct irqctl_held_line **out, size_t *n)
{
	FILE *f = fopen(IRQCTL_DEBUGFS_LINES, "re");
	int ret, err;

	if (!f) {
		*out = NULL;
		*n = 0;
		return -1;
	}
	ret = irqctl_held_parse(f, out, n);
	err = errno;
	fclose(f);
	errno = err;
	return ret;
}
