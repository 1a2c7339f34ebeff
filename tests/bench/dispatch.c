// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * bench-dispatch: the library's floor on the host (issue 11). The ring of
 * the unit tests' fake module (tests/unit/fake.c: plain memory, the kernel's
 * protocol) is filled with ENTRIES events (not timed), then consumed, timed,
 * by each contender in turn, for REPS rounds:
 *   dispatch   gpioirq_dispatch(ctx, 0) running an empty callback per event
 *   read       gpioirq_read_events() of 256 into a buffer, each event read
 *   plain      a loop over the same slots: one load-acquire of head, each
 *              event copied and handed to the same empty callback through a
 *              pointer, one store-release of tail: the memory's speed
 *   pipe       the same events through a pipe, read() 16 at a time (what a
 *              reader of the GPIO character device does per system call at
 *              best with libgpiod 1.6), each handed to the callback
 * Prints the median ns per event over the rounds, events per second and
 * the ratio to the plain loop. The run_* functions are not inlined, so that
 * callgrind's --toggle-collect=run_NAME counts one contender's instructions
 * (make bench-dispatch does, 4096 events per round). The host is shared: compare the rows of one
 * run with one another.
 *
 *   dispatch [REPS]      default 200 rounds of 4096 events
 */
#include <fcntl.h>
#include <gpioirq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../unit/fake.h"

#define ENTRIES 4096
#define READ_BATCH 256

static unsigned long sink;

static __attribute__((noinline)) void empty_cb(const struct gpioirq_event *ev, void *arg)
{
	(void)arg;
	sink += ev->edge;
}

static void (*volatile cb_ptr)(const struct gpioirq_event *, void *) = empty_cb;

static void fill(struct fake *f)
{
	unsigned int i;

	for (i = 0; i < ENTRIES; i++)
		if (!fake_edge(f, 0, i & 1))
			abort();
}

static __attribute__((noinline)) uint64_t run_dispatch(struct fake *f)
{
	uint64_t t0 = fake_now_ns();
	int n, total = 0;

	while (total < ENTRIES) {
		n = gpioirq_dispatch(f->ctx, 0);
		if (n <= 0)
			abort();
		total += n;
	}
	return fake_now_ns() - t0;
}

static __attribute__((noinline)) uint64_t run_read(struct fake *f)
{
	static struct gpioirq_event buf[READ_BATCH];
	uint64_t t0 = fake_now_ns();
	int n, i, total = 0;

	while (total < ENTRIES) {
		n = gpioirq_read_events(f->ctx, buf, READ_BATCH, 0);
		if (n <= 0)
			abort();
		for (i = 0; i < n; i++)
			cb_ptr(&buf[i], NULL);
		total += n;
	}
	return fake_now_ns() - t0;
}

static __attribute__((noinline)) uint64_t run_plain(struct fake *f, uint64_t *tail)
{
	uint64_t t0 = fake_now_ns();
	uint64_t head, t;
	struct gpioirq_event ev;

	/* Pairs with B, the producer's store-release of head. */
	head = __atomic_load_n(&f->ctrl->head, __ATOMIC_ACQUIRE);
	for (t = *tail; t != head; t++) {
		ev = f->slots[t & f->lay.mask];
		cb_ptr(&ev, NULL);
	}
	/* Pairs with A, the producer's load-acquire of tail. */
	__atomic_store_n(&f->cons->tail, head, __ATOMIC_RELEASE);
	*tail = head;
	return fake_now_ns() - t0;
}

static void fill_pipe(int fd[2], const struct fake *f)
{
	size_t len = ENTRIES * sizeof(struct gpioirq_event);

	/* The slots of a filled ring: the same events as the others take. */
	if (write(fd[1], f->slots, len) != (ssize_t)len)
		abort();
}

static __attribute__((noinline)) uint64_t run_pipe(int fd[2])
{
	struct gpioirq_event buf[16];
	uint64_t t0 = fake_now_ns();
	unsigned int total = 0, i, n;
	ssize_t got;

	while (total < ENTRIES) {
		got = read(fd[0], buf, sizeof(buf));
		if (got <= 0 || got % sizeof(buf[0]))
			abort();
		n = (unsigned int)(got / sizeof(buf[0]));
		for (i = 0; i < n; i++)
			cb_ptr(&buf[i], NULL);
		total += n;
	}
	return fake_now_ns() - t0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	unsigned int reps = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 0) : 200;
	static const char *const names[] = { "dispatch", "read", "plain", "pipe" };
	struct gpioirq_line_settings ls;
	struct fake *f[3];
	uint64_t *ns[4], tail = 0;
	double med[4];
	unsigned int r, c;
	int pfd[2];

	if (!reps || reps > 100000) {
		fprintf(stderr, "usage: dispatch [REPS (1..100000)]\n");
		return 2;
	}
	ns[3] = calloc(reps, sizeof(*ns[3]));
	/* Room for a whole ring's events: one write fills it. */
	if (!ns[3] || pipe(pfd) ||
	    fcntl(pfd[1], F_SETPIPE_SZ, (int)(ENTRIES * sizeof(struct gpioirq_event))) < 0)
		abort();
	for (c = 0; c < 3; c++) {
		f[c] = fake_new(ENTRIES);
		ns[c] = calloc(reps, sizeof(*ns[c]));
		if (!f[c] || !ns[c])
			abort();
		gpioirq_line_settings_init(&ls);
		if (c == 0) {
			ls.callback = empty_cb;
		}
		if (c < 2 && !gpioirq_line_request(f[c]->ctx, "fake0", 0, &ls))
			abort();
	}
	/* The plain loop's fake needs a line for fake_edge() to fill. */
	if (!gpioirq_line_request(f[2]->ctx, "fake0", 0, &ls))
		abort();
	for (r = 0; r < reps; r++) {
		for (c = 0; c < 3; c++)
			fill(f[c]);
		ns[0][r] = run_dispatch(f[0]);
		ns[1][r] = run_read(f[1]);
		ns[2][r] = run_plain(f[2], &tail);
		fill_pipe(pfd, f[2]);
		ns[3][r] = run_pipe(pfd);
	}
	printf("bench-dispatch: %u rounds of %u events, empty callback; median per round\n",
	       reps, ENTRIES);
	printf("%-10s %10s %12s %10s\n", "contender", "ns/event", "M events/s", "x plain");
	for (c = 0; c < 4; c++) {
		qsort(ns[c], reps, sizeof(*ns[c]), cmp_u64);
		med[c] = (double)ns[c][reps / 2] / ENTRIES;
	}
	for (c = 0; c < 4; c++)
		printf("%-10s %10.2f %12.1f %10.1f\n", names[c], med[c], 1e3 / med[c],
		       med[c] / med[2]);
	printf("TSV\tcontender\tns_per_event\tmevents_per_s\tx_plain\n");
	for (c = 0; c < 4; c++)
		printf("TSV\t%s\t%.3f\t%.1f\t%.2f\n", names[c], med[c], 1e3 / med[c],
		       med[c] / med[2]);
	for (c = 0; c < 3; c++)
		fake_free(f[c]);
	for (c = 0; c < 4; c++)
		free(ns[c]);
	close(pfd[0]);
	close(pfd[1]);
	return 0;
}
