// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The wait API, after MicroPythonRT's APin.wait(): a line with no callback
 * queues its events (lib/dispatch.c routes them), and gpioirq_line_wait()
 * looks for the level, edge or pulse in that queue, consuming the ring
 * itself when no other thread does.
 */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "internal.h"

static const struct gpioirq_event *q_at(const struct gpioirq_line *line, uint32_t i)
{
	return &line->q[(line->q_first + i) % GPIOIRQ_LINE_QUEUE_EVENTS];
}

static void q_pop(struct gpioirq_line *line, uint32_t n)
{
	line->q_first = (line->q_first + n) % GPIOIRQ_LINE_QUEUE_EVENTS;
	line->q_len -= n;
}

static bool is_edge(const struct gpioirq_event *ev)
{
	return ev->type == GPIOIRQ_EVENT_EDGE;
}

/* The logical level after @ev; a sleeping chip's unknown level follows the edge. */
static int level_after(const struct gpioirq_event *ev)
{
	if (ev->level != GPIOIRQ_LEVEL_UNKNOWN)
		return ev->level ? 1 : 0;
	return ev->edge == GPIOIRQ_EDGE_RISING;
}

static bool match_edge(struct gpioirq_line *line, uint8_t edge, struct gpioirq_event *out)
{
	const struct gpioirq_event *ev;

	while (line->q_len) {
		ev = q_at(line, 0);
		if (is_edge(ev) && ev->edge == edge) {
			*out = *ev;
			q_pop(line, 1);
			return true;
		}
		q_pop(line, 1);
	}
	return false;
}

/* Edges at or after @since_ns only: older ones are what the value read saw. */
static bool match_level(struct gpioirq_line *line, int level, uint64_t since_ns,
			struct gpioirq_event *out)
{
	const struct gpioirq_event *ev;

	while (line->q_len) {
		ev = q_at(line, 0);
		q_pop(line, 1);
		if (is_edge(ev) && ev->timestamp_ns >= since_ns && level_after(ev) == level) {
			*out = *ev;
			return true;
		}
	}
	return false;
}

/*
 * A pulse is an edge @first followed by the line's next edge, @second, not
 * flagged missed. The opening edge stays queued until its closing edge comes.
 * @out: the closing edge, its pulse_ns the pulse's width.
 */
static bool match_pulse(struct gpioirq_line *line, uint8_t first, struct gpioirq_event *out)
{
	const struct gpioirq_event *start, *ev;
	uint32_t i;

	for (;;) {
		while (line->q_len && !(is_edge(q_at(line, 0)) && q_at(line, 0)->edge == first))
			q_pop(line, 1);
		if (!line->q_len)
			return false;
		start = q_at(line, 0);
		for (i = 1; i < line->q_len && !is_edge(q_at(line, i)); i++)
			;
		if (i == line->q_len)
			return false;
		ev = q_at(line, i);
		if (ev->edge != first && !(ev->flags & GPIOIRQ_EVENT_F_MISSED)) {
			*out = *ev;
			/* A clock stepped back (CLOCK_REALTIME): the kernel's delta. */
			if (ev->timestamp_ns >= start->timestamp_ns)
				out->pulse_ns = ev->timestamp_ns - start->timestamp_ns;
			q_pop(line, i + 1);
			return true;
		}
		/* Not a pulse: start again from the edge that broke it. */
		q_pop(line, i);
	}
}

static bool match(struct gpioirq_line *line, enum gpioirq_wait_kind kind, uint64_t since_ns,
		  struct gpioirq_event *out)
{
	switch (kind) {
	case GPIOIRQ_WAIT_LEVEL_LOW:
		return match_level(line, 0, since_ns, out);
	case GPIOIRQ_WAIT_LEVEL_HIGH:
		return match_level(line, 1, since_ns, out);
	case GPIOIRQ_WAIT_EDGE_FALLING:
		return match_edge(line, GPIOIRQ_EDGE_FALLING, out);
	case GPIOIRQ_WAIT_EDGE_RISING:
		return match_edge(line, GPIOIRQ_EDGE_RISING, out);
	case GPIOIRQ_WAIT_PULSE_LOW:
		return match_pulse(line, GPIOIRQ_EDGE_FALLING, out);
	case GPIOIRQ_WAIT_PULSE_HIGH:
		return match_pulse(line, GPIOIRQ_EDGE_RISING, out);
	}
	return false;
}

/* The edges that can show @kind, in settings.edges terms. */
static uint32_t edges_needed(enum gpioirq_wait_kind kind)
{
	switch (kind) {
	case GPIOIRQ_WAIT_LEVEL_LOW:
	case GPIOIRQ_WAIT_EDGE_FALLING:
		return GPIOIRQ_LINE_EDGE_FALLING;
	case GPIOIRQ_WAIT_LEVEL_HIGH:
	case GPIOIRQ_WAIT_EDGE_RISING:
		return GPIOIRQ_LINE_EDGE_RISING;
	case GPIOIRQ_WAIT_PULSE_LOW:
	case GPIOIRQ_WAIT_PULSE_HIGH:
		return GPIOIRQ_LINE_EDGE_BOTH;
	}
	return 0;
}

static const clockid_t clock_ids[] = {
	[GPIOIRQ_CLOCK_MONOTONIC] = CLOCK_MONOTONIC,
	[GPIOIRQ_CLOCK_REALTIME] = CLOCK_REALTIME,
	[GPIOIRQ_CLOCK_BOOTTIME] = CLOCK_BOOTTIME,
};

