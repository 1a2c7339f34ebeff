// SPDX-License-Identifier: GPL-2.0
/*
 * For two seconds, with bursts on four lines: two threads request and release
 * lines on their own files, one reconfigures a held line back and forth
 * (edges, software debounce, clock, bottom half kept), one masks and unmasks
 * another, one reads debugfs and INFO. Every call succeeds or fails with
 * EBUSY where two threads want the same line; at the end the module totals
 * satisfy edges == events + dropped and the kernel log is clean (the runner
 * checks it).
 */
#include <pthread.h>

#include "modtest.h"

#define SECONDS 2

static volatile int stop;
static struct mt_ring shared;
static uint32_t h_reconf, h_mask;

static void *requester(void *arg)
{
	int fd = mt_open_dev();
	unsigned int first = (unsigned int)(long)arg;

	while (!stop) {
		struct gpioirq_line_request req;
		uint32_t h[2];
		int i, n = 0;

		for (i = 0; i < 2; i++) {
			mt_req_init(&req, first + i, GPIOIRQ_LINE_EDGE_BOTH);
			req.config.bh = (i & 1) ? GPIOIRQ_BH_WORKQUEUE :
						  GPIOIRQ_BH_TASKLET;
			if (!ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, &req))
				h[n++] = req.handle;
			else if (errno != EBUSY)
				MT_FAIL("request: %s", strerror(errno));
		}
		while (n)
			mt_release(fd, h[--n]);
	}
	close(fd);
	return NULL;
}

static void *reconfigurer(void *arg)
{
	struct gpioirq_line_reconfig rc;
	unsigned int i = 0;

	(void)arg;
	while (!stop) {
		memset(&rc, 0, sizeof(rc));
		rc.handle = h_reconf;
		mt_config(&rc.config, (i & 1) ? GPIOIRQ_LINE_EDGE_RISING :
						GPIOIRQ_LINE_EDGE_BOTH);
		rc.config.debounce_us = (i % 3) ? 0 : 50;
		rc.config.clock = i % 3;
		rc.config.cookie = i;
		if (ioctl(shared.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc))
			MT_FAIL("reconfig: %s", strerror(errno));
		i++;
	}
	return NULL;
}

static void *masker(void *arg)
{
	struct gpioirq_line_handle lh = { .handle = h_mask };

	(void)arg;
	while (!stop) {
		EXPECT_OK(ioctl(shared.fd, GPIOIRQ_IOC_LINE_MASK, &lh));
		usleep(100);
		EXPECT_OK(ioctl(shared.fd, GPIOIRQ_IOC_LINE_UNMASK, &lh));
	}
	return NULL;
}

static void *reader(void *arg)
{
	static char buf[65536];
	struct gpioirq_info info;
	struct gpioirq_event ev;

	(void)arg;
	while (!stop) {
		EXPECT_TRUE(vmtest_read("/sys/kernel/debug/gpioirq/lines", buf, sizeof(buf)) >= 0);
		EXPECT_TRUE(vmtest_read("/sys/kernel/debug/gpioirq/stats", buf, sizeof(buf)) > 0);
		mt_info(shared.fd, &info);
		while (mt_next(&shared, &ev))
			;
	}
	return NULL;
}

int main(void)
{
	void *(*fns[])(void *) = { requester, requester, reconfigurer, masker, reader };
	void *args[] = { (void *)0L, (void *)1L, NULL, NULL, NULL };
	pthread_t th[5];
	struct gpioirq_info info;
	unsigned int i;

	mt_setup(NULL);
	mt_open(&shared, 256);
	h_reconf = mt_request(shared.fd, 4, GPIOIRQ_LINE_EDGE_BOTH);
	h_mask = mt_request(shared.fd, 5, GPIOIRQ_LINE_EDGE_BOTH);
	for (i = 0; i < 6; i++)
		if (sim_burst(i, 10000000, 100000))
			MT_FAIL("sim_burst %u", i);

	for (i = 0; i < 5; i++)
		if (pthread_create(&th[i], NULL, fns[i], args[i]))
			MT_FAIL("pthread_create");
	sleep(SECONDS);
	stop = 1;
	for (i = 0; i < 5; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < 6; i++)
		EXPECT_OK(sim_burst_stop(i));
	mt_close(&shared);

	shared.fd = mt_open_dev();
	mt_info(shared.fd, &info);
	EXPECT_EQ(info.lines, 0);
	EXPECT_EQ(info.edges, info.events + info.dropped);
	printf("# edges %llu events %llu dropped %llu\n",
	       (unsigned long long)info.edges, (unsigned long long)info.events,
	       (unsigned long long)info.dropped);
	close(shared.fd);
	return 0;
}
