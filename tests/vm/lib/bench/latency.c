// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * bench-lib: what each way of running callbacks adds to an edge's latency.
 * In the guest ('make bench-lib' runs it through tests/vm/run), for each
 * mode the simulator raises EDGES edges PERIOD_NS apart on one line, and
 * every callback records, per edge:
 *   bh  the module's top-half to bottom-half delay (the event's bh_delay_ns);
 *   cb  top half (the event's timestamp_ns) to the callback running, both
 *       CLOCK_MONOTONIC: the whole path, the bottom half included.
 * Percentiles p50/p99/max in µs. Under TCG these are an emulator's numbers,
 * far from a board's: compare the modes with one another, not with hardware.
 * Then gpioirq_dispatch() once per bottom-half kind: tasklet, workqueue and,
 * on 6.9 and later, the BH workqueue that replaces tasklets.
 * (The wait API runs on the same consumer as the callbacks; it returns no
 * timestamp to measure from, so it has no row.)
 *
 *   latency [EDGES [PERIOD_NS]]     defaults: 2000 edges, 1 ms apart
 */
#include <errno.h>
#include <gpioirq.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vmtest.h"

struct samples {
	uint64_t *bh;
	uint64_t *cb;
	unsigned int n;		/* atomic: the dispatcher thread writes it */
	unsigned int max;
};

static void on_edge(const struct gpioirq_event *ev, void *arg)
{
	struct samples *s = arg;
	struct timespec ts;
	uint64_t now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
	if (s->n < s->max) {
		s->bh[s->n] = ev->bh_delay_ns;
		s->cb[s->n] = now - ev->timestamp_ns;
		__atomic_store_n(&s->n, s->n + 1, __ATOMIC_RELEASE);
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void print_pcts(const char *what, uint64_t *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	printf("  %s p50 %8.1f p99 %8.1f max %8.1f", what, v[n / 2] / 1e3,
	       v[(unsigned long)n * 99 / 100] / 1e3, v[n - 1] / 1e3);
}

enum mode { DISPATCH, POLL_FD, THREAD, THREAD_FIFO, THREAD_FIFO_SPIN, MODES };
static const char *const mode_names[MODES] = {
	"dispatch(ctx, -1)", "poll(fd) + dispatch(ctx, 0)", "dispatcher thread",
	"thread SCHED_FIFO 50", "thread FIFO, 200 us spin",
};

static const char *const bh_names[] = {
	[GPIOIRQ_BH_AUTO] = "auto", [GPIOIRQ_BH_TASKLET] = "tasklet",
	[GPIOIRQ_BH_WORKQUEUE] = "workqueue", [GPIOIRQ_BH_WORKQUEUE_BH] = "workqueue-bh",
};

/* One mode with bottom half @bh; false when the kernel has no such kind. */
static bool run(enum mode mode, unsigned int bh, unsigned int edges, unsigned long period_ns)
{
	char label[64];
	struct samples s = { .max = edges };
	struct gpioirq_line_settings ls;
	struct gpioirq_thread_config tc;
	struct timespec pause = { 0, 1000000 };
	struct pollfd pfd;
	struct gpioirq *ctx;

	s.bh = calloc(edges, sizeof(*s.bh));
	s.cb = calloc(edges, sizeof(*s.cb));
	if (!s.bh || !s.cb)
		VMTEST_FAIL("out of memory");
	if (sim_load(NULL))
		VMTEST_FAIL("sim_load: %s", strerror(errno));
	ctx = gpioirq_open(NULL);
	if (!ctx)
		VMTEST_FAIL("gpioirq_open: %s", strerror(errno));
	gpioirq_line_settings_init(&ls);
	ls.callback = on_edge;
	ls.user_data = &s;
	ls.bh = bh;
	if (!gpioirq_line_request(ctx, sim_chip_name(), 0, &ls)) {
		if (errno != EOPNOTSUPP)
			VMTEST_FAIL("gpioirq_line_request: %s", strerror(errno));
		gpioirq_close(ctx);
		free(s.bh);
		free(s.cb);
		return false;
	}
	if (mode >= THREAD) {
		gpioirq_thread_config_init(&tc);
		if (mode != THREAD)
			tc.sched_priority = 50;
		if (mode == THREAD_FIFO_SPIN)
			gpioirq_set_busy_poll(ctx, 200);
		if (gpioirq_thread_start(ctx, &tc))
			VMTEST_FAIL("gpioirq_thread_start: %s", strerror(errno));
	}
	if (sim_burst(0, (edges + 1) / 2, period_ns * 2))
		VMTEST_FAIL("sim_burst: %s", strerror(errno));

	while (__atomic_load_n(&s.n, __ATOMIC_ACQUIRE) < edges) {
		switch (mode) {
		case DISPATCH:
			if (gpioirq_dispatch(ctx, 5000) <= 0)
				VMTEST_FAIL("no edge in 5 s");
			break;
		case POLL_FD:
			pfd.fd = gpioirq_get_fd(ctx);
			pfd.events = POLLIN;
			if (poll(&pfd, 1, 5000) != 1)
				VMTEST_FAIL("no edge in 5 s");
			gpioirq_dispatch(ctx, 0);
			break;
		default:
			/* The dispatcher thread does the work; just wait for it. */
			nanosleep(&pause, NULL);
			break;
		}
	}
	sim_wait_burst(0, 60000);
	gpioirq_close(ctx);
	snprintf(label, sizeof(label), "%s%s%s", mode_names[mode], bh ? ", bh " : "",
		 bh ? bh_names[bh] : "");
	printf("%-36s", label);
	print_pcts("bh", s.bh, s.n);
	print_pcts("cb", s.cb, s.n);
	printf("\n");
	fflush(stdout);
	free(s.bh);
	free(s.cb);
	return true;
}

int main(int argc, char **argv)
{
	unsigned int edges = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 0) : 2000;
	unsigned long period_ns = argc > 2 ? strtoul(argv[2], NULL, 0) : 1000000;
	unsigned int bh;
	enum mode m;

	if (edges < 2 || period_ns < 1000) {
		fprintf(stderr, "usage: latency [EDGES >= 2 [PERIOD_NS >= 1000]]\n");
		return 2;
	}
	if (module_load())
		VMTEST_FAIL("module_load: %s", strerror(errno));
	printf("bench-lib: %u edges %lu ns apart per mode; top half to bottom half (bh)\n"
	       "and to the callback (cb), in us\n", edges, period_ns);
	for (m = DISPATCH; m < MODES; m++)
		run(m, GPIOIRQ_BH_AUTO, edges, period_ns);
	/* What deferring costs per bottom-half kind: tasklet, work item on a
	 * system workqueue, work item on the BH workqueue (6.9+).
	 */
	for (bh = GPIOIRQ_BH_TASKLET; bh <= GPIOIRQ_BH_WORKQUEUE_BH; bh++) {
		if (!run(DISPATCH, bh, edges, period_ns))
			printf("%-36s not on this kernel (before 6.9)\n", bh_names[bh]);
	}
	return 0;
}
