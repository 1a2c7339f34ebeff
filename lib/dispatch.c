// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The consumer: takes events from the ring in batches and runs callbacks.
 *
 * One thread at a time holds the consumer role (ctx->consuming). Per batch
 * of up to GPIOIRQ_BATCH events it
 *   1. under ctx->lock, copies the slots, checks seqno gaps and resolves
 *      each event's handle to its line: a stale event (released line,
 *      reused handle: the cookie tells) is dropped, a line in wait mode or
 *      masked gets the event in its queue, and the events of lines with a
 *      callback go into runs: events next to each other of one line, whose
 *      line is looked up, routed and pinned once (the next event of the same
 *      line only compares its handle and cookie); then gives the slots back
 *      to the kernel (lib/ring.h);
 *   2. without the lock, runs the callbacks in order, run by run;
 *   3. under ctx->lock again, the same hold as step 1 of the next batch,
 *      drops the pins.
 * When a batch ends in a run of a line with a callback, stream() goes on
 * with that line's edges, a chunk at a time, without the lock and without
 * resolving them again. So the fast path costs, per chunk, one load-acquire
 * of head, one store-release of tail and two sequentially consistent stores
 * of line->running (plus a lock/unlock per batch); per event, the copy, the
 * seqno and line compares, a load of line->gen and the call. The counters
 * are added once per consume().
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "ring.h"

/*
 * Events of one line next to each other in a batch, pinned once. A seqno
 * gap starts a new run: the drop callback runs before the event after the
 * loss, and it may change the line. A run without a line only reports a
 * loss (the event after it was stale or queued).
 */
struct run {
	struct gpioirq_line *line;	/* pinned, or NULL */
	gpioirq_callback_t cb;
	void *arg;
	uint32_t gen;		/* line->gen when cb and arg were read */
	uint32_t first;		/* its first event in batch.ev */
	uint32_t n;		/* its events */
	uint64_t lost;		/* seqno gap just before its first event */
};

struct batch {
	/* Only events for callbacks: le.line is their pinned line. */
	struct gpioirq_lib_event ev[GPIOIRQ_BATCH];
	struct run runs[GPIOIRQ_BATCH];
	uint32_t nev;
	uint32_t nruns;
	gpioirq_drop_callback_t drop_cb;
	void *drop_arg;
	uint64_t stale;		/* counted once per consume() */
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

/*
 * Opens a run at the batch's next event (b->nev), ctx->lock held, and
 * closes the one before it; pins @line (NULL: a loss to report only).
 */
static struct run *run_open(struct batch *b, struct gpioirq_line *line, uint64_t lost)
{
	struct run *run = &b->runs[b->nruns++];

	if (b->nruns > 1)
		run[-1].n = b->nev - run[-1].first;
	run->line = line;
	run->first = b->nev;
	run->lost = lost;
	if (line) {
		line->refs++;
		run->cb = line->settings.callback;
		run->arg = line->settings.user_data;
		run->gen = __atomic_load_n(&line->gen, __ATOMIC_RELAXED);
	}
	return run;
}

/* Drops the batch's pins, ctx->lock held. */
static void unpin(struct batch *b)
{
	uint32_t i;

	for (i = 0; i < b->nruns; i++)
		if (b->runs[i].line)
			gpioirq_line_unref(b->runs[i].line);
	b->nruns = 0;
}

/*
 * resolve()'s open run: a line with a callback (line), or one whose events
 * go to gpioirq_read_events()'s buffer (rd_handle). No line has the handle
 * UINT32_MAX.
 */
struct cursor {
	struct gpioirq_line *line;
	uint32_t handle;
	uint32_t rd_handle;
	uint64_t cookie;
	uint64_t rd_cookie;
	uint64_t last;		/* the last seqno seen */
	uint64_t lost;
};

/*
 * resolve() for an event that does not join the open run (the copy at
 * @le): a seqno gap, another line, or not an edge. ctx->lock held.
 * Return: true if @le is kept, for a callback.
 */
static bool resolve_slow(struct gpioirq *ctx, struct batch *b, struct gpioirq_lib_event *le,
			 struct cursor *c)
{
	const struct gpioirq_event *ev = &le->ev;
	struct gpioirq_line *line;
	uint64_t gap;

