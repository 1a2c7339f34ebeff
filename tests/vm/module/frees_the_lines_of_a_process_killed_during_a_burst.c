// SPDX-License-Identifier: GPL-2.0
/*
 * A child holding two lines, one of them in a fast burst, sleeping in poll(),
 * is killed with SIGKILL: its lines are freed (INFO shows none held, the
 * totals still add up) and the parent can request them.
 */
#include <signal.h>

#include "modtest.h"

static void child(int ready)
{
	struct gpioirq_event ev;
	struct mt_ring r;

	mt_open(&r, 256);
	mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	mt_request(r.fd, 1, GPIOIRQ_LINE_EDGE_BOTH);
	if (write(ready, "r", 1) != 1)
		_exit(1);
	for (;;)
		mt_wait_event(&r, &ev);
}

int main(void)
{
	struct gpioirq_info info;
	int pfd[2], fd, st, ms;
	char c;
	pid_t pid;

	mt_setup(NULL);
	if (pipe(pfd))
		MT_FAIL("pipe");
	pid = fork();
	if (pid < 0)
		MT_FAIL("fork");
	if (!pid)
		child(pfd[1]);
	close(pfd[1]);
	if (read(pfd[0], &c, 1) != 1)
		MT_FAIL("child did not get ready");
	if (sim_burst(0, 1000000, 20000))
		MT_FAIL("sim_burst failed");
	for (ms = 0; ms < MT_TIMEOUT_MS && sim_edges(0) < 2000; ms++)
		usleep(1000);
	EXPECT_TRUE(sim_edges(0) >= 2000);

	kill(pid, SIGKILL);
	EXPECT_EQ(waitpid(pid, &st, 0), pid);
	EXPECT_TRUE(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	fd = mt_open_dev();
	mt_info(fd, &info);
	EXPECT_EQ(info.files, 1);
	EXPECT_EQ(info.lines, 0);
	EXPECT_EQ(info.edges, info.events + info.dropped);
	mt_request(fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	mt_request(fd, 1, GPIOIRQ_LINE_EDGE_BOTH);
	close(fd);
	EXPECT_OK(sim_burst_stop(0));
	return 0;
}
