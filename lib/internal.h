/* SPDX-License-Identifier: LGPL-2.1-or-later OR MIT */
/*
 * What the files of libgpioirq share. Nothing here is exported: the objects
 * are built with -fvisibility=hidden and lib/libgpioirq.map lists the API.
 *
 * Locking, in one place:
 *  - ctx->lock (a mutex) guards the line table, every line's settings and
 *    queue, the consumer role and the thread's state. Callbacks never run
 *    with it held, so they may call any line function.
 *  - The ring is touched only by the thread holding the consumer role
 *    (ctx->consuming), so it needs no lock: its fast path takes ctx->lock
 *    once per batch (to drop the last batch's pins and resolve handles to
 *    lines for the next, see lib/dispatch.c).
 *  - line->running and line->gen are the two halves of a Dekker handshake
 *    between the consumer and a thread that changes the line (release,
 *    mask, reconfigure): the consumer stores running = 1 and then loads gen;
 *    the changer stores gen + 1 and then loads running. Both sequentially
 *    consistent, so at least one sees the other: either the consumer sees
 *    the new gen and re-reads the line under ctx->lock, or the changer sees
 *    running and waits (on ctx->cond) until the callback has returned.
 *    Between two callbacks of one line next to each other in a batch, the
 *    consumer keeps running = 1 and only loads gen again: its store of 1
 *    stays before that load, so the handshake holds; a changer that saw
 *    running waits at most for the callback that was running (the consumer
 *    sees its gen before the next one and lets go).
 */
#ifndef GPIOIRQ_LIB_INTERNAL_H
#define GPIOIRQ_LIB_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <gpioirq.h>

#define GPIOIRQ_INTERNAL __attribute__((visibility("hidden")))

/* Events taken from the ring per batch: the unit the fast path locks for. */
#define GPIOIRQ_BATCH 32

/* The consumer's view of the ring: see lib/ring.h. */
struct gpioirq_ring {
	const struct gpioirq_ring_ctrl *ctrl;	/* read-only mapping */
	const struct gpioirq_event *events;	/* read-only mapping */
	struct gpioirq_ring_consumer *cons;	/* our writable page */
	uint64_t tail;		/* events consumed; the kernel's copy is cons->tail */
	uint32_t entries;
	uint32_t mask;
	bool armed;		/* cons->wakeup is 1 */
};

/* How the context talks to the module; the unit tests put a fake here. */
struct gpioirq_ops {
	/* an ioctl(2) on the device: 0, or -1 with errno */
	int (*ioctl)(struct gpioirq *ctx, unsigned long req, void *arg);
	/*
	 * Called when the consumer starts and after poll() saw the device
	 * readable: the device's readiness follows the ring by itself, a fake's
	 * eventfd has to be cleared.
	 */
	void (*ack)(struct gpioirq *ctx);
};

/* An event as the library hands it out: gpioirq_event_get_line() needs it. */
struct gpioirq_lib_event {
	struct gpioirq_event ev;
	struct gpioirq_line *line;
};

struct gpioirq_line {
	struct gpioirq *ctx;
	uint32_t handle;
	uint32_t offset;
	uint64_t serial;	/* the kernel cookie: tells a reused handle's old events */
	char chip[GPIOIRQ_NAME_SIZE];
	char consumer[GPIOIRQ_NAME_SIZE];	/* settings.consumer points here */
	struct gpioirq_line_settings settings;	/* under ctx->lock */
	unsigned int refs;	/* under ctx->lock: table + batch pins + waiters */
	bool released;		/* under ctx->lock */
	bool masked;		/* under ctx->lock */
	bool gone;		/* under ctx->lock: its CHIP_GONE event was routed */
	int running;		/* atomic: a callback of this line runs (Dekker) */
	uint32_t gen;		/* atomic: bumped by every change (Dekker) */
	/* queue under ctx->lock: wait mode, or held back while masked */
	uint32_t q_first;
	uint32_t q_len;
	struct gpioirq_event q[GPIOIRQ_LINE_QUEUE_EVENTS];
};

struct gpioirq {
	int fd;			/* the device */
	int evfd;		/* kicks the consumer: unmask, thread stop */
	int epfd;		/* gpioirq_get_fd(): fd + evfd */
	void *prod_map;
	size_t prod_size;
	void *cons_map;
	size_t cons_size;
	struct gpioirq_ring ring;	/* only the consumer touches it */
	const struct gpioirq_ops *ops;
	void *ops_priv;