	/* seqno runs from 1 per file: a jump forward is events lost. */
	gap = ev->seqno > c->last + 1 ? ev->seqno - c->last - 1 : 0;
	c->last = ev->seqno;
	c->lost += gap;
	b->nev = (uint32_t)(le - b->ev);
	c->rd_handle = UINT32_MAX;
	line = ev->handle < GPIOIRQ_MAX_LINES ? ctx->lines[ev->handle] : NULL;
	if (!line || line->serial != ev->cookie) {
		b->stale++;
		line = NULL;
	} else if (!route(ctx, line, ev, &b->notify)) {
		/* Into the reader's buffer: the line's next edges may follow. */
		if (!line->settings.callback && !line->q_len && ctx->rd_buf) {
			c->rd_handle = line->handle;
			c->rd_cookie = line->serial;
		}
		line = NULL;
	}
	if (!line) {
		/* Report the loss before whatever comes next. */
		if (gap)
			run_open(b, NULL, gap);
		c->line = NULL;
		c->handle = UINT32_MAX;
		return false;
	}
	if (line != c->line || gap) {
		run_open(b, line, gap);
		c->line = line;
		c->handle = line->handle;
		c->cookie = line->serial;
	}
	le->line = line;
	return true;
}

/*
 * Step 1 for the @n slots from @src on (contiguous in the ring, n <=
 * GPIOIRQ_BATCH), ctx->lock held. Each slot is copied once, into the batch,
 * and only the copy is looked at: the kernel cannot change what we decided
 * on. An edge that follows the open run's last event in seqno, of the same
 * line (handle and cookie), joins the run: its line was looked up and
 * routed in this lock hold already, and nothing can change it meanwhile.
 * The same for a line without a callback whose last event went to
 * gpioirq_read_events()'s buffer: the next goes there too while it has room.
 */
static void resolve(struct gpioirq *ctx, struct batch *b, const struct gpioirq_event *src,
		    uint32_t n)
{
	const struct gpioirq_event *end = src + n;
	struct cursor c = { .handle = UINT32_MAX, .rd_handle = UINT32_MAX,
			    .last = ctx->last_seqno };
	struct gpioirq_lib_event *le = b->ev;

	b->nev = 0;
	b->nruns = 0;
	b->notify = false;
	b->drop_cb = ctx->drop_cb;
	b->drop_arg = ctx->drop_arg;
	for (; src < end; src++) {
		/*
		 * Eight slots (cache lines) ahead: the copies come in bursts
		 * between the callbacks, which the hardware prefetcher follows
		 * less well than a plain loop (6-8 % of bench-dispatch's time).
		 * An integer, not a pointer past the ring: a prefetch never
		 * faults, but the C pointer must stay in bounds.
		 */
		__builtin_prefetch((const void *)((uintptr_t)src + 8 * sizeof(*src)));
		le->ev = *src;
		if (__builtin_expect(le->ev.seqno == c.last + 1 && le->ev.handle == c.handle &&
				     le->ev.cookie == c.cookie &&
				     le->ev.type == GPIOIRQ_EVENT_EDGE, 1)) {
			c.last++;
			le->line = c.line;
			le++;
		} else if (le->ev.seqno == c.last + 1 && le->ev.handle == c.rd_handle &&
			   le->ev.cookie == c.rd_cookie && le->ev.type == GPIOIRQ_EVENT_EDGE &&
			   ctx->rd_len < ctx->rd_cap) {
			/* The reader's line again: what route() would do. */
			c.last++;
			ctx->rd_buf[ctx->rd_len++] = le->ev;
		} else if (resolve_slow(ctx, b, le, &c)) {
			le++;
		}
	}
	b->nev = (uint32_t)(le - b->ev);
	if (b->nruns)
		b->runs[b->nruns - 1].n = b->nev - b->runs[b->nruns - 1].first;
	ctx->last_seqno = c.last;
	/* Before the drop callback runs: it may read the stats. */
	gpioirq_stat_add(&ctx->stats.lost, c.lost);
}

/*
 * Before a callback of @run's line, at the first event of the run or when
 * gen changed: the Dekker handshake of lib/internal.h, running = 1, then
 * gen. A changed gen means a release, mask or reconfigure came after we
 * pinned: look at the line again under the lock.
 * Return: true with running = 1 and @run's cb, arg and gen current: call
 * it for @le; false with running = 0: @le went to a queue or was stale.
 */
static bool enter(struct gpioirq *ctx, struct batch *b, struct run *run,
		  struct gpioirq_lib_event *le)
{
	struct gpioirq_line *line = run->line;
	bool notify = false;

