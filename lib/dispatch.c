// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The consumer: takes events from the ring in batches and runs callbacks.
 *
 * One thread at a time holds the consumer role (ctx->consuming). Per batch
 * of up to GPIOIRQ_BATCH events it
 *   1. copies the slots and gives them back to the kernel (lib/ring.h);
 *   2. under ctx->lock, checks seqno gaps and resolves each event's handle
 *      to its line: a stale event (released line, reused handle: the cookie
 *      tells) is dropped, a line in wait mode or masked gets the event in its
 *      queue, any other line is pinned with its callback;
 *   3. without the lock, runs the callbacks in order;
 *   4. under ctx->lock, drops the pins.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "ring.h"

struct item {
	struct gpioirq_lib_event le;	/* le.line is set when the line is pinned */
	gpioirq_callback_t cb;
	void *arg;
	uint32_t gen;
	uint64_t lost;		/* seqno gap just before this event */
};

struct batch {
	struct item items[GPIOIRQ_BATCH];
	uint32_t n;
	gpioirq_drop_callback_t drop_cb;
	void *drop_arg;
	bool notify;		/* a queue got events: wake gpioirq_line_wait() */
};

/* ctx->lock held, consumer role held. */
void gpioirq_role_take(struct gpioirq *ctx)
{
	ctx->consuming = true;
	__atomic_store_n(&ctx->consumer_self, (uintptr_t)pthread_self(), __ATOMIC_RELAXED);
}

/* ctx->lock held. Whoever waits for the role (or on a queue) may go on. */
void gpioirq_role_leave(struct gpioirq *ctx)
{
	ctx->consuming = false;
	__atomic_store_n(&ctx->consumer_self, 0, __ATOMIC_RELAXED);
	pthread_cond_broadcast(&ctx->cond);
}

/*
 * Where an event of a pinned-or-not line goes, ctx->lock held: to its
 * callback (return true: the caller pins the line), or to its queue.
 */
static bool route(struct gpioirq *ctx, struct gpioirq_line *line, const struct gpioirq_event *ev,
		  bool *notify)
{
	/* The line's last event: its waiters end after what came before. */
	if (ev->type == GPIOIRQ_EVENT_CHIP_GONE)
		line->gone = true;
	if (!line->settings.callback) {
		/* A reader's queues are drained before it consumes: see lib/read.c. */
		if (ctx->rd_buf && ctx->rd_len < ctx->rd_cap && !line->q_len) {
			ctx->rd_buf[ctx->rd_len++] = *ev;
			*notify = true;
			return false;
		}
		gpioirq_line_queue_push(line, ev);
		*notify = true;
		return false;
	}
	/* Masked, or held events still queued: keep the line's order. */
	if (line->masked || line->q_len) {
		gpioirq_line_queue_push(line, ev);
		if (!line->masked)
			__atomic_store_n(&ctx->held_pending, true, __ATOMIC_SEQ_CST);
		return false;
	}
	return true;
}

/* ctx->lock held. */
static void pin(struct item *it, struct gpioirq_line *line)
{
	line->refs++;
	it->le.line = line;
	it->cb = line->settings.callback;
	it->arg = line->settings.user_data;
	it->gen = __atomic_load_n(&line->gen, __ATOMIC_RELAXED);
}

/* Step 2 for events taken from the ring. */
static void resolve(struct gpioirq *ctx, struct batch *b)
{
	struct gpioirq_line *line;
	struct gpioirq_event *ev;
	uint64_t stale = 0, lost = 0;
	uint32_t i;

	pthread_mutex_lock(&ctx->lock);
	b->drop_cb = ctx->drop_cb;
	b->drop_arg = ctx->drop_arg;
	for (i = 0; i < b->n; i++) {
		ev = &b->items[i].le.ev;
		b->items[i].le.line = NULL;
		b->items[i].lost = 0;
		/* seqno runs from 1 per file: a jump forward is events lost. */
		if (ev->seqno > ctx->last_seqno + 1) {
			b->items[i].lost = ev->seqno - ctx->last_seqno - 1;
			lost += b->items[i].lost;
		}
		ctx->last_seqno = ev->seqno;

		line = ev->handle < GPIOIRQ_MAX_LINES ? ctx->lines[ev->handle] : NULL;
		if (!line || line->serial != ev->cookie) {
			stale++;
			continue;
		}
		if (route(ctx, line, ev, &b->notify))
			pin(&b->items[i], line);
	}
	pthread_mutex_unlock(&ctx->lock);
	gpioirq_stat_add(&ctx->stats.stale, stale);
	gpioirq_stat_add(&ctx->stats.lost, lost);
}