static uint64_t line_clock_ns(const struct gpioirq_line *line)
{
	struct timespec ts;

	clock_gettime(clock_ids[line->settings.clock], &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

/*
 * Level kinds: forget the queue, read the value; if it is not the level
 * asked, wait for an edge to it that came after the read's clock reading.
 * ctx->lock held (dropped around the ioctl). Return: 1 the level is there,
 * 0 wait for it from *@since_ns on, -1 errno.
 */
static int level_now(struct gpioirq_line *line, enum gpioirq_wait_kind kind, uint64_t *since_ns)
{
	struct gpioirq *ctx = line->ctx;
	int want = kind == GPIOIRQ_WAIT_LEVEL_HIGH;
	int value, err;

	gpioirq_line_queue_clear(line);
	pthread_mutex_unlock(&ctx->lock);
	*since_ns = line_clock_ns(line);
	value = gpioirq_line_get_value(line);
	err = errno;
	pthread_mutex_lock(&ctx->lock);
	if (value < 0) {
		errno = err;
		return -1;
	}
	return value == want;
}

GPIOIRQ_API int gpioirq_line_wait_event(struct gpioirq_line *line, enum gpioirq_wait_kind kind,
					int timeout_ms, struct gpioirq_event *ev)
{
	struct gpioirq_event found;
	uint64_t since_ns = 0;
	bool expired = false;
	struct gpioirq *ctx;
	int64_t deadline;
	int ret = -1, err = 0, n;

	if (!line || kind < GPIOIRQ_WAIT_LEVEL_LOW || kind > GPIOIRQ_WAIT_PULSE_HIGH ||
	    timeout_ms < -1) {
		errno = EINVAL;
		return -1;
	}
	ctx = line->ctx;
	/* From a callback: we would wait for events only we could consume. */
	if (gpioirq_ctx_is_consumer(ctx)) {
		errno = EDEADLK;
		return -1;
	}
	deadline = gpioirq_deadline_ns(timeout_ms);
	pthread_mutex_lock(&ctx->lock);
	if (line->released) {
		pthread_mutex_unlock(&ctx->lock);
		errno = ECANCELED;
		return -1;
	}
	if (line->settings.callback) {
		pthread_mutex_unlock(&ctx->lock);
		errno = EBUSY;
		return -1;
	}
	if ((line->settings.edges & edges_needed(kind)) != edges_needed(kind)) {
		pthread_mutex_unlock(&ctx->lock);
		errno = EINVAL;
		return -1;
	}
	line->refs++;	/* a release meanwhile must not free it under us */

	if (kind == GPIOIRQ_WAIT_LEVEL_LOW || kind == GPIOIRQ_WAIT_LEVEL_HIGH) {
		n = level_now(line, kind, &since_ns);
		if (n < 0) {
			err = errno;
			goto out;
		}
		if (n) {
			/* The level was there: no edge, the read's time. */
			memset(&found, 0, sizeof(found));
			found.type = GPIOIRQ_EVENT_EDGE;
			found.handle = line->handle;
			found.cookie = line->serial;
			found.timestamp_ns = since_ns;
			found.level = kind == GPIOIRQ_WAIT_LEVEL_HIGH;
			ret = 0;
			goto out;
		}
	}

	for (;;) {
		if (line->released) {
			err = ECANCELED;
			break;
		}
		if (line->settings.callback) {
			err = EBUSY;
			break;
		}
		if (match(line, kind, since_ns, &found)) {
			ret = 0;
			break;
		}
		if (line->gone) {
			err = ENODEV;
			break;
		}
		if (expired) {
			err = ETIMEDOUT;
			break;
		}
		if (!ctx->consuming && (!ctx->thread_running || ctx->thread_dead)) {
			/* Nobody consumes: we do, and run others' callbacks meanwhile. */
			gpioirq_role_take(ctx);
			pthread_mutex_unlock(&ctx->lock);
			n = gpioirq_consume_wait(ctx, deadline, GPIOIRQ_CW_KICK_RETURNS);
			err = errno;
			pthread_mutex_lock(&ctx->lock);
			gpioirq_role_leave(ctx);
			if (n < 0)
				break;
			err = 0;
			if (!n && deadline >= 0 && gpioirq_now_ns() >= deadline)
				expired = true;
			continue;
		}
		gpioirq_ctx_wait_begin(ctx);
		if (gpioirq_ctx_cond_wait(ctx, deadline) == ETIMEDOUT)
			expired = true;
		gpioirq_ctx_wait_end(ctx);
	}
out:
	gpioirq_line_unref(line);
	pthread_mutex_unlock(&ctx->lock);
	if (ret)
		errno = err;
	else if (ev)
		*ev = found;
	return ret;
}

GPIOIRQ_API int gpioirq_line_wait(struct gpioirq_line *line, enum gpioirq_wait_kind kind,
				  int timeout_ms, uint64_t *pulse_ns)
{
	struct gpioirq_event ev;

	if (gpioirq_line_wait_event(line, kind, timeout_ms, &ev))
		return -1;
	if (pulse_ns)
		*pulse_ns = kind == GPIOIRQ_WAIT_LEVEL_LOW || kind == GPIOIRQ_WAIT_LEVEL_HIGH ?
				    0 : ev.pulse_ns;
	return 0;
}
