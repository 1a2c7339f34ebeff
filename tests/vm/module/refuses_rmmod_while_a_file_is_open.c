// SPDX-License-Identifier: GPL-2.0
/*
 * While /dev/gpioirq is open (with a ring mapped and a line held), unloading
 * gpioirq is refused (EWOULDBLOCK); the simulator, whose line is held, cannot
 * be unloaded either. After close, gpioirq unloads, /dev/gpioirq is gone,
 * and it loads again.
 */
#include <sys/syscall.h>

#include "modtest.h"

static long unload(const char *name)
{
	return syscall(__NR_delete_module, name, O_NONBLOCK);
}

int main(void)
{
	struct mt_ring r;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH);

	EXPECT_ERRNO(unload("gpioirq"), EWOULDBLOCK);
	EXPECT_ERRNO(unload("gpioirq_sim"), EWOULDBLOCK);
	/* Still working. */
	mt_set_level(0, 1);

	mt_close(&r);
	EXPECT_OK(unload("gpioirq"));
	EXPECT_TRUE(access(GPIOIRQ_DEVICE_PATH, F_OK) == -1 && errno == ENOENT);
	if (vmtest_sh("modprobe gpioirq"))
		MT_FAIL("modprobe gpioirq failed");
	close(mt_open_dev());
	return 0;
}
