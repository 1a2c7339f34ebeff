// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The wait API: the six kinds with exact pulse widths from the events'
 * timestamps, the queue between calls, timeouts, its errors, and waiting
 * while another thread (or the dispatcher thread) consumes.
 */
#include <sched.h>
#include <string.h>

#include "unit.h"

/* A wait-mode line at offset 0 with @edges. */
static struct gpioirq_line *wait_line(struct fake *f, uint32_t edges)
{
	struct gpioirq_line_settings ls;

	gpioirq_line_settings_init(&ls);
	ls.edges = edges;
	return gpioirq_line_request(f->ctx, "fake0", 0, &ls);
}

START_TEST(edge_kinds_return_the_first_such_edge_and_its_pulse_ns)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t pulse = 1;

	ck_assert(fake_edge_at(f, 0, 0, 1000, 0));
	ck_assert(fake_edge_at(f, 0, 1, 3500, 0));
	ck_assert(fake_edge_at(f, 0, 0, 4000, 0));
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_RISING, 0, &pulse), 0);
	ck_assert_uint_eq(pulse, 2500);
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_FALLING, 0, &pulse), 0);
	ck_assert_uint_eq(pulse, 500);
	/* Each edge is returned once. */
	ck_assert_fail(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_FALLING, 0, &pulse), ETIMEDOUT);
	fake_free(f);
}
END_TEST

START_TEST(pulse_high_is_measured_from_the_edge_timestamps)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t pulse = 0;

	ck_assert(fake_edge_at(f, 0, 0, 500, 0));
	ck_assert(fake_edge_at(f, 0, 1, 10000, 0));
	ck_assert(fake_edge_at(f, 0, 0, 10000 + 123456, 0));
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_HIGH, 0, &pulse), 0);
	ck_assert_uint_eq(pulse, 123456);
	fake_free(f);
}
END_TEST

START_TEST(pulse_low_is_measured_from_the_edge_timestamps)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t pulse = 0;

	ck_assert(fake_edge_at(f, 0, 1, 100, 0));
	ck_assert(fake_edge_at(f, 0, 0, 2000, 0));
	ck_assert(fake_edge_at(f, 0, 1, 2000 + 58000, 0));
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_LOW, 0, &pulse), 0);
	ck_assert_uint_eq(pulse, 58000);
	fake_free(f);
}
END_TEST

START_TEST(a_pulse_restarts_after_a_missed_edge)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t pulse = 0;

	ck_assert(fake_edge_at(f, 0, 1, 1000, 0));
	ck_assert(fake_edge_at(f, 0, 0, 2000, GPIOIRQ_EVENT_F_MISSED));
	ck_assert(fake_edge_at(f, 0, 1, 5000, 0));
	ck_assert(fake_edge_at(f, 0, 0, 9000, 0));
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_HIGH, 0, &pulse), 0);
	ck_assert_uint_eq(pulse, 4000);
	fake_free(f);
}
END_TEST

START_TEST(a_pulse_keeps_its_opening_edge_until_the_closing_one_comes)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t pulse = 0;

	ck_assert(fake_edge_at(f, 0, 1, 7000, 0));
	ck_assert_fail(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_HIGH, 0, &pulse), ETIMEDOUT);
	ck_assert(fake_edge_at(f, 0, 0, 7777, 0));
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_HIGH, 0, &pulse), 0);
	ck_assert_uint_eq(pulse, 777);
	fake_free(f);
}
END_TEST

START_TEST(level_kinds_return_at_once_when_the_line_is_at_that_level)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t pulse = 1;

	f->lines[0].value = 1;
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_LEVEL_HIGH, 0, &pulse), 0);
	ck_assert_uint_eq(pulse, 0);
	ck_assert_fail(gpioirq_line_wait(line, GPIOIRQ_WAIT_LEVEL_LOW, 0, &pulse), ETIMEDOUT);
	f->lines[0].value = 0;
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_LEVEL_LOW, 0, &pulse), 0);
	fake_free(f);
}
END_TEST

