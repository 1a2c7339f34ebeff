// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The three ways to run callbacks: gpioirq_dispatch() in the caller's loop,
 * the fd in an epoll loop, the dispatcher thread; what a callback may not
 * call; one consumer at a time; a line's callbacks in order, never
 * concurrently with themselves.
 */
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

#include "unit.h"

START_TEST(dispatch_runs_callbacks_in_the_calling_thread)
{
	struct fake *f = fake_new(8);
	struct seen s = { 0 };

	fake_line(f, 0, seen_cb, &s);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 1000), 1);
	ck_assert(pthread_equal(s.thread, pthread_self()));
	fake_free(f);
}
END_TEST

static void epoll_loop(bool edge_triggered)
{
	struct fake *f = fake_new(8);
	struct epoll_event ee = { .events = EPOLLIN | (edge_triggered ? EPOLLET : 0) }, out;
	struct seen s = { 0 };
	int ep = epoll_create1(EPOLL_CLOEXEC);
	unsigned int round;

	fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(epoll_ctl(ep, EPOLL_CTL_ADD, gpioirq_get_fd(f->ctx), &ee), 0);
	ck_assert_int_eq(epoll_wait(ep, &out, 1, 0), 0);
	for (round = 1; round <= 3; round++) {
		ck_assert(fake_edge(f, 0, round & 1));
		ck_assert(fake_edge(f, 0, !(round & 1)));
		ck_assert_int_eq(epoll_wait(ep, &out, 1, 1000), 1);
		ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 2);
		ck_assert_uint_eq(seen_n(&s), 2 * round);
		/* Drained: not readable again until the next event. */
		ck_assert_int_eq(epoll_wait(ep, &out, 1, 0), 0);
	}
	close(ep);
	fake_free(f);
}

START_TEST(fd_drives_an_epoll_loop_level_triggered)
{
	epoll_loop(false);
}
END_TEST

START_TEST(fd_drives_an_epoll_loop_edge_triggered)
{
	epoll_loop(true);
}
END_TEST

struct refill {
	struct fake *f;
	unsigned int n;
};

/* Each event brings the next one, as a fast line would while we dispatch. */
static void refill_cb(const struct gpioirq_event *ev, void *arg)
{
	struct refill *rf = arg;

	(void)ev;
	rf->n++;
	ck_assert(fake_edge(rf->f, 0, (int)(rf->n & 1)));
}

/*
 * gpioirq_dispatch() takes at most a ring's worth of events per call, so an
 * edge that comes while the consumer is awake (and asked the kernel for no
 * wake-up) can still be in the ring when it returns: the fd must then be
 * readable, or an epoll loop sleeps with an event pending.
 */
START_TEST(fd_is_readable_when_dispatch_leaves_events_in_the_ring)
{
	struct fake *f = fake_new(8);
	struct epoll_event ee = { .events = EPOLLIN }, out;
	struct refill rf = { .f = f };
	int ep = epoll_create1(EPOLL_CLOEXEC);
	uint64_t wakes;

	fake_line(f, 0, refill_cb, &rf);
	ck_assert_int_eq(epoll_ctl(ep, EPOLL_CTL_ADD, gpioirq_get_fd(f->ctx), &ee), 0);
	ck_assert(fake_edge(f, 0, 1));
	wakes = f->wakes;
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 8);
	/* The eighth callback's edge is in the ring; nobody woke us for it. */
	ck_assert_uint_eq(f->wakes, wakes);
	ck_assert_int_eq(epoll_wait(ep, &out, 1, 0), 1);
	close(ep);
	fake_free(f);
}
END_TEST

START_TEST(thread_runs_every_callback_in_its_own_thread)
{
	struct fake *f = fake_new(8);
	struct seen s = { 0 };
	unsigned int i;

	fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	for (i = 0; i < 1000; i++)
		fake_edge_wait_space(f, 0, i & 1);
	seen_await(&s, 1000);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	ck_assert_uint_eq(seen_n(&s), 1000);
	ck_assert_int_eq(s.out_of_order, 0);
	ck_assert(!pthread_equal(s.thread, pthread_self()));
	fake_free(f);
}
END_TEST

