// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The dispatcher thread with SCHED_FIFO priority 50 pinned to the last CPU:
 * every callback runs with that policy, priority and CPU (root in the
 * guest may use SCHED_FIFO).
 */
#include "libtest.h"

static int policy = -1, priority = -1, cpu = -1;

static void cb(const struct gpioirq_event *ev, void *arg)
{
	struct sched_param sp;

	pthread_getschedparam(pthread_self(), &policy, &sp);
	priority = sp.sched_priority;
	cpu = sched_getcpu();
	lt_count_cb(ev, arg);
}

int main(void)
{
	struct gpioirq_thread_config cfg;
	struct gpioirq *ctx = lt_setup();
	struct lt_count c = { 0 };
	int last = (int)sysconf(_SC_NPROCESSORS_ONLN) - 1;

	lt_request(ctx, 0, cb, &c);
	gpioirq_thread_config_init(&cfg);
	cfg.sched_priority = 50;
	cfg.cpu = last;
	EXPECT_OK(gpioirq_thread_start(ctx, &cfg));
	EXPECT_OK(sim_set_level(0, 1));
	lt_await(&c, 1);
	EXPECT_EQ(gpioirq_thread_stop(ctx), 0);
	EXPECT_EQ(policy, SCHED_FIFO);
	EXPECT_EQ(priority, 50);
	EXPECT_EQ(cpu, last);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
