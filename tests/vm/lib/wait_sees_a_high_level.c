// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_line_wait(GPIOIRQ_WAIT_LEVEL_HIGH) on a line in wait mode: returns at once when the
 * line is at that level already; otherwise sleeps (consuming the ring
 * itself) until another thread sets the level, then returns 0 with
 * pulse_ns 0. The opposite level is then ETIMEDOUT.
 */
#include "libtest.h"

static struct gpioirq *ctx;

static void *drive(void *arg)
{
	(void)arg;
	lt_await_sleeps(ctx, 1);
	EXPECT_OK(sim_set_level(0, 1));
	return NULL;
}

int main(void)
{
	struct gpioirq_line *line;
	uint64_t pulse = 42;
	pthread_t t;

	ctx = lt_setup();
	EXPECT_OK(sim_set_level(0, 0));
	line = lt_request(ctx, 0, NULL, NULL);
	EXPECT_EQ(gpioirq_line_get_value(line), 0);
	EXPECT_EQ(pthread_create(&t, NULL, drive, NULL), 0);
	EXPECT_OK(gpioirq_line_wait(line, GPIOIRQ_WAIT_LEVEL_HIGH, LT_TIMEOUT_MS, &pulse));
	pthread_join(t, NULL);
	EXPECT_EQ(pulse, 0);
	EXPECT_EQ(gpioirq_line_get_value(line), 1);
	/* At that level now: at once, even with no time to wait. */
	EXPECT_OK(gpioirq_line_wait(line, GPIOIRQ_WAIT_LEVEL_HIGH, 0, NULL));
	EXPECT_ERRNO(gpioirq_line_wait(line, GPIOIRQ_WAIT_LEVEL_LOW, 50, NULL), ETIMEDOUT);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