START_TEST(thread_start_and_stop_keep_their_pairs)
{
	struct fake *f = fake_new(8);
	struct seen s = { 0 };

	fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	ck_assert_fail(gpioirq_thread_start(f->ctx, NULL), EBUSY);
	ck_assert_fail(gpioirq_dispatch(f->ctx, 0), EBUSY);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	/* Events left by a stopped thread go to the next consumer. */
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	/* gpioirq_close() stops it. */
	fake_free(f);
}
END_TEST

START_TEST(thread_start_rejects_a_bad_config_with_einval)
{
	struct fake *f = fake_new(8);
	struct gpioirq_thread_config cfg;
	unsigned int i;

	for (i = 0; i < 5; i++) {
		gpioirq_thread_config_init(&cfg);
		switch (i) {
		case 0: cfg.sched_priority = 100; break;
		case 1: cfg.sched_priority = -1; break;
		case 2: cfg.cpu = -2; break;
		case 3: cfg.cpu = CPU_SETSIZE; break;
		case 4: cfg.reserved[0] = 1; break;
		}
		ck_assert_fail(gpioirq_thread_start(f->ctx, &cfg), EINVAL);
	}
	fake_free(f);
}
END_TEST

static int cpu_seen = -1;
static int policy_seen = -1;
static void sched_cb(const struct gpioirq_event *ev, void *arg)
{
	struct sched_param sp;

	pthread_getschedparam(pthread_self(), &policy_seen, &sp);
	cpu_seen = sched_getcpu();
	seen_cb(ev, arg);
}

START_TEST(thread_runs_on_the_cpu_it_was_given)
{
	struct fake *f = fake_new(8);
	struct gpioirq_thread_config cfg;
	struct seen s = { 0 };
	cpu_set_t mine;
	int cpu;

	ck_assert_int_eq(sched_getaffinity(0, sizeof(mine), &mine), 0);
	for (cpu = CPU_SETSIZE - 1; cpu >= 0 && !CPU_ISSET(cpu, &mine); cpu--)
		;
	fake_line(f, 0, sched_cb, &s);
	gpioirq_thread_config_init(&cfg);
	ck_assert_int_eq(cfg.cpu, -1);
	ck_assert_int_eq(cfg.sched_priority, 0);
	cfg.cpu = cpu;
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, &cfg), 0);
	ck_assert(fake_edge(f, 0, 1));
	seen_await(&s, 1);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	ck_assert_int_eq(cpu_seen, cpu);
	ck_assert_int_eq(policy_seen, SCHED_OTHER);
	fake_free(f);
}
END_TEST

static void *noop_main(void *arg)
{
	return arg;
}

/* What pthread_create() itself says of SCHED_FIFO 10 for this process. */
static int fifo_allowed_errno(void)
{
	struct sched_param sp = { .sched_priority = 10 };
	pthread_attr_t attr;
	pthread_t t;
	int err;

	pthread_attr_init(&attr);
	pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
	pthread_attr_setschedparam(&attr, &sp);
	err = pthread_create(&t, &attr, noop_main, NULL);
	if (!err)
		pthread_join(t, NULL);
	pthread_attr_destroy(&attr);
	return err;
}

START_TEST(thread_gets_sched_fifo_or_fails_with_eperm)
{
	struct fake *f = fake_new(8);
	struct gpioirq_thread_config cfg;
	struct seen s = { 0 };
	int expect = fifo_allowed_errno();

	fake_line(f, 0, sched_cb, &s);
	gpioirq_thread_config_init(&cfg);
	cfg.sched_priority = 10;
	if (expect) {
		ck_assert_int_eq(expect, EPERM);
		ck_assert_fail(gpioirq_thread_start(f->ctx, &cfg), EPERM);
		/* Nothing started: mode (a) still works. */
		ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 0);
	} else {
		ck_assert_int_eq(gpioirq_thread_start(f->ctx, &cfg), 0);
		ck_assert(fake_edge(f, 0, 1));
		seen_await(&s, 1);
		ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
		ck_assert_int_eq(policy_seen, SCHED_FIFO);
	}
	fake_free(f);
}
END_TEST

