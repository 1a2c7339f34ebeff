// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_line_request_by_name() finds a simulator line by its name through
 * libgpiod and requests it: offset and chip are the simulator's, and its
 * edges come. An unknown name is ENOENT. Skips when the simulator gives its
 * lines no names ("sim-0" .. expected).
 */
#include "libtest.h"

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	struct gpioirq_line *line;
	uint64_t pulse;

	errno = 0;
	line = gpioirq_line_request_by_name(ctx, "sim-3", NULL);
	if (!line && errno == ENOENT)
		vmtest_skip("no line is named sim-3: the simulator names no lines");
	if (!line)
		VMTEST_FAIL("gpioirq_line_request_by_name(sim-3): %s", strerror(errno));
	EXPECT_EQ(gpioirq_line_get_offset(line), 3);
	EXPECT_STREQ(gpioirq_line_get_chip_name(line), sim_chip_name());
	EXPECT_OK(sim_set_level(3, 1));
	EXPECT_OK(gpioirq_line_wait(line, GPIOIRQ_WAIT_EDGE_RISING, LT_TIMEOUT_MS, &pulse));
	EXPECT_TRUE(gpioirq_line_request_by_name(ctx, "no-such-line-anywhere", NULL) == NULL);
	EXPECT_EQ(errno, ENOENT);
	/* The name is held now: a second request of it is EBUSY. */
	EXPECT_TRUE(gpioirq_line_request_by_name(ctx, "sim-3", NULL) == NULL);
	EXPECT_EQ(errno, EBUSY);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
