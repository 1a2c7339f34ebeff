// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_read_events(): events of lines without a callback, in batches, for
 * callers who want no callbacks (libgpiod v2's edge event buffer). The
 * events come from the lines' queues first (oldest first, over all lines),
 * then straight from the ring: while the reader holds the consumer role,
 * lib/dispatch.c's route() puts them in its buffer (ctx->rd_buf) instead of
 * the queues, so a burst up to the buffer's size never passes through a
 * queue of GPIOIRQ_LINE_QUEUE_EVENTS.
 */
#include <errno.h>

#include "internal.h"

/*
 * Moves queued events of lines without a callback into @buf in seqno order
 * (the ring's order). ctx->lock held. Return: events moved.
 */
static size_t drain_queues(struct gpioirq *ctx, struct gpioirq_event *buf, size_t max)
{
	struct gpioirq_line *line, *oldest;
	const struct gpioirq_event *ev;
	size_t n = 0;
	unsigned int h;

	while (n < max) {
		oldest = NULL;
		for (h = 0; h < GPIOIRQ_MAX_LINES; h++) {
			line = ctx->lines[h];
			if (!line || line->settings.callback || !line->q_len)
				continue;
			if (!oldest || line->q[line->q_first].seqno < oldest->q[oldest->q_first].seqno)
				oldest = line;
		}
		if (!oldest)
			break;
		ev = &oldest->q[oldest->q_first];
		buf[n++] = *ev;
		oldest->q_first = (oldest->q_first + 1) % GPIOIRQ_LINE_QUEUE_EVENTS;
		oldest->q_len--;
	}
	return n;
}

GPIOIRQ_API int gpioirq_read_events(struct gpioirq *ctx, struct gpioirq_event *buf,
				    size_t max_events, int timeout_ms)
{
	bool expired = false;
	int64_t deadline;
	size_t got = 0;
	int err = 0, n;

	if (!ctx || !buf || !max_events || timeout_ms < -1) {
		errno = EINVAL;
		return -1;
	}
	/* From a callback: we would wait for events only our own thread takes. */
	if (gpioirq_ctx_is_consumer(ctx)) {
		errno = EDEADLK;
		return -1;
	}
	if (max_events > INT32_MAX)
		max_events = INT32_MAX;
	deadline = gpioirq_deadline_ns(timeout_ms);
	pthread_mutex_lock(&ctx->lock);
	for (;;) {
		got = drain_queues(ctx, buf, max_events);
		if (got || expired)
			break;
		if (!ctx->consuming && (!ctx->thread_running || ctx->thread_dead)) {
			/* Nobody consumes: we do, into @buf, running callbacks meanwhile. */
			gpioirq_role_take(ctx);
			ctx->rd_buf = buf;
			ctx->rd_cap = max_events;
			ctx->rd_len = 0;
			pthread_mutex_unlock(&ctx->lock);
			n = gpioirq_consume_wait(ctx, deadline, GPIOIRQ_CW_KICK_RETURNS);
			err = errno;
			pthread_mutex_lock(&ctx->lock);
			got = ctx->rd_len;
			ctx->rd_buf = NULL;
			ctx->rd_cap = 0;
			ctx->rd_len = 0;
			gpioirq_role_leave(ctx);
			if (got)
				break;
			if (n < 0)
				goto err_unlock;
			if (!n && deadline >= 0 && gpioirq_now_ns() >= deadline)
				expired = true;
			continue;
		}
		/* The dispatcher thread (or another caller) consumes: it queues for us. */
		gpioirq_ctx_wait_begin(ctx);
		if (gpioirq_ctx_cond_wait(ctx, deadline) == ETIMEDOUT)
			expired = true;
		gpioirq_ctx_wait_end(ctx);
	}
	pthread_mutex_unlock(&ctx->lock);
	return (int)got;

err_unlock:
	pthread_mutex_unlock(&ctx->lock);
	errno = err;
	return -1;
}
