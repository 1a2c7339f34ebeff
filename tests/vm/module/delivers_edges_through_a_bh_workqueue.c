// SPDX-License-Identifier: GPL-2.0
/*
 * GPIOIRQ_BH_WORKQUEUE_BH: from kernel 6.9, a BH work item is the line's
 * bottom half (debugfs says so) and delivers the edges in order, with the
 * level read in the top half, as the tasklet does; reconfiguring keeps it.
 * Before 6.9 the request is -EOPNOTSUPP and leaves no line held.
 */
#include "modtest.h"

static void check_bh(const char *needle)
{
	static char buf[65536];

	EXPECT_TRUE(vmtest_read("/sys/kernel/debug/gpioirq/lines", buf, sizeof(buf)) > 0);
	if (!strstr(buf, needle))
		MT_FAIL("debugfs lines lacks '%s':\n%s", needle, buf);
}

int main(void)
{
	struct gpioirq_line_request req;
	struct gpioirq_line_reconfig rc;
	struct gpioirq_line_config cfg;
	struct gpioirq_line_stats st;
	struct gpioirq_info info;
	struct gpioirq_event ev;
	struct mt_ring r;
	unsigned int seen[2] = { 0, 0 };
	uint32_t h0, h1;
	int i;

	mt_setup(NULL);
	mt_open(&r, 0);
	if (!mt_kernel_at_least(6, 9)) {
		mt_req_init(&req, 0, GPIOIRQ_LINE_EDGE_BOTH);
		req.config.bh = GPIOIRQ_BH_WORKQUEUE_BH;
		EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req), EOPNOTSUPP);
		mt_info(r.fd, &info);
		EXPECT_EQ(info.lines, 0);
		mt_close(&r);
		return 0;
	}

	mt_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
	cfg.bh = GPIOIRQ_BH_WORKQUEUE_BH;
	h0 = mt_request_cfg(r.fd, 0, &cfg);
	h1 = mt_request_cfg(r.fd, 1, &cfg);
	check_bh("handle=0 chip=");
	check_bh("bh=workqueue-bh clock");

	memset(&rc, 0, sizeof(rc));
	rc.handle = h1;
	rc.config = cfg;
	rc.config.flags |= GPIOIRQ_LINE_ACTIVE_LOW;
	EXPECT_EQ(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), 0);
	rc.config.bh = GPIOIRQ_BH_WORKQUEUE;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), EINVAL);

	for (i = 0; i < 4; i++) {
		mt_set_level(0, !(i & 1));
		mt_set_level(1, !(i & 1));
	}
	mt_wait_rest(r.fd, h0, 4, &st);
	EXPECT_EQ(st.events, 4);
	mt_wait_rest(r.fd, h1, 4, &st);
	EXPECT_EQ(st.events, 4);
	/*
	 * Each line's edges in order; the two lines' bottom halves may take
	 * turns in any order (on PREEMPT_RT they run in threads). Line 1 is
	 * active-low: its logical edges and levels are the other way.
	 */
	for (i = 0; i < 8; i++) {
		unsigned int l, k;
		int high;

		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.seqno, i + 1);
		EXPECT_TRUE(ev.handle == h0 || ev.handle == h1);
		l = ev.handle == h1;
		k = seen[l]++;
		high = !(k & 1) ^ l;
		EXPECT_EQ(ev.line_seqno, k + 1);
		EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
		EXPECT_EQ(ev.level, high);
		EXPECT_EQ(ev.edge, high ? GPIOIRQ_EDGE_RISING : GPIOIRQ_EDGE_FALLING);
	}
	EXPECT_EQ(seen[0], 4);
	EXPECT_EQ(seen[1], 4);
	mt_check_empty(&r);
	mt_close(&r);
	return 0;
}
