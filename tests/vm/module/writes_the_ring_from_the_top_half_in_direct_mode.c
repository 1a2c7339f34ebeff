// SPDX-License-Identifier: GPL-2.0
/*
 * GPIOIRQ_BH_DIRECT: the top half writes the ring itself, so each edge's
 * event is in the ring (head moved) by the time the simulator's level write
 * returns, which is once the edge's interrupt handler ran; with no waiting.
 * Debugfs says bh=direct; the events come in order with the level read in
 * the top half. Reconfiguring to another kind or adding debounce is
 * -EINVAL, a direct line with debounce is -EINVAL, and on a chip that
 * sleeps -EINVAL, none of them leaving a line held. On PREEMPT_RT the
 * request is -EOPNOTSUPP and leaves no line held.
 */
#include <sys/utsname.h>

#include "modtest.h"

static void check_bh(const char *needle)
{
	static char buf[65536];

	EXPECT_TRUE(vmtest_read("/sys/kernel/debug/gpioirq/lines", buf, sizeof(buf)) > 0);
	if (!strstr(buf, needle))
		MT_FAIL("debugfs lines lacks '%s':\n%s", needle, buf);
}

static int preempt_rt(void)
{
	struct utsname u;

	EXPECT_OK(uname(&u));
	return strstr(u.version, "PREEMPT_RT") != NULL;
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
	uint32_t h;
	int i;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_req_init(&req, 0, GPIOIRQ_LINE_EDGE_BOTH);
	req.config.bh = GPIOIRQ_BH_DIRECT;
	if (preempt_rt()) {
		EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req), EOPNOTSUPP);
		mt_info(r.fd, &info);
		EXPECT_EQ(info.lines, 0);
		mt_close(&r);
		return 0;
	}
	req.config.debounce_us = 1000;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req), EINVAL);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 0);

	mt_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
	cfg.bh = GPIOIRQ_BH_DIRECT;
	h = mt_request_cfg(r.fd, 0, &cfg);
	check_bh("bh=direct clock");

	memset(&rc, 0, sizeof(rc));
	rc.handle = h;
	rc.config = cfg;
	rc.config.debounce_us = 1000;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), EINVAL);
	rc.config = cfg;
	rc.config.bh = GPIOIRQ_BH_TASKLET;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), EINVAL);
	rc.config = cfg;
	EXPECT_EQ(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), 0);

	for (i = 0; i < 4; i++) {
		mt_set_level(0, !(i & 1));
		/* The handler has run: the event is published already. */
		EXPECT_EQ(mt_head(&r), i + 1);
	}
	mt_wait_rest(r.fd, h, 4, &st);
	EXPECT_EQ(st.events, 4);
	EXPECT_EQ(st.dropped, 0);
	for (i = 0; i < 4; i++) {
		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.seqno, i + 1);
		EXPECT_EQ(ev.line_seqno, i + 1);
		EXPECT_EQ(ev.handle, h);
		EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
		EXPECT_EQ(ev.level, !(i & 1));
		EXPECT_EQ(ev.edge, (i & 1) ? GPIOIRQ_EDGE_FALLING : GPIOIRQ_EDGE_RISING);
		EXPECT_EQ(ev.flags, 0);
	}
	mt_check_empty(&r);
	mt_close(&r);

	/* A chip that sleeps cannot be read in hard-IRQ context. */
	mt_setup("can_sleep=1");
	mt_open(&r, 0);
	mt_req_init(&req, 0, GPIOIRQ_LINE_EDGE_BOTH);
	req.config.bh = GPIOIRQ_BH_DIRECT;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req), EINVAL);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 0);
	mt_close(&r);
	return 0;
}
