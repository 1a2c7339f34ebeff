// SPDX-License-Identifier: GPL-2.0
/*
 * compare: gpioirq against the GPIO character device (issue 11), in the
 * guest ('make bench' runs it through tests/vm/run on each kernel of the
 * matrix that has the simulator). For each round, for each edge rate of the
 * sweep (slow to fast), every contender in turn (the order rotates with the
 * round) gets a freshly loaded simulator, requests its line 0 and consumes a
 * burst of EDGES edges (EDGES / 2 pulses; fewer at the slow rates, so that
 * no burst is asked to last more than a second, but at least 100) raised
 * by the simulator's hard hrtimer at RATE edges per second. Per run it
 * records:
 *   edges      what the simulator put on the line
 *   irqs       how many of them reached an interrupt handler (the
 *              simulator's count: an edge the irq chip did not raise is
 *              lost before any consumer)
 *   actual     the rate the simulator achieved: edges - 1 over the time
 *              from the first to the last delivered event's timestamp
 *              (exact when both ends were delivered, as gpioirq's are when
 *              it loses nothing); under TCG the hrtimer falls behind the
 *              fastest rates asked for
 *   lost       edges - delivered
 *   visible    the part of lost the consumer could know of: line_seqno gaps,
 *              or gpioirq's counters (dropped + missed), whichever says
 *              more; silent = lost - visible
 *   wrong      events with the same direction as the previous one and no
 *              visible loss between them (a line alternates: one of the two
 *              is wrong); the first must be rising (the line rests low)
 *   lat        the event's top-half timestamp (the hard-IRQ handler's, also
 *              for the character device) to user code holding it: in the
 *              callback, or when the batch read returned; CLOCK_MONOTONIC
 *   bh         gpioirq's top-half to bottom-half delay (bh_delay_ns)
 *   cpu/ev     the consuming thread's CPU time per delivered event
 *   sys/ev     the consumer's system calls per delivered event (count.c)
 * Under TCG these are an emulator's numbers: compare contenders with one
 * another within one boot, as ratios, never with hardware.
 *
 * Output: a table per rate asked for (medians over the rounds of each run's
 * p50/p99 and actual rate, the max of maxima, counts summed), the highest rate each contender
 * delivered every edge at in every round, and one "TSV\t" line per run
 * (header first) that 'make bench' collects into build/bench/.
 *
 *   compare [-e EDGES] [-r ROUNDS] [-R RATE,RATE,...] [-c]
 * -c checks the bench itself (the test in the lib suite): every contender
 * ran and, for gpioirq, delivered + counted losses == edges with nothing
 * silent and no wrong direction; exit 1 with the reason otherwise.
 */
#include <errno.h>
#include <gpioirq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "compare.h"
#include "vmtest.h"

static const struct contender contenders[] = {
	{ "gi-tasklet", gpioirq_contender, GPIOIRQ_BH_TASKLET, MODE_DISPATCH },
	{ "gi-wq", gpioirq_contender, GPIOIRQ_BH_WORKQUEUE, MODE_DISPATCH },
	{ "gi-wqbh", gpioirq_contender, GPIOIRQ_BH_WORKQUEUE_BH, MODE_DISPATCH },
	{ "gi-direct", gpioirq_contender, GPIOIRQ_BH_DIRECT, MODE_DISPATCH },
	{ "gi-thread", gpioirq_contender, GPIOIRQ_BH_AUTO, MODE_THREAD },
	{ "gi-read", gpioirq_contender, GPIOIRQ_BH_AUTO, MODE_READ },
	{ "cdev-v2", cdev_contender, 0, 0 },
	{ "libgpiod", gpiod_contender, 0, 0 },
};
#define NC (sizeof(contenders) / sizeof(contenders[0]))
#define CDEV 6		/* the reference of the ratios */

static const char *const descriptions[NC] = {
	"gpioirq, tasklet bottom half, callbacks from gpioirq_dispatch()",
	"gpioirq, workqueue bottom half, callbacks from gpioirq_dispatch()",
	"gpioirq, BH workqueue bottom half (6.9+), callbacks from gpioirq_dispatch()",
	"gpioirq, no bottom half (the top half writes the ring; not on PREEMPT_RT)",
	"gpioirq, default bottom half, callbacks from the dispatcher thread",
	"gpioirq, default bottom half, gpioirq_read_events() of 256",
	"GPIO character device, uAPI v2: 1024-event buffer, poll() + read()",
	NULL,	/* libgpiod: its generation's name, gpiod*.c */
};

