// SPDX-License-Identifier: GPL-2.0
/*
 * Twenty children, each with a ring mapped and four lines under bursts,
 * busy requesting, reconfiguring and reading: each is killed (SIGKILL) after
 * a random 0-200 ms. After each, the module holds no file and no line of
 * it, and the module totals still add up (edges == events + dropped).
 */
#include "hostile.h"

static void child(void)
{
	struct gpioirq_line_reconfig rc;
	struct gpioirq_line_stats st;
	struct ut_ring r;
	unsigned int i;

	ut_open(&r, 256);
	for (i = 0; i < 4; i++)
		ut_request_ok(r.fd, hs_chip, i, GPIOIRQ_LINE_EDGE_BOTH);
	for (i = 0;; i++) {
		memset(&rc, 0, sizeof(rc));
		rc.handle = i % 4;
		ut_config(&rc.config, i & 1 ? GPIOIRQ_LINE_EDGE_RISING :
					      GPIOIRQ_LINE_EDGE_BOTH);
		ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc);
		memset(&st, 0, sizeof(st));
		st.handle = i % 4;
		ioctl(r.fd, GPIOIRQ_IOC_LINE_STATS, &st);
		__atomic_store_n(&r.cons->tail, ut_head(&r), __ATOMIC_RELEASE);
	}
}

int main(void)
{
	struct gpioirq_info info;
	long long t0;
	unsigned int n, i;
	int fd, status;
	pid_t pid;

	hs_setup(NULL);
	fd = ut_open_dev();
	srand(1);
	for (n = 0; n < 20; n++) {
		for (i = 0; i < 4; i++) {
			sim_burst_stop(i);
			EXPECT_OK(sim_burst(i, 1000000, 100000));
		}
		pid = fork();
		EXPECT_TRUE(pid >= 0);
		if (!pid)
			child();
		usleep(rand() % 200000);
		EXPECT_OK(kill(pid, SIGKILL));
		EXPECT_EQ(waitpid(pid, &status, 0), pid);
		EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		/* Its file is released once the process is reaped. */
		vmtest_waiting("the killed child's file to go (round %u)", n);
		for (t0 = vmtest_now_ms();; usleep(1000)) {
			ut_info(fd, &info);
			if (info.files == 1 && info.lines == 0)
				break;
			if (vmtest_now_ms() - t0 > 10000)
				HS_FAIL("round %u: %u files %u lines left",
					n, info.files, info.lines);
		}
		EXPECT_EQ(info.edges, info.events + info.dropped);
	}
	vmtest_waiting(NULL);
	for (i = 0; i < 4; i++)
		sim_burst_stop(i);
	printf("20 children killed; module totals: edges %llu events %llu dropped %llu\n",
	       (unsigned long long)info.edges,
	       (unsigned long long)info.events,
	       (unsigned long long)info.dropped);
	close(fd);
	return 0;
}
