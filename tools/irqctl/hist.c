// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl's latency histogram: percentiles in bounded memory, and drawn as text. */
#include <inttypes.h>
#include <string.h>

#include "irqctl.h"

static unsigned int hist_index(uint64_t v)
{
	unsigned int e;

	if (v < IRQCTL_HIST_SUB)
		return (unsigned int)v;
	e = 63 - (unsigned int)__builtin_clzll(v); /* >= IRQCTL_HIST_SUB_BITS */
	return IRQCTL_HIST_SUB * (e - IRQCTL_HIST_SUB_BITS + 1) +
	       (unsigned int)((v >> (e - IRQCTL_HIST_SUB_BITS)) & (IRQCTL_HIST_SUB - 1));
}

/* The largest value of bucket i: a percentile is never under-reported. */
static uint64_t bucket_top(unsigned int i)
{
	unsigned int e, sub;

	if (i < IRQCTL_HIST_SUB)
		return i;
	e = i / IRQCTL_HIST_SUB + IRQCTL_HIST_SUB_BITS - 1;
	sub = i % IRQCTL_HIST_SUB;
	return (((uint64_t)(IRQCTL_HIST_SUB + sub + 1)) << (e - IRQCTL_HIST_SUB_BITS)) - 1;
}

void irqctl_hist_add(struct irqctl_hist *h, uint64_t v)
{
	h->bucket[hist_index(v)]++;
	h->count++;
	if (v > h->max)
		h->max = v;
}

uint64_t irqctl_hist_percentile(const struct irqctl_hist *h, unsigned int p)
{
	uint64_t rank, seen = 0;
	unsigned int i;

	if (!h->count)
		return 0;
	rank = (h->count * p + 99) / 100; /* ceil(p% of count), >= 1 */
	for (i = 0; i < IRQCTL_HIST_BUCKETS; i++) {
		seen += h->bucket[i];
		if (seen >= rank) {
			uint64_t top = bucket_top(i);

			return top < h->max ? top : h->max;
		}
	}
	return h->max;
}


/* The power-of-two bin, in µs, of a value of @ns: 0 for [0, 1), k for [2^(k-1), 2^k). */
static unsigned int us_bin(uint64_t ns)
{
	uint64_t us = ns / 1000;

	return us ? 64 - (unsigned int)__builtin_clzll(us) : 0;
}

#define HIST_BINS 65
#define HIST_BAR 40

void irqctl_hist_print(FILE *f, const struct irqctl_hist *h, const char *title)
{
	uint64_t bins[HIST_BINS] = { 0 }, most = 0;
	unsigned int i, first = HIST_BINS, last = 0;

	fprintf(f, "%s, %" PRIu64 " values\n", title, h->count);
	if (!h->count) {
		fputs("  (no values)\n", f);
		return;
	}
	for (i = 0; i < IRQCTL_HIST_BUCKETS; i++) {
		uint64_t top;
		unsigned int b;

		if (!h->bucket[i])
			continue;
		top = bucket_top(i);
		b = us_bin(top < h->max ? top : h->max);
		bins[b] += h->bucket[i];
	}
	for (i = 0; i < HIST_BINS; i++) {
		if (!bins[i])
			continue;
		if (i < first)
			first = i;
		last = i;
		if (bins[i] > most)
			most = bins[i];
	}
	for (i = first; i <= last; i++) {
		uint64_t lo = i ? 1ull << (i - 1) : 0, hi = 1ull << i;
		unsigned int n = (unsigned int)((bins[i] * HIST_BAR + most - 1) / most);
		char bar[HIST_BAR + 1], range[48];

		memset(bar, '@', n);
		memset(bar + n, ' ', HIST_BAR - n);
		bar[HIST_BAR] = '\0';
		snprintf(range, sizeof(range), "[%" PRIu64 ", %" PRIu64 ") us", lo, hi);
		fprintf(f, "  %-24s %10" PRIu64 " |%s|\n", range, bins[i], bar);
	}
}
