// SPDX-License-Identifier: GPL-2.0
/*
 * A line whose interrupt triggers on rising edges only gets one interrupt
 * per pulse, as does one triggering on falling edges; level writes likewise
 * raise only the matching edge.
 */
#include "simtest.h"

#define PULSES 500

int main(void)
{
	const char *chip = st_setup(NULL);
	int rise, fall;

	EXPECT_OK(rise = st_cdev_request(chip, 0, GPIO_V2_LINE_FLAG_EDGE_RISING));
	EXPECT_OK(fall = st_cdev_request(chip, 1, GPIO_V2_LINE_FLAG_EDGE_FALLING));

	EXPECT_OK(sim_set_level(0, 1));
	EXPECT_EQ(sim_edges(0), 1);
	EXPECT_OK(sim_set_level(0, 0));
	EXPECT_EQ(sim_edges(0), 1);
	EXPECT_OK(sim_set_level(1, 1));
	EXPECT_EQ(sim_edges(1), 0);
	EXPECT_OK(sim_set_level(1, 0));
	EXPECT_EQ(sim_edges(1), 1);

	EXPECT_OK(sim_burst(0, PULSES, 40000));
	EXPECT_OK(sim_burst(1, PULSES, 40000));
	EXPECT_OK(sim_wait_burst(0, 50000));
	EXPECT_OK(sim_wait_burst(1, 50000));
	EXPECT_EQ(sim_edges(0), 1 + PULSES);
	EXPECT_EQ(sim_edges(1), 1 + PULSES);
	close(rise);
	close(fall);
	return 0;
}
