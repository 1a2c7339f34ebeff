// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_line_wait(GPIOIRQ_WAIT_PULSE_LOW) measures low pulses from the kernel's timestamps of
 * their two edges: another thread drives pulses of 10, 20 and 40 ms (level
 * 0, then back to 1) while this one waits. Each width is at least what
 * the driver slept (the second edge's write starts that long after the
 * first edge's handler ran) and within 2 s of it (a slow TCG guest); the
 * three come in order.
 */
#include "libtest.h"

static const long widths_ms[] = { 10, 20, 40 };
static struct gpioirq *ctx;

static void *drive(void *arg)
{
	unsigned int i;

	(void)arg;
	for (i = 0; i < 3; i++) {
		lt_await_sleeps(ctx, i + 1);
		EXPECT_OK(sim_set_level(0, 0));
		lt_sleep_ms(widths_ms[i]);
		EXPECT_OK(sim_set_level(0, 1));
	}
	return NULL;
}

int main(void)
{
	struct gpioirq_line *line;
	uint64_t pulse;
	unsigned int i;
	pthread_t t;

	ctx = lt_setup();
	EXPECT_OK(sim_set_level(0, 1));
	line = lt_request(ctx, 0, NULL, NULL);
	EXPECT_EQ(pthread_create(&t, NULL, drive, NULL), 0);
	for (i = 0; i < 3; i++) {
		EXPECT_OK(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_LOW, LT_TIMEOUT_MS, &pulse));
		printf("# %ld ms pulse measured %llu ns\n", widths_ms[i], (unsigned long long)pulse);
		EXPECT_TRUE(pulse >= (uint64_t)widths_ms[i] * 1000000);
		EXPECT_TRUE(pulse < (uint64_t)widths_ms[i] * 1000000 + 2000000000ull);
	}
	pthread_join(t, NULL);
	EXPECT_ERRNO(gpioirq_line_wait(line, GPIOIRQ_WAIT_PULSE_LOW, 50, NULL), ETIMEDOUT);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
