// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/* The fake module of the unit tests: see fake.h. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/ring.h"
#include "fake.h"

uint64_t fake_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static int fake_line_request(struct fake *f, struct gpioirq_line_request *req)
{
	uint32_t flags = req->config.flags, bias;
	uint32_t h;

	if ((flags & ~(uint32_t)GPIOIRQ_LINE_FLAGS_ALL) || !(flags & GPIOIRQ_LINE_EDGE_BOTH))
		return EINVAL;
	bias = flags & (GPIOIRQ_LINE_BIAS_PULL_UP | GPIOIRQ_LINE_BIAS_PULL_DOWN |
			GPIOIRQ_LINE_BIAS_DISABLED);
	if (bias & (bias - 1))
		return EINVAL;
	if (strcmp(req->chip, "fake0") && strcmp(req->chip, "fake-chip"))
		return ENODEV;
	if (req->offset >= 8)
		return EINVAL;
	for (h = 0; h < GPIOIRQ_MAX_LINES; h++)
		if (f->lines[h].used && f->lines[h].req.offset == req->offset)
			return EBUSY;
	for (h = 0; h < GPIOIRQ_MAX_LINES && f->lines[h].used; h++)
		;
	if (h == GPIOIRQ_MAX_LINES)
		return ENOSPC;
	if (req->consumer && !(f->features & GPIOIRQ_FEATURE_CONSUMER))
		return EINVAL;	/* an old module: a reserved field */
	req->handle = h;
	memset(&f->lines[h], 0, sizeof(f->lines[h]));
	f->lines[h].used = true;
	f->lines[h].req = *req;
	/* The module's copy, as gpiolib's label shows it. */
	snprintf(f->lines[h].consumer, sizeof(f->lines[h].consumer), "%s",
		 req->consumer ? (const char *)(uintptr_t)req->consumer : GPIOIRQ_CONSUMER);
	return 0;
}

static struct fake_line *fake_handle(struct fake *f, uint32_t handle)
{
	if (handle >= GPIOIRQ_MAX_LINES || !f->lines[handle].used)
		return NULL;
	return &f->lines[handle];
}

static int fake_ioctl_locked(struct fake *f, unsigned long req, void *arg)
{
	struct fake_line *fl;

	if (f->fail_req == req) {
		f->fail_req = 0;
		return f->fail_errno;
	}
	switch (req) {
	case GPIOIRQ_IOC_INFO: {
		struct gpioirq_info *info = arg;

		memset(info, 0, sizeof(*info));
		info->abi_version = GPIOIRQ_ABI_VERSION;
		info->event_size = sizeof(struct gpioirq_event);
		strcpy(info->version, "fake");
		info->ring_default_entries = GPIOIRQ_RING_DEFAULT_ENTRIES;
		info->ring_max_entries = GPIOIRQ_RING_MAX_ENTRIES;
		info->max_lines = GPIOIRQ_MAX_LINES;
		info->features = f->features;
		f->infos++;
		return 0;
	}
	case GPIOIRQ_IOC_LINE_REQUEST:
		return fake_line_request(f, arg);
	case GPIOIRQ_IOC_LINE_RELEASE:
		fl = fake_handle(f, ((struct gpioirq_line_handle *)arg)->handle);
		if (!fl)
			return EINVAL;
		fl->used = false;
		f->releases++;
		return 0;
	case GPIOIRQ_IOC_LINE_RECONFIG: {
		struct gpioirq_line_reconfig *rc = arg;

		fl = fake_handle(f, rc->handle);
		if (!fl || rc->config.bh != fl->req.config.bh)
			return EINVAL;
		fl->req.config = rc->config;
		return 0;
	}
	case GPIOIRQ_IOC_LINE_MASK:
	case GPIOIRQ_IOC_LINE_UNMASK:
		fl = fake_handle(f, ((struct gpioirq_line_handle *)arg)->handle);
		if (!fl)
			return EINVAL;
		fl->masked = req == GPIOIRQ_IOC_LINE_MASK;
		return 0;
	case GPIOIRQ_IOC_LINE_GET_VALUE: {
		struct gpioirq_line_value *lv = arg;

		fl = fake_handle(f, lv->handle);
		if (!fl)
			return EINVAL;
		lv->value = fl->value;
		return 0;
	}
	case GPIOIRQ_IOC_LINE_STATS: {
		struct gpioirq_line_stats *st = arg;

		fl = fake_handle(f, st->handle);
		if (!fl)
			return EINVAL;
		st->events = fl->line_seqno;
		st->edges = fl->line_seqno;
		return 0;
	}
	}
	return ENOTTY;
}