	pthread_mutex_t lock;
	pthread_cond_t cond;	/* CLOCK_MONOTONIC: role, queues, running */
	unsigned int cond_waiters;	/* atomic reads, writes under lock */
	unsigned int change_waiters;	/* the same, for line->running only */
	struct gpioirq_line *lines[GPIOIRQ_MAX_LINES];
	uint64_t next_serial;
	bool held_pending;	/* atomic reads: a line has held events to deliver */

	bool consuming;		/* under lock: a thread holds the consumer role */
	uintptr_t consumer_self;	/* atomic: pthread_self() of that thread */
	int kicked;		/* atomic: evfd was written and not read yet */
	bool features_known;	/* atomic: features holds the module's */
	uint32_t features;	/* atomic: GPIOIRQ_FEATURE_*, from GPIOIRQ_IOC_INFO */

	bool thread_running;	/* under lock */
	bool thread_stopping;	/* under lock */
	bool thread_dead;	/* under lock: it left on an error (EIO) */
	int thread_stop;	/* atomic */
	pthread_t thread;

	uint32_t busy_poll_us;	/* atomic */
	gpioirq_drop_callback_t drop_cb;	/* under lock */
	void *drop_arg;
	uint64_t last_seqno;	/* consumer only */
	/*
	 * Set by gpioirq_read_events() while it holds the consumer role:
	 * events of lines without a callback go here (in ring order) until
	 * it is full, then to their lines' queues. Consumer only.
	 */
	struct gpioirq_event *rd_buf;
	size_t rd_cap;
	size_t rd_len;
	struct gpioirq_stats stats;	/* atomic adds by the consumer */
};

/* ctx.c */
GPIOIRQ_INTERNAL int gpioirq_info_check(const struct gpioirq_info *info);
GPIOIRQ_INTERNAL int gpioirq_ring_layout_check(const struct gpioirq_ring_layout *lay);
GPIOIRQ_INTERNAL struct gpioirq *gpioirq_ctx_new(int fd, const struct gpioirq_ring_layout *lay,
						 void *prod, void *cons,
						 const struct gpioirq_ops *ops, void *priv);
GPIOIRQ_INTERNAL int gpioirq_ctx_ioctl(struct gpioirq *ctx, unsigned long req, void *arg);
GPIOIRQ_INTERNAL void gpioirq_ctx_kick(struct gpioirq *ctx);
GPIOIRQ_INTERNAL bool gpioirq_ctx_is_consumer(struct gpioirq *ctx);
GPIOIRQ_INTERNAL void gpioirq_ctx_broadcast(struct gpioirq *ctx);
GPIOIRQ_INTERNAL void gpioirq_ctx_wait_begin(struct gpioirq *ctx);
GPIOIRQ_INTERNAL void gpioirq_ctx_wait_end(struct gpioirq *ctx);
GPIOIRQ_INTERNAL int gpioirq_ctx_cond_wait(struct gpioirq *ctx, int64_t deadline_ns);
GPIOIRQ_INTERNAL int64_t gpioirq_now_ns(void);
GPIOIRQ_INTERNAL int64_t gpioirq_deadline_ns(int timeout_ms);

/* line.c */
GPIOIRQ_INTERNAL void gpioirq_line_unref(struct gpioirq_line *line);
GPIOIRQ_INTERNAL void gpioirq_line_queue_push(struct gpioirq_line *line,
					      const struct gpioirq_event *ev);
GPIOIRQ_INTERNAL void gpioirq_line_queue_clear(struct gpioirq_line *line);
GPIOIRQ_INTERNAL void gpioirq_line_free_all(struct gpioirq *ctx);

/* dispatch.c */
GPIOIRQ_INTERNAL void gpioirq_role_take(struct gpioirq *ctx);
GPIOIRQ_INTERNAL void gpioirq_role_leave(struct gpioirq *ctx);
/* gpioirq_consume_wait()'s flags */
#define GPIOIRQ_CW_KICK_RETURNS	0x1u	/* a kick ends the wait too */
#define GPIOIRQ_CW_AGAIN	0x2u	/* the caller calls again at once */
GPIOIRQ_INTERNAL int gpioirq_consume_wait(struct gpioirq *ctx, int64_t deadline_ns,
					  unsigned int flags);
GPIOIRQ_INTERNAL void gpioirq_consume_done(struct gpioirq *ctx);

static inline uint64_t gpioirq_stat_read(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* Only the consumer adds; others read. Relaxed: counters order nothing. */
static inline void gpioirq_stat_add(uint64_t *p, uint64_t n)
{
	if (n)
		__atomic_fetch_add(p, n, __ATOMIC_RELAXED);
}

#endif /* GPIOIRQ_LIB_INTERNAL_H */
