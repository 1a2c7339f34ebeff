// SPDX-License-Identifier: GPL-2.0
/*
 * GPIOIRQ_IOC_LINE_GET_VALUE reads the level the host holds on a PL061
 * line, and active-low inverts it.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "common.h"

static unsigned int value(int fd, uint32_t h)
{
	struct gpioirq_line_value v = { .handle = h };

	if (ioctl(fd, GPIOIRQ_IOC_LINE_GET_VALUE, &v))
		VMTEST_FAIL("LINE_GET_VALUE: %s", strerror(errno));
	return v.value;
}

int main(void)
{
	struct ut_ring r;
	uint32_t h, hl;

	p6_setup();
	ut_open(&r, 0);
	h = p6_request_ok(r.fd, 6, GPIOIRQ_LINE_EDGE_BOTH);
	hl = p6_request_ok(r.fd, 1, GPIOIRQ_LINE_EDGE_BOTH | GPIOIRQ_LINE_ACTIVE_LOW);

	EXPECT_EQ(value(r.fd, h), 0);
	EXPECT_EQ(value(r.fd, hl), 1);
	p6_drive("level 6,1 1");
	EXPECT_EQ(value(r.fd, h), 1);
	EXPECT_EQ(value(r.fd, hl), 0);
	p6_drive("level 6,1 0");
	EXPECT_EQ(value(r.fd, h), 0);
	EXPECT_EQ(value(r.fd, hl), 1);
	ut_close(&r);
	return 0;
}