/*
 * In the dispatcher thread, once, as it starts to wait (after it looked at
 * its stop flag): hold it until the stop's kick is in, so that its first
 * look at the ring takes the kick.
 */
static void hold_until_kicked(struct fake *f)
{
	__atomic_store_n(&f->on_ack, NULL, __ATOMIC_RELAXED);
	__atomic_store_n(&f->hook_entered, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&f->ctx->kicked, __ATOMIC_SEQ_CST))
		sched_yield();
}

START_TEST(thread_stop_returns_when_the_kick_comes_as_the_thread_starts_to_wait)
{
	struct fake *f = fake_new(8);

	fake_line(f, 0, seen_cb, &(struct seen){ 0 });
	__atomic_store_n(&f->on_ack, hold_until_kicked, __ATOMIC_RELEASE);
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	while (!__atomic_load_n(&f->hook_entered, __ATOMIC_SEQ_CST))
		sched_yield();
	/* Before the fix: the thread swallowed the kick and slept in poll(). */
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	fake_free(f);
}
END_TEST

/*
 * A SCHED_FIFO dispatcher thread on the CPU of a thread that unmasks a line
 * with events held: the kick wakes the dispatcher, which runs before the
 * kicker sets its flag. It must drain the kick and sleep again, not spin in
 * poll() on a readable eventfd until RT throttling lets the kicker go on
 * (never, with throttling off).
 */
START_TEST(thread_at_sched_fifo_on_the_unmaskers_cpu_sleeps_after_the_kick)
{
	struct fake *f = fake_new(8);
	struct gpioirq_thread_config cfg;
	struct gpioirq_line *line;
	struct gpioirq_stats st;
	struct seen s = { 0 };
	cpu_set_t one, mine;
	uint64_t sleeps;
	int cpu;

	if (fifo_allowed_errno()) {
		fake_free(f);
		return;	/* Covered by thread_gets_sched_fifo_or_fails_with_eperm. */
	}
	ck_assert_int_eq(sched_getaffinity(0, sizeof(mine), &mine), 0);
	for (cpu = 0; cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &mine); cpu++)
		;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	ck_assert_int_eq(sched_setaffinity(0, sizeof(one), &one), 0);
	line = fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(gpioirq_line_mask(line), 0);
	gpioirq_thread_config_init(&cfg);
	cfg.sched_priority = 10;
	cfg.cpu = cpu;
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, &cfg), 0);
	ck_assert(fake_edge(f, 0, 1));
	/* Taken from the ring and held, the thread asleep again. */
	while (fake_tail(f) != 1)
		sched_yield();
	fake_wait_armed(f);
	gpioirq_get_stats(f->ctx, &st);
	sleeps = st.sleeps;
	ck_assert_int_eq(gpioirq_line_unmask(line), 0);
	seen_await(&s, 1);
	gpioirq_get_stats(f->ctx, &st);
	/* One more sleep, two if a wake-up came in between; not thousands. */
	ck_assert_uint_le(st.sleeps - sleeps, 2);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	ck_assert_uint_eq(seen_n(&s), 1);
	ck_assert_int_eq(sched_setaffinity(0, sizeof(mine), &mine), 0);
	fake_free(f);
}
END_TEST

/* From inside a callback: what must fail with EDEADLK, and what works. */
struct inside {
	struct gpioirq *ctx;
	struct gpioirq_line *wait_line;
	struct gpioirq_line *other;
	int dispatch_err, close_err, stop_err, start_err, wait_err;
	int mask_ret, unmask_ret, value_ret;
	struct gpioirq_line *requested;
	int ran;
};