START_TEST(wait_event_gives_the_edge_the_pulse_or_the_level_that_ended_the_wait)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	struct gpioirq_event ev;

	ck_assert(fake_edge_at(f, 0, 1, 1000, 0));
	ck_assert(fake_edge_at(f, 0, 0, 4000, 0));
	ck_assert(fake_edge_at(f, 0, 1, 9000, 0));
	memset(&ev, 0xff, sizeof(ev));
	ck_assert_int_eq(gpioirq_line_wait_event(line, GPIOIRQ_WAIT_EDGE_RISING, 0, &ev), 0);
	ck_assert_uint_eq(ev.timestamp_ns, 1000);
	ck_assert_uint_eq(ev.edge, GPIOIRQ_EDGE_RISING);
	ck_assert_uint_eq(ev.line_seqno, 1);
	ck_assert_ptr_eq(gpioirq_event_find_line(f->ctx, &ev), line);
	/* A pulse: its closing edge, pulse_ns its width. */
	ck_assert_int_eq(gpioirq_line_wait_event(line, GPIOIRQ_WAIT_PULSE_LOW, 0, &ev), 0);
	ck_assert_uint_eq(ev.timestamp_ns, 9000);
	ck_assert_uint_eq(ev.edge, GPIOIRQ_EDGE_RISING);
	ck_assert_uint_eq(ev.line_seqno, 3);
	ck_assert_uint_eq(ev.pulse_ns, 5000);
	/* A level already there: no edge (seqno 0), the read's time. */
	f->lines[0].value = 1;
	memset(&ev, 0xff, sizeof(ev));
	ck_assert_int_eq(gpioirq_line_wait_event(line, GPIOIRQ_WAIT_LEVEL_HIGH, 0, &ev), 0);
	ck_assert_uint_eq(ev.seqno, 0);
	ck_assert_uint_eq(ev.line_seqno, 0);
	ck_assert_uint_eq(ev.level, 1);
	ck_assert_uint_eq(ev.type, GPIOIRQ_EVENT_EDGE);
	ck_assert_uint_eq(ev.pulse_ns, 0);
	ck_assert(ev.timestamp_ns > 0 && ev.timestamp_ns != UINT64_MAX);
	ck_assert_ptr_eq(gpioirq_event_find_line(f->ctx, &ev), line);
	ck_assert_int_eq(gpioirq_line_wait_event(line, GPIOIRQ_WAIT_LEVEL_HIGH, 0, NULL), 0);
	ck_assert_fail(gpioirq_line_wait_event(line, GPIOIRQ_WAIT_LEVEL_LOW, 0, &ev), ETIMEDOUT);
	fake_free(f);
}
END_TEST

START_TEST(a_level_wait_ignores_edges_older_than_its_value_read)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t now = fake_now_ns();

	/* Low then high again before the call: the line is high now. */
	ck_assert(fake_edge_at(f, 0, 0, now - 2000, 0));
	ck_assert(fake_edge_at(f, 0, 1, now - 1000, 0));
	ck_assert_fail(gpioirq_line_wait(line, GPIOIRQ_WAIT_LEVEL_LOW, 0, NULL), ETIMEDOUT);
	ck_assert(fake_edge(f, 0, 0));
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_LEVEL_LOW, 0, NULL), 0);
	fake_free(f);
}
END_TEST

struct waiter {
	struct gpioirq_line *line;
	enum gpioirq_wait_kind kind;
	int timeout_ms;
	int ret;
	int err;
	uint64_t pulse;
	pthread_t thread;
	int done;	/* atomic */
};

static void *wait_main(void *arg)
{
	struct waiter *w = arg;

	w->ret = gpioirq_line_wait(w->line, w->kind, w->timeout_ms, &w->pulse);
	w->err = errno;
	__atomic_store_n(&w->done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void waiter_start(struct waiter *w, struct gpioirq_line *line, enum gpioirq_wait_kind kind)
{
	memset(w, 0, sizeof(*w));
	w->line = line;
	w->kind = kind;
	w->timeout_ms = -1;
	ck_assert_int_eq(pthread_create(&w->thread, NULL, wait_main, w), 0);
}

static uint64_t sleeps(struct fake *f)
{
	struct gpioirq_stats st;

	gpioirq_get_stats(f->ctx, &st);
	return st.sleeps;
}

START_TEST(a_level_wait_sleeps_until_the_edge_to_that_level)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	struct waiter w;

	f->lines[0].value = 1;
	waiter_start(&w, line, GPIOIRQ_WAIT_LEVEL_LOW);
	/* The waiter consumes the ring itself: await its sleep in poll(). */
	while (sleeps(f) < 1)
		sched_yield();
	ck_assert(fake_edge(f, 0, 0));
	pthread_join(w.thread, NULL);
	ck_assert_int_eq(w.ret, 0);
	fake_free(f);
}
END_TEST

START_TEST(a_wait_times_out_with_etimedout)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t t0 = fake_now_ns(), pulse = 42;

	ck_assert_fail(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_RISING, 20, &pulse), ETIMEDOUT);
	ck_assert_uint_ge(fake_now_ns() - t0, 20 * 1000000ull);
	ck_assert_uint_eq(pulse, 42);
	fake_free(f);
}
END_TEST

