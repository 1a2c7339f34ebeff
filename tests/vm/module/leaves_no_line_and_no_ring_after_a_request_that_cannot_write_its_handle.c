// SPDX-License-Identifier: GPL-2.0
/*
 * A LINE_REQUEST whose request can be read but whose handle cannot be
 * written back (the struct lies in a read-only page) fails with EFAULT and
 * leaves nothing behind: no ring (RING_INFO is ENODEV, RING_SETUP of another
 * size works), the line free for another file, no line in debugfs.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_request *req;
	struct gpioirq_ring_layout lay;
	char buf[4096];
	long page = sysconf(_SC_PAGESIZE);
	int fd, fd2;

	mt_setup(NULL);
	fd = mt_open_dev();
	req = mmap(NULL, page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_TRUE(req != MAP_FAILED);
	mt_req_init(req, MT_LINE, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_OK(mprotect(req, page, PROT_READ));

	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, req), EFAULT);
	memset(&lay, 0, sizeof(lay));
	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay), ENODEV);
	EXPECT_EQ(vmtest_read("/sys/kernel/debug/gpioirq/lines", buf,
			      sizeof(buf)), 0);
	printf("after EFAULT: RING_INFO ENODEV, debugfs lines empty\n");

	fd2 = mt_open_dev();
	EXPECT_EQ(mt_request(fd2, MT_LINE, GPIOIRQ_LINE_EDGE_BOTH), 0);
	close(fd2);

	memset(&lay, 0, sizeof(lay));
	lay.entries = 64;
	EXPECT_OK(ioctl(fd, GPIOIRQ_IOC_RING_SETUP, &lay));
	EXPECT_EQ(lay.entries, 64);
	close(fd);
	return 0;
}
