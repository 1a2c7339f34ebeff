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

/*
 * The gpioirq_line_wait() tests: line 0 of the simulator in wait mode,
 * driven by another thread that starts each step only once this one
 * sleeps in the wait (lt_await_sleeps()), so every step comes after it.
 */
struct lt_driver {
	struct gpioirq *ctx;
	const long *widths_ms;	/* pulses: their widths; NULL: one level change */
	unsigned int n;		/* how many pulses */
	int rest;		/* the level the line rests at (pulses) or goes to */
};

/* Drives @d->n pulses away from @d->rest and back, or sets @d->rest once. */
static inline void *lt_drive(void *arg)
{
	struct lt_driver *d = arg;
	unsigned int i;

	if (!d->widths_ms) {
		lt_await_sleeps(d->ctx, 1);
		EXPECT_OK(sim_set_level(0, d->rest));
		return NULL;
	}
	for (i = 0; i < d->n; i++) {
		lt_await_sleeps(d->ctx, i + 1);
		EXPECT_OK(sim_set_level(0, !d->rest));
		lt_sleep_ms(d->widths_ms[i]);
		EXPECT_OK(sim_set_level(0, d->rest));
	}
	return NULL;
}

/*
 * GPIOIRQ_WAIT_PULSE_HIGH or _LOW: the line rests at the other level;
 * pulses of 10, 20 and 40 ms each measure at least what the driver slept
 * and within 2 s of it (a slow TCG guest), in order; then no pulse is left.
 */
static inline int lt_test_wait_pulses(enum gpioirq_wait_kind kind)
{
	static const long widths_ms[] = { 10, 20, 40 };
	struct lt_driver d = { .widths_ms = widths_ms, .n = 3,
			       .rest = kind == GPIOIRQ_WAIT_PULSE_LOW };
	struct gpioirq_line *line;
	uint64_t pulse;
	unsigned int i;
	pthread_t t;

	d.ctx = lt_setup();
	EXPECT_OK(sim_set_level(0, d.rest));
	line = lt_request(d.ctx, 0, NULL, NULL);
	EXPECT_EQ(pthread_create(&t, NULL, lt_drive, &d), 0);
	for (i = 0; i < 3; i++) {
		EXPECT_OK(gpioirq_line_wait(line, kind, LT_TIMEOUT_MS, &pulse));
		printf("# %ld ms pulse measured %llu ns\n", widths_ms[i], (unsigned long long)pulse);
		EXPECT_TRUE(pulse >= (uint64_t)widths_ms[i] * 1000000);
		EXPECT_TRUE(pulse < (uint64_t)widths_ms[i] * 1000000 + 2000000000ull);
	}
	pthread_join(t, NULL);
	EXPECT_ERRNO(gpioirq_line_wait(line, kind, 50, NULL), ETIMEDOUT);
	EXPECT_EQ(gpioirq_close(d.ctx), 0);
	return 0;
}

/*
 * GPIOIRQ_WAIT_EDGE_RISING or _FALLING: the line starts at the level the
 * edge goes to; one 30 ms pulse away and back. The wait skips its first
 * edge and returns at the second with pulse_ns at least 30 ms (within 2 s);
 * a second wait times out: each edge is returned once.
 */
static inline int lt_test_wait_edge(enum gpioirq_wait_kind kind)
{
	static const long width_ms = 30;
	struct lt_driver d = { .widths_ms = &width_ms, .n = 1,
			       .rest = kind == GPIOIRQ_WAIT_EDGE_RISING };
	struct gpioirq_line *line;
	uint64_t pulse = 0;
	pthread_t t;

	d.ctx = lt_setup();
	EXPECT_OK(sim_set_level(0, d.rest));
	line = lt_request(d.ctx, 0, NULL, NULL);
	EXPECT_EQ(pthread_create(&t, NULL, lt_drive, &d), 0);
	EXPECT_OK(gpioirq_line_wait(line, kind, LT_TIMEOUT_MS, &pulse));
	pthread_join(t, NULL);
	printf("# pulse_ns %llu\n", (unsigned long long)pulse);
	EXPECT_TRUE(pulse >= 30000000ull);
	EXPECT_TRUE(pulse < 30000000ull + 2000000000ull);
	EXPECT_ERRNO(gpioirq_line_wait(line, kind, 50, NULL), ETIMEDOUT);
	EXPECT_EQ(gpioirq_close(d.ctx), 0);
	return 0;
}

/*
 * GPIOIRQ_WAIT_LEVEL_HIGH or _LOW: the line starts at the other level; the
 * wait sleeps until the driver sets this one, then returns 0 with pulse_ns
 * 0; at that level, a wait returns at once even with no time to wait, and
 * a wait for the other level times out.
 */
static inline int lt_test_wait_level(enum gpioirq_wait_kind kind)
{
	int level = kind == GPIOIRQ_WAIT_LEVEL_HIGH;
	enum gpioirq_wait_kind other = level ? GPIOIRQ_WAIT_LEVEL_LOW : GPIOIRQ_WAIT_LEVEL_HIGH;
	struct lt_driver d = { .rest = level };
	struct gpioirq_line *line;
	uint64_t pulse = 42;
	pthread_t t;

	d.ctx = lt_setup();
	EXPECT_OK(sim_set_level(0, !level));
	line = lt_request(d.ctx, 0, NULL, NULL);
	EXPECT_EQ(gpioirq_line_get_value(line), !level);
	EXPECT_EQ(pthread_create(&t, NULL, lt_drive, &d), 0);
	EXPECT_OK(gpioirq_line_wait(line, kind, LT_TIMEOUT_MS, &pulse));
	pthread_join(t, NULL);
	EXPECT_EQ(pulse, 0);
	EXPECT_EQ(gpioirq_line_get_value(line), level);
	EXPECT_OK(gpioirq_line_wait(line, kind, 0, NULL));
	EXPECT_ERRNO(gpioirq_line_wait(line, other, 50, NULL), ETIMEDOUT);
	EXPECT_EQ(gpioirq_close(d.ctx), 0);
	return 0;
}

#endif /* GPIOIRQ_LIBTEST_H */
