// SPDX-License-Identifier: GPL-2.0
/*
 * A burst of N pulses on a line whose interrupt triggers on both edges
 * raises exactly 2N interrupts, ends back at the resting level, and shows 0
 * pulses left once done.
 */
#include "simtest.h"

#define PULSES 2000

int main(void)
{
	const char *chip = st_setup(NULL);
	int fd;

	EXPECT_OK(fd = st_cdev_request(chip, 3, ST_BOTH));
	EXPECT_EQ(sim_edges(3), 0);
	EXPECT_OK(sim_burst(3, PULSES, 50000));
	EXPECT_OK(sim_wait_burst(3, 50000));
	EXPECT_EQ(sim_burst_left(3), 0);
	EXPECT_EQ(sim_edges(3), 2 * PULSES);
	EXPECT_EQ(sim_get_level(3), 0);
	/* The other lines saw nothing. */
	EXPECT_EQ(sim_edges(2), 0);
	EXPECT_EQ(sim_edges(4), 0);
	close(fd);
	return 0;
}