struct result {
	unsigned int edges, irqs, delivered, lost, visible, silent, wrong;
	double actual;		/* edges/s the simulator achieved */
	uint64_t counted, gap_lost;	/* gpioirq's counters; line_seqno gaps */
	double lat[3], bh[3];	/* p50, p99, max, us; bh < 0: none */
	double cpu_us, sys;	/* per delivered event */
};

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

uint64_t thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

void record_event(struct run *r, uint64_t timestamp_ns, uint64_t now,
		  uint64_t line_seqno, unsigned int edge, bool missed,
		  uint64_t bh_delay_ns, bool has_bh)
{
	unsigned int n = r->delivered;
	bool gap = false;

	if (n >= r->edges)
		return;
	if (!n)
		r->first_ts_ns = timestamp_ns;
	r->last_ts_ns = timestamp_ns;
	r->lat_ns[n] = now > timestamp_ns ? now - timestamp_ns : 0;
	if (has_bh)
		r->bh_ns[r->nbh++] = bh_delay_ns;
	if (r->has_seqno) {
		gap = line_seqno != r->prev_seqno + 1;
		if (line_seqno > r->prev_seqno + 1)
			r->gap_lost += line_seqno - r->prev_seqno - 1;
		r->prev_seqno = line_seqno;
	}
	if (missed)
		r->missed_flags++;
	if (edge == r->prev_edge && !gap && !missed)
		r->wrong_dir++;
	r->prev_edge = edge;
	/* Release: the main thread reads the samples after this count. */
	__atomic_store_n(&r->delivered, n + 1, __ATOMIC_RELEASE);
}

void burst_start(struct run *r)
{
	bool quiet = count_quiet;

	count_quiet = true;
	if (sim_burst(0, r->edges / 2, 2000000000ul / r->rate))
		VMTEST_FAIL("sim_burst: %s", strerror(errno));
	count_quiet = quiet;
}

bool burst_over(void)
{
	bool quiet = count_quiet;
	long left;

	count_quiet = true;
	left = sim_burst_left(0);
	count_quiet = quiet;
	if (left < 0)
		VMTEST_FAIL("sim_burst_left: %s", strerror(errno));
	return left == 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void pcts(uint64_t *v, unsigned int n, double out[3])
{
	if (!n) {
		out[0] = out[1] = out[2] = -1;
		return;
	}
	qsort(v, n, sizeof(*v), cmp_u64);
	out[0] = v[n / 2] / 1e3;
	out[1] = v[(unsigned long)n * 99 / 100] / 1e3;
	out[2] = v[n - 1] / 1e3;
}

/* One run; false when the kernel has no such path. */
static bool run_one(unsigned int c, unsigned int rate, unsigned int edges,
		    struct result *res)
{
	struct run r = { .edges = edges, .rate = rate, .has_seqno = true,
			 .prev_edge = GPIOIRQ_EDGE_FALLING };
	long irqs;

	r.lat_ns = calloc(edges, sizeof(*r.lat_ns));
	r.bh_ns = calloc(edges, sizeof(*r.bh_ns));
	if (!r.lat_ns || !r.bh_ns)
		VMTEST_FAIL("out of memory");
	count_quiet = true;
	if (sim_load(NULL))
		VMTEST_FAIL("sim_load: %s", strerror(errno));
	count_quiet = false;
	if (contenders[c].run(&contenders[c], &r)) {
		free(r.lat_ns);
		free(r.bh_ns);
		return false;
	}
	count_quiet = true;
	/* Every edge's handler has run: the counts are final. */
	if (sim_wait_burst(0, 60000))
		VMTEST_FAIL("sim_wait_burst: %s", strerror(errno));
	irqs = sim_edges(0);
	if (irqs < 0)
		VMTEST_FAIL("sim_edges: %s", strerror(errno));
	memset(res, 0, sizeof(*res));
	res->edges = edges;
	res->irqs = (unsigned int)irqs;
	res->delivered = __atomic_load_n(&r.delivered, __ATOMIC_ACQUIRE);
	res->lost = edges - res->delivered;
	res->visible = (unsigned int)(r.gap_lost > r.counted ? r.gap_lost : r.counted);
	if (res->visible > res->lost)
		res->visible = res->lost;
	res->silent = res->lost - res->visible;
	res->counted = r.counted;
	res->gap_lost = r.gap_lost;
	res->actual = -1;
	if (res->delivered >= 2 && r.last_ts_ns > r.first_ts_ns)
		res->actual = (edges - 1) * 1e9 / (double)(r.last_ts_ns - r.first_ts_ns);
	res->wrong = r.wrong_dir;
	pcts(r.lat_ns, res->delivered, res->lat);
	pcts(r.bh_ns, r.nbh, res->bh);
	res->cpu_us = res->delivered ? r.cpu_ns / 1e3 / res->delivered : -1;
	res->sys = res->delivered ? (double)r.syscalls / res->delivered : -1;
	free(r.lat_ns);
	free(r.bh_ns);
	return true;
}

/* EDGES, or what RATE raises in a second if less (at least 100; even). */
static unsigned int run_edges(unsigned int edges, unsigned int rate)
{
	unsigned int n = rate < 100 ? 100 : rate & ~1u;

	return n < edges ? n : edges;
}

static double median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n ? v[n / 2] : -1;
}

