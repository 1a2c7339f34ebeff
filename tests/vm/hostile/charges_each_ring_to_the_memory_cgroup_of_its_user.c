// SPDX-License-Identifier: GPL-2.0
/*
 * An unprivileged user of group gpio, in a memory cgroup, opens four files
 * with rings of 2^18 events (16 MiB + 8 KiB each) and requests a line: the
 * cgroup's memory.current grows by at least the rings' size (and by less
 * than 4 MiB more), and falls back once the process exits.
 */
#include "hostile.h"

#define NFILES		4
#define ENTRIES		(1u << 18)
#define RING_BYTES	((long long)ENTRIES * 64 + 2 * 4096)

static void step(int rfd, int wfd, char say, char want)
{
	char c = 0;

	if (write(wfd, &say, 1) != 1 || read(rfd, &c, 1) != 1 || c != want)
		_exit(101);
}

static int user(int rfd, int wfd)
{
	struct gpioirq_ring_layout lay;
	uint32_t handle;
	int i, fd[NFILES];

	step(rfd, wfd, 'j', 'g');
	for (i = 0; i < NFILES; i++) {
		fd[i] = open(GPIOIRQ_DEVICE_PATH, O_RDWR);
		if (fd[i] < 0)
			return 2;
		memset(&lay, 0, sizeof(lay));
		lay.entries = ENTRIES;
		if (ioctl(fd[i], GPIOIRQ_IOC_RING_SETUP, &lay))
			return 3;
	}
	if (ut_request(fd[0], hs_chip, 0, GPIOIRQ_LINE_EDGE_BOTH, &handle))
		return 4;
	step(rfd, wfd, 'r', 'q');
	return 0;
}

int main(void)
{
	int to_child[2], to_parent[2], status;
	long long base, cur, after = -1, t0;
	const char *cg;
	pid_t pid;
	char c;

	hs_setup(NULL);
	hs_dev_for_group_gpio();
	cg = hs_cgroup("gpioirq-rings", "512M");
	EXPECT_OK(pipe(to_child));
	EXPECT_OK(pipe(to_parent));
	pid = fork();
	EXPECT_TRUE(pid >= 0);
	if (!pid) {
		hs_become_user_in(cg);
		_exit(user(to_child[0], to_parent[1]));
	}
	EXPECT_EQ(read(to_parent[0], &c, 1), 1);
	EXPECT_EQ(c, 'j');
	base = hs_cg_read(cg, "memory.current", NULL);
	EXPECT_EQ(write(to_child[1], "g", 1), 1);
	if (read(to_parent[0], &c, 1) != 1) {
		waitpid(pid, &status, 0);
		HS_FAIL("the user's process failed, exit status %d",
			WEXITSTATUS(status));
	}
	cur = hs_cg_read(cg, "memory.current", NULL);
	printf("memory.current: %lld before, %lld with %d rings of %lld bytes (+%lld)\n",
	       base, cur, NFILES, RING_BYTES, cur - base);
	EXPECT_TRUE(cur - base >= NFILES * RING_BYTES);
	EXPECT_TRUE(cur - base < NFILES * RING_BYTES + (4 << 20));
	EXPECT_EQ(write(to_child[1], "q", 1), 1);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);

	hs_cg_wait_empty(cg);
	for (t0 = vmtest_now_ms(); vmtest_now_ms() - t0 < 5000; usleep(10000)) {
		after = hs_cg_read(cg, "memory.current", NULL);
		if (after < NFILES * RING_BYTES / 16)
			break;
	}
	printf("memory.current after the process exited: %lld\n", after);
	EXPECT_TRUE(after < NFILES * RING_BYTES / 16);
	hs_cg_remove(cg);
	return 0;
}