static void inside_cb(const struct gpioirq_event *ev, void *arg)
{
	struct inside *in = arg;

	(void)ev;
	errno = 0;
	gpioirq_dispatch(in->ctx, 0);
	in->dispatch_err = errno;
	errno = 0;
	gpioirq_close(in->ctx);
	in->close_err = errno;
	errno = 0;
	gpioirq_thread_stop(in->ctx);
	in->stop_err = errno;
	errno = 0;
	gpioirq_thread_start(in->ctx, NULL);
	in->start_err = errno;
	errno = 0;
	gpioirq_line_wait(in->wait_line, GPIOIRQ_WAIT_EDGE_RISING, 0, NULL);
	in->wait_err = errno;
	in->mask_ret = gpioirq_line_mask(in->other);
	in->unmask_ret = gpioirq_line_unmask(in->other);
	in->value_ret = gpioirq_line_get_value(in->other);
	in->requested = gpioirq_line_request(in->ctx, "fake0", 7, NULL);
	in->ran++;
}

static void check_inside(struct inside *in)
{
	ck_assert_int_eq(in->ran, 1);
	ck_assert_int_eq(in->dispatch_err, EDEADLK);
	ck_assert_int_eq(in->close_err, EDEADLK);
	ck_assert_int_eq(in->stop_err, EDEADLK);
	ck_assert_int_eq(in->start_err, EDEADLK);
	ck_assert_int_eq(in->wait_err, EDEADLK);
	ck_assert_int_eq(in->mask_ret, 0);
	ck_assert_int_eq(in->unmask_ret, 0);
	ck_assert_int_eq(in->value_ret, 0);
	ck_assert_ptr_nonnull(in->requested);
}

START_TEST(a_callback_in_dispatch_may_not_dispatch_close_or_wait)
{
	struct fake *f = fake_new(8);
	struct inside in = { .ctx = f->ctx };

	fake_line(f, 0, inside_cb, &in);
	in.wait_line = fake_line(f, 1, NULL, NULL);
	in.other = fake_line(f, 2, seen_cb, &(struct seen){ 0 });
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	check_inside(&in);
	fake_free(f);
}
END_TEST

START_TEST(a_callback_in_the_thread_may_not_stop_it_or_close)
{
	struct fake *f = fake_new(8);
	struct inside in = { .ctx = f->ctx };
	struct seen s = { 0 };

	fake_line(f, 0, inside_cb, &in);
	in.wait_line = fake_line(f, 1, NULL, NULL);
	in.other = fake_line(f, 2, seen_cb, &s);
	fake_line(f, 3, seen_cb, &s);
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 3, 1));
	seen_await(&s, 1);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	check_inside(&in);
	fake_free(f);
}
END_TEST

struct dispatcher {
	struct fake *f;
	int ret;
};

static void *dispatch_forever(void *arg)
{
	struct dispatcher *d = arg;

	d->ret = gpioirq_dispatch(d->f->ctx, -1);
	return NULL;
}

START_TEST(a_second_dispatcher_waits_its_turn_until_its_timeout)
{
	struct fake *f = fake_new(8);
	struct dispatcher d = { .f = f };
	struct gpioirq_stats st;
	struct seen s = { 0 };
	uint64_t t0;
	pthread_t t;

	fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(pthread_create(&t, NULL, dispatch_forever, &d), 0);
	do {
		sched_yield();
		gpioirq_get_stats(f->ctx, &st);
	} while (!st.sleeps);
	t0 = fake_now_ns();
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 20), 0);
	ck_assert_uint_ge(fake_now_ns() - t0, 20 * 1000000ull);
	ck_assert(fake_edge(f, 0, 1));
	pthread_join(t, NULL);
	ck_assert_int_eq(d.ret, 1);
	ck_assert_uint_eq(seen_n(&s), 1);
	fake_free(f);
}
END_TEST

