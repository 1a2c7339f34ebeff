// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_read_events(): the batch read of lines without callbacks: order,
 * partial reads, callbacks of other lines meanwhile, no sleep while events
 * are pending, timeouts, a wake-up from another thread, bad arguments.
 */
#include <pthread.h>
#include <string.h>

#include "unit.h"

START_TEST(read_events_returns_wait_mode_events_in_ring_order_without_sleeping)
{
	struct fake *f = fake_new(16);
	struct gpioirq_line *a, *b;
	struct gpioirq_event buf[16];
	struct gpioirq_stats st;
	unsigned int i;

	a = fake_line(f, 0, NULL, NULL);
	b = fake_line(f, 1, NULL, NULL);
	for (i = 0; i < 5; i++)
		ck_assert(fake_edge(f, i % 2, (int)(i / 2) % 2 ? 0 : 1));
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 16, -1), 5);
	for (i = 0; i < 5; i++) {
		ck_assert_uint_eq(buf[i].seqno, i + 1);
		ck_assert_uint_eq(buf[i].handle, i % 2);
		ck_assert_ptr_eq(gpioirq_event_find_line(f->ctx, &buf[i]), i % 2 ? b : a);
	}
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.sleeps, 0);
	ck_assert_uint_eq(st.events, 5);
	ck_assert_uint_eq(st.unclaimed, 0);
	fake_free(f);
}
END_TEST

START_TEST(read_events_takes_at_most_max_and_keeps_the_rest_in_order)
{
	struct fake *f = fake_new(16);
	struct gpioirq_event buf[16];
	unsigned int i;

	fake_line(f, 0, NULL, NULL);
	fake_line(f, 1, NULL, NULL);
	for (i = 0; i < 10; i++)
		ck_assert(fake_edge(f, i % 2, (int)(i / 2) % 2 ? 0 : 1));
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 4, 0), 4);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(buf[i].seqno, i + 1);
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 3, 0), 3);
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(buf[i].seqno, i + 5);
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 16, 0), 3);
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(buf[i].seqno, i + 8);
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 16, 0), 0);
	fake_free(f);
}
END_TEST

START_TEST(read_events_runs_the_callbacks_of_other_lines)
{
	struct fake *f = fake_new(16);
	struct gpioirq_event buf[4];
	struct seen s = { 0 };

	fake_line(f, 0, seen_cb, &s);
	fake_line(f, 1, NULL, NULL);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 1, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 4, 0), 1);
	ck_assert_uint_eq(buf[0].seqno, 2);
	ck_assert_uint_eq(buf[0].handle, 1);
	ck_assert_uint_eq(seen_n(&s), 2);
	ck_assert(pthread_equal(s.thread, pthread_self()));
	fake_free(f);
}
END_TEST

START_TEST(read_events_returns_0_when_the_timeout_passes)
{
	struct fake *f = fake_new(8);
	struct gpioirq_event buf[4];
	uint64_t t0;

	fake_line(f, 0, NULL, NULL);
	t0 = fake_now_ns();
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 4, 20), 0);
	ck_assert_uint_ge(fake_now_ns() - t0, 20000000);
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 4, 0), 0);
	fake_free(f);
}
END_TEST

static void *edge_when_armed(void *arg)
{
	struct fake *f = arg;

	fake_wait_armed(f);
	fake_edge(f, 0, 1);
	return NULL;
}

START_TEST(read_events_wakes_for_an_edge_published_while_it_sleeps)
{
	struct fake *f = fake_new(8);
	struct gpioirq_event buf[4];
	pthread_t t;

	fake_line(f, 0, NULL, NULL);
	ck_assert_int_eq(pthread_create(&t, NULL, edge_when_armed, f), 0);
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 4, -1), 1);
	ck_assert_uint_eq(buf[0].seqno, 1);
	ck_assert_uint_eq(buf[0].edge, GPIOIRQ_EDGE_RISING);
	pthread_join(t, NULL);
	fake_free(f);
}
END_TEST

START_TEST(read_events_takes_what_the_dispatcher_thread_queued)
{
	struct fake *f = fake_new(8);
	struct gpioirq_event buf[4];
	int got = 0;

	fake_line(f, 0, NULL, NULL);
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	while (got < 2) {
		int n = gpioirq_read_events(f->ctx, buf + got, 4 - (size_t)got, 10000);

		ck_assert_int_gt(n, 0);
		got += n;
	}
	ck_assert_int_eq(got, 2);
	ck_assert_uint_eq(buf[0].seqno, 1);
	ck_assert_uint_eq(buf[1].seqno, 2);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	fake_free(f);
}
END_TEST

static int read_in_cb_ret, read_in_cb_errno;