/*
 * Step 3 for one pinned event. The Dekker handshake of lib/internal.h:
 * running = 1, then gen. A changed gen means a release, mask or
 * reconfigure came after we pinned: look at the line again under the lock.
 * @held: running is 1 already, from the line's previous callback; @keep:
 * the next item is the line's too, leave running at 1 for it (two
 * sequentially consistent stores per callback took about 10 of the 25 ns
 * an empty callback cost on an x86-64 host: make bench-dispatch).
 * Return: true if the callback ran (then running is still 1 if @keep, else
 * 0); false if not (running is 0).
 */
static bool run(struct gpioirq *ctx, struct batch *b, struct item *it, bool held, bool keep)
{
	struct gpioirq_line *line = it->le.line;

	for (;;) {
		if (!held)
			__atomic_store_n(&line->running, 1, __ATOMIC_SEQ_CST);
		held = false;
		if (__atomic_load_n(&line->gen, __ATOMIC_SEQ_CST) == it->gen)
			break;
		__atomic_store_n(&line->running, 0, __ATOMIC_SEQ_CST);
		pthread_mutex_lock(&ctx->lock);
		if (ctx->change_waiters)
			pthread_cond_broadcast(&ctx->cond);
		if (line->released) {
			pthread_mutex_unlock(&ctx->lock);
			gpioirq_stat_add(&ctx->stats.stale, 1);
			return false;
		}
		if (!route(ctx, line, &it->le.ev, &b->notify)) {
			pthread_mutex_unlock(&ctx->lock);
			return false;
		}
		it->cb = line->settings.callback;
		it->arg = line->settings.user_data;
		it->gen = __atomic_load_n(&line->gen, __ATOMIC_RELAXED);
		pthread_mutex_unlock(&ctx->lock);
	}
	it->cb(&it->le.ev, it->arg);
	if (keep)
		return true;
	__atomic_store_n(&line->running, 0, __ATOMIC_SEQ_CST);
	/* Pairs with the seq_cst count in line_changed(): it sees 0 or we see it. */
	if (__atomic_load_n(&ctx->change_waiters, __ATOMIC_SEQ_CST)) {
		pthread_mutex_lock(&ctx->lock);
		pthread_cond_broadcast(&ctx->cond);
		pthread_mutex_unlock(&ctx->lock);
	}
	return true;
}

/* Steps 3 and 4. */
static void run_batch(struct gpioirq *ctx, struct batch *b)
{
	struct item *it, *next;
	uint32_t i, ran = 0;
	bool held = false, keep;

	for (i = 0; i < b->n; i++) {
		it = &b->items[i];
		if (it->lost && b->drop_cb)
			b->drop_cb(ctx, it->lost, b->drop_arg);
		if (!it->le.line)
			continue;
		/* No drop callback in between: it may change the line. */
		next = i + 1 < b->n ? &b->items[i + 1] : NULL;
		keep = next && next->le.line == it->le.line && !(next->lost && b->drop_cb);
		if (run(ctx, b, it, held, keep)) {
			ran++;
			held = keep;
		} else {
			held = false;
		}
	}
	/* Once per batch, not per callback: an atomic add per callback was
	 * about 4 of the 29 ns an empty callback cost (make bench-dispatch).
	 */
	gpioirq_stat_add(&ctx->stats.callbacks, ran);
	pthread_mutex_lock(&ctx->lock);
	for (i = 0; i < b->n; i++)
		if (b->items[i].le.line)
			gpioirq_line_unref(b->items[i].le.line);
	if (b->notify)
		pthread_cond_broadcast(&ctx->cond);
	pthread_mutex_unlock(&ctx->lock);
}

/*
 * Events kept back while their line was masked, now unmasked: they go
 * before any later event of the line (route() queues those behind them).
 */
static uint32_t deliver_held(struct gpioirq *ctx)
{
	struct gpioirq_line *line;
	struct batch b;
	uint32_t total = 0, h;

	while (__atomic_load_n(&ctx->held_pending, __ATOMIC_SEQ_CST)) {
		memset(&b, 0, sizeof(b));
		pthread_mutex_lock(&ctx->lock);
		__atomic_store_n(&ctx->held_pending, false, __ATOMIC_SEQ_CST);
		for (h = 0; h < GPIOIRQ_MAX_LINES; h++) {
			line = ctx->lines[h];
			if (!line || !line->settings.callback || line->masked)
				continue;
			while (line->q_len && b.n < GPIOIRQ_BATCH) {
				b.items[b.n].le.ev = line->q[line->q_first];
				line->q_first = (line->q_first + 1) % GPIOIRQ_LINE_QUEUE_EVENTS;
				line->q_len--;
				pin(&b.items[b.n++], line);
			}
			if (line->q_len) {
				__atomic_store_n(&ctx->held_pending, true, __ATOMIC_SEQ_CST);
				break;
			}
		}
		pthread_mutex_unlock(&ctx->lock);
		run_batch(ctx, &b);
		total += b.n;
	}
	return total;
}

