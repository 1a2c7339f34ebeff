// SPDX-License-Identifier: GPL-2.0
/*
 * With no interrupt requested on a line (masked), level changes and bursts
 * change the level but raise no interrupt; after the consumer releases the
 * line, counting stops again.
 */
#include "simtest.h"

int main(void)
{
	const char *chip = st_setup(NULL);
	int fd;

	EXPECT_OK(sim_set_level(5, 1));
	EXPECT_EQ(sim_get_level(5), 1);
	EXPECT_OK(sim_set_level(5, 0));
	EXPECT_OK(sim_burst(5, 100, 20000));
	EXPECT_OK(sim_wait_burst(5, 20000));
	EXPECT_EQ(sim_edges(5), 0);

	EXPECT_OK(fd = st_cdev_request(chip, 5, ST_BOTH));
	EXPECT_OK(sim_set_level(5, 1));
	EXPECT_EQ(sim_edges(5), 1);
	close(fd);
	EXPECT_OK(sim_set_level(5, 0));
	EXPECT_EQ(sim_edges(5), 1);
	return 0;
}