START_TEST(a_lines_callbacks_run_in_order_and_never_concurrently)
{
	struct fake *f = fake_new(64);
	struct seen s[3] = { { 0 } };
	unsigned int i, l;

	for (l = 0; l < 3; l++)
		fake_line(f, l, seen_cb, &s[l]);
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	for (i = 0; i < 3000; i++)
		fake_edge_wait_space(f, i % 3, (i / 3) & 1);
	for (l = 0; l < 3; l++)
		seen_await(&s[l], 1000);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	for (l = 0; l < 3; l++) {
		ck_assert_uint_eq(seen_n(&s[l]), 1000);
		ck_assert_uint_eq(s[l].last_line_seqno, 1000);
		ck_assert_int_eq(s[l].out_of_order, 0);
		ck_assert_int_eq(s[l].concurrent, 0);
	}
	fake_free(f);
}
END_TEST

/*
 * The order of callbacks in one dispatch, as a string: "a1 b2 D3 a6 ",
 * a line's name and the event's seqno ("G" for a CHIP_GONE event), "D"
 * and the count for a drop. Each callback also checks that
 * gpioirq_event_get_line() gives its own line.
 */
static char run_log[512];
static unsigned int wrong_line;

struct logger {
	char name;
	struct gpioirq_line *line;
	struct gpioirq_line *other;	/* what the callback acts on, if it does */
	uint64_t at_seqno;		/* ... when this seqno comes */
	struct logger *next;		/* reconfigure: the new callback's */
};

static void run_log_add(char c, unsigned long long v)
{
	size_t len = strlen(run_log);

	snprintf(run_log + len, sizeof(run_log) - len, "%c%llu ", c, v);
}

static void log_cb(const struct gpioirq_event *ev, void *arg)
{
	struct logger *lg = arg;

	if (gpioirq_event_get_line(ev) != lg->line)
		wrong_line++;
	run_log_add(ev->type == GPIOIRQ_EVENT_CHIP_GONE ? 'G' : lg->name,
		    (unsigned long long)ev->seqno);
}

static void log_drop(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	(void)ctx;
	(void)arg;
	run_log_add('D', (unsigned long long)lost);
}

static struct fake *log_fake(struct logger *lg, unsigned int nlines)
{
	struct fake *f = fake_new(64);
	unsigned int i;

	run_log[0] = 0;
	wrong_line = 0;
	for (i = 0; i < nlines; i++) {
		lg[i].name = (char)('a' + i);
		lg[i].line = fake_line(f, i, log_cb, &lg[i]);
		ck_assert_ptr_nonnull(lg[i].line);
	}
	ck_assert_int_eq(gpioirq_set_drop_callback(f->ctx, log_drop, NULL), 0);
	return f;
}

START_TEST(interleaved_lines_run_each_callback_in_ring_order_with_its_line)
{
	static const uint32_t handles[] = { 0, 0, 1, 0, 2, 2, 2, 1, 0, 0 };
	struct logger lg[3] = { { 0 } };
	struct fake *f = log_fake(lg, 3);
	struct gpioirq_stats st;
	unsigned int i;

	for (i = 0; i < 10; i++)
		ck_assert(fake_edge(f, handles[i], i & 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 10);
	ck_assert_str_eq(run_log, "a1 a2 b3 a4 c5 c6 c7 b8 a9 a10 ");
	ck_assert_uint_eq(wrong_line, 0);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.events, 10);
	ck_assert_uint_eq(st.callbacks, 10);
	ck_assert_uint_eq(st.stale, 0);
	fake_free(f);
}
END_TEST

START_TEST(a_gap_inside_a_lines_run_is_reported_between_its_events)
{
	struct logger lg[1] = { { 0 } };
	struct fake *f = log_fake(lg, 1);
	struct gpioirq_stats st;

	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	/* Seqnos 3, 4 and 5 never reach the ring. */
	f->seqno += 3;
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 4);
	ck_assert_str_eq(run_log, "a1 a2 D3 a6 a7 ");
	ck_assert_uint_eq(wrong_line, 0);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.lost, 3);
	ck_assert_uint_eq(st.callbacks, 4);
	fake_free(f);
}
END_TEST