	for (;;) {
		__atomic_store_n(&line->running, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&line->gen, __ATOMIC_SEQ_CST) == run->gen)
			return true;
		__atomic_store_n(&line->running, 0, __ATOMIC_SEQ_CST);
		pthread_mutex_lock(&ctx->lock);
		if (ctx->change_waiters)
			pthread_cond_broadcast(&ctx->cond);
		if (line->released) {
			pthread_mutex_unlock(&ctx->lock);
			b->stale++;
			return false;
		}
		if (!route(ctx, line, &le->ev, &notify)) {
			if (notify)
				pthread_cond_broadcast(&ctx->cond);
			pthread_mutex_unlock(&ctx->lock);
			return false;
		}
		run->cb = line->settings.callback;
		run->arg = line->settings.user_data;
		run->gen = __atomic_load_n(&line->gen, __ATOMIC_RELAXED);
		pthread_mutex_unlock(&ctx->lock);
	}
}

/* running = 0 after a line's last callback in a run. */
static void leave(struct gpioirq *ctx, struct gpioirq_line *line)
{
	__atomic_store_n(&line->running, 0, __ATOMIC_SEQ_CST);
	/* Pairs with the seq_cst count in line_changed(): it sees 0 or we see it. */
	if (__atomic_load_n(&ctx->change_waiters, __ATOMIC_SEQ_CST)) {
		pthread_mutex_lock(&ctx->lock);
		pthread_cond_broadcast(&ctx->cond);
		pthread_mutex_unlock(&ctx->lock);
	}
}

/*
 * Step 2 for one run. running stays 1 from its first callback to its last:
 * between two, only gen is loaded again (its store of 1 stays before that
 * load, see lib/internal.h). Two sequentially consistent stores per
 * callback took about 10 of the 25 ns an empty callback cost on an x86-64
 * host (make bench-dispatch); now they are two per run. Not inlined: the
 * loop keeps its six values in registers.
 * Return: callbacks run.
 */
static __attribute__((noinline)) uint32_t run_line(struct gpioirq *ctx, struct batch *b,
						   struct run *run)
{
	struct gpioirq_lib_event *le = &b->ev[run->first], *end = le + run->n;
	struct gpioirq_line *line = run->line;
	uint32_t skipped = 0, gen;
	gpioirq_callback_t cb;
	bool held = false;
	void *arg;

	while (le < end) {
		held = enter(ctx, b, run, le);
		if (!held) {
			skipped++;
			le++;
			continue;
		}
		cb = run->cb;
		arg = run->arg;
		gen = run->gen;
		do {
			cb(&le->ev, arg);
		} while (++le < end && __atomic_load_n(&line->gen, __ATOMIC_SEQ_CST) == gen);
	}
	if (held)
		leave(ctx, line);
	return run->n - skipped;
}

/* Step 2: the runs in order, a loss reported before the run after it. */
static uint32_t run_batch(struct gpioirq *ctx, struct batch *b)
{
	uint32_t i, ran = 0;
	struct run *run;

	for (i = 0; i < b->nruns; i++) {
		run = &b->runs[i];
		if (run->lost && b->drop_cb)
			b->drop_cb(ctx, run->lost, b->drop_arg);
		if (run->line)
			ran += run_line(ctx, b, run);
	}
	return ran;
}

/*
 * After a batch whose last run is a line's with a callback: while the ring
 * goes on with that line's edges (seqno next, same handle and cookie), take
 * them in chunks without ctx->lock: the line is pinned and its gen, loaded
 * before each callback (run_line()), tells any change, as it does within a
 * batch. Stops at anything else, which the next batch resolves.
 * Return: callbacks run; adds the events taken to *@ring_events.
 */
