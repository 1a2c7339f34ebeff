// SPDX-License-Identifier: GPL-2.0
/*
 * A process that holds a PL061 line and consumes its ring is killed with
 * SIGKILL while the host pulses the line: the line is free for a new request
 * as soon as the process is reaped, and the module's totals show no file and
 * no line left.
 */
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

#define LINE 7
#define PULSES 40

int main(void)
{
	struct gpioirq_event ev;
	struct gpioirq_info info;
	struct ut_ring r;
	int ready[2], st;
	pid_t holder, drv;
	uint32_t h;
	char c;

	p6_setup();
	if (pipe(ready))
		VMTEST_FAIL("pipe: %m");
	holder = fork();
	if (holder < 0)
		VMTEST_FAIL("fork: %m");
	if (holder == 0) {
		uint64_t n = 0;

		ut_open(&r, 0);
		p6_request_ok(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH);
		EXPECT_EQ(write(ready[1], "r", 1), 1);
		for (;;) {
			ut_wait_event(&r, &ev);
			if (++n == 10)
				EXPECT_EQ(write(ready[1], "e", 1), 1);
		}
	}
	close(ready[1]);
	EXPECT_EQ(read(ready[0], &c, 1), 1);
	EXPECT_EQ(c, 'r');

	drv = p6_drive_async("train %d %d 10000 25000", LINE, PULSES);
	/* Killed once it has consumed some events, pulses still coming. */
	EXPECT_EQ(read(ready[0], &c, 1), 1);
	EXPECT_EQ(c, 'e');
	EXPECT_EQ(kill(holder, SIGKILL), 0);
	EXPECT_EQ(waitpid(holder, &st, 0), holder);
	EXPECT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	ut_open(&r, 0);
	memset(&info, 0, sizeof(info));
	EXPECT_EQ(ioctl(r.fd, GPIOIRQ_IOC_INFO, &info), 0);
	EXPECT_EQ(info.files, 1);
	EXPECT_EQ(info.lines, 0);
	h = p6_request_ok(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH);
	p6_drive_wait(drv);
	/* The new holder gets edges again. */
	p6_drive("pulse %d 5000", LINE);
	ut_wait_event(&r, &ev);
	EXPECT_EQ(ev.handle, h);
	ut_close(&r);
	return 0;
}