START_TEST(a_wait_rejects_what_it_cannot_do)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *rising = wait_line(f, GPIOIRQ_LINE_EDGE_RISING);
	struct gpioirq_line *cb = fake_line(f, 1, seen_cb, &(struct seen){ 0 });

	ck_assert_fail(gpioirq_line_wait(NULL, GPIOIRQ_WAIT_EDGE_RISING, 0, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_wait(rising, 0, 0, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_wait(rising, GPIOIRQ_WAIT_PULSE_HIGH + 1, 0, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_wait(rising, GPIOIRQ_WAIT_EDGE_RISING, -2, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_wait(rising, GPIOIRQ_WAIT_EDGE_FALLING, 0, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_wait(rising, GPIOIRQ_WAIT_LEVEL_LOW, 0, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_wait(rising, GPIOIRQ_WAIT_PULSE_HIGH, 0, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_wait(rising, GPIOIRQ_WAIT_PULSE_LOW, 0, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_wait(rising, GPIOIRQ_WAIT_EDGE_RISING, 0, NULL), ETIMEDOUT);
	ck_assert_fail(gpioirq_line_wait(cb, GPIOIRQ_WAIT_EDGE_RISING, 0, NULL), EBUSY);
	fake_free(f);
}
END_TEST

START_TEST(a_wait_returns_ecanceled_when_its_line_is_released)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	struct waiter w;

	waiter_start(&w, line, GPIOIRQ_WAIT_EDGE_RISING);
	while (sleeps(f) < 1)
		sched_yield();
	gpioirq_line_release(line);
	pthread_join(w.thread, NULL);
	ck_assert_int_eq(w.ret, -1);
	ck_assert_int_eq(w.err, ECANCELED);
	fake_free(f);
}
END_TEST

/*
 * The chip going away ends every wait on its lines with ENODEV, after the
 * edges that came before it: those are still found.
 */
START_TEST(a_wait_returns_enodev_when_the_chip_goes_away)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t pulse = 0;
	struct waiter w;

	ck_assert(fake_edge_at(f, 0, 1, 1000, 0));
	ck_assert(fake_edge_at(f, 0, 0, 3000, 0));
	ck_assert(fake_chip_gone(f, 0));
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_HIGH, 0, &pulse), 0);
	ck_assert_uint_eq(pulse, 2000);
	ck_assert_fail(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_RISING, 0, NULL), ENODEV);
	ck_assert_fail(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_LOW, -1, NULL), ENODEV);
	gpioirq_line_release(line);

	/* A waiter asleep when it happens wakes with ENODEV. */
	line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	waiter_start(&w, line, GPIOIRQ_WAIT_EDGE_FALLING);
	while (sleeps(f) < 1)
		sched_yield();
	ck_assert(fake_chip_gone(f, 0));
	pthread_join(w.thread, NULL);
	ck_assert_int_eq(w.ret, -1);
	ck_assert_int_eq(w.err, ENODEV);
	fake_free(f);
}
END_TEST

START_TEST(a_wait_runs_other_lines_callbacks_while_it_consumes)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	struct seen s = { 0 };

	fake_line(f, 1, seen_cb, &s);
	ck_assert(fake_edge(f, 1, 1));
	ck_assert(fake_edge(f, 1, 0));
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_RISING, 1000, NULL), 0);
	ck_assert_uint_eq(seen_n(&s), 2);
	ck_assert(pthread_equal(s.thread, pthread_self()));
	fake_free(f);
}
END_TEST

START_TEST(a_wait_only_sleeps_while_the_dispatcher_thread_runs)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	struct seen s = { 0 };
	uint64_t pulse = 0;

	fake_line(f, 1, seen_cb, &s);
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	ck_assert(fake_edge(f, 1, 1));
	ck_assert(fake_edge_at(f, 0, 0, 100, 0));
	ck_assert(fake_edge_at(f, 0, 1, 400, 0));
	ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_LOW, 5000, &pulse), 0);
	ck_assert_uint_eq(pulse, 300);
	seen_await(&s, 1);
	ck_assert(!pthread_equal(s.thread, pthread_self()));
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	fake_free(f);
}
END_TEST

