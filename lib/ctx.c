// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The context: the open device, its mapped ring, the line table, and the
 * helpers every other file uses (locking, time, the kick).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "ring.h"

/* The uAPI's sizes, as the module asserts them: a mismatch is another ABI. */
_Static_assert(sizeof(struct gpioirq_line_config) == 48, "line_config");
_Static_assert(sizeof(struct gpioirq_line_request) == 104, "line_request");
_Static_assert(sizeof(struct gpioirq_line_reconfig) == 56, "line_reconfig");
_Static_assert(sizeof(struct gpioirq_line_handle) == 8, "line_handle");
_Static_assert(sizeof(struct gpioirq_line_value) == 8, "line_value");
_Static_assert(sizeof(struct gpioirq_line_stats) == 104, "line_stats");
_Static_assert(sizeof(struct gpioirq_info) == 144, "info");
_Static_assert(sizeof(struct gpioirq_ring_layout) == 104, "ring_layout");
_Static_assert(sizeof(struct gpioirq_ring_ctrl) == 64, "ring_ctrl");
_Static_assert(sizeof(struct gpioirq_ring_consumer) == 16, "ring_consumer");
_Static_assert(sizeof(struct gpioirq_event) == 64, "event");

GPIOIRQ_API const char *gpioirq_version_string(void)
{
	return GPIOIRQ_VERSION_STRING;
}

int64_t gpioirq_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* -1 means forever; a timeout of 0 is a deadline already past. */
int64_t gpioirq_deadline_ns(int timeout_ms)
{
	if (timeout_ms < 0)
		return -1;
	return gpioirq_now_ns() + (int64_t)timeout_ms * 1000000;
}

/*
 * Waiting on ctx->cond, with ctx->lock held:
 *	gpioirq_ctx_wait_begin(ctx);
 *	while (!condition)
 *		if (gpioirq_ctx_cond_wait(ctx, deadline_ns)) break;
 *	gpioirq_ctx_wait_end(ctx);
 * The count goes up (seq_cst) before the condition is first checked, so a
 * thread that changes the condition and then calls gpioirq_ctx_broadcast()
 * cannot miss us, even when the condition is an atomic outside the lock.
 */
void gpioirq_ctx_wait_begin(struct gpioirq *ctx)
{
	__atomic_store_n(&ctx->cond_waiters, ctx->cond_waiters + 1, __ATOMIC_SEQ_CST);
}

void gpioirq_ctx_wait_end(struct gpioirq *ctx)
{
	__atomic_store_n(&ctx->cond_waiters, ctx->cond_waiters - 1, __ATOMIC_SEQ_CST);
}

/* Return: 0 when woken (maybe spuriously), ETIMEDOUT after @deadline_ns. */
int gpioirq_ctx_cond_wait(struct gpioirq *ctx, int64_t deadline_ns)
{
	struct timespec ts;

	if (deadline_ns < 0)
		return pthread_cond_wait(&ctx->cond, &ctx->lock);
	ts.tv_sec = deadline_ns / 1000000000;
	ts.tv_nsec = deadline_ns % 1000000000;
	return pthread_cond_timedwait(&ctx->cond, &ctx->lock, &ts);
}

/*
 * Wakes every thread in gpioirq_ctx_cond_wait(), if there is one: the lock
 * is only taken then, so the fast path pays one load. A waiter registers
 * (seq_cst) before it checks its condition, under the lock; we change the
 * condition before this load: either it sees the change or we see it.
 */
void gpioirq_ctx_broadcast(struct gpioirq *ctx)
{
	if (!__atomic_load_n(&ctx->cond_waiters, __ATOMIC_SEQ_CST))
		return;
	pthread_mutex_lock(&ctx->lock);
	pthread_cond_broadcast(&ctx->cond);
	pthread_mutex_unlock(&ctx->lock);
}

/*
 * Makes the consumer look at held events or the stop flag. Kicks are rare
 * (an unmask with events held, a thread stop), so each one writes; the
 * write comes before the flag, see unkick() in lib/dispatch.c.
 */
void gpioirq_ctx_kick(struct gpioirq *ctx)
{
	uint64_t one = 1;

	/* An eventfd write only fails when the counter would overflow. */
	if (write(ctx->evfd, &one, sizeof(one)) < 0)
		return;
	__atomic_store_n(&ctx->kicked, 1, __ATOMIC_SEQ_CST);
}

bool gpioirq_ctx_is_consumer(struct gpioirq *ctx)
{
	return __atomic_load_n(&ctx->consumer_self, __ATOMIC_RELAXED) ==
	       (uintptr_t)pthread_self();
}

int gpioirq_ctx_ioctl(struct gpioirq *ctx, unsigned long req, void *arg)
{
	if (ctx->ops && ctx->ops->ioctl)
		return ctx->ops->ioctl(ctx, req, arg);
	return ioctl(ctx->fd, req, arg);
}

static bool is_pow2(uint64_t v)
{
	return v && !(v & (v - 1));
}

