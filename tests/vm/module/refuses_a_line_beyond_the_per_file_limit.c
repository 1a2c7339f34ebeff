// SPDX-License-Identifier: GPL-2.0
/*
 * A file holds at most GPIOIRQ_MAX_LINES lines: the next request is -ENOSPC
 * and leaves the line free for another file.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_request req;
	unsigned int i;
	int fd, fd2;

	mt_setup("nr_lines=" "72");
	fd = mt_open_dev();
	for (i = 0; i < GPIOIRQ_MAX_LINES; i++)
		EXPECT_EQ(mt_request(fd, i, GPIOIRQ_LINE_EDGE_RISING), i);
	mt_req_init(&req, GPIOIRQ_MAX_LINES, GPIOIRQ_LINE_EDGE_RISING);
	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_LINE_REQUEST, &req), ENOSPC);
	fd2 = mt_open_dev();
	EXPECT_EQ(mt_request(fd2, GPIOIRQ_MAX_LINES, GPIOIRQ_LINE_EDGE_RISING), 0);
	close(fd2);
	close(fd);
	return 0;
}
