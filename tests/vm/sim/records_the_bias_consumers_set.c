// SPDX-License-Identifier: GPL-2.0
/*
 * lineN/pull shows the bias a consumer set through the GPIO character
 * device: pull-up, pull-down, or none when disabled or never set; the bias
 * does not change the level.
 */
#include "simtest.h"

static void check_bias(const char *chip, unsigned long long flag,
		       const char *want)
{
	int fd;

	EXPECT_OK(fd = st_cdev_request(chip, 6, flag));
	EXPECT_STREQ(sim_pull(6), want);
	EXPECT_EQ(sim_get_level(6), 0);
	close(fd);
}

int main(void)
{
	const char *chip = st_setup(NULL);

	EXPECT_STREQ(sim_pull(6), "none");
	check_bias(chip, GPIO_V2_LINE_FLAG_BIAS_PULL_UP, "pull-up");
	check_bias(chip, GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN, "pull-down");
	check_bias(chip, GPIO_V2_LINE_FLAG_BIAS_DISABLED, "none");
	EXPECT_STREQ(sim_pull(7), "none");
	return 0;
}