/* The module must speak our ABI: EPROTO otherwise (documented at open). */
int gpioirq_info_check(const struct gpioirq_info *info)
{
	if (info->abi_version != GPIOIRQ_ABI_VERSION ||
	    info->event_size != sizeof(struct gpioirq_event)) {
		errno = EPROTO;
		return -1;
	}
	return 0;
}

/*
 * The layout GPIOIRQ_IOC_RING_SETUP reported must describe the structs this
 * library was built with: anything else means another ABI.
 */
int gpioirq_ring_layout_check(const struct gpioirq_ring_layout *lay)
{
	uint64_t slots_end;

	if (!lay) {
		errno = EINVAL;
		return -1;
	}
	slots_end = (uint64_t)lay->events_offset + (uint64_t)lay->entries * lay->event_size;
	if (!is_pow2(lay->entries) || lay->entries > GPIOIRQ_RING_MAX_ENTRIES ||
	    lay->mask != lay->entries - 1 || lay->event_size != sizeof(struct gpioirq_event) ||
	    lay->head_offset != offsetof(struct gpioirq_ring_ctrl, head) ||
	    lay->dropped_offset != offsetof(struct gpioirq_ring_ctrl, dropped) ||
	    lay->tail_offset != offsetof(struct gpioirq_ring_consumer, tail) ||
	    lay->wakeup_offset != offsetof(struct gpioirq_ring_consumer, wakeup) ||
	    lay->events_offset < sizeof(struct gpioirq_ring_ctrl) ||
	    lay->events_offset % _Alignof(struct gpioirq_event) ||
	    slots_end > lay->producer_size ||
	    lay->consumer_size < sizeof(struct gpioirq_ring_consumer)) {
		errno = EPROTO;
		return -1;
	}
	return 0;
}

/*
 * A context over a ring already in memory: gpioirq_open() passes the device
 * and its mappings; the unit tests pass a fake fd and plain memory. Takes
 * ownership of @fd (closed on failure too), not of the mappings.
 */
struct gpioirq *gpioirq_ctx_new(int fd, const struct gpioirq_ring_layout *lay, void *prod,
				void *cons, const struct gpioirq_ops *ops, void *priv)
{
	struct epoll_event ee = { .events = EPOLLIN };
	pthread_condattr_t cattr;
	struct gpioirq *ctx;
	int err;

	if (gpioirq_ring_layout_check(lay))
		goto err_close;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		goto err_close;
	ctx->fd = fd;
	ctx->ops = ops;
	ctx->ops_priv = priv;
	ctx->next_serial = 1;
	ctx->ring.ctrl = prod;
	ctx->ring.events = (const struct gpioirq_event *)((const char *)prod + lay->events_offset);
	ctx->ring.cons = cons;
	ctx->ring.entries = lay->entries;
	ctx->ring.mask = lay->mask;
	/* Our copy of tail is the truth from now on; the page's only seeds it. */
	ctx->ring.tail = __atomic_load_n(&ctx->ring.cons->tail, __ATOMIC_RELAXED);

	ctx->evfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (ctx->evfd < 0)
		goto err_free;
	ctx->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (ctx->epfd < 0)
		goto err_evfd;
	ee.data.fd = fd;
	if (epoll_ctl(ctx->epfd, EPOLL_CTL_ADD, fd, &ee))
		goto err_epfd;
	ee.data.fd = ctx->evfd;
	if (epoll_ctl(ctx->epfd, EPOLL_CTL_ADD, ctx->evfd, &ee))
		goto err_epfd;

	pthread_condattr_init(&cattr);
	pthread_condattr_setclock(&cattr, CLOCK_MONOTONIC);
	err = pthread_cond_init(&ctx->cond, &cattr);
	pthread_condattr_destroy(&cattr);
	if (err) {
		errno = err;
		goto err_epfd;
	}
	pthread_mutex_init(&ctx->lock, NULL);
	/*
	 * Armed from the start: an event loop (mode b) that waits on the fd
	 * before its first gpioirq_dispatch() still wakes on the first event.
	 */
	gpioirq_ring_arm(&ctx->ring);
	return ctx;

err_epfd:
	err = errno;
	close(ctx->epfd);
	errno = err;
err_evfd:
	err = errno;
	close(ctx->evfd);
	errno = err;
err_free:
	free(ctx);
err_close:
	err = errno;
	close(fd);
	errno = err;
	return NULL;
}

static struct gpioirq *open_device(const char *path, uint32_t entries)
{
	struct gpioirq_ring_layout lay = { .entries = entries };
	struct gpioirq_info info;
	void *prod, *cons;
	struct gpioirq *ctx;
	int fd, err;

