// SPDX-License-Identifier: GPL-2.0
/*
 * The virt machine's device tree gives PL061 line 3 to gpio-keys (the power
 * button). While the gpio-keys driver is loaded it holds the line, and
 * requesting it fails with EBUSY without disturbing the driver; once it is
 * unloaded the request succeeds and the line's edges reach the ring.
 */
#include <errno.h>
#include <string.h>

#include "common.h"

#define LINE 3

int main(void)
{
	struct gpioirq_event ev;
	struct ut_ring r;
	uint32_t h;

	p6_setup();
	if (vmtest_sh("modprobe gpio_keys"))
		VMTEST_FAIL("modprobe gpio_keys failed");
	ut_open(&r, 0);
	EXPECT_ERRNO(p6_request(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH, &h), EBUSY);
	/* Other lines are not affected. */
	p6_request_ok(r.fd, 2, GPIOIRQ_LINE_EDGE_BOTH);
	if (vmtest_sh("ls /sys/bus/platform/drivers/gpio-keys | grep -q keys"))
		VMTEST_FAIL("gpio-keys bound no device");

	if (vmtest_sh("rmmod gpio_keys"))
		VMTEST_FAIL("rmmod gpio_keys failed");
	h = p6_request_ok(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH);
	p6_drive("pulse %d 5000", LINE);
	ut_wait_event(&r, &ev);
	EXPECT_EQ(ev.handle, h);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	ut_wait_event(&r, &ev);
	EXPECT_EQ(ev.handle, h);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_FALLING);
	ut_close(&r);
	return 0;
}
