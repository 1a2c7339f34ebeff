// SPDX-License-Identifier: GPL-2.0
/*
 * poll() on /dev/gpioirq: with the consumer's wakeup flag clear, publishing
 * an event wakes nobody (a poll that started on an empty ring sleeps until
 * its timeout, then finds the event on its last look); with the flag set, the poller wakes with POLLIN at once. A ring
 * that is not empty polls readable straight away.
 */
#include <pthread.h>

#include "modtest.h"

static struct mt_ring r;

static void *raise_edge(void *arg)
{
	usleep(100000);
	mt_set_level(0, (int)(long)arg);
	return NULL;
}

static int poll_during_edge(int level, int timeout_ms, uint64_t *took_ns)
{
	struct pollfd pfd = { .fd = r.fd, .events = POLLIN };
	uint64_t t0 = mt_now_ns(CLOCK_MONOTONIC);
	pthread_t th;
	int n;

	if (pthread_create(&th, NULL, raise_edge, (void *)(long)level))
		MT_FAIL("pthread_create");
	n = poll(&pfd, 1, timeout_ms);
	*took_ns = mt_now_ns(CLOCK_MONOTONIC) - t0;
	pthread_join(th, NULL);
	return n > 0 ? pfd.revents : n;
}

int main(void)
{
	struct pollfd pfd;
	struct gpioirq_event ev;
	uint64_t took;
	uint32_t h;

	mt_setup(NULL);
	mt_open(&r, 0);
	h = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	(void)h;

	/* Not asked: the poll sleeps through the event to its timeout. */
	r.cons->wakeup = 0;
	EXPECT_EQ(poll_during_edge(1, 1000, &took), POLLIN);
	EXPECT_TRUE(took >= 900000000ull);
	EXPECT_EQ(mt_head(&r), 1);
	/* Not empty: readable at once. */
	pfd.fd = r.fd;
	pfd.events = POLLIN;
	EXPECT_EQ(poll(&pfd, 1, 0), 1);
	EXPECT_TRUE(pfd.revents & POLLIN);
	EXPECT_TRUE(mt_next(&r, &ev));

	/* Asked: woken by the publish, well before the timeout. */
	r.cons->wakeup = 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	EXPECT_EQ(poll_during_edge(0, 5000, &took), POLLIN);
	EXPECT_TRUE(took < 4000000000ull);
	EXPECT_TRUE(mt_next(&r, &ev));
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_FALLING);
	mt_close(&r);
	return 0;
}
