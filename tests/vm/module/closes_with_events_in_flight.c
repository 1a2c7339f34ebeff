// SPDX-License-Identifier: GPL-2.0
/*
 * Two files are closed while bursts keep their lines' interrupts coming: one
 * unmapped then closed, one closed while still mapped then unmapped (the
 * release runs at munmap). Their lines are freed (INFO shows none held), the
 * module totals still satisfy edges == events + dropped, and the lines can be
 * requested again.
 */
#include "modtest.h"

static void wait_flowing(struct mt_ring *r)
{
	int ms;

	for (ms = 0; ms < MT_TIMEOUT_MS; ms++) {
		if (mt_head(r) >= 10)
			return;
		usleep(1000);
	}
	MT_FAIL("no events flowing");
}

int main(void)
{
	struct gpioirq_info info;
	struct mt_ring a, b;
	int fd;

	mt_setup(NULL);
	mt_open(&a, 64);
	mt_open(&b, 64);
	mt_request(a.fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	mt_request(a.fd, 1, GPIOIRQ_LINE_EDGE_RISING);
	mt_request(b.fd, 2, GPIOIRQ_LINE_EDGE_BOTH);
	if (sim_burst(0, 1000000, 20000) || sim_burst(1, 1000000, 20000) ||
	    sim_burst(2, 1000000, 20000))
		MT_FAIL("sim_burst failed");
	wait_flowing(&a);
	wait_flowing(&b);

	/* a: unmap, then close: the release runs in close(). */
	mt_close(&a);
	/* b: close while mapped: the release runs at the last munmap(). */
	close(b.fd);
	usleep(20000);
	munmap(b.prod, b.lay.producer_size);
	munmap((void *)b.cons, b.lay.consumer_size);

	fd = mt_open_dev();
	mt_info(fd, &info);
	EXPECT_EQ(info.files, 1);
	EXPECT_EQ(info.lines, 0);
	EXPECT_TRUE(info.edges > 0);
	EXPECT_EQ(info.edges, info.events + info.dropped);

	/* The bursts still run; the lines are free. */
	mt_request(fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	mt_request(fd, 1, GPIOIRQ_LINE_EDGE_BOTH);
	mt_request(fd, 2, GPIOIRQ_LINE_EDGE_BOTH);
	close(fd);
	for (int i = 0; i < 3; i++)
		EXPECT_OK(sim_burst_stop(i));
	fd = mt_open_dev();
	mt_info(fd, &info);
	EXPECT_EQ(info.lines, 0);
	EXPECT_EQ(info.edges, info.events + info.dropped);
	close(fd);
	return 0;
}
