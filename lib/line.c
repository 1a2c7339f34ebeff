// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Lines: request (by chip and offset, or by name through libgpiod), release,
 * reconfigure, mask, and the per-line event queue.
 *
 * A line is freed when its last reference goes: the table holds one while
 * the line is requested, a batch being dispatched holds one per event, a
 * thread in gpioirq_line_wait() holds one. So a callback may release its own
 * line, and a release from another thread never frees memory in use.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpiochip.h"
#include "internal.h"

GPIOIRQ_API void gpioirq_line_settings_init(struct gpioirq_line_settings *settings)
{
	if (!settings)
		return;
	memset(settings, 0, sizeof(*settings));
	settings->edges = GPIOIRQ_LINE_EDGE_BOTH;
	settings->bias = GPIOIRQ_BIAS_AS_IS;
	settings->bh = GPIOIRQ_BH_AUTO;
	settings->clock = GPIOIRQ_CLOCK_MONOTONIC;
	settings->storm_limit = GPIOIRQ_STORM_DEFAULT;
}

/*
 * @s with the two families of look-alike constants folded into one: edges 0
 * (zero-initialised settings) means both; a bias given as the uAPI's flag
 * means what the enum of the same name means. EINVAL for anything else.
 */
static int settings_normalize(const struct gpioirq_line_settings *s,
			      struct gpioirq_line_settings *out)
{
	*out = *s;
	if (out->edges == 0)
		out->edges = GPIOIRQ_EDGES_BOTH;
	switch ((uint32_t)out->bias) {
	case GPIOIRQ_LINE_BIAS_PULL_UP:
		out->bias = GPIOIRQ_BIAS_PULL_UP;
		break;
	case GPIOIRQ_LINE_BIAS_PULL_DOWN:
		out->bias = GPIOIRQ_BIAS_PULL_DOWN;
		break;
	case GPIOIRQ_LINE_BIAS_DISABLED:
		out->bias = GPIOIRQ_BIAS_DISABLED;
		break;
	default:
		break;
	}
	if ((uint32_t)out->edges & ~(uint32_t)GPIOIRQ_LINE_EDGE_BOTH ||
	    (uint32_t)out->bias > GPIOIRQ_BIAS_DISABLED) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/*
 * The consumer name of a request: @s->consumer, or GPIOIRQ_CONSUMER. The
 * module checks it again (struct gpioirq_line_request.consumer); a module
 * that cannot take it would say EINVAL, so ask it first (once).
 */
static int consumer_check(struct gpioirq *ctx, const struct gpioirq_line_settings *s)
{
	struct gpioirq_info info;
	size_t len, i;

	if (!s->consumer)
		return 0;
	len = strnlen(s->consumer, GPIOIRQ_NAME_SIZE);
	if (len == GPIOIRQ_NAME_SIZE) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (i = 0; i < len; i++)
		if (!isgraph((unsigned char)s->consumer[i]))
			break;
	if (!len || i < len) {
		errno = EINVAL;
		return -1;
	}
	if (!__atomic_load_n(&ctx->features_known, __ATOMIC_ACQUIRE)) {
		memset(&info, 0, sizeof(info));
		if (gpioirq_ctx_ioctl(ctx, GPIOIRQ_IOC_INFO, &info))
			return -1;
		__atomic_store_n(&ctx->features, info.features, __ATOMIC_RELAXED);
		__atomic_store_n(&ctx->features_known, true, __ATOMIC_RELEASE);
	}
	if (!(__atomic_load_n(&ctx->features, __ATOMIC_RELAXED) & GPIOIRQ_FEATURE_CONSUMER)) {
		errno = EOPNOTSUPP;
		return -1;
	}
	return 0;
}

/*
 * The library's own checks; the module checks the rest (and these again).
 * @s is normalized (settings_normalize()).
 */
static int settings_to_config(const struct gpioirq_line_settings *s, uint64_t cookie,
			      struct gpioirq_line_config *cfg)
{
	static const uint32_t bias_flags[] = {
		[GPIOIRQ_BIAS_AS_IS] = 0,
		[GPIOIRQ_BIAS_PULL_UP] = GPIOIRQ_LINE_BIAS_PULL_UP,
		[GPIOIRQ_BIAS_PULL_DOWN] = GPIOIRQ_LINE_BIAS_PULL_DOWN,
		[GPIOIRQ_BIAS_DISABLED] = GPIOIRQ_LINE_BIAS_DISABLED,
	};
	unsigned int i;