START_TEST(chip_gone_reaches_the_callback_after_the_edges_and_marks_the_line)
{
	struct logger lg[1] = { { 0 } };
	struct fake *f = log_fake(lg, 1);
	struct gpioirq_line_settings ls;

	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert(fake_chip_gone(f, 0));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 3);
	ck_assert_str_eq(run_log, "a1 a2 G3 ");
	ck_assert_uint_eq(wrong_line, 0);
	/* The line knows: in wait mode now, a wait ends at once. */
	gpioirq_line_settings_init(&ls);
	ck_assert_int_eq(gpioirq_line_reconfigure(lg[0].line, &ls), 0);
	ck_assert_fail(gpioirq_line_wait(lg[0].line, GPIOIRQ_WAIT_EDGE_RISING, 0, NULL), ENODEV);
	fake_free(f);
}
END_TEST

/* Masks its own line when at_seqno comes, after logging it. */
static void mask_self_cb(const struct gpioirq_event *ev, void *arg)
{
	struct logger *lg = arg;

	log_cb(ev, arg);
	if (ev->seqno == lg->at_seqno)
		ck_assert_int_eq(gpioirq_line_mask(lg->line), 0);
}

START_TEST(mask_from_a_callback_holds_the_rest_of_its_lines_run)
{
	struct logger lg[2] = { { 0 } };
	struct fake *f = log_fake(lg, 2);
	struct gpioirq_line_settings ls;

	gpioirq_line_settings_init(&ls);
	ls.callback = mask_self_cb;
	ls.user_data = &lg[0];
	lg[0].at_seqno = 2;
	ck_assert_int_eq(gpioirq_line_reconfigure(lg[0].line, &ls), 0);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 1, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 5);
	ck_assert_str_eq(run_log, "a1 a2 b4 ");
	ck_assert_int_eq(gpioirq_line_unmask(lg[0].line), 0);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 2);
	ck_assert_str_eq(run_log, "a1 a2 b4 a3 a5 ");
	ck_assert_uint_eq(wrong_line, 0);
	fake_free(f);
}
END_TEST

/* Gives its line lg->next's callback when at_seqno comes. */
static void switch_cb(const struct gpioirq_event *ev, void *arg)
{
	struct logger *lg = arg;
	struct gpioirq_line_settings ls;

	log_cb(ev, arg);
	if (ev->seqno != lg->at_seqno)
		return;
	gpioirq_line_settings_init(&ls);
	ls.callback = log_cb;
	ls.user_data = lg->next;
	ck_assert_int_eq(gpioirq_line_reconfigure(lg->line, &ls), 0);
}

START_TEST(reconfigure_from_a_callback_sends_the_runs_rest_to_the_new_callback)
{
	struct logger lg[1] = { { 0 } };
	struct fake *f = log_fake(lg, 1);
	struct logger y = { .name = 'y' };
	struct gpioirq_line_settings ls;
	unsigned int i;

	y.line = lg[0].line;
	lg[0].next = &y;
	lg[0].at_seqno = 2;
	gpioirq_line_settings_init(&ls);
	ls.callback = switch_cb;
	ls.user_data = &lg[0];
	ck_assert_int_eq(gpioirq_line_reconfigure(lg[0].line, &ls), 0);
	for (i = 0; i < 4; i++)
		ck_assert(fake_edge(f, 0, i & 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 4);
	ck_assert_str_eq(run_log, "a1 a2 y3 y4 ");
	ck_assert_uint_eq(wrong_line, 0);
	fake_free(f);
}
END_TEST

/* Releases lg->other when at_seqno comes. */
static void release_other_cb(const struct gpioirq_event *ev, void *arg)
{
	struct logger *lg = arg;

	log_cb(ev, arg);
	if (ev->seqno == lg->at_seqno)
		gpioirq_line_release(lg->other);
}

START_TEST(release_from_a_callback_discards_another_lines_later_events)
{
	struct logger lg[2] = { { 0 } };
	struct fake *f = log_fake(lg, 2);
	struct gpioirq_line_settings ls;
	struct gpioirq_stats st;

	gpioirq_line_settings_init(&ls);
	ls.callback = release_other_cb;
	ls.user_data = &lg[0];
	lg[0].other = lg[1].line;
	lg[0].at_seqno = 2;
	ck_assert_int_eq(gpioirq_line_reconfigure(lg[0].line, &ls), 0);
	ck_assert(fake_edge(f, 1, 1));
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 1, 0));
	ck_assert(fake_edge(f, 1, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 5);
	ck_assert_str_eq(run_log, "b1 a2 a5 ");
	ck_assert_uint_eq(wrong_line, 0);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.stale, 2);
	ck_assert_uint_eq(st.callbacks, 3);
	fake_free(f);
}
END_TEST

