// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl's latency histogram: percentiles in bounded memory. */
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

