// SPDX-License-Identifier: GPL-2.0
/*
 * A line is requested by the chip's device name or label, shows in gpioinfo
 * as used by consumer "gpioirq" and in debugfs, gets the lowest free handle,
 * and is given back by LINE_RELEASE: its handle is then unknown (-ENOENT),
 * gpioinfo shows it unused and it can be requested again.
 */
#include "modtest.h"

/* 1: gpioinfo lists @offset as used by "gpioirq"; 0: not. */
static int gpioinfo_says_gpioirq(unsigned int offset)
{
	char cmd[128], buf[256], want[32];
	int found = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "gpioinfo %s", vmtest_gpiod_chip(mt_chip));
	snprintf(want, sizeof(want), "line %3u:", offset);
	p = popen(cmd, "r");
	if (!p)
		MT_FAIL("popen %s", cmd);
	while (fgets(buf, sizeof(buf), p)) {
		if (strstr(buf, want) && strstr(buf, "\"" GPIOIRQ_CONSUMER "\""))
			found = 1;
	}
	pclose(p);
	return found;
}

static int debugfs_lists(const char *needle)
{
	static char buf[65536];

	if (vmtest_read("/sys/kernel/debug/gpioirq/lines", buf, sizeof(buf)) < 0)
		MT_FAIL("cannot read /sys/kernel/debug/gpioirq/lines");
	return strstr(buf, needle) != NULL;
}

int main(void)
{
	struct gpioirq_line_request req;
	struct gpioirq_line_handle lh = { 0 };
	struct gpioirq_line_stats st;
	struct gpioirq_info info;
	struct mt_ring r;
	char needle[96];
	uint32_t h0, h1;

	mt_setup(NULL);
	mt_open(&r, 0);

	h0 = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_EQ(h0, 0);
	/* By label this time. */
	mt_req_init(&req, 5, GPIOIRQ_LINE_EDGE_RISING);
	snprintf(req.chip, sizeof(req.chip), "gpioirq-sim");
	req.handle = 1234;
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req));
	h1 = req.handle;
	EXPECT_EQ(h1, 1);

	mt_info(r.fd, &info);
	EXPECT_EQ(info.files, 1);
	EXPECT_EQ(info.lines, 2);
	snprintf(needle, sizeof(needle), "handle=0 chip=%s offset=0 ",
		 mt_chip);
	EXPECT_TRUE(debugfs_lists(needle));
	EXPECT_TRUE(debugfs_lists("handle=1 chip=gpioirq-sim offset=5 "));
	EXPECT_TRUE(debugfs_lists("edge=rising"));

	EXPECT_EQ(gpioinfo_says_gpioirq(0), 1);
	EXPECT_EQ(gpioinfo_says_gpioirq(5), 1);
	EXPECT_EQ(gpioinfo_says_gpioirq(1), 0);

	mt_release(r.fd, h0);
	lh.handle = h0;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RELEASE, &lh), ENOENT);
	st.handle = h0;
	st.padding = 0;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_STATS, &st), ENOENT);
	EXPECT_TRUE(!debugfs_lists(needle));
	EXPECT_EQ(gpioinfo_says_gpioirq(0), 0);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 1);

	/* The lowest free handle again; the line is free to take again. */
	EXPECT_EQ(mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_FALLING), 0);
	mt_release(r.fd, 0);
	mt_release(r.fd, h1);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 0);
	EXPECT_TRUE(!debugfs_lists("chip="));
	mt_close(&r);
	return 0;
}