static int fake_ioctl(struct gpioirq *ctx, unsigned long req, void *arg)
{
	struct fake *f = ctx->ops_priv;
	int err;

	pthread_mutex_lock(&f->lock);
	err = fake_ioctl_locked(f, req, arg);
	pthread_mutex_unlock(&f->lock);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

/* poll() saw the eventfd: clear it, as the real device is level-triggered. */
static void fake_ack(struct gpioirq *ctx)
{
	struct fake *f = ctx->ops_priv;
	void (*hook)(struct fake *) = __atomic_load_n(&f->on_ack, __ATOMIC_ACQUIRE);
	uint64_t v;

	if (hook)
		hook(f);
	if (read(ctx->fd, &v, sizeof(v)) < 0)
		return;
}

static const struct gpioirq_ops fake_ops = {
	.ioctl = fake_ioctl,
	.ack = fake_ack,
};

struct fake *fake_new(uint32_t entries)
{
	size_t prod_size = 4096 + (size_t)entries * sizeof(struct gpioirq_event);
	struct fake *f = calloc(1, sizeof(*f));
	int fd;

	if (!f)
		return NULL;
	prod_size = (prod_size + 4095) & ~(size_t)4095;
	f->prod = aligned_alloc(4096, prod_size);
	f->cons = aligned_alloc(4096, 4096);
	memset(f->prod, 0, prod_size);
	memset(f->cons, 0, 4096);
	f->ctrl = f->prod;
	f->slots = (struct gpioirq_event *)((char *)f->prod + 4096);
	f->ctrl->entries = entries;
	f->ctrl->mask = entries - 1;
	f->ctrl->event_size = sizeof(struct gpioirq_event);
	f->ctrl->abi_version = GPIOIRQ_ABI_VERSION;
	f->features = GPIOIRQ_FEATURE_CONSUMER;
	pthread_mutex_init(&f->lock, NULL);

	f->lay.entries = entries;
	f->lay.event_size = sizeof(struct gpioirq_event);
	f->lay.mask = entries - 1;
	f->lay.producer_offset = GPIOIRQ_MMAP_PRODUCER;
	f->lay.producer_size = prod_size;
	f->lay.consumer_offset = GPIOIRQ_MMAP_CONSUMER;
	f->lay.consumer_size = 4096;
	f->lay.head_offset = offsetof(struct gpioirq_ring_ctrl, head);
	f->lay.dropped_offset = offsetof(struct gpioirq_ring_ctrl, dropped);
	f->lay.events_offset = 4096;
	f->lay.tail_offset = offsetof(struct gpioirq_ring_consumer, tail);
	f->lay.wakeup_offset = offsetof(struct gpioirq_ring_consumer, wakeup);

	fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	f->wake_fd = dup(fd);
	f->ctx = gpioirq_ctx_new(fd, &f->lay, f->prod, f->cons, &fake_ops, f);
	if (!f->ctx) {
		fake_free(f);
		return NULL;
	}
	return f;
}

void fake_free(struct fake *f)
{
	if (!f)
		return;
	gpioirq_close(f->ctx);
	close(f->wake_fd);
	pthread_mutex_destroy(&f->lock);
	free(f->cons);
	free(f->prod);
	free(f);
}

static uint64_t load_tail(struct fake *f)
{
	/* A: the kernel's load-acquire of tail. */
	return __atomic_load_n(&f->cons->tail, __ATOMIC_ACQUIRE);
}

uint64_t fake_tail(struct fake *f)
{
	return load_tail(f);
}

/* f->lock held. As gpioirq_ring_space() + _write() + _commit() + _wake(). */
static bool publish_locked(struct fake *f, struct gpioirq_event *ev)
{
	uint64_t one = 1;

	ev->seqno = ++f->seqno;
	if (f->head - load_tail(f) >= f->lay.entries) {
		f->dropped++;
		__atomic_store_n(&f->ctrl->dropped, f->dropped, __ATOMIC_RELAXED);
		return false;
	}
	f->slots[f->head & f->lay.mask] = *ev;
	f->head++;
	/* B: store-release of head. */
	__atomic_store_n(&f->ctrl->head, f->head, __ATOMIC_RELEASE);
	/* C: full barrier between the head store and the wakeup load. */
	gpioirq_smp_mb();
	if (__atomic_load_n(&f->cons->wakeup, __ATOMIC_RELAXED)) {
		f->wakes++;
		if (write(f->wake_fd, &one, sizeof(one)) < 0)
			return true;
	}
	return true;
}

/*
 * Publishes an event of @type for @handle at @ts: an edge to @level with
 * @flags, or the line's CHIP_GONE (its line_seqno counts the edges so far).
 */
static bool publish_event(struct fake *f, uint32_t handle, uint8_t type, int level, uint64_t ts,
			  uint8_t flags)
{
	struct gpioirq_event ev;
	struct fake_line *fl;
	bool edge = type == GPIOIRQ_EVENT_EDGE, ok;

	memset(&ev, 0, sizeof(ev));
	pthread_mutex_lock(&f->lock);
	fl = handle < GPIOIRQ_MAX_LINES ? &f->lines[handle] : NULL;
	ev.timestamp_ns = ts;
	ev.handle = handle;
	ev.type = type;
	if (edge) {
		ev.edge = level ? GPIOIRQ_EDGE_RISING : GPIOIRQ_EDGE_FALLING;
		ev.level = level ? GPIOIRQ_LEVEL_HIGH : GPIOIRQ_LEVEL_LOW;
		ev.flags = flags;
		ev.bh_delay_ns = 1000;
	}
	if (fl) {
		ev.cookie = fl->req.config.cookie;
		ev.line_seqno = edge ? ++fl->line_seqno : fl->line_seqno;
	}
	if (fl && edge) {
		ev.pulse_ns = fl->last_ts ? ts - fl->last_ts : 0;
		fl->last_ts = ts;
		fl->value = level ? 1 : 0;
	}
	ok = publish_locked(f, &ev);
	pthread_mutex_unlock(&f->lock);
	return ok;
}

bool fake_edge_at(struct fake *f, uint32_t handle, int level, uint64_t ts, uint8_t flags)
{
	return publish_event(f, handle, GPIOIRQ_EVENT_EDGE, level, ts, flags);
}

bool fake_chip_gone(struct fake *f, uint32_t handle)
{
	return publish_event(f, handle, GPIOIRQ_EVENT_CHIP_GONE, 0, fake_now_ns(), 0);
}

bool fake_edge(struct fake *f, uint32_t handle, int level)
{
	return fake_edge_at(f, handle, level, fake_now_ns(), 0);
}

void fake_edge_wait_space(struct fake *f, uint32_t handle, int level)
{
	for (;;) {
		pthread_mutex_lock(&f->lock);
		if (f->head - load_tail(f) < f->lay.entries) {
			pthread_mutex_unlock(&f->lock);
			break;
		}
		pthread_mutex_unlock(&f->lock);
		sched_yield();
	}
	fake_edge(f, handle, level);
}

void fake_set_head(struct fake *f, uint64_t head)
{
	pthread_mutex_lock(&f->lock);
	f->head = head;
	__atomic_store_n(&f->ctrl->head, head, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&f->lock);
}

void fake_wait_armed(struct fake *f)
{
	while (!__atomic_load_n(&f->cons->wakeup, __ATOMIC_ACQUIRE))
		sched_yield();
}