/* "a1 a2 ... aN " for seqnos @from..@to, appended to @buf. */
static void expect_run(char *buf, size_t size, char name, unsigned int from, unsigned int to)
{
	unsigned int i;

	for (i = from; i <= to; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%c%u ", name, i);
}

/*
 * Past its first batch (GPIOIRQ_BATCH events) a line's run goes on without
 * the lock (lib/dispatch.c: stream()): what must stop it stops it there too.
 */
START_TEST(a_run_past_its_first_batch_stops_at_a_gap_another_line_and_chip_gone)
{
	struct logger lg[2] = { { 0 } };
	struct fake *f = log_fake(lg, 2);
	struct gpioirq_line_settings ls;
	char want[512] = "";
	unsigned int i;

	for (i = 0; i < 35; i++)
		ck_assert(fake_edge(f, 0, i & 1));
	f->seqno += 2;
	for (i = 0; i < 3; i++)
		ck_assert(fake_edge(f, 0, i & 1));
	ck_assert(fake_edge(f, 1, 1));
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert(fake_chip_gone(f, 0));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 42);
	expect_run(want, sizeof(want), 'a', 1, 35);
	strcat(want, "D2 ");
	expect_run(want, sizeof(want), 'a', 38, 40);
	strcat(want, "b41 a42 a43 G44 ");
	ck_assert_str_eq(run_log, want);
	ck_assert_uint_eq(wrong_line, 0);
	gpioirq_line_settings_init(&ls);
	ck_assert_int_eq(gpioirq_line_reconfigure(lg[0].line, &ls), 0);
	ck_assert_fail(gpioirq_line_wait(lg[0].line, GPIOIRQ_WAIT_EDGE_RISING, 0, NULL), ENODEV);
	fake_free(f);
}
END_TEST

START_TEST(a_chip_gone_right_after_a_lines_first_batch_still_marks_the_line)
{
	struct logger lg[1] = { { 0 } };
	struct fake *f = log_fake(lg, 1);
	struct gpioirq_line_settings ls;
	char want[512] = "";
	unsigned int i;

	for (i = 0; i < 35; i++)
		ck_assert(fake_edge(f, 0, i & 1));
	ck_assert(fake_chip_gone(f, 0));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 36);
	expect_run(want, sizeof(want), 'a', 1, 35);
	strcat(want, "G36 ");
	ck_assert_str_eq(run_log, want);
	gpioirq_line_settings_init(&ls);
	ck_assert_int_eq(gpioirq_line_reconfigure(lg[0].line, &ls), 0);
	ck_assert_fail(gpioirq_line_wait(lg[0].line, GPIOIRQ_WAIT_EDGE_RISING, 0, NULL), ENODEV);
	fake_free(f);
}
END_TEST

/* Releases its own line when at_seqno comes. */
static void release_self_at_cb(const struct gpioirq_event *ev, void *arg)
{
	struct logger *lg = arg;

	log_cb(ev, arg);
	if (ev->seqno == lg->at_seqno)
		gpioirq_line_release(lg->line);
}

