// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The ring consumer against the fake producer: order, wrap-around, batch
 * boundaries, the per-call budget, overflow and seqno gaps, garbage heads,
 * the wake-up protocol, and the layouts it must refuse.
 */
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../lib/ring.h"
#include "unit.h"

static void publish(struct fake *f, uint32_t handle, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		ck_assert(fake_edge(f, handle, i & 1));
}

START_TEST(delivers_pending_events_in_order_in_one_call)
{
	struct fake *f = fake_new(64);
	struct seen s = { 0 };
	unsigned int i;

	fake_line(f, 0, seen_cb, &s);
	publish(f, 0, 40);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 40);
	ck_assert_uint_eq(seen_n(&s), 40);
	for (i = 0; i < 40; i++)
		ck_assert_uint_eq(s.seqno[i], i + 1);
	ck_assert_int_eq(s.out_of_order, 0);
	ck_assert_uint_eq(fake_tail(f), 40);
	fake_free(f);
}
END_TEST

/* Batches are GPIOIRQ_BATCH (32) events: one less, exactly, one more, two. */
START_TEST(takes_every_event_across_batch_boundaries)
{
	static const unsigned int sizes[] = { 31, 32, 33, 64 };
	unsigned int i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct fake *f = fake_new(64);
		struct seen s = { 0 };

		fake_line(f, 0, seen_cb, &s);
		publish(f, 0, sizes[i]);
		ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), sizes[i]);
		ck_assert_uint_eq(seen_n(&s), sizes[i]);
		ck_assert_uint_eq(s.last_seqno, sizes[i]);
		ck_assert_int_eq(s.out_of_order, 0);
		ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 0);
		fake_free(f);
	}
}
END_TEST

/* A callback that publishes one more event each time it runs. */
static struct fake *refill_fake;
static void refill_cb(const struct gpioirq_event *ev, void *arg)
{
	seen_cb(ev, arg);
	fake_edge(refill_fake, ev->handle, 1);
}

START_TEST(takes_at_most_ring_size_events_per_call)
{
	struct fake *f = fake_new(8);
	struct seen s = { 0 };

	refill_fake = f;
	fake_line(f, 0, refill_cb, &s);
	publish(f, 0, 8);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 8);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 8);
	ck_assert_uint_eq(seen_n(&s), 16);
	ck_assert_int_eq(s.out_of_order, 0);
	fake_free(f);
}
END_TEST

struct producer {
	struct fake *f;
	uint32_t handle;
	unsigned int n;
};

static void *producer_main(void *arg)
{
	struct producer *p = arg;
	unsigned int i;

	for (i = 0; i < p->n; i++)
		fake_edge_wait_space(p->f, p->handle, i & 1);
	return NULL;
}

static void wraps_around(uint32_t entries, unsigned int n)
{
	struct fake *f = fake_new(entries);
	struct producer p = { .f = f, .handle = 0, .n = n };
	struct gpioirq_stats st;
	struct seen s = { 0 };
	pthread_t t;
	int got;

	fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(pthread_create(&t, NULL, producer_main, &p), 0);
	while (seen_n(&s) < n) {
		got = gpioirq_dispatch(f->ctx, 5000);
		ck_assert_int_gt(got, 0);
		ck_assert_int_le(got, (int)entries);
	}
	pthread_join(t, NULL);
	ck_assert_uint_eq(seen_n(&s), n);
	ck_assert_uint_eq(s.last_seqno, n);
	ck_assert_uint_eq(s.last_line_seqno, n);
	ck_assert_int_eq(s.out_of_order, 0);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.events, n);
	ck_assert_uint_eq(st.callbacks, n);
	ck_assert_uint_eq(st.lost, 0);
	ck_assert_uint_eq(st.ring_dropped, 0);
	ck_assert_uint_eq(fake_tail(f), n);
	fake_free(f);
}