/*
 * Reads the eventfd if someone kicked it (then only: it costs a syscall).
 * gpioirq_ctx_kick() writes the eventfd before it sets the flag, so the
 * eventfd cannot stay readable with the flag clear for longer than a kick;
 * a consumer that preempts the kicker in between drains it itself, see
 * gpioirq_consume_wait(). The eventfd is non-blocking: drained already, the
 * read fails with EAGAIN and nothing is lost.
 * Return: true if a kick was taken; the caller must act on it (a kick is
 * not repeated).
 */
static void drain_kicks(struct gpioirq *ctx)
{
	uint64_t v;

	if (read(ctx->evfd, &v, sizeof(v)) < 0)
		return;
}

static bool unkick(struct gpioirq *ctx)
{
	if (!__atomic_exchange_n(&ctx->kicked, 0, __ATOMIC_SEQ_CST))
		return false;
	drain_kicks(ctx);
	return true;
}

/*
 * Everything pending, up to the ring's size (so a flood cannot keep one
 * call here forever). Consumer role held. *@kicked is set to true when
 * a kick was taken here (left alone otherwise).
 * Return: events taken, from the ring and from held queues.
 */
static uint32_t consume(struct gpioirq *ctx, bool *kicked)
{
	struct gpioirq_ring *r = &ctx->ring;
	uint32_t total = 0, ring_events = 0, avail, i;
	struct batch b;
	bool skipped;

	if (unkick(ctx))
		*kicked = true;
	total += deliver_held(ctx);
	while (ring_events < r->entries) {
		avail = gpioirq_ring_avail(r, &skipped);
		if (skipped) {
			gpioirq_stat_add(&ctx->stats.bad_heads, 1);
			pthread_mutex_lock(&ctx->lock);
			b.drop_cb = ctx->drop_cb;
			b.drop_arg = ctx->drop_arg;
			pthread_mutex_unlock(&ctx->lock);
			if (b.drop_cb)
				b.drop_cb(ctx, 0, b.drop_arg);
			break;
		}
		if (!avail)
			break;
		/* A full gpioirq_read_events() buffer: leave the rest in the ring. */
		if (ctx->rd_buf && ctx->rd_len >= ctx->rd_cap)
			break;
		if (avail > r->entries - ring_events)
			avail = r->entries - ring_events;
		b.n = avail < GPIOIRQ_BATCH ? avail : GPIOIRQ_BATCH;
		b.notify = false;
		for (i = 0; i < b.n; i++)
			memcpy(&b.items[i].le.ev, gpioirq_ring_slot(r, i), sizeof(struct gpioirq_event));
		gpioirq_ring_advance(r, b.n);
		resolve(ctx, &b);
		run_batch(ctx, &b);
		ring_events += b.n;
		total += deliver_held(ctx);
	}
	gpioirq_stat_add(&ctx->stats.events, ring_events);
	return total + ring_events;
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}


/*
 * Spins on the head for the busy-poll budget, or until a kick is taken
 * (*@kicked set). Return: events taken.
 */
static int busy_poll(struct gpioirq *ctx, int64_t deadline_ns, bool *kicked)
{
	uint32_t us = __atomic_load_n(&ctx->busy_poll_us, __ATOMIC_RELAXED);
	int64_t end, now;
	unsigned int spins = 0;
	uint32_t n;

	if (!us)
		return 0;
	end = gpioirq_now_ns() + (int64_t)us * 1000;
	if (deadline_ns >= 0 && deadline_ns < end)
		end = deadline_ns;
	for (;;) {
		if (gpioirq_ring_pending(&ctx->ring) ||
		    __atomic_load_n(&ctx->kicked, __ATOMIC_RELAXED)) {
			n = consume(ctx, kicked);
			if (n || *kicked)
				return (int)n;
		}
		cpu_relax();
		/* clock_gettime() is a vDSO call, but not free: look now and then. */
		if (++spins % 64 == 0) {
			now = gpioirq_now_ns();
			if (now >= end)
				return 0;
		}
	}
}

/*
 * The consumer's loop, consumer role held: take what is pending; if
 * nothing, spin, then arm the wake-up and sleep in poll() until an event,
 * a kick or @deadline_ns (-1: none). Always returns with the wake-up armed,
 * and with a kick when events are pending already, so a loop watching
 * gpioirq_get_fd() sees the next event. With
 * @return_on_kick (the dispatcher thread, gpioirq_line_wait()) a kick also
 * makes it return, so the caller can look at its stop flag or its line.
 *
 * Return: events taken (0 on timeout or a kick), or -1 with errno.
 */
