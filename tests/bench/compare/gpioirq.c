// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq.c: the gpioirq contenders. One line, callbacks run by
 * gpioirq_dispatch() in this thread (MODE_DISPATCH) or by the dispatcher
 * thread (MODE_THREAD), or no callback and gpioirq_read_events() in batches
 * (MODE_READ); bottom half c->bh. Latency is measured where the event
 * reaches user code: in the callback, or when the batch returns.
 */
#include <errno.h>
#include <gpioirq.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "vmtest.h"

#define READ_BATCH 256

struct cb_state {
	struct run *r;
	sem_t done;
	clockid_t cpu_clock;	/* the dispatcher thread's, once it ran */
	uint64_t cpu_start_ns;
	bool started;
};

static void on_event(struct cb_state *s, const struct gpioirq_event *ev, uint64_t now)
{
	struct run *r = s->r;

	if (ev->type != GPIOIRQ_EVENT_EDGE)
		return;
	record_event(r, ev->timestamp_ns, now, ev->line_seqno, ev->edge,
		     ev->flags & GPIOIRQ_EVENT_F_MISSED, ev->bh_delay_ns, true);
	if (ev->line_seqno == r->edges)
		r->done = true;
}

static void on_edge(const struct gpioirq_event *ev, void *arg)
{
	struct cb_state *s = arg;
	struct timespec ts;

	if (!s->started) {
		/* First callback in the dispatcher thread: its CPU clock. */
		s->started = true;
		if (!pthread_getcpuclockid(pthread_self(), &s->cpu_clock) &&
		    !clock_gettime(s->cpu_clock, &ts))
			s->cpu_start_ns = (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
	}
	on_event(s, ev, now_ns());
	if (s->r->done)
		sem_post(&s->done);
}

static void consume_thread(struct cb_state *s)
{
	struct run *r = s->r;
	struct timespec ts;
	uint64_t end;

	/* This thread only waits: none of its calls are the consumer's. */
	count_quiet = true;
	for (;;) {
		clock_gettime(CLOCK_REALTIME, &ts);
		end = (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec +
		      IDLE_MS * 1000000ull;
		ts.tv_sec = (time_t)(end / 1000000000);
		ts.tv_nsec = (long)(end % 1000000000);
		if (!sem_timedwait(&s->done, &ts))
			break;
		if (errno != ETIMEDOUT && errno != EINTR)
			VMTEST_FAIL("sem_timedwait: %s", strerror(errno));
		if (errno == ETIMEDOUT && burst_over())
			break;
	}
	if (s->started && !clock_gettime(s->cpu_clock, &ts))
		r->cpu_ns = (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec -
			    s->cpu_start_ns;
	count_quiet = false;
}

static void consume_dispatch(struct gpioirq *ctx, struct run *r)
{
	int n;

	while (!r->done) {
		n = gpioirq_dispatch(ctx, IDLE_MS);
		if (n < 0)
			VMTEST_FAIL("gpioirq_dispatch: %s", strerror(errno));
		if (!n && burst_over())
			break;
	}
}

static void consume_read(struct gpioirq *ctx, struct cb_state *s)
{
	static struct gpioirq_event buf[READ_BATCH];
	uint64_t now;
	int n, i;

	while (!s->r->done) {
		n = gpioirq_read_events(ctx, buf, READ_BATCH, IDLE_MS);
		if (n < 0)
			VMTEST_FAIL("gpioirq_read_events: %s", strerror(errno));
		if (!n && burst_over())
			break;
		now = now_ns();
		for (i = 0; i < n; i++)
			on_event(s, &buf[i], now);
	}
}

int gpioirq_contender(const struct contender *c, struct run *r)
{
	struct gpioirq_line_settings ls;
	struct gpioirq_thread_config tc;
	struct gpioirq_line_stats st;
	struct cb_state s = { .r = r };
	struct gpioirq_line *line;
	struct gpioirq *ctx;
	uint64_t cpu0, sys0;

	sem_init(&s.done, 0, 0);
	ctx = gpioirq_open(NULL);
	if (!ctx)
		VMTEST_FAIL("gpioirq_open: %s", strerror(errno));
	gpioirq_line_settings_init(&ls);
	ls.bh = c->bh;
	if (c->mode != MODE_READ) {
		ls.callback = on_edge;
		ls.user_data = &s;
	}
	line = gpioirq_line_request(ctx, sim_chip_name(), 0, &ls);
	if (!line) {
		if (errno != EOPNOTSUPP)
			VMTEST_FAIL("gpioirq_line_request: %s", strerror(errno));
		gpioirq_close(ctx);
		return 1;
	}
	if (c->mode == MODE_THREAD) {
		gpioirq_thread_config_init(&tc);
		if (gpioirq_thread_start(ctx, &tc))
			VMTEST_FAIL("gpioirq_thread_start: %s", strerror(errno));
	}
	burst_start(r);
	cpu0 = thread_cpu_ns();
	sys0 = __atomic_load_n(&count_syscalls, __ATOMIC_RELAXED);
	switch (c->mode) {
	case MODE_DISPATCH:
		consume_dispatch(ctx, r);
		break;
	case MODE_THREAD:
		consume_thread(&s);
		break;
	default:
		consume_read(ctx, &s);
		break;
	}
	r->syscalls = __atomic_load_n(&count_syscalls, __ATOMIC_RELAXED) - sys0;
	if (c->mode != MODE_THREAD)
		r->cpu_ns = thread_cpu_ns() - cpu0;
	count_quiet = true;
	if (c->mode == MODE_THREAD && gpioirq_thread_stop(ctx))
		VMTEST_FAIL("gpioirq_thread_stop: %s", strerror(errno));
	if (gpioirq_line_get_stats(line, &st))
		VMTEST_FAIL("gpioirq_line_get_stats: %s", strerror(errno));
	r->counted = st.dropped + st.missed;
	gpioirq_close(ctx);
	count_quiet = false;
	sem_destroy(&s.done);
	return 0;
}