START_TEST(wraps_around_many_times_against_a_producer_thread)
{
	wraps_around(8, 10000);
}
END_TEST

START_TEST(wraps_around_a_ring_of_the_minimum_size)
{
	wraps_around(GPIOIRQ_RING_MIN_ENTRIES, 2000);
}
END_TEST

/* The order of drop and edge callbacks, as a string: "D3 E8 ". */
static char order_log[256];
static void log_drop_cb(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	(void)ctx;
	(void)arg;
	snprintf(order_log + strlen(order_log), sizeof(order_log) - strlen(order_log), "D%llu ",
		 (unsigned long long)lost);
}

static void log_edge_cb(const struct gpioirq_event *ev, void *arg)
{
	(void)arg;
	snprintf(order_log + strlen(order_log), sizeof(order_log) - strlen(order_log), "E%llu ",
		 (unsigned long long)ev->seqno);
}

START_TEST(counts_seqno_gaps_and_reports_them_before_the_next_event)
{
	struct fake *f = fake_new(4);
	struct gpioirq_stats st;

	order_log[0] = 0;
	fake_line(f, 0, log_edge_cb, NULL);
	ck_assert_int_eq(gpioirq_set_drop_callback(f->ctx, log_drop_cb, NULL), 0);
	publish(f, 0, 4);
	/* The ring is full: these three are dropped, seqnos 5, 6, 7. */
	ck_assert(!fake_edge(f, 0, 1));
	ck_assert(!fake_edge(f, 0, 0));
	ck_assert(!fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 4);
	ck_assert(fake_edge(f, 0, 0));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_str_eq(order_log, "E1 E2 E3 E4 D3 E8 ");
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.lost, 3);
	ck_assert_uint_eq(st.ring_dropped, 3);
	ck_assert_uint_eq(st.events, 5);
	fake_free(f);
}
END_TEST

START_TEST(counts_a_gap_before_the_first_event)
{
	struct fake *f = fake_new(4);
	struct gpioirq_stats st;
	struct seen s = { 0 };

	fake_line(f, 0, seen_cb, &s);
	/* Seqno 1 and 2 never reach the ring. */
	f->seqno = 2;
	publish(f, 0, 1);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.lost, 2);
	fake_free(f);
}
END_TEST

static unsigned int zero_drops;
static void zero_drop_cb(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	(void)ctx;
	(void)arg;
	if (lost == 0)
		zero_drops++;
}

START_TEST(skips_to_a_head_more_than_ring_size_ahead_and_recovers)
{
	struct fake *f = fake_new(8);
	struct gpioirq_stats st;
	struct seen s = { 0 };

	zero_drops = 0;
	fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(gpioirq_set_drop_callback(f->ctx, zero_drop_cb, NULL), 0);
	publish(f, 0, 2);
	fake_set_head(f, 1000);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 0);
	ck_assert_uint_eq(seen_n(&s), 0);
	ck_assert_uint_eq(fake_tail(f), 1000);
	ck_assert_uint_eq(zero_drops, 1);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.bad_heads, 1);
	/* The producer goes on from there: the next event is taken. */
	publish(f, 0, 1);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_uint_eq(seen_n(&s), 1);
	ck_assert_uint_eq(s.last_seqno, 3);
	fake_free(f);
}
END_TEST

START_TEST(skips_to_a_head_behind_the_tail)
{
	struct fake *f = fake_new(8);
	struct gpioirq_stats st;
	struct seen s = { 0 };

	fake_line(f, 0, seen_cb, &s);
	publish(f, 0, 4);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 4);
	fake_set_head(f, 2);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 0);
	ck_assert_uint_eq(fake_tail(f), 2);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.bad_heads, 1);
	ck_assert_uint_eq(seen_n(&s), 4);
	fake_free(f);
}
END_TEST