static void read_in_cb(const struct gpioirq_event *ev, void *arg)
{
	struct gpioirq_event buf[1];

	(void)ev;
	errno = 0;
	read_in_cb_ret = gpioirq_read_events(arg, buf, 1, 0);
	read_in_cb_errno = errno;
}

START_TEST(read_events_rejects_bad_arguments_and_calls_from_a_callback)
{
	struct fake *f = fake_new(8);
	struct gpioirq_event buf[1];

	ck_assert_fail(gpioirq_read_events(NULL, buf, 1, 0), EINVAL);
	ck_assert_fail(gpioirq_read_events(f->ctx, NULL, 1, 0), EINVAL);
	ck_assert_fail(gpioirq_read_events(f->ctx, buf, 0, 0), EINVAL);
	ck_assert_fail(gpioirq_read_events(f->ctx, buf, 1, -2), EINVAL);
	fake_line(f, 0, read_in_cb, f->ctx);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_int_eq(read_in_cb_ret, -1);
	ck_assert_int_eq(read_in_cb_errno, EDEADLK);
	fake_free(f);
}
END_TEST

/* Next to each other in the ring, one line's events take the fast path. */
START_TEST(read_events_takes_a_lines_run_up_to_max_and_keeps_the_rest_in_order)
{
	struct fake *f = fake_new(16);
	struct gpioirq_event buf[16];
	struct gpioirq_stats st;
	unsigned int i;

	fake_line(f, 0, NULL, NULL);
	for (i = 0; i < 10; i++)
		ck_assert(fake_edge(f, 0, i & 1));
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 4, 0), 4);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(buf[i].seqno, i + 1);
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 3, 0), 3);
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(buf[i].seqno, i + 5);
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 16, 0), 3);
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(buf[i].seqno, i + 8);
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 16, 0), 0);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.events, 10);
	ck_assert_uint_eq(st.unclaimed, 0);
	fake_free(f);
}
END_TEST

static uint64_t read_lost;
static void count_drop(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	(void)ctx;
	(void)arg;
	read_lost += lost;
}

START_TEST(read_events_counts_a_gap_between_a_lines_events)
{
	struct fake *f = fake_new(16);
	struct gpioirq_event buf[16];
	struct gpioirq_stats st;
	static const uint64_t seqnos[] = { 1, 2, 6, 7 };
	unsigned int i;

	read_lost = 0;
	fake_line(f, 0, NULL, NULL);
	ck_assert_int_eq(gpioirq_set_drop_callback(f->ctx, count_drop, NULL), 0);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	/* Seqnos 3, 4 and 5 never reach the ring. */
	f->seqno += 3;
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 16, 0), 4);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(buf[i].seqno, seqnos[i]);
	ck_assert_uint_eq(read_lost, 3);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.lost, 3);
	fake_free(f);
}
END_TEST

START_TEST(read_events_returns_chip_gone_after_the_lines_edges_and_ends_its_waits)
{
	struct fake *f = fake_new(16);
	struct gpioirq_event buf[16];
	struct gpioirq_line *line;

	line = fake_line(f, 0, NULL, NULL);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert(fake_chip_gone(f, 0));
	ck_assert_int_eq(gpioirq_read_events(f->ctx, buf, 16, 0), 3);
	ck_assert_uint_eq(buf[0].type, GPIOIRQ_EVENT_EDGE);
	ck_assert_uint_eq(buf[1].type, GPIOIRQ_EVENT_EDGE);
	ck_assert_uint_eq(buf[2].type, GPIOIRQ_EVENT_CHIP_GONE);
	ck_assert_fail(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_RISING, 0, NULL), ENODEV);
	fake_free(f);
}
END_TEST

Suite *read_suite(void)
{
	Suite *s = suite_create("read");
	TCase *tc = tcase_create("read");

	tcase_set_timeout(tc, UNIT_TIMEOUT_S);
	tcase_add_test(tc, read_events_returns_wait_mode_events_in_ring_order_without_sleeping);
	tcase_add_test(tc, read_events_takes_at_most_max_and_keeps_the_rest_in_order);
	tcase_add_test(tc, read_events_takes_a_lines_run_up_to_max_and_keeps_the_rest_in_order);
	tcase_add_test(tc, read_events_counts_a_gap_between_a_lines_events);
	tcase_add_test(tc, read_events_returns_chip_gone_after_the_lines_edges_and_ends_its_waits);
	tcase_add_test(tc, read_events_runs_the_callbacks_of_other_lines);
	tcase_add_test(tc, read_events_returns_0_when_the_timeout_passes);
	tcase_add_test(tc, read_events_wakes_for_an_edge_published_while_it_sleeps);
	tcase_add_test(tc, read_events_takes_what_the_dispatcher_thread_queued);
	tcase_add_test(tc, read_events_rejects_bad_arguments_and_calls_from_a_callback);
	suite_add_tcase(s, tc);
	return s;
}