static uint32_t stream(struct gpioirq *ctx, struct batch *b, uint32_t *ring_events)
{
	struct gpioirq_ring *r = &ctx->ring;
	struct run run = b->runs[b->nruns - 1];
	struct gpioirq_line *line = run.line;
	const struct gpioirq_event *src, *end;
	uint64_t last = ctx->last_seqno, fill, cookie = line->serial;
	uint32_t handle = line->handle, n, ran = 0;
	struct gpioirq_lib_event *le;

	while (*ring_events < r->entries) {
		fill = gpioirq_ring_load_head(r) - r->tail;
		/* Nothing, or a head the batch path must look at. */
		if (!fill || fill > r->entries)
			break;
		n = fill < r->entries - *ring_events ? (uint32_t)fill : r->entries - *ring_events;
		if (n > GPIOIRQ_BATCH)
			n = GPIOIRQ_BATCH;
		n = gpioirq_ring_contig(r, n);
		src = gpioirq_ring_slot(r, 0);
		end = src + n;
		for (le = b->ev; src < end; src++, le++) {
			__builtin_prefetch((const void *)((uintptr_t)src + 8 * sizeof(*src)));
			le->ev = *src;
			if (le->ev.seqno != last + 1 || le->ev.handle != handle ||
			    le->ev.cookie != cookie || le->ev.type != GPIOIRQ_EVENT_EDGE)
				break;
			le->line = line;
			last++;
		}
		run.first = 0;
		run.n = (uint32_t)(le - b->ev);
		if (!run.n)
			break;
		/* A': the slots are copied; the kernel may have them back. */
		gpioirq_ring_advance(r, run.n);
		ctx->last_seqno = last;
		*ring_events += run.n;
		ran += run_line(ctx, b, &run);
		if (run.n < n)
			break;
	}
	return ran;
}

/*
 * Events kept back while their line was masked, now unmasked: they go
 * before any later event of the line (route() queues those behind them).
 * Adds the callbacks run to *@ran. Return: events taken.
 */
static uint32_t deliver_held(struct gpioirq *ctx, struct batch *b, uint32_t *ran)
{
	struct gpioirq_line *line;
	uint32_t total = 0, h;

	while (__atomic_load_n(&ctx->held_pending, __ATOMIC_SEQ_CST)) {
		pthread_mutex_lock(&ctx->lock);
		b->nev = 0;
		b->nruns = 0;
		b->drop_cb = NULL;
		__atomic_store_n(&ctx->held_pending, false, __ATOMIC_SEQ_CST);
		for (h = 0; h < GPIOIRQ_MAX_LINES && b->nev < GPIOIRQ_BATCH; h++) {
			line = ctx->lines[h];
			if (!line || !line->settings.callback || line->masked || !line->q_len)
				continue;
			run_open(b, line, 0);
			while (line->q_len && b->nev < GPIOIRQ_BATCH) {
				b->ev[b->nev].ev = line->q[line->q_first];
				b->ev[b->nev++].line = line;
				line->q_first = (line->q_first + 1) % GPIOIRQ_LINE_QUEUE_EVENTS;
				line->q_len--;
			}
			if (line->q_len)
				__atomic_store_n(&ctx->held_pending, true, __ATOMIC_SEQ_CST);
		}
		if (b->nruns)
			b->runs[b->nruns - 1].n = b->nev - b->runs[b->nruns - 1].first;
		pthread_mutex_unlock(&ctx->lock);
		*ran += run_batch(ctx, b);
		total += b->nev;
		pthread_mutex_lock(&ctx->lock);
		unpin(b);
		pthread_mutex_unlock(&ctx->lock);
	}
	return total;
}

/* Empties the eventfd. Non-blocking: drained already, the read fails with
 * EAGAIN and nothing is lost (the result is only looked at to use it). */
static void drain_kicks(struct gpioirq *ctx)
{
	uint64_t v;

	if (read(ctx->evfd, &v, sizeof(v)) < 0)
		return;
}

