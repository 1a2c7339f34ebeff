/* SPDX-License-Identifier: LGPL-2.1-or-later OR MIT */
/*
 * What the in-guest tests of libgpioirq share: a context over the real
 * module with the simulator loaded fresh, lines of the simulator, a
 * counting callback, and waits for counts (never sleeps standing in for
 * them). Header-only: every .c file of this directory is a test program.
 * Each exits 0 pass, 1 fail, 77 skip (vmtest.h's EXPECT_* exit 1).
 */
#ifndef GPIOIRQ_LIBTEST_H
#define GPIOIRQ_LIBTEST_H

#include <gpioirq.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "vmtest.h"

/* How long any test waits for anything that should come, in ms. */
#define LT_TIMEOUT_MS 20000

/* Loads the module and a fresh simulator; opens a context (ring @entries, 0: default). */
static inline struct gpioirq *lt_setup_ring(uint32_t entries)
{
	struct gpioirq *ctx;

	EXPECT_OK(module_load());
	EXPECT_OK(sim_load(NULL));
	EXPECT_TRUE(sim_chip_name() != NULL);
	ctx = gpioirq_open_ring(NULL, entries);
	if (!ctx)
		VMTEST_FAIL("gpioirq_open_ring: %s", strerror(errno));
	return ctx;
}

static inline struct gpioirq *lt_setup(void)
{
	return lt_setup_ring(0);
}

/* Line @off of the simulator, both edges, with @cb (NULL: wait mode). */
static inline struct gpioirq_line *lt_request(struct gpioirq *ctx, unsigned int off,
					      gpioirq_callback_t cb, void *arg)
{
	struct gpioirq_line_settings ls;
	struct gpioirq_line *line;

	gpioirq_line_settings_init(&ls);
	ls.callback = cb;
	ls.user_data = arg;
	line = gpioirq_line_request(ctx, sim_chip_name(), off, &ls);
	if (!line)
		VMTEST_FAIL("gpioirq_line_request(%s, %u): %s", sim_chip_name(), off,
			    strerror(errno));
	return line;
}

/* What a counting callback saw. Counters are atomics: tests read them live. */
struct lt_count {
	uint64_t n;
	uint64_t rising;
	uint64_t falling;
	uint64_t last_seqno;
	uint64_t last_line_seqno;
	uint64_t bad_order;		/* seqno or line_seqno not increasing */
	uint64_t bad_alternation;	/* two rising (or falling) edges in a row, none lost */
	uint64_t storms;
	int last_edge;
	int inside;			/* callbacks running now */
	uint64_t concurrent;		/* entries while one ran */
	pthread_t thread;
};

static inline void lt_count_cb(const struct gpioirq_event *ev, void *arg)
{
	struct lt_count *c = arg;

	if (__atomic_fetch_add(&c->inside, 1, __ATOMIC_SEQ_CST))
		__atomic_fetch_add(&c->concurrent, 1, __ATOMIC_RELAXED);
	c->thread = pthread_self();
	if (ev->type == GPIOIRQ_EVENT_STORM) {
		__atomic_fetch_add(&c->storms, 1, __ATOMIC_RELAXED);
	} else {
		if (ev->seqno <= c->last_seqno || ev->line_seqno <= c->last_line_seqno)
			c->bad_order++;
		if (c->last_edge && ev->line_seqno == c->last_line_seqno + 1 &&
		    ev->edge == c->last_edge)
			c->bad_alternation++;
		c->last_seqno = ev->seqno;
		c->last_line_seqno = ev->line_seqno;
		c->last_edge = ev->edge;
		if (ev->edge == GPIOIRQ_EDGE_RISING)
			__atomic_fetch_add(&c->rising, 1, __ATOMIC_RELAXED);
		else
			__atomic_fetch_add(&c->falling, 1, __ATOMIC_RELAXED);
	}
	__atomic_fetch_sub(&c->inside, 1, __ATOMIC_SEQ_CST);
	__atomic_fetch_add(&c->n, 1, __ATOMIC_RELEASE);
}

static inline uint64_t lt_n(struct lt_count *c)
{
	return __atomic_load_n(&c->n, __ATOMIC_ACQUIRE);
}

static inline void lt_sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Waits for another thread's callbacks to have counted @n, or fails. */
static inline void lt_await(struct lt_count *c, uint64_t n)
{
	long long end = vmtest_now_ms() + LT_TIMEOUT_MS;

	while (lt_n(c) < n) {
		if (vmtest_now_ms() > end)
			VMTEST_FAIL("counted %llu events, expected %llu",
				    (unsigned long long)lt_n(c), (unsigned long long)n);
		lt_sleep_ms(1);
	}
}

/* Runs gpioirq_dispatch() in this thread until @c counted @n, or fails. */
static inline void lt_dispatch_until(struct gpioirq *ctx, struct lt_count *c, uint64_t n)
{
	long long end = vmtest_now_ms() + LT_TIMEOUT_MS;

	while (lt_n(c) < n) {
		if (vmtest_now_ms() > end)
			VMTEST_FAIL("counted %llu events, expected %llu",
				    (unsigned long long)lt_n(c), (unsigned long long)n);
		EXPECT_OK(gpioirq_dispatch(ctx, 100));
	}
}

static inline struct gpioirq_stats lt_stats(struct gpioirq *ctx)
{
	struct gpioirq_stats st;

	EXPECT_OK(gpioirq_get_stats(ctx, &st));
	return st;
}

/*
 * Waits until the consumer of @ctx (another thread) has gone to sleep in
 * poll() @n times: from then on, what the test does comes after it waits.
 */
static inline void lt_await_sleeps(struct gpioirq *ctx, uint64_t n)
{
	long long end = vmtest_now_ms() + LT_TIMEOUT_MS;

	while (lt_stats(ctx).sleeps < n) {
		if (vmtest_now_ms() > end)
			VMTEST_FAIL("the consumer never slept");
		sched_yield();
	}
}

/* The module's counters of @line, once its edges are all accounted for. */
static inline struct gpioirq_line_stats lt_line_rest(struct gpioirq_line *line,
						     uint64_t edges)
{
	long long end = vmtest_now_ms() + LT_TIMEOUT_MS;
	struct gpioirq_line_stats st;

	for (;;) {
		EXPECT_OK(gpioirq_line_get_stats(line, &st));
		if (st.edges >= edges && st.events + st.dropped == st.edges)
			return st;
		if (vmtest_now_ms() > end)
			VMTEST_FAIL("line stats: edges %llu events %llu dropped %llu, expected %llu edges",
				    (unsigned long long)st.edges, (unsigned long long)st.events,
				    (unsigned long long)st.dropped, (unsigned long long)edges);
		lt_sleep_ms(1);
	}
}

#endif /* GPIOIRQ_LIBTEST_H */
