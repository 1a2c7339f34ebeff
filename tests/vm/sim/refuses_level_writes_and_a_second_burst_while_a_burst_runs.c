// SPDX-License-Identifier: GPL-2.0
/*
 * While a burst runs on a line, writing its level or starting another burst
 * there fails with EBUSY (other lines are free); "0" stops the burst at
 * once, leaves the level where it was, and the line takes writes again.
 */
#include "simtest.h"

int main(void)
{
	const char *chip = st_setup(NULL);
	long edges;
	int fd, level;

	EXPECT_OK(fd = st_cdev_request(chip, 4, ST_BOTH));
	/* Long enough never to end by itself within the test. */
	EXPECT_OK(sim_burst(4, 1000000, 10000000));
	EXPECT_ERRNO(sim_set_level(4, 1), EBUSY);
	EXPECT_ERRNO(sim_burst(4, 1, 1000000), EBUSY);
	EXPECT_OK(sim_set_level(3, 1));
	EXPECT_OK(sim_burst(3, 1, 1000000));
	EXPECT_OK(sim_wait_burst(3, 10000));

	EXPECT_OK(sim_burst_stop(4));
	EXPECT_EQ(sim_burst_left(4), 0);
	level = sim_get_level(4);
	edges = sim_edges(4);
	EXPECT_TRUE(edges < 2000000);
	/* The level parity matches the edges seen. */
	EXPECT_EQ(level, edges % 2);
	EXPECT_OK(sim_set_level(4, !level));
	EXPECT_EQ(sim_edges(4), edges + 1);
	/* Stopping with no burst running is fine. */
	EXPECT_OK(sim_burst_stop(4));
	close(fd);
	return 0;
}