	for (i = 0; i < sizeof(s->reserved) / sizeof(s->reserved[0]); i++)
		if (s->reserved[i])
			goto inval;
	if (s->debounce_us > GPIOIRQ_DEBOUNCE_MAX_US || s->bh > GPIOIRQ_BH_DIRECT ||
	    s->clock > GPIOIRQ_CLOCK_BOOTTIME)
		goto inval;
	memset(cfg, 0, sizeof(*cfg));
	cfg->flags = (uint32_t)s->edges | bias_flags[s->bias] |
		     (s->active_low ? GPIOIRQ_LINE_ACTIVE_LOW : 0);
	cfg->debounce_us = s->debounce_us;
	cfg->bh = s->bh;
	cfg->clock = s->clock;
	cfg->storm_limit = s->storm_limit;
	cfg->cookie = cookie;
	return 0;
inval:
	errno = EINVAL;
	return -1;
}

/*
 * The chip as libgpiod finds it from a name, path, label or number: its
 * device name, and its label when no other chip has that label. A string
 * libgpiod cannot open goes to the module as it is (the module matches
 * names and labels, and says ENODEV).
 */
static int resolve_chip(const char *chip, char name[GPIOIRQ_NAME_SIZE],
			char label[GPIOIRQ_NAME_SIZE])
{
	struct gpioirq_gpiochip *gc;
	const char *found = chip;
	int ret = 0;

	label[0] = '\0';
	gc = gpioirq_gpiochip_open(chip);
	if (gc) {
		found = gc->name;
		if (gpioirq_gpiochip_count_label(gc->label) == 1)
			strcpy(label, gc->label);
	}
	if (strlen(found) >= GPIOIRQ_NAME_SIZE) {
		errno = ENAMETOOLONG;
		ret = -1;
	} else {
		strcpy(name, found);
	}
	gpioirq_gpiochip_close(gc);
	return ret;
}

/* A chip as the module will be asked for it: see resolve_chip(). */
struct chip_id {
	char name[GPIOIRQ_NAME_SIZE];
	char label[GPIOIRQ_NAME_SIZE];
};

/*
 * One line, ctx->lock held: the consumer resolves handles under it too, so
 * the first event of the line cannot be taken for a stale one, and nothing
 * of the line runs before the lock is dropped. @s is normalized.
 */
static struct gpioirq_line *request_locked(struct gpioirq *ctx, const struct chip_id *id,
					   unsigned int offset,
					   const struct gpioirq_line_settings *s)
{
	struct gpioirq_line_request req;
	struct gpioirq_line *line;

	line = calloc(1, sizeof(*line));
	if (!line)
		return NULL;
	memset(&req, 0, sizeof(req));
	memcpy(req.chip, id->name, sizeof(req.chip));
	req.offset = offset;
	if (settings_to_config(s, ctx->next_serial, &req.config))
		goto err_free;
	if (s->consumer) {
		snprintf(line->consumer, sizeof(line->consumer), "%s", s->consumer);
		req.consumer = (uint64_t)(uintptr_t)line->consumer;
	}
	if (gpioirq_ctx_ioctl(ctx, GPIOIRQ_IOC_LINE_REQUEST, &req)) {
		/*
		 * The module finds a device name only for a chip whose parent
		 * has no other chip; a unique label it always finds.
		 */
		if (errno != ENODEV || !id->label[0] || !strcmp(id->label, id->name))
			goto err_free;
		memcpy(req.chip, id->label, sizeof(req.chip));
		if (gpioirq_ctx_ioctl(ctx, GPIOIRQ_IOC_LINE_REQUEST, &req))
			goto err_free;
	}
	if (req.handle >= GPIOIRQ_MAX_LINES || ctx->lines[req.handle]) {
		/* The module broke its word: give the handle back. */
		struct gpioirq_line_handle lh = { .handle = req.handle };

		gpioirq_ctx_ioctl(ctx, GPIOIRQ_IOC_LINE_RELEASE, &lh);
		errno = EPROTO;
		goto err_free;
	}
	line->ctx = ctx;
	line->handle = req.handle;
	line->offset = offset;
	line->serial = ctx->next_serial++;
	memcpy(line->chip, id->name, sizeof(line->chip));
	line->settings = *s;
	/* Never the caller's string: it may be gone after we return. */
	line->settings.consumer = s->consumer ? line->consumer : NULL;
	line->refs = 1;
	ctx->lines[req.handle] = line;
	return line;

err_free:
	free(line);
	return NULL;
}

/*
 * Undoes request_locked(), ctx->lock held, before the lock was ever dropped:
 * no event of the line was routed, no callback of it runs.
 */
static void unrequest_locked(struct gpioirq_line *line)
{
	struct gpioirq_line_handle lh;
	int err = errno;

	memset(&lh, 0, sizeof(lh));
	lh.handle = line->handle;
	gpioirq_ctx_ioctl(line->ctx, GPIOIRQ_IOC_LINE_RELEASE, &lh);
	line->ctx->lines[line->handle] = NULL;
	free(line);
	errno = err;
}

static int request_many(struct gpioirq *ctx, const char *chip, const unsigned int *offsets,
			size_t n, const struct gpioirq_line_settings *settings,
			struct gpioirq_line **lines)
{
	struct gpioirq_line_settings s;
	struct chip_id id;
	size_t i, done;
	int err;

