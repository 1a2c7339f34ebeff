// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * A gpioirq_line_wait() asleep on a line whose chip goes away (the
 * simulator's device unbound, as an unplugged expander's would be) returns
 * -1 with ENODEV, not at its timeout: the pulse before the unbind is still
 * found first. The line is then released and the chip bound again.
 */
#include "libtest.h"

#define DRV "/sys/bus/platform/drivers/gpioirq-sim"

static void *unbind_soon(void *arg)
{
	(void)arg;
	usleep(200000);
	if (vmtest_write(DRV "/unbind", "gpioirq-sim"))
		VMTEST_FAIL("unbind: %s", strerror(errno));
	return NULL;
}

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	struct gpioirq_line *line;
	long long t0;
	uint64_t pulse = 0;
	pthread_t t;

	EXPECT_OK(sim_set_level(0, 0));
	line = lt_request(ctx, 0, NULL, NULL);
	EXPECT_OK(sim_set_level(0, 1));
	EXPECT_OK(sim_set_level(0, 0));
	EXPECT_EQ(pthread_create(&t, NULL, unbind_soon, NULL), 0);
	EXPECT_OK(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_HIGH, LT_TIMEOUT_MS, &pulse));
	EXPECT_TRUE(pulse > 0);
	t0 = vmtest_now_ms();
	EXPECT_ERRNO(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_RISING, LT_TIMEOUT_MS, NULL),
		     ENODEV);
	printf("# ENODEV after %lld ms\n", vmtest_now_ms() - t0);
	EXPECT_TRUE(vmtest_now_ms() - t0 < LT_TIMEOUT_MS / 2);
	pthread_join(t, NULL);
	gpioirq_line_release(line);
	EXPECT_OK(vmtest_write(DRV "/bind", "gpioirq-sim"));
	EXPECT_TRUE(sim_chip_name() != NULL);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