int main(int argc, char **argv)
{
	unsigned int edges = 1000, rounds = 3, nrates = 0, rates[32];
	const char *rate_list = "250,1000,4000,8000,16000,32000,64000,128000";
	struct result *res, *x;
	bool check = false, skipped[NC] = { false };
	unsigned int best[NC] = { 0 };
	bool lossless[NC];
	char *end, *list;
	const char *tok;
	unsigned int ri, rd, k, c, i;
	struct result sum;
	double v[6][64], med[6], mx;
	int opt;

	while ((opt = getopt(argc, argv, "e:r:R:c")) != -1) {
		switch (opt) {
		case 'e':
			edges = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'r':
			rounds = (unsigned int)strtoul(optarg, NULL, 0);
			break;
		case 'R':
			rate_list = optarg;
			break;
		case 'c':
			check = true;
			break;
		default:
			goto usage;
		}
	}
	list = strdup(rate_list);
	for (tok = strtok(list, ","); tok && nrates < 32; tok = strtok(NULL, ",")) {
		rates[nrates] = (unsigned int)strtoul(tok, &end, 0);
		if (*end || rates[nrates] < 2 || rates[nrates] > 1000000)
			goto usage;
		nrates++;
	}
	free(list);
	if (edges < 2 || edges % 2 || !rounds || rounds > 64 || !nrates)
		goto usage;

	res = calloc((size_t)nrates * NC * rounds, sizeof(*res));
	if (!res)
		VMTEST_FAIL("out of memory");
#define RES(ri, c, rd) (&res[((ri) * NC + (c)) * rounds + (rd)])
	if (module_load())
		VMTEST_FAIL("module_load: %s", strerror(errno));
	printf("compare: %u edges per run (at most a second's), %u rounds, rates (edges/s) %s\n",
	       edges, rounds,
	       rate_list);
	for (c = 0; c < NC; c++)
		printf("  %-10s %s\n", contenders[c].name,
		       descriptions[c] ? descriptions[c] : gpiod_contender_name);
	printf("TSV\tround\trate\tcontender\tedges\tactual_rate\tirqs\tdelivered\tlost\tvisible\t"
	       "silent\twrong\tlat_p50_us\tlat_p99_us\tlat_max_us\tbh_p50_us\tbh_p99_us\tbh_max_us\t"
	       "cpu_us_per_event\tsyscalls_per_event\n");
	for (rd = 0; rd < rounds; rd++) {
		for (ri = 0; ri < nrates; ri++) {
			for (k = 0; k < NC; k++) {
				c = (k + rd) % NC;
				if (skipped[c])
					continue;
				x = RES(ri, c, rd);
				if (!run_one(c, rates[ri], run_edges(edges, rates[ri]), x)) {
					skipped[c] = true;
					continue;
				}
				printf("TSV\t%u\t%u\t%s\t%u\t%.0f\t%u\t%u\t%u\t%u\t%u\t%u\t%.1f\t%.1f\t"
				       "%.1f\t%.1f\t%.1f\t%.1f\t%.3f\t%.4f\n", rd, rates[ri],
				       contenders[c].name, x->edges, x->actual, x->irqs, x->delivered,
				       x->lost, x->visible, x->silent, x->wrong, x->lat[0],
				       x->lat[1], x->lat[2], x->bh[0], x->bh[1], x->bh[2],
				       x->cpu_us, x->sys);
				fflush(stdout);
			}
		}
	}

	for (c = 0; c < NC; c++)
		lossless[c] = !skipped[c];
	for (ri = 0; ri < nrates; ri++) {
		double cdev_p50 = -1, cdev_cpu = -1;

		printf("\n%u edges/s: counts summed over %u rounds; p50, p99: medians; max: max; "
		       "us\n", rates[ri], rounds);
		printf("%-10s %6s %7s %6s %6s %6s %6s %6s %5s %8s %8s %8s %7s %8s %7s %6s %6s\n",
		       "contender", "edges", "actual", "irqs", "deliv", "lost", "visibl", "silent", "wrong",
		       "lat p50", "lat p99", "lat max", "bh p50", "cpu/ev", "sys/ev", "p50/cd",
		       "cpu/cd");
		for (k = 0; k < NC; k++) {
			/* The character device first: the others' ratios need it. */
			c = (k + CDEV) % NC;
			memset(&sum, 0, sizeof(sum));
			mx = 0;
			if (skipped[c]) {
				printf("%-10s not on this kernel\n", contenders[c].name);
				continue;
			}
			for (rd = 0; rd < rounds; rd++) {
				x = RES(ri, c, rd);
				sum.edges += x->edges;
				sum.irqs += x->irqs;
				sum.delivered += x->delivered;
				sum.lost += x->lost;
				sum.visible += x->visible;
				sum.silent += x->silent;
				sum.wrong += x->wrong;
				v[0][rd] = x->lat[0];
				v[1][rd] = x->lat[1];
				v[2][rd] = x->bh[0];
				v[3][rd] = x->cpu_us;
				v[4][rd] = x->sys;
				v[5][rd] = x->actual;
				if (x->lat[2] > mx)
					mx = x->lat[2];
			}
			for (i = 0; i < 6; i++)
				med[i] = median(v[i], rounds);
			if (c == CDEV) {
				cdev_p50 = med[0];
				cdev_cpu = med[3];
			}
			if (sum.lost)
				lossless[c] = false;
			else if (lossless[c])
				best[c] = rates[ri];
			printf("%-10s %6u %7.0f %6u %6u %6u %6u %6u %5u %8.1f %8.1f %8.1f ",
			       contenders[c].name, sum.edges, med[5], sum.irqs, sum.delivered, sum.lost,
			       sum.visible, sum.silent, sum.wrong, med[0], med[1], mx);
			if (med[2] >= 0)
				printf("%7.1f ", med[2]);
			else
				printf("%7s ", "-");
			printf("%8.2f %7.3f ", med[3], med[4]);
			if (cdev_p50 > 0 && med[0] >= 0)
				printf("%6.2f ", med[0] / cdev_p50);
			else
				printf("%6s ", "-");
			if (cdev_cpu > 0 && med[3] >= 0)
				printf("%6.2f\n", med[3] / cdev_cpu);
			else
				printf("%6s\n", "-");
		}
	}
	printf("\nhighest rate with every edge delivered in every round (edges/s; 0: none):\n");
	for (c = 0; c < NC; c++) {
		if (skipped[c])
			continue;
		printf("  %-10s %6u", contenders[c].name, best[c]);
		if (c != CDEV && best[CDEV])
			printf("  %.1f x cdev-v2", (double)best[c] / best[CDEV]);
		else if (c != CDEV && best[c])
			printf("  (cdev-v2 lost edges at every rate)");
		printf("\n");
	}

	if (check) {
		for (c = 0; c < NC; c++) {
			if (skipped[c] && contenders[c].bh != GPIOIRQ_BH_WORKQUEUE_BH &&
			    contenders[c].bh != GPIOIRQ_BH_DIRECT)
				VMTEST_FAIL("%s did not run", contenders[c].name);
		}
		for (ri = 0; ri < nrates; ri++) {
			for (c = 0; c < NC; c++) {
				for (rd = 0; rd < rounds && !skipped[c]; rd++) {
					x = RES(ri, c, rd);
					if (!x->delivered || x->delivered > x->edges)
						VMTEST_FAIL("%s at %u/s delivered %u of %u",
							    contenders[c].name, rates[ri],
							    x->delivered, x->edges);
					if (contenders[c].run != gpioirq_contender)
						continue;
					if (x->delivered + x->counted != x->edges ||
					    x->gap_lost > x->counted || x->silent || x->wrong)
						VMTEST_FAIL("%s at %u/s: %u delivered + %llu counted "
							    "!= %u edges, or %llu seqno gaps, "
							    "%u silent, %u wrong",
							    contenders[c].name, rates[ri],
							    x->delivered,
							    (unsigned long long)x->counted,
							    x->edges,
							    (unsigned long long)x->gap_lost,
							    x->silent, x->wrong);
				}
			}
		}
		printf("compare: checked\n");
	}
	free(res);
	return 0;
usage:
	fprintf(stderr, "usage: compare [-e EDGES (even, >= 2)] [-r ROUNDS (1..64)] "
		"[-R RATE,... (edges/s)] [-c]\n");
	return 2;
}