	if (!settings) {
		gpioirq_line_settings_init(&s);
	} else if (settings_normalize(settings, &s)) {
		return -1;
	}
	if (consumer_check(ctx, &s))
		return -1;
	if (resolve_chip(chip, id.name, id.label))
		return -1;
	pthread_mutex_lock(&ctx->lock);
	for (done = 0; done < n; done++) {
		lines[done] = request_locked(ctx, &id, offsets[done], &s);
		if (!lines[done])
			goto err_undo;
	}
	pthread_mutex_unlock(&ctx->lock);
	return 0;

err_undo:
	err = errno;
	for (i = 0; i < done; i++)
		unrequest_locked(lines[i]);
	pthread_mutex_unlock(&ctx->lock);
	errno = err;
	return -1;
}

GPIOIRQ_API struct gpioirq_line *gpioirq_line_request(struct gpioirq *ctx, const char *chip,
						      unsigned int offset,
						      const struct gpioirq_line_settings *settings)
{
	struct gpioirq_line *line;

	if (!ctx || !chip || !*chip) {
		errno = EINVAL;
		return NULL;
	}
	if (request_many(ctx, chip, &offset, 1, settings, &line))
		return NULL;
	return line;
}

GPIOIRQ_API int gpioirq_line_request_multiple(struct gpioirq *ctx, const char *chip,
					      const unsigned int *offsets, size_t num_lines,
					      const struct gpioirq_line_settings *settings,
					      struct gpioirq_line **lines)
{
	struct gpioirq_line *tmp[GPIOIRQ_MAX_LINES];
	size_t i, j;

	if (!ctx || !chip || !*chip || !offsets || !lines || !num_lines ||
	    num_lines > GPIOIRQ_MAX_LINES) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < num_lines; i++)
		for (j = 0; j < i; j++)
			if (offsets[i] == offsets[j]) {
				errno = EINVAL;
				return -1;
			}
	/* @lines is left alone on failure. */
	if (request_many(ctx, chip, offsets, num_lines, settings, tmp))
		return -1;
	memcpy(lines, tmp, num_lines * sizeof(*lines));
	return 0;
}

GPIOIRQ_API struct gpioirq_line *
gpioirq_line_request_by_name(struct gpioirq *ctx, const char *name,
			     const struct gpioirq_line_settings *settings)
{
	char chip[GPIOIRQ_GPIOCHIP_NAME_SIZE];
	unsigned int offset;
	int ret;

	if (!ctx || !name || !*name) {
		errno = EINVAL;
		return NULL;
	}
	ret = gpioirq_gpiochip_find_line_any(name, chip, &offset);
	if (ret < 0)
		return NULL;
	if (ret == 0) {
		errno = ENOENT;
		return NULL;
	}
	return gpioirq_line_request(ctx, chip, offset, settings);
}

/* ctx->lock held. */
void gpioirq_line_unref(struct gpioirq_line *line)
{
	if (--line->refs == 0)
		free(line);
}

/*
 * Marks a change of the line for the consumer (the Dekker handshake of
 * lib/internal.h), then waits until no callback of the line runs. The
 * consumer itself never waits: it is in this line's callback (which must
 * finish) or in another's (then none of this line runs). ctx->lock held.
 */