/*
 * Reads the eventfd if someone kicked it (then only: it costs a syscall).
 * gpioirq_ctx_kick() writes the eventfd before it sets the flag, so the
 * eventfd cannot stay readable with the flag clear for longer than a kick;
 * a consumer that preempts the kicker in between drains it itself, see
 * gpioirq_consume_wait().
 * Return: true if a kick was taken; the caller must act on it (a kick is
 * not repeated).
 */
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
	uint32_t total = 0, ring_events = 0, ran = 0, n;
	struct batch b;
	bool skipped = false;

	if (unkick(ctx))
		*kicked = true;
	b.stale = 0;
	total += deliver_held(ctx, &b, &ran);
	b.nruns = 0;	/* deliver_held() unpinned its own */
	pthread_mutex_lock(&ctx->lock);
	while (ring_events < r->entries) {
		/* The last batch's pins, in the hold that resolves the next. */
		unpin(&b);
		n = gpioirq_ring_avail(r, &skipped);
		if (!n)
			break;
		/* A full gpioirq_read_events() buffer: leave the rest in the ring. */
		if (ctx->rd_buf && ctx->rd_len >= ctx->rd_cap)
			break;
		if (n > r->entries - ring_events)
			n = r->entries - ring_events;
		if (n > GPIOIRQ_BATCH)
			n = GPIOIRQ_BATCH;
		n = gpioirq_ring_contig(r, n);
		resolve(ctx, &b, gpioirq_ring_slot(r, 0), n);
		if (b.notify)
			pthread_cond_broadcast(&ctx->cond);
		pthread_mutex_unlock(&ctx->lock);
		/* A': the slots are copied; the kernel may have them back. */
		gpioirq_ring_advance(r, n);
		ran += run_batch(ctx, &b);
		ring_events += n;
		if (b.nruns && b.runs[b.nruns - 1].line)
			ran += stream(ctx, &b, &ring_events);
		if (__atomic_load_n(&ctx->held_pending, __ATOMIC_SEQ_CST)) {
			pthread_mutex_lock(&ctx->lock);
			unpin(&b);
			pthread_mutex_unlock(&ctx->lock);
			total += deliver_held(ctx, &b, &ran);
		}
		pthread_mutex_lock(&ctx->lock);
	}
	unpin(&b);
	b.drop_cb = ctx->drop_cb;
	b.drop_arg = ctx->drop_arg;
	pthread_mutex_unlock(&ctx->lock);
	if (skipped) {
		gpioirq_stat_add(&ctx->stats.bad_heads, 1);
		if (b.drop_cb)
			b.drop_cb(ctx, 0, b.drop_arg);
	}
	/* Relaxed adds, once per call: an atomic add per callback was about
	 * 4 of the 29 ns an empty callback cost (make bench-dispatch).
	 */
	gpioirq_stat_add(&ctx->stats.events, ring_events);
	gpioirq_stat_add(&ctx->stats.callbacks, ran);
	gpioirq_stat_add(&ctx->stats.stale, b.stale);
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
 * The consumer's last act before it lets the role go: arm the wake-up, and
 * kick when events are pending already, so that a loop watching
 * gpioirq_get_fd() sees them. Events that came while we were awake asked
 * for no wake-up, and a ring's worth per call may leave some behind (C'
 * without the sleep). Consumer role held.
 */
void gpioirq_consume_done(struct gpioirq *ctx)
{
	if (gpioirq_ring_arm(&ctx->ring))
		gpioirq_ctx_kick(ctx);
}

/*
 * The consumer's loop, consumer role held: take what is pending; if
 * nothing, spin, then arm the wake-up and sleep in poll() until an event,
 * a kick or @deadline_ns (-1: none). Returns through gpioirq_consume_done()
 * (armed, and kicked when events are pending), unless @flags has
 * GPIOIRQ_CW_AGAIN: the caller (the dispatcher thread) calls again at once
 * and calls gpioirq_consume_done() itself when it stops. Under load a kick
 * costs two system calls per return (its write, and the read that takes
 * it), for no one: only the caller would see it. With
 * GPIOIRQ_CW_KICK_RETURNS (the dispatcher thread, gpioirq_line_wait(),
 * gpioirq_read_events()) a kick also makes it return, so the caller can
 * look at its stop flag or its line.
 *
 * Return: events taken (0 on timeout or a kick), or -1 with errno.
 */
int gpioirq_consume_wait(struct gpioirq *ctx, int64_t deadline_ns, unsigned int flags)
{
	bool return_on_kick = flags & GPIOIRQ_CW_KICK_RETURNS;
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
	if (!(flags & GPIOIRQ_CW_AGAIN))
		gpioirq_consume_done(ctx);
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

	n = gpioirq_consume_wait(ctx, deadline, 0);
	err = errno;
	pthread_mutex_lock(&ctx->lock);
	gpioirq_role_leave(ctx);
	pthread_mutex_unlock(&ctx->lock);
	errno = err;
	return n;
}
