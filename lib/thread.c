// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The built-in dispatcher thread (mode c): holds the consumer role from
 * start to stop and runs every callback of its context.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "internal.h"

GPIOIRQ_API void gpioirq_thread_config_init(struct gpioirq_thread_config *cfg)
{
	if (!cfg)
		return;
	memset(cfg, 0, sizeof(*cfg));
	cfg->sched_priority = 0;
	cfg->cpu = -1;
}

static void *thread_main(void *arg)
{
	struct gpioirq *ctx = arg;
	bool dead = false;

	pthread_mutex_lock(&ctx->lock);
	/* Someone in gpioirq_dispatch()/gpioirq_line_wait(): take over after. */
	gpioirq_ctx_wait_begin(ctx);
	while (ctx->consuming && !__atomic_load_n(&ctx->thread_stop, __ATOMIC_SEQ_CST))
		gpioirq_ctx_cond_wait(ctx, -1);
	gpioirq_ctx_wait_end(ctx);
	if (__atomic_load_n(&ctx->thread_stop, __ATOMIC_SEQ_CST)) {
		pthread_mutex_unlock(&ctx->lock);
		return NULL;
	}
	gpioirq_role_take(ctx);
	pthread_mutex_unlock(&ctx->lock);

	while (!__atomic_load_n(&ctx->thread_stop, __ATOMIC_SEQ_CST)) {
		/* EINTR: a signal for the process landed here; go on. A kick
		 * returns here to look at the stop flag. No kick for events
		 * left pending on return: we take them next.
		 */
		if (gpioirq_consume_wait(ctx, -1, GPIOIRQ_CW_KICK_RETURNS | GPIOIRQ_CW_AGAIN) < 0 &&
		    errno != EINTR) {
			dead = true;
			break;
		}
	}
	/* Whoever consumes after us, through the fd too, sees what is left. */
	gpioirq_consume_done(ctx);

	pthread_mutex_lock(&ctx->lock);
	/* Waiters consume themselves from now on. */
	ctx->thread_dead = dead;
	gpioirq_role_leave(ctx);
	pthread_mutex_unlock(&ctx->lock);
	return NULL;
}

static int check_config(const struct gpioirq_thread_config *cfg)
{
	unsigned int i;

	for (i = 0; i < sizeof(cfg->reserved) / sizeof(cfg->reserved[0]); i++)
		if (cfg->reserved[i])
			return -1;
	if (cfg->sched_priority < 0 || cfg->sched_priority > 99)
		return -1;
	if (cfg->cpu < -1 || cfg->cpu >= CPU_SETSIZE)
		return -1;
	return 0;
}

GPIOIRQ_API int gpioirq_thread_start(struct gpioirq *ctx, const struct gpioirq_thread_config *cfg)
{
	struct gpioirq_thread_config defaults;
	struct sched_param sp;
	pthread_attr_t attr;
	cpu_set_t cpus;
	bool kick;
	int err;

	if (!cfg) {
		gpioirq_thread_config_init(&defaults);
		cfg = &defaults;
	}
	if (!ctx || check_config(cfg)) {
		errno = EINVAL;
		return -1;
	}
	if (gpioirq_ctx_is_consumer(ctx)) {
		errno = EDEADLK;
		return -1;
	}
	pthread_attr_init(&attr);
	if (cfg->sched_priority) {
		/* Set at creation: no callback ever runs at another priority. */
		memset(&sp, 0, sizeof(sp));
		sp.sched_priority = cfg->sched_priority;
		pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
		pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
		pthread_attr_setschedparam(&attr, &sp);
	}
	if (cfg->cpu >= 0) {
		CPU_ZERO(&cpus);
		CPU_SET(cfg->cpu, &cpus);
		pthread_attr_setaffinity_np(&attr, sizeof(cpus), &cpus);
	}

	pthread_mutex_lock(&ctx->lock);
	if (ctx->thread_running) {
		pthread_mutex_unlock(&ctx->lock);
		pthread_attr_destroy(&attr);
		errno = EBUSY;
		return -1;
	}
	__atomic_store_n(&ctx->thread_stop, 0, __ATOMIC_SEQ_CST);
	/*
	 * Created under the lock: the thread's first act is to take it, so
	 * ctx->thread is written before anyone (stop included) reads it.
	 */
	err = pthread_create(&ctx->thread, &attr, thread_main, ctx);
	if (!err)
		ctx->thread_running = true;
	kick = !err && ctx->consuming;
	pthread_mutex_unlock(&ctx->lock);
	pthread_attr_destroy(&attr);
	/* A gpioirq_line_wait() asleep in poll() hands the ring over now. */
	if (kick)
		gpioirq_ctx_kick(ctx);
	if (err) {
		/* EPERM: SCHED_FIFO not allowed; EINVAL: no such CPU. */
		errno = err;
		return -1;
	}
	return 0;
}

GPIOIRQ_API int gpioirq_thread_stop(struct gpioirq *ctx)
{
	pthread_t thread;

	if (!ctx) {
		errno = EINVAL;
		return -1;
	}
	/*
	 * From a callback: the dispatcher thread would join itself, and any
	 * other consumer holds the role the thread may be waiting for.
	 */
	if (gpioirq_ctx_is_consumer(ctx)) {
		errno = EDEADLK;
		return -1;
	}
	pthread_mutex_lock(&ctx->lock);
	if (ctx->thread_running && pthread_equal(ctx->thread, pthread_self())) {
		pthread_mutex_unlock(&ctx->lock);
		errno = EDEADLK;
		return -1;
	}
	if (ctx->thread_stopping) {
		/* Another thread stops it: return when it is gone. */
		gpioirq_ctx_wait_begin(ctx);
		while (ctx->thread_running)
			gpioirq_ctx_cond_wait(ctx, -1);
		gpioirq_ctx_wait_end(ctx);
		pthread_mutex_unlock(&ctx->lock);
		return 0;
	}
	if (!ctx->thread_running) {
		pthread_mutex_unlock(&ctx->lock);
		return 0;
	}
	ctx->thread_stopping = true;
	thread = ctx->thread;
	__atomic_store_n(&ctx->thread_stop, 1, __ATOMIC_SEQ_CST);
	pthread_cond_broadcast(&ctx->cond);
	pthread_mutex_unlock(&ctx->lock);

	gpioirq_ctx_kick(ctx);
	pthread_join(thread, NULL);

	pthread_mutex_lock(&ctx->lock);
	ctx->thread_running = false;
	ctx->thread_stopping = false;
	ctx->thread_dead = false;
	__atomic_store_n(&ctx->thread_stop, 0, __ATOMIC_SEQ_CST);
	pthread_cond_broadcast(&ctx->cond);
	pthread_mutex_unlock(&ctx->lock);
	return 0;
}
