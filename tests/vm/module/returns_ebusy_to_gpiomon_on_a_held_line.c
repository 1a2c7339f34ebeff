// SPDX-License-Identifier: GPL-2.0
/*
 * A line held by gpioirq cannot be taken by the GPIO character device:
 * gpiomon fails with "Device or resource busy"; on a free line it runs.
 */
#include "modtest.h"

int main(void)
{
	char cmd[256], out[1024];
	struct mt_ring r;
	FILE *p;
	uint64_t t0;
	size_t n;
	int st;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_request(r.fd, 2, GPIOIRQ_LINE_EDGE_BOTH);

	snprintf(cmd, sizeof(cmd), "timeout 5 gpiomon %s 2 2>&1",
		 vmtest_gpiod_chip(mt_chip));
	p = popen(cmd, "r");
	if (!p)
		MT_FAIL("popen");
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	st = pclose(p);
	EXPECT_TRUE(WIFEXITED(st));
	EXPECT_TRUE(WEXITSTATUS(st) != 0 && WEXITSTATUS(st) != 124);
	if (!strstr(out, "Device or resource busy"))
		MT_FAIL("gpiomon said: %s", out);

	/* A free line: gpiomon gets it and waits until timeout stops it
	 * (SIGTERM, which gpiomon handles: it exits 0). */
	snprintf(cmd, sizeof(cmd), "timeout 1 gpiomon %s 3 >/dev/null 2>&1",
		 vmtest_gpiod_chip(mt_chip));
	t0 = mt_now_ns(CLOCK_MONOTONIC);
	EXPECT_EQ(vmtest_sh("%s", cmd), 0);
	EXPECT_TRUE(mt_now_ns(CLOCK_MONOTONIC) - t0 >= 900000000ull);
	mt_close(&r);
	return 0;
}
