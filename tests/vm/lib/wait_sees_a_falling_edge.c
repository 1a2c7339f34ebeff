// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_line_wait(GPIOIRQ_WAIT_EDGE_FALLING): another thread raises a pulse (1 then 0) 30 ms
 * long while this one waits; the wait skips the first edge and returns at
 * the falling one, with its pulse_ns (time since the first edge): at least
 * 30 ms, the time the driver slept between the two. Each edge is returned
 * once: a second wait times out.
 */
#include "libtest.h"

static struct gpioirq *ctx;

static void *drive(void *arg)
{
	(void)arg;
	lt_await_sleeps(ctx, 1);
	EXPECT_OK(sim_set_level(0, 1));
	lt_sleep_ms(30);
	EXPECT_OK(sim_set_level(0, 0));
	return NULL;
}

int main(void)
{
	struct gpioirq_line *line;
	uint64_t pulse = 0;
	pthread_t t;

	ctx = lt_setup();
	EXPECT_OK(sim_set_level(0, 0));
	line = lt_request(ctx, 0, NULL, NULL);
	EXPECT_EQ(pthread_create(&t, NULL, drive, NULL), 0);
	EXPECT_OK(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_FALLING, LT_TIMEOUT_MS, &pulse));
	pthread_join(t, NULL);
	printf("# pulse_ns %llu\n", (unsigned long long)pulse);
	EXPECT_TRUE(pulse >= 30000000ull);
	EXPECT_TRUE(pulse < 30000000ull + 2000000000ull);
	EXPECT_ERRNO(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_FALLING, 50, NULL), ETIMEDOUT);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