int gpioirq_consume_wait(struct gpioirq *ctx, int64_t deadline_ns, bool return_on_kick)
{
	struct gpioirq_ring *r = &ctx->ring;
	struct pollfd pfd[2] = {
		{ .fd = ctx->fd, .events = POLLIN },
		{ .fd = ctx->evfd, .events = POLLIN },
	};
	struct timespec ts;
	bool kicked = false;
	int64_t left;
	int n, err;

	/*
	 * Every consume() may take a kick (and read the eventfd): from then on
	 * nothing would wake poll() for it, so return at once when the caller
	 * wants kicks. A stop that came after the dispatcher thread looked at
	 * its flag is such a kick.
	 */
	gpioirq_ring_disarm(r);
	if (ctx->ops && ctx->ops->ack)
		ctx->ops->ack(ctx);
	n = (int)consume(ctx, &kicked);
	if (n || (kicked && return_on_kick) || (deadline_ns >= 0 && gpioirq_now_ns() >= deadline_ns))
		goto out;
	n = busy_poll(ctx, deadline_ns, &kicked);
	if (n || (kicked && return_on_kick))
		goto out;
	for (;;) {
		/* C': a publish after this wakes us; one before it we see now. */
		if (gpioirq_ring_arm(r) || __atomic_load_n(&ctx->kicked, __ATOMIC_SEQ_CST)) {
			gpioirq_ring_disarm(r);
			n = (int)consume(ctx, &kicked);
			if (n || (kicked && return_on_kick))
				goto out;
			continue;
		}
		if (deadline_ns >= 0) {
			left = deadline_ns - gpioirq_now_ns();
			if (left <= 0)
				goto out;
			ts.tv_sec = left / 1000000000;
			ts.tv_nsec = left % 1000000000;
		}
		gpioirq_stat_add(&ctx->stats.sleeps, 1);
		if (ppoll(pfd, 2, deadline_ns >= 0 ? &ts : NULL, NULL) < 0) {
			n = -1;
			goto out;
		}
		if (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL)) {
			errno = EIO;
			n = -1;
			goto out;
		}
		if ((pfd[0].revents & POLLIN) && ctx->ops && ctx->ops->ack)
			ctx->ops->ack(ctx);
		/*
		 * Kicked, and maybe woken before the kicker set the flag: drain
		 * the eventfd here, or poll() would return at once, again and
		 * again, until the kicker runs. A SCHED_FIFO consumer on the
		 * kicker's CPU would not let it run: a livelock. The flag, set
		 * later, costs one read that fails with EAGAIN.
		 */
		if (pfd[1].revents & POLLIN) {
			drain_kicks(ctx);
			kicked = true;
		}
		gpioirq_ring_disarm(r);
		n = (int)consume(ctx, &kicked);
		if (n || (kicked && return_on_kick))
			goto out;
	}
out:
	err = errno;
	/*
	 * Events that came while we were awake asked for no wake-up, and a
	 * ring's worth per call may leave some behind: kick, so that a loop
	 * sleeping on gpioirq_get_fd() sees them (C' without the sleep).
	 */
	if (gpioirq_ring_arm(r))
		gpioirq_ctx_kick(ctx);
	errno = err;
	return n;
}

GPIOIRQ_API int gpioirq_dispatch(struct gpioirq *ctx, int timeout_ms)
{
	int64_t deadline;
	int n, err;

	if (!ctx || timeout_ms < -1) {
		errno = EINVAL;
		return -1;
	}
	if (gpioirq_ctx_is_consumer(ctx)) {
		errno = EDEADLK;
		return -1;
	}
	deadline = gpioirq_deadline_ns(timeout_ms);
	pthread_mutex_lock(&ctx->lock);
	gpioirq_ctx_wait_begin(ctx);
	while (ctx->consuming && !(ctx->thread_running && !ctx->thread_dead))
		if (gpioirq_ctx_cond_wait(ctx, deadline) == ETIMEDOUT)
			break;
	gpioirq_ctx_wait_end(ctx);
	if (ctx->thread_running && !ctx->thread_dead) {
		pthread_mutex_unlock(&ctx->lock);
		errno = EBUSY;
		return -1;
	}
	if (ctx->consuming) {
		pthread_mutex_unlock(&ctx->lock);
		return 0;
	}
	gpioirq_role_take(ctx);
	pthread_mutex_unlock(&ctx->lock);

	n = gpioirq_consume_wait(ctx, deadline, false);
	err = errno;
	pthread_mutex_lock(&ctx->lock);
	gpioirq_role_leave(ctx);
	pthread_mutex_unlock(&ctx->lock);
	errno = err;
	return n;
}