static void line_changed(struct gpioirq_line *line)
{
	struct gpioirq *ctx = line->ctx;

	__atomic_fetch_add(&line->gen, 1, __ATOMIC_SEQ_CST);
	if (gpioirq_ctx_is_consumer(ctx))
		return;
	/* Registered before the check: see gpioirq_ctx_wait_begin(). */
	__atomic_store_n(&ctx->change_waiters, ctx->change_waiters + 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&line->running, __ATOMIC_SEQ_CST))
		gpioirq_ctx_cond_wait(ctx, -1);
	__atomic_store_n(&ctx->change_waiters, ctx->change_waiters - 1, __ATOMIC_SEQ_CST);
}

GPIOIRQ_API void gpioirq_line_release(struct gpioirq_line *line)
{
	struct gpioirq_line_handle lh;
	struct gpioirq *ctx;
	bool waiters;

	if (!line)
		return;
	ctx = line->ctx;
	pthread_mutex_lock(&ctx->lock);
	if (line->released) {
		pthread_mutex_unlock(&ctx->lock);
		return;
	}
	line->released = true;
	ctx->lines[line->handle] = NULL;
	memset(&lh, 0, sizeof(lh));
	lh.handle = line->handle;
	/* Our side is gone whatever the module says. */
	gpioirq_ctx_ioctl(ctx, GPIOIRQ_IOC_LINE_RELEASE, &lh);
	gpioirq_line_queue_clear(line);
	/*
	 * A gpioirq_line_wait() on this line returns ECANCELED: wake it on the
	 * cond, or in poll() if it is the one consuming (refs beyond the table's).
	 */
	waiters = line->refs > 1 && !line->settings.callback;
	pthread_cond_broadcast(&ctx->cond);
	line_changed(line);
	gpioirq_line_unref(line);
	pthread_mutex_unlock(&ctx->lock);
	if (waiters)
		gpioirq_ctx_kick(ctx);
}

GPIOIRQ_API int gpioirq_line_reconfigure(struct gpioirq_line *line,
					 const struct gpioirq_line_settings *settings)
{
	struct gpioirq_line_settings s;
	struct gpioirq_line_reconfig rc;
	struct gpioirq *ctx;
	int ret, err;

	if (!line || !settings) {
		errno = EINVAL;
		return -1;
	}
	if (settings_normalize(settings, &s))
		return -1;
	settings = &s;
	ctx = line->ctx;
	memset(&rc, 0, sizeof(rc));
	pthread_mutex_lock(&ctx->lock);
	ret = settings_to_config(settings, line->serial, &rc.config);
	if (!ret) {
		rc.handle = line->handle;
		ret = gpioirq_ctx_ioctl(ctx, GPIOIRQ_IOC_LINE_RECONFIG, &rc);
	}
	err = errno;
	if (!ret) {
		/* Leaving wait mode, the queue would never be read. */
		if (!line->settings.callback && settings->callback)
			gpioirq_line_queue_clear(line);
		s.consumer = line->settings.consumer;
		line->settings = s;
		line_changed(line);
	}
	pthread_mutex_unlock(&ctx->lock);
	errno = err;
	return ret;
}

static int handle_ioctl(struct gpioirq_line *line, unsigned long req)
{
	struct gpioirq_line_handle lh;

	memset(&lh, 0, sizeof(lh));
	lh.handle = line->handle;
	return gpioirq_ctx_ioctl(line->ctx, req, &lh);
}

GPIOIRQ_API int gpioirq_line_mask(struct gpioirq_line *line)
{
	struct gpioirq *ctx;
	int ret, err;

	if (!line) {
		errno = EINVAL;
		return -1;
	}
	ctx = line->ctx;
	pthread_mutex_lock(&ctx->lock);
	ret = handle_ioctl(line, GPIOIRQ_IOC_LINE_MASK);
	err = errno;
	if (!ret) {
		line->masked = true;
		line_changed(line);
	}
	pthread_mutex_unlock(&ctx->lock);
	errno = err;
	return ret;
}

GPIOIRQ_API int gpioirq_line_unmask(struct gpioirq_line *line)
{
	struct gpioirq *ctx;
	bool kick = false;
	int ret, err;

	if (!line) {
		errno = EINVAL;
		return -1;
	}
	ctx = line->ctx;
	pthread_mutex_lock(&ctx->lock);
	ret = handle_ioctl(line, GPIOIRQ_IOC_LINE_UNMASK);
	err = errno;
	if (!ret && line->masked) {
		line->masked = false;
		__atomic_fetch_add(&line->gen, 1, __ATOMIC_SEQ_CST);
		if (line->settings.callback && line->q_len) {
			__atomic_store_n(&ctx->held_pending, true, __ATOMIC_SEQ_CST);
			kick = true;
		}
	}
	pthread_mutex_unlock(&ctx->lock);
	if (kick)
		gpioirq_ctx_kick(ctx);
	errno = err;
	return ret;
}

