// SPDX-License-Identifier: GPL-2.0
/*
 * The widths of the pulses the host drives, read from the falling edges'
 * pulse_ns, match what the host drove: for each width from 2 ms to 100 ms,
 * six pulses, and the median of their errors against the host's own
 * record of each width is within P6_WIDTH_TOL_NS (common.h says why there is
 * a tolerance and why the median). The gaps between pulses, from the rising
 * edges, likewise (five, so their median is one of them). Every edge
 * arrives, in order.
 *
 * A train the host reports it drove late (its own timer sleeps woke more
 * than P6_BUSY_NS late: the host was busy, and the vCPU threads wait for
 * the same CPUs) measures the host, not gpioirq; when such a train misses
 * the tolerance it is driven again, up to ATTEMPTS times. A train driven on
 * time must pass the first time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define LINE 5
#define PULSES 6
#define ATTEMPTS 3

static const unsigned int width_us[] = { 2000, 5000, 10000, 30000, 100000 };
#define N (sizeof(width_us) / sizeof(width_us[0]))

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t absdiff(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

/* The median of @n errors; prints them all when it is too large. */
static uint64_t median_of(const char *what, uint64_t *err, uint64_t *got,
			  int n)
{
	uint64_t sorted[PULSES], median;

	memcpy(sorted, err, sizeof(*err) * (size_t)n);
	qsort(sorted, (size_t)n, sizeof(*sorted), cmp_u64);
	median = sorted[n / 2];
	if (median > P6_WIDTH_TOL_NS)
		for (int i = 0; i < n; i++)
			fprintf(stderr, "  %s %d: %llu ns, off by %llu ns\n",
				what, i, (unsigned long long)got[i],
				(unsigned long long)err[i]);
	return median;
}

/*
 * Drives one train of PULSES pulses of @w_us on LINE and reads its edges,
 * storing the median width and gap errors and the host's worst lateness
 * (ns) in *wmed, *gmed and *late. Returns 1 when a median is out of
 * tolerance, else 0.
 */
static int one_train(struct ut_ring *r, uint32_t h, unsigned int w_us,
		     uint64_t *wmed, uint64_t *gmed, uint64_t *late)
{
	uint64_t want = (uint64_t)w_us * 1000, period = 3 * want;
	uint64_t werr[PULSES], wgot[PULSES], gerr[PULSES], ggot[PULSES];
	uint64_t host_ns[2 * PULSES - 1], wnom = 0;
	struct gpioirq_event ev;
	int ng = 0;

	*late = p6_drive_timed(host_ns, 2 * PULSES - 1, "train %d %d %u %llu",
			       LINE, PULSES, w_us,
			       (unsigned long long)(period / 1000));
	for (int i = 0; i < 2 * PULSES; i++) {
		ut_wait_event(r, &ev);
		EXPECT_EQ(ev.handle, h);
		EXPECT_EQ(ev.flags, 0);
		if (i & 1) {
			EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_FALLING);
			wgot[i / 2] = ev.pulse_ns;
			werr[i / 2] = absdiff(ev.pulse_ns, host_ns[i - 1]);
			if (absdiff(host_ns[i - 1], want) > wnom)
				wnom = absdiff(host_ns[i - 1], want);
		} else {
			EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
			/* The first rising edge of a train follows the
			 * previous train: no gap to compare. */
			if (i) {
				ggot[ng] = ev.pulse_ns;
				gerr[ng++] = absdiff(ev.pulse_ns, host_ns[i - 1]);
			}
		}
	}
	*wmed = median_of("width", werr, wgot, PULSES);
	*gmed = median_of("gap", gerr, ggot, ng);
	fprintf(stderr, "%6u us: median error width %llu ns, gap %llu ns "
		"(the host's widths within %llu ns of %u us, late <= %llu ns)\n",
		w_us, (unsigned long long)*wmed, (unsigned long long)*gmed,
		(unsigned long long)wnom, w_us, (unsigned long long)*late);
	return *wmed > P6_WIDTH_TOL_NS || *gmed > P6_WIDTH_TOL_NS;
}

int main(void)
{
	struct gpioirq_event ev;
	struct ut_ring r;
	uint32_t h;

	p6_setup();
	ut_open(&r, 0);
	h = p6_request_ok(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH);

	for (unsigned int w = 0; w < N; w++) {
		uint64_t wmed, gmed, late;
		int attempt = 1;

		while (one_train(&r, h, width_us[w], &wmed, &gmed, &late)) {
			if (late <= P6_BUSY_NS || attempt == ATTEMPTS)
				VMTEST_FAIL("%u us pulses: median error width "
					    "%llu ns, gap %llu ns > %llu ns "
					    "(attempt %d; host's worst "
					    "lateness %llu ns)", width_us[w],
					    (unsigned long long)wmed,
					    (unsigned long long)gmed,
					    (unsigned long long)P6_WIDTH_TOL_NS,
					    attempt, (unsigned long long)late);
			fprintf(stderr, "  the host was busy: driving the "
				"train again\n");
			attempt++;
		}
	}
	EXPECT_EQ(ut_next(&r, &ev), 0);
	ut_close(&r);
	return 0;
}