/* The helpers themselves, for heads around every edge of the valid range. */
START_TEST(never_offers_more_than_the_ring_for_any_head)
{
	struct fake *f = fake_new(8);
	struct gpioirq_ring *r = &f->ctx->ring;
	static const uint64_t tails[] = { 0, 5, UINT64_MAX - 3 };
	const int64_t deltas[] = { 0, 1, 7, 8, 9, -1, 1000 };
	unsigned int i, j;
	bool skipped;
	uint32_t n;

	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		for (j = 0; j < sizeof(deltas) / sizeof(deltas[0]); j++) {
			r->tail = tails[i];
			fake_set_head(f, tails[i] + (uint64_t)deltas[j]);
			n = gpioirq_ring_avail(r, &skipped);
			if (deltas[j] >= 0 && deltas[j] <= 8) {
				ck_assert_uint_eq(n, (uint32_t)deltas[j]);
				ck_assert(!skipped);
				/* Reading each offered slot stays in the ring (ASan). */
				for (uint32_t k = 0; k < n; k++)
					ck_assert_ptr_eq(gpioirq_ring_slot(r, k),
							 &f->slots[(tails[i] + k) & 7]);
			} else {
				ck_assert_uint_eq(n, 0);
				ck_assert(skipped);
				ck_assert_uint_eq(r->tail, tails[i] + (uint64_t)deltas[j]);
			}
		}
	}
	r->tail = 0;
	fake_set_head(f, 0);
	fake_free(f);
}
END_TEST

static int wakeup_seen_in_cb = -1;
static struct fake *wakeup_fake;
static void wakeup_cb(const struct gpioirq_event *ev, void *arg)
{
	(void)ev;
	(void)arg;
	wakeup_seen_in_cb = (int)__atomic_load_n(&wakeup_fake->cons->wakeup, __ATOMIC_RELAXED);
}

START_TEST(asks_no_wakeup_while_awake_and_one_when_it_returns_empty)
{
	struct fake *f = fake_new(8);

	wakeup_fake = f;
	fake_line(f, 0, wakeup_cb, NULL);
	/* Armed from the start, for a loop that polls the fd first. */
	ck_assert_uint_eq(f->cons->wakeup, 1);
	publish(f, 0, 1);
	ck_assert_uint_eq(f->wakes, 1);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_int_eq(wakeup_seen_in_cb, 0);
	ck_assert_uint_eq(f->cons->wakeup, 1);
	fake_free(f);
}
END_TEST

struct dispatcher {
	struct fake *f;
	int timeout_ms;
	int ret;
	int err;
};

static void *dispatch_main(void *arg)
{
	struct dispatcher *d = arg;

	d->ret = gpioirq_dispatch(d->f->ctx, d->timeout_ms);
	d->err = errno;
	return NULL;
}

static uint64_t sleeps(struct fake *f)
{
	struct gpioirq_stats st;

	gpioirq_get_stats(f->ctx, &st);
	return st.sleeps;
}

START_TEST(sleeps_in_poll_until_the_producer_publishes)
{
	struct fake *f = fake_new(8);
	struct dispatcher d = { .f = f, .timeout_ms = -1 };
	struct seen s = { 0 };
	pthread_t t;

	fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(pthread_create(&t, NULL, dispatch_main, &d), 0);
	/* It sleeps (or is about to): a lost wake-up would hang here. */
	while (sleeps(f) < 1)
		sched_yield();
	publish(f, 0, 1);
	pthread_join(t, NULL);
	ck_assert_int_eq(d.ret, 1);
	ck_assert_uint_eq(seen_n(&s), 1);
	fake_free(f);
}
END_TEST

START_TEST(returns_zero_when_the_timeout_passes)
{
	struct fake *f = fake_new(8);
	uint64_t t0 = fake_now_ns();

	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 20), 0);
	ck_assert_uint_ge(fake_now_ns() - t0, 20 * 1000000ull);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 0);
	fake_free(f);
}
END_TEST