GPIOIRQ_API int gpioirq_line_get_value(struct gpioirq_line *line)
{
	struct gpioirq_line_value lv;

	if (!line) {
		errno = EINVAL;
		return -1;
	}
	memset(&lv, 0, sizeof(lv));
	lv.handle = line->handle;
	if (gpioirq_ctx_ioctl(line->ctx, GPIOIRQ_IOC_LINE_GET_VALUE, &lv))
		return -1;
	return lv.value ? 1 : 0;
}

GPIOIRQ_API int gpioirq_line_get_stats(struct gpioirq_line *line,
				       struct gpioirq_line_stats *stats)
{
	if (!line || !stats) {
		errno = EINVAL;
		return -1;
	}
	memset(stats, 0, sizeof(*stats));
	stats->handle = line->handle;
	return gpioirq_ctx_ioctl(line->ctx, GPIOIRQ_IOC_LINE_STATS, stats);
}

GPIOIRQ_API int gpioirq_line_get_handle(struct gpioirq_line *line)
{
	if (!line) {
		errno = EINVAL;
		return -1;
	}
	return (int)line->handle;
}

GPIOIRQ_API int gpioirq_line_get_offset(struct gpioirq_line *line)
{
	if (!line) {
		errno = EINVAL;
		return -1;
	}
	return (int)line->offset;
}

GPIOIRQ_API const char *gpioirq_line_get_chip_name(struct gpioirq_line *line)
{
	if (!line) {
		errno = EINVAL;
		return NULL;
	}
	return line->chip;
}

GPIOIRQ_API void *gpioirq_line_get_user_data(struct gpioirq_line *line)
{
	void *data;

	if (!line)
		return NULL;
	pthread_mutex_lock(&line->ctx->lock);
	data = line->settings.user_data;
	pthread_mutex_unlock(&line->ctx->lock);
	return data;
}

GPIOIRQ_API struct gpioirq_line *gpioirq_event_get_line(const struct gpioirq_event *ev)
{
	if (!ev)
		return NULL;
	return ((const struct gpioirq_lib_event *)ev)->line;
}

/* The consumer's own test (lib/dispatch.c), for any copy of an event. */
GPIOIRQ_API struct gpioirq_line *gpioirq_event_find_line(struct gpioirq *ctx,
							 const struct gpioirq_event *ev)
{
	struct gpioirq_line *line;

	if (!ctx || !ev) {
		errno = EINVAL;
		return NULL;
	}
	pthread_mutex_lock(&ctx->lock);
	line = ev->handle < GPIOIRQ_MAX_LINES ? ctx->lines[ev->handle] : NULL;
	if (line && line->serial != ev->cookie)
		line = NULL;
	pthread_mutex_unlock(&ctx->lock);
	if (!line)
		errno = ENOENT;
	return line;
}

/* The queue: a ring of GPIOIRQ_LINE_QUEUE_EVENTS. ctx->lock held. */
void gpioirq_line_queue_push(struct gpioirq_line *line, const struct gpioirq_event *ev)
{
	if (line->q_len == GPIOIRQ_LINE_QUEUE_EVENTS) {
		line->q_first = (line->q_first + 1) % GPIOIRQ_LINE_QUEUE_EVENTS;
		line->q_len--;
		gpioirq_stat_add(&line->ctx->stats.unclaimed, 1);
	}
	line->q[(line->q_first + line->q_len) % GPIOIRQ_LINE_QUEUE_EVENTS] = *ev;
	line->q_len++;
}

void gpioirq_line_queue_clear(struct gpioirq_line *line)
{
	line->q_first = 0;
	line->q_len = 0;
}

/* gpioirq_close(): no other thread may use the context any more. */
void gpioirq_line_free_all(struct gpioirq *ctx)
{
	unsigned int i;

	for (i = 0; i < GPIOIRQ_MAX_LINES; i++) {
		free(ctx->lines[i]);
		ctx->lines[i] = NULL;
	}
}