START_TEST(a_consuming_waiter_hands_the_ring_to_a_starting_thread)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	struct seen s = { 0 };
	struct waiter w;

	fake_line(f, 1, seen_cb, &s);
	waiter_start(&w, line, GPIOIRQ_WAIT_EDGE_RISING);
	while (sleeps(f) < 1)
		sched_yield();
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	/* The thread has the ring once the waiter sleeps on the cond. */
	for (;;) {
		pthread_mutex_lock(&f->ctx->lock);
		bool handed = f->ctx->consuming && f->ctx->cond_waiters > 0 &&
			      f->ctx->consumer_self == (uintptr_t)f->ctx->thread;
		pthread_mutex_unlock(&f->ctx->lock);
		if (handed)
			break;
		sched_yield();
	}
	ck_assert(fake_edge(f, 1, 1));
	seen_await(&s, 1);
	ck_assert(pthread_equal(s.thread, f->ctx->thread));
	ck_assert(fake_edge(f, 0, 1));
	pthread_join(w.thread, NULL);
	ck_assert_int_eq(w.ret, 0);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	fake_free(f);
}
END_TEST

START_TEST(two_threads_wait_on_two_lines_and_both_return)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line_settings ls;
	struct gpioirq_line *a, *b;
	struct waiter wa, wb;

	gpioirq_line_settings_init(&ls);
	a = gpioirq_line_request(f->ctx, "fake0", 0, &ls);
	b = gpioirq_line_request(f->ctx, "fake0", 1, &ls);
	waiter_start(&wa, a, GPIOIRQ_WAIT_EDGE_RISING);
	waiter_start(&wb, b, GPIOIRQ_WAIT_EDGE_FALLING);
	/* One of them consumes and sleeps in poll(), the other on the cond. */
	while (sleeps(f) < 1)
		sched_yield();
	ck_assert(fake_edge(f, 1, 0));
	pthread_join(wb.thread, NULL);
	ck_assert_int_eq(wb.ret, 0);
	ck_assert_int_eq(__atomic_load_n(&wa.done, __ATOMIC_SEQ_CST), 0);
	ck_assert(fake_edge(f, 0, 1));
	pthread_join(wa.thread, NULL);
	ck_assert_int_eq(wa.ret, 0);
	fake_free(f);
}
END_TEST

START_TEST(ten_thousand_edges_reach_a_pulse_waiter_in_order)
{
	struct fake *f = fake_new(256);
	struct gpioirq_line *line = wait_line(f, GPIOIRQ_LINE_EDGE_BOTH);
	uint64_t pulse, ts = 1000;
	unsigned int i;

	/* In rounds the queue can hold: pulses of 1, 2, 3 ... µs. */
	for (i = 1; i <= 5000; i++) {
		ck_assert(fake_edge_at(f, 0, 1, ts, 0));
		ck_assert(fake_edge_at(f, 0, 0, ts + i * 1000ull, 0));
		ts += i * 1000ull + 500;
		ck_assert_int_eq(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_HIGH, 0, &pulse), 0);
		ck_assert_uint_eq(pulse, i * 1000ull);
	}
	fake_free(f);
}
END_TEST

Suite *wait_suite(void)
{
	Suite *s = suite_create("wait");
	TCase *tc = tcase_create("wait");

	tcase_set_timeout(tc, UNIT_TIMEOUT_S);
	tcase_add_test(tc, edge_kinds_return_the_first_such_edge_and_its_pulse_ns);
	tcase_add_test(tc, pulse_high_is_measured_from_the_edge_timestamps);
	tcase_add_test(tc, pulse_low_is_measured_from_the_edge_timestamps);
	tcase_add_test(tc, a_pulse_restarts_after_a_missed_edge);
	tcase_add_test(tc, a_pulse_keeps_its_opening_edge_until_the_closing_one_comes);
	tcase_add_test(tc, level_kinds_return_at_once_when_the_line_is_at_that_level);
	tcase_add_test(tc, wait_event_gives_the_edge_the_pulse_or_the_level_that_ended_the_wait);
	tcase_add_test(tc, a_level_wait_ignores_edges_older_than_its_value_read);
	tcase_add_test(tc, a_level_wait_sleeps_until_the_edge_to_that_level);
	tcase_add_test(tc, a_wait_times_out_with_etimedout);
	tcase_add_test(tc, a_wait_rejects_what_it_cannot_do);
	tcase_add_test(tc, a_wait_returns_ecanceled_when_its_line_is_released);
	tcase_add_test(tc, a_wait_returns_enodev_when_the_chip_goes_away);
	tcase_add_test(tc, a_wait_runs_other_lines_callbacks_while_it_consumes);
	tcase_add_test(tc, a_wait_only_sleeps_while_the_dispatcher_thread_runs);
	tcase_add_test(tc, a_consuming_waiter_hands_the_ring_to_a_starting_thread);
	tcase_add_test(tc, two_threads_wait_on_two_lines_and_both_return);
	tcase_add_test(tc, ten_thousand_edges_reach_a_pulse_waiter_in_order);
	suite_add_tcase(s, tc);
	return s;
}