	fd = open(path ? path : GPIOIRQ_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	memset(&info, 0, sizeof(info));
	if (ioctl(fd, GPIOIRQ_IOC_INFO, &info))
		goto err_close;
	if (gpioirq_info_check(&info))
		goto err_close;
	if (ioctl(fd, GPIOIRQ_IOC_RING_SETUP, &lay))
		goto err_close;
	if (gpioirq_ring_layout_check(&lay))
		goto err_close;
	prod = mmap(NULL, lay.producer_size, PROT_READ, MAP_SHARED, fd, lay.producer_offset);
	if (prod == MAP_FAILED)
		goto err_close;
	cons = mmap(NULL, lay.consumer_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		    lay.consumer_offset);
	if (cons == MAP_FAILED)
		goto err_unmap_prod;
	ctx = gpioirq_ctx_new(fd, &lay, prod, cons, NULL, NULL);
	if (!ctx)
		goto err_unmap_cons_noclose;
	ctx->prod_map = prod;
	ctx->prod_size = lay.producer_size;
	ctx->cons_map = cons;
	ctx->cons_size = lay.consumer_size;
	return ctx;

err_unmap_cons_noclose:
	/* gpioirq_ctx_new() closed fd already */
	err = errno;
	munmap(cons, lay.consumer_size);
	munmap(prod, lay.producer_size);
	errno = err;
	return NULL;
err_unmap_prod:
	err = errno;
	munmap(prod, lay.producer_size);
	errno = err;
err_close:
	err = errno;
	close(fd);
	errno = err;
	return NULL;
}

GPIOIRQ_API struct gpioirq *gpioirq_open(const char *path)
{
	return open_device(path, 0);
}

GPIOIRQ_API struct gpioirq *gpioirq_open_ring(const char *path, uint32_t entries)
{
	if (entries && (!is_pow2(entries) || entries < GPIOIRQ_RING_MIN_ENTRIES ||
			entries > GPIOIRQ_RING_MAX_ENTRIES)) {
		errno = EINVAL;
		return NULL;
	}
	return open_device(path, entries);
}

GPIOIRQ_API int gpioirq_close(struct gpioirq *ctx)
{
	if (!ctx)
		return 0;
	if (gpioirq_ctx_is_consumer(ctx)) {
		errno = EDEADLK;
		return -1;
	}
	gpioirq_thread_stop(ctx);
	/* Closing the device releases the module's side of every line. */
	gpioirq_line_free_all(ctx);
	close(ctx->epfd);
	close(ctx->evfd);
	close(ctx->fd);
	if (ctx->cons_map)
		munmap(ctx->cons_map, ctx->cons_size);
	if (ctx->prod_map)
		munmap(ctx->prod_map, ctx->prod_size);
	pthread_cond_destroy(&ctx->cond);
	pthread_mutex_destroy(&ctx->lock);
	free(ctx);
	return 0;
}

GPIOIRQ_API int gpioirq_get_fd(struct gpioirq *ctx)
{
	if (!ctx) {
		errno = EINVAL;
		return -1;
	}
	return ctx->epfd;
}

GPIOIRQ_API int gpioirq_get_info(struct gpioirq *ctx, struct gpioirq_info *info)
{
	if (!ctx || !info) {
		errno = EINVAL;
		return -1;
	}
	memset(info, 0, sizeof(*info));
	return gpioirq_ctx_ioctl(ctx, GPIOIRQ_IOC_INFO, info);
}

GPIOIRQ_API uint32_t gpioirq_get_ring_entries(struct gpioirq *ctx)
{
	if (!ctx) {
		errno = EINVAL;
		return 0;
	}
	return ctx->ring.entries;
}

GPIOIRQ_API int gpioirq_set_busy_poll(struct gpioirq *ctx, uint32_t busy_poll_us)
{
	if (!ctx || busy_poll_us > 1000000) {
		errno = EINVAL;
		return -1;
	}
	__atomic_store_n(&ctx->busy_poll_us, busy_poll_us, __ATOMIC_RELAXED);
	return 0;
}

GPIOIRQ_API int gpioirq_set_drop_callback(struct gpioirq *ctx, gpioirq_drop_callback_t cb,
					  void *arg)
{
	if (!ctx) {
		errno = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&ctx->lock);
	ctx->drop_cb = cb;
	ctx->drop_arg = arg;
	pthread_mutex_unlock(&ctx->lock);
	return 0;
}

GPIOIRQ_API int gpioirq_get_stats(struct gpioirq *ctx, struct gpioirq_stats *stats)
{
	const struct gpioirq_stats *s;

	if (!ctx || !stats) {
		errno = EINVAL;
		return -1;
	}
	s = &ctx->stats;
	memset(stats, 0, sizeof(*stats));
	stats->events = gpioirq_stat_read(&s->events);
	stats->callbacks = gpioirq_stat_read(&s->callbacks);
	stats->lost = gpioirq_stat_read(&s->lost);
	stats->ring_dropped = __atomic_load_n(&ctx->ring.ctrl->dropped, __ATOMIC_RELAXED);
	stats->bad_heads = gpioirq_stat_read(&s->bad_heads);
	stats->stale = gpioirq_stat_read(&s->stale);
	stats->unclaimed = gpioirq_stat_read(&s->unclaimed);
	stats->sleeps = gpioirq_stat_read(&s->sleeps);
	return 0;
}
