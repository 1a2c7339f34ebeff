// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Mode (b): gpioirq_get_fd() in an epoll set next to a timerfd. Readable
 * when events come, gpioirq_dispatch(ctx, 0) runs their callbacks here, and
 * once drained the fd is quiet until the next edge.
 */
#include <sys/epoll.h>
#include <sys/timerfd.h>

#include "libtest.h"

int main(void)
{
	struct itimerspec deadline = { .it_value = { LT_TIMEOUT_MS / 1000, 0 } };
	struct gpioirq *ctx = lt_setup();
	struct epoll_event ee = { .events = EPOLLIN }, out;
	struct lt_count c = { 0 };
	int ep, tfd, gfd, n;

	lt_request(ctx, 0, lt_count_cb, &c);
	ep = epoll_create1(EPOLL_CLOEXEC);
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	EXPECT_OK(timerfd_settime(tfd, 0, &deadline, NULL));
	gfd = gpioirq_get_fd(ctx);
	EXPECT_TRUE(gfd >= 0);
	ee.data.fd = gfd;
	EXPECT_OK(epoll_ctl(ep, EPOLL_CTL_ADD, gfd, &ee));
	ee.data.fd = tfd;
	EXPECT_OK(epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ee));
	EXPECT_EQ(epoll_wait(ep, &out, 1, 0), 0);

	EXPECT_OK(sim_burst(0, 50, 2000000));
	while (lt_n(&c) < 100) {
		n = epoll_wait(ep, &out, 1, -1);
		if (n < 0 && errno == EINTR)
			continue;
		EXPECT_EQ(n, 1);
		if (out.data.fd == tfd)
			VMTEST_FAIL("only %llu of 100 edges came", (unsigned long long)lt_n(&c));
		EXPECT_OK(gpioirq_dispatch(ctx, 0));
	}
	EXPECT_OK(sim_wait_burst(0, LT_TIMEOUT_MS));
	EXPECT_EQ(gpioirq_dispatch(ctx, 0), 0);
	/* Drained and armed: not readable until the next edge, then readable. */
	EXPECT_EQ(epoll_wait(ep, &out, 1, 0), 0);
	EXPECT_OK(sim_set_level(0, 1));
	EXPECT_EQ(epoll_wait(ep, &out, 1, LT_TIMEOUT_MS), 1);
	EXPECT_EQ(out.data.fd, gfd);
	EXPECT_EQ(gpioirq_dispatch(ctx, 0), 1);
	EXPECT_EQ(c.n, 101);
	EXPECT_EQ(c.bad_order, 0);
	EXPECT_EQ(c.bad_alternation, 0);
	EXPECT_TRUE(pthread_equal(c.thread, pthread_self()));
	EXPECT_EQ(lt_stats(ctx).lost, 0);
	close(tfd);
	close(ep);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
