// SPDX-License-Identifier: GPL-2.0
/*
 * An unprivileged user of group gpio, in a memory cgroup of 40 MiB, sets up
 * rings of 16 MiB in file after file: the cgroup's OOM killer kills that
 * process (SIGKILL, memory.events oom_kill 1), not a root process outside
 * the cgroup; its rings are freed with its files.
 */
#include "hostile.h"

#define ENTRIES		(1u << 18)

static int user(void)
{
	struct gpioirq_ring_layout lay;
	int i, fd;

	for (i = 0; i < 16; i++) {
		fd = open(GPIOIRQ_DEVICE_PATH, O_RDWR);
		if (fd < 0)
			return 2;
		memset(&lay, 0, sizeof(lay));
		lay.entries = ENTRIES;
		if (ioctl(fd, GPIOIRQ_IOC_RING_SETUP, &lay)) {
			printf("ring %d: %s\n", i, strerror(errno));
			return 3;
		}
	}
	printf("16 rings of 16 MiB and no OOM kill\n");
	return 4;
}

int main(void)
{
	long long after = -1, kills, t0;
	int status, bstatus;
	const char *cg;
	pid_t pid, bystander;

	hs_setup(NULL);
	hs_dev_for_group_gpio();
	cg = hs_cgroup("gpioirq-oom", "40M");
	/* A root process outside the cgroup, which must survive. */
	bystander = fork();
	EXPECT_TRUE(bystander >= 0);
	if (!bystander) {
		signal(SIGTERM, SIG_DFL);
		pause();
		_exit(0);
	}
	pid = fork();
	EXPECT_TRUE(pid >= 0);
	if (!pid) {
		hs_become_user_in(cg);
		fflush(stdout);
		_exit(user());
	}
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	if (WIFEXITED(status))
		HS_FAIL("the user's process exited %d, expected the OOM killer's SIGKILL",
			WEXITSTATUS(status));
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGKILL);
	kills = hs_cg_read(cg, "memory.events", "oom_kill");
	printf("user's process killed by signal %d; memory.events oom_kill %lld, max %lld\n",
	       WTERMSIG(status), kills, hs_cg_read(cg, "memory.events", "max"));
	EXPECT_EQ(kills, 1);
	EXPECT_EQ(waitpid(bystander, &bstatus, WNOHANG), 0);
	kill(bystander, SIGTERM);
	EXPECT_EQ(waitpid(bystander, &bstatus, 0), bystander);
	EXPECT_TRUE(WIFSIGNALED(bstatus) && WTERMSIG(bstatus) == SIGTERM);

	hs_cg_wait_empty(cg);
	for (t0 = vmtest_now_ms(); vmtest_now_ms() - t0 < 5000; usleep(10000)) {
		after = hs_cg_read(cg, "memory.current", NULL);
		if (after < (1 << 20))
			break;
	}
	printf("memory.current once it was reaped: %lld\n", after);
	EXPECT_TRUE(after < (1 << 20));
	hs_cg_remove(cg);
	return 0;
}
