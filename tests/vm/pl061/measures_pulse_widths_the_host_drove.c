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
 * the tolerance it is driven again, up to ATTEMPTS times. So is a train in
 * which the vCPU took an interrupt only after the line had changed again
 * (two edges as one event flagged F_MISSED, the PL061 latching one per
 * line), once its timestamps show that it was taken that late. A train
 * driven and taken on time must pass the first time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#define LINE 5
#define PULSES 6
#define EDGES (2 * PULSES)
#define ATTEMPTS 3

enum { TRAIN_OK, TRAIN_OFF, TRAIN_MERGED };

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
 * Reads the events of one train of EDGES edges into @ev, storing in @k[j]
 * the index of the host's edge event j stands for. One event per edge,
 * except where the vCPU took a line's interrupt only after the line had
 * changed again: the PL061 latches one interrupt per line, so the two edges
 * arrive as one event with the level after both, flagged F_MISSED, and it
 * stands for the later edge. Returns the number of events.
 */
static int read_train(struct ut_ring *r, struct gpioirq_event *ev,
		      unsigned int *k)
{
	unsigned int edge = 0;
	int n = 0;

	while (edge < EDGES) {
		ut_wait_event(r, &ev[n]);
		if (ev[n].flags & GPIOIRQ_EVENT_F_MISSED)
			edge++;
		k[n++] = edge++;
	}
	EXPECT_EQ(edge, EDGES);
	return n;
}

/*
 * Whether merged event @j (standing for host edge k[j] and the one before
 * it) was taken after its later edge: its interval to the event before
 * spans both host intervals, or its interval to the event after is no
 * longer than the host's from its later edge. Had gpioirq flagged an edge
 * it saw on time, both intervals would be a whole host interval (>= 2 ms)
 * off. Within P6_WIDTH_TOL_NS of slack for the other event's own delay.
 */
static int taken_late(const struct gpioirq_event *ev, const unsigned int *k,
		      int n, int j, const uint64_t *host_ns)
{
	unsigned int e = k[j];

	if (e < 1)
		return 0;
	if (j > 0 && k[j - 1] == e - 2 &&
	    ev[j].pulse_ns + P6_WIDTH_TOL_NS >= host_ns[e - 2] + host_ns[e - 1])
		return 1;
	return j + 1 < n && k[j + 1] == e + 1 &&
	       ev[j + 1].pulse_ns <= host_ns[e] + P6_WIDTH_TOL_NS;
}

/*
 * Drives one train of PULSES pulses of @w_us on LINE and reads its edges,
 * storing the median width and gap errors and the host's worst lateness
 * (ns) in *wmed, *gmed and *late. Returns TRAIN_OFF when a median is out
 * of tolerance, TRAIN_MERGED when the vCPU took an interrupt only after the
 * next edge (the guest, not gpioirq, was late), else TRAIN_OK.
 */
static int one_train(struct ut_ring *r, uint32_t h, unsigned int w_us,
		     uint64_t *wmed, uint64_t *gmed, uint64_t *late)
{
	uint64_t want = (uint64_t)w_us * 1000, period = 3 * want;
	uint64_t werr[PULSES], wgot[PULSES], gerr[PULSES], ggot[PULSES];
	uint64_t host_ns[EDGES - 1], wnom = 0;
	struct gpioirq_event ev[EDGES];
	unsigned int k[EDGES];
	int n, ng = 0, merged = 0;

	*late = p6_drive_timed(host_ns, EDGES - 1, "train %d %d %u %llu",
			       LINE, PULSES, w_us,
			       (unsigned long long)(period / 1000));
	n = read_train(r, ev, k);
	for (int j = 0; j < n; j++) {
		unsigned int e = k[j];

		EXPECT_EQ(ev[j].handle, h);
		EXPECT_EQ(ev[j].edge, e & 1 ? GPIOIRQ_EDGE_FALLING :
					      GPIOIRQ_EDGE_RISING);
		if (ev[j].flags) {
			EXPECT_EQ(ev[j].flags, GPIOIRQ_EVENT_F_MISSED);
			if (!taken_late(ev, k, n, j, host_ns))
				VMTEST_FAIL("%u us pulses: edge %u flagged "
					    "missed %llu ns after the event "
					    "before, taken on time", w_us, e,
					    (unsigned long long)ev[j].pulse_ns);
			fprintf(stderr, "  edges %u and %u of %u us pulses "
				"came as one interrupt (the vCPU took it "
				"late)\n", e - 1, e, w_us);
			merged = 1;
		} else if (j > 0 && k[j - 1] == e - 1) {
			/* A width or a gap the host applied, against its
			 * record of it. The first rising edge follows the
			 * previous train: no gap to compare. */
			uint64_t err = absdiff(ev[j].pulse_ns, host_ns[e - 1]);

			if (e & 1) {
				wgot[e / 2] = ev[j].pulse_ns;
				werr[e / 2] = err;
			} else {
				ggot[ng] = ev[j].pulse_ns;
				gerr[ng++] = err;
			}
		}
		if ((e & 1) && absdiff(host_ns[e - 1], want) > wnom)
			wnom = absdiff(host_ns[e - 1], want);
	}
	if (merged)
		return TRAIN_MERGED;
	*wmed = median_of("width", werr, wgot, PULSES);
	*gmed = median_of("gap", gerr, ggot, ng);
	fprintf(stderr, "%6u us: median error width %llu ns, gap %llu ns "
		"(the host's widths within %llu ns of %u us, late <= %llu ns)\n",
		w_us, (unsigned long long)*wmed, (unsigned long long)*gmed,
		(unsigned long long)wnom, w_us, (unsigned long long)*late);
	return *wmed > P6_WIDTH_TOL_NS || *gmed > P6_WIDTH_TOL_NS ?
	       TRAIN_OFF : TRAIN_OK;
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
		int attempt = 1, res;

		while ((res = one_train(&r, h, width_us[w], &wmed, &gmed,
					&late)) != TRAIN_OK) {
			if (res == TRAIN_MERGED && attempt == ATTEMPTS)
				VMTEST_FAIL("%u us pulses: edges came as one "
					    "interrupt in all %d attempts",
					    width_us[w], attempt);
			if (res == TRAIN_OFF &&
			    (late <= P6_BUSY_NS || attempt == ATTEMPTS))
				VMTEST_FAIL("%u us pulses: median error width "
					    "%llu ns, gap %llu ns > %llu ns "
					    "(attempt %d; host's worst "
					    "lateness %llu ns)", width_us[w],
					    (unsigned long long)wmed,
					    (unsigned long long)gmed,
					    (unsigned long long)P6_WIDTH_TOL_NS,
					    attempt, (unsigned long long)late);
			fprintf(stderr, "  the %s was late: driving the "
				"train again\n",
				res == TRAIN_MERGED ? "vCPU" : "host");
			attempt++;
		}
	}
	EXPECT_EQ(ut_next(&r, &ev), 0);
	ut_close(&r);
	return 0;
}