START_TEST(mask_release_and_reconfigure_from_a_callback_act_past_the_first_batch)
{
	static const gpioirq_callback_t cbs[] = { mask_self_cb, release_self_at_cb, switch_cb };
	struct gpioirq_line_settings ls;
	struct gpioirq_stats st;
	struct logger lg[1], y;
	char want[512];
	struct fake *f;
	unsigned int i, c;

	for (c = 0; c < 3; c++) {
		memset(lg, 0, sizeof(lg));
		f = log_fake(lg, 1);
		y = (struct logger){ .name = 'y', .line = lg[0].line };
		lg[0].next = &y;
		lg[0].at_seqno = 35;
		gpioirq_line_settings_init(&ls);
		ls.callback = cbs[c];
		ls.user_data = &lg[0];
		ck_assert_int_eq(gpioirq_line_reconfigure(lg[0].line, &ls), 0);
		for (i = 0; i < 40; i++)
			ck_assert(fake_edge(f, 0, i & 1));
		ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 40);
		want[0] = 0;
		expect_run(want, sizeof(want), 'a', 1, 35);
		if (c == 2)
			expect_run(want, sizeof(want), 'y', 36, 40);
		ck_assert_str_eq(run_log, want);
		ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
		ck_assert_uint_eq(st.callbacks, c == 2 ? 40 : 35);
		ck_assert_uint_eq(st.stale, c == 1 ? 5 : 0);
		if (c == 0) {
			/* The rest was held, in order, until unmask. */
			ck_assert_int_eq(gpioirq_line_unmask(lg[0].line), 0);
			ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 5);
			expect_run(want, sizeof(want), 'a', 36, 40);
			ck_assert_str_eq(run_log, want);
		}
		ck_assert_uint_eq(wrong_line, 0);
		fake_free(f);
	}
}
END_TEST

Suite *dispatch_suite(void)
{
	Suite *s = suite_create("dispatch");
	TCase *tc = tcase_create("modes");

	tcase_set_timeout(tc, UNIT_TIMEOUT_S);
	tcase_add_test(tc, dispatch_runs_callbacks_in_the_calling_thread);
	tcase_add_test(tc, fd_drives_an_epoll_loop_level_triggered);
	tcase_add_test(tc, fd_drives_an_epoll_loop_edge_triggered);
	tcase_add_test(tc, fd_is_readable_when_dispatch_leaves_events_in_the_ring);
	tcase_add_test(tc, thread_runs_every_callback_in_its_own_thread);
	tcase_add_test(tc, thread_start_and_stop_keep_their_pairs);
	tcase_add_test(tc, thread_start_rejects_a_bad_config_with_einval);
	tcase_add_test(tc, thread_runs_on_the_cpu_it_was_given);
	tcase_add_test(tc, thread_gets_sched_fifo_or_fails_with_eperm);
	tcase_add_test(tc, thread_stop_returns_when_the_kick_comes_as_the_thread_starts_to_wait);
	tcase_add_test(tc, thread_at_sched_fifo_on_the_unmaskers_cpu_sleeps_after_the_kick);
	tcase_add_test(tc, a_callback_in_dispatch_may_not_dispatch_close_or_wait);
	tcase_add_test(tc, a_callback_in_the_thread_may_not_stop_it_or_close);
	tcase_add_test(tc, a_second_dispatcher_waits_its_turn_until_its_timeout);
	tcase_add_test(tc, a_lines_callbacks_run_in_order_and_never_concurrently);
	tcase_add_test(tc, interleaved_lines_run_each_callback_in_ring_order_with_its_line);
	tcase_add_test(tc, a_gap_inside_a_lines_run_is_reported_between_its_events);
	tcase_add_test(tc, chip_gone_reaches_the_callback_after_the_edges_and_marks_the_line);
	tcase_add_test(tc, mask_from_a_callback_holds_the_rest_of_its_lines_run);
	tcase_add_test(tc, reconfigure_from_a_callback_sends_the_runs_rest_to_the_new_callback);
	tcase_add_test(tc, release_from_a_callback_discards_another_lines_later_events);
	tcase_add_test(tc, a_run_past_its_first_batch_stops_at_a_gap_another_line_and_chip_gone);
	tcase_add_test(tc, a_chip_gone_right_after_a_lines_first_batch_still_marks_the_line);
	tcase_add_test(tc, mask_release_and_reconfigure_from_a_callback_act_past_the_first_batch);
	suite_add_tcase(s, tc);
	return s;
}
