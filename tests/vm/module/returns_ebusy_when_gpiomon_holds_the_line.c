// SPDX-License-Identifier: GPL-2.0
/*
 * A line held by gpiomon (the GPIO character device) gives -EBUSY to
 * LINE_REQUEST, which leaves nothing behind; once gpiomon exits, the request
 * succeeds.
 */
#include <signal.h>

#include "modtest.h"

static int held_by_gpiomon(void)
{
	char cmd[128], buf[256];
	int found = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "gpioinfo %s", vmtest_gpiod_chip(mt_chip));
	p = popen(cmd, "r");
	if (!p)
		return 0;
	while (fgets(buf, sizeof(buf), p)) {
		if (strstr(buf, "line   3:") && strstr(buf, "\"gpiomon\""))
			found = 1;
	}
	pclose(p);
	return found;
}

int main(void)
{
	struct gpioirq_line_request req;
	struct gpioirq_info info;
	struct mt_ring r;
	char mon[128];
	int ms, st;
	pid_t pid;

	mt_setup(NULL);
	snprintf(mon, sizeof(mon), "exec gpiomon %s 3", vmtest_gpiod_chip(mt_chip));
	pid = fork();
	if (pid < 0)
		MT_FAIL("fork");
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		execl("/bin/sh", "sh", "-c", mon, (char *)NULL);
		_exit(127);
	}
	for (ms = 0; ms < MT_TIMEOUT_MS && !held_by_gpiomon(); ms += 10)
		usleep(10000);
	EXPECT_TRUE(held_by_gpiomon());

	mt_open(&r, 0);
	mt_req_init(&req, 3, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req), EBUSY);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.lines, 0);

	kill(pid, SIGTERM);
	EXPECT_EQ(waitpid(pid, &st, 0), pid);
	EXPECT_EQ(mt_request(r.fd, 3, GPIOIRQ_LINE_EDGE_BOTH), 0);
	mt_close(&r);
	return 0;
}