START_TEST(takes_events_while_busy_polling_without_sleeping)
{
	struct fake *f = fake_new(8);
	struct dispatcher d = { .f = f, .timeout_ms = -1 };
	struct seen s = { 0 };
	pthread_t t;

	fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(gpioirq_set_busy_poll(f->ctx, 1000000), 0);
	ck_assert_int_eq(pthread_create(&t, NULL, dispatch_main, &d), 0);
	/* Disarmed: the consumer is in its loop, spinning for up to 1 s. */
	while (__atomic_load_n(&f->cons->wakeup, __ATOMIC_ACQUIRE))
		sched_yield();
	publish(f, 0, 1);
	pthread_join(t, NULL);
	ck_assert_int_eq(d.ret, 1);
	ck_assert_uint_eq(sleeps(f), 0);
	fake_free(f);
}
END_TEST

START_TEST(rejects_a_ring_layout_it_cannot_use)
{
	struct fake *f = fake_new(8);
	struct gpioirq_ring_layout lay;
	unsigned int i;
	int fd;

	for (i = 0; i < 11; i++) {
		lay = f->lay;
		switch (i) {
		case 0: lay.entries = 6; lay.mask = 5; break;
		case 1: lay.mask = 15; break;
		case 2: lay.event_size = 32; break;
		case 3: lay.events_offset = 8; break;
		case 4: lay.events_offset = 4100; break;
		case 5: lay.producer_size = 4096; break;
		case 6: lay.consumer_size = 8; break;
		case 7: lay.head_offset = 8; break;
		case 8: lay.tail_offset = 8; break;
		case 9: lay.wakeup_offset = 0; break;
		case 10: lay.entries = 0; lay.mask = UINT32_MAX; break;
		}
		ck_assert_fail(gpioirq_ring_layout_check(&lay), EPROTO);
		fd = dup(0);
		/* The context constructor refuses it too, and closes the fd. */
		ck_assert_null_errno(gpioirq_ctx_new(fd, &lay, f->prod, f->cons, NULL, NULL), EPROTO);
		ck_assert_int_eq(fcntl(fd, F_GETFD), -1);
	}
	ck_assert_int_eq(gpioirq_ring_layout_check(&f->lay), 0);
	ck_assert_fail(gpioirq_ring_layout_check(NULL), EINVAL);
	fake_free(f);
}
END_TEST

Suite *ring_suite(void)
{
	Suite *s = suite_create("ring");
	TCase *tc = tcase_create("consumer");

	tcase_set_timeout(tc, UNIT_TIMEOUT_S);
	tcase_add_test(tc, delivers_pending_events_in_order_in_one_call);
	tcase_add_test(tc, takes_every_event_across_batch_boundaries);
	tcase_add_test(tc, takes_at_most_ring_size_events_per_call);
	tcase_add_test(tc, wraps_around_many_times_against_a_producer_thread);
	tcase_add_test(tc, wraps_around_a_ring_of_the_minimum_size);
	tcase_add_test(tc, counts_seqno_gaps_and_reports_them_before_the_next_event);
	tcase_add_test(tc, counts_a_gap_before_the_first_event);
	tcase_add_test(tc, skips_to_a_head_more_than_ring_size_ahead_and_recovers);
	tcase_add_test(tc, skips_to_a_head_behind_the_tail);
	tcase_add_test(tc, never_offers_more_than_the_ring_for_any_head);
	tcase_add_test(tc, asks_no_wakeup_while_awake_and_one_when_it_returns_empty);
	tcase_add_test(tc, sleeps_in_poll_until_the_producer_publishes);
	tcase_add_test(tc, returns_zero_when_the_timeout_passes);
	tcase_add_test(tc, takes_events_while_busy_polling_without_sleeping);
	tcase_add_test(tc, rejects_a_ring_layout_it_cannot_use);
	suite_add_tcase(s, tc);
	return s;
}
