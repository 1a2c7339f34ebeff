// SPDX-License-Identifier: GPL-2.0
/*
 * lineN/level reads the level written; writing the present level again
 * raises nothing; anything but "0" or "1" is refused with EINVAL and leaves
 * the level alone. The GPIO character device reads the same level.
 */
#include "simtest.h"

static void write_level(const char *s)
{
	EXPECT_ERRNO(vmtest_write(SIM_DEBUGFS "/line2/level", s), EINVAL);
}

int main(void)
{
	const char *chip = st_setup(NULL);
	struct gpio_v2_line_values vals = { .mask = 1 };
	int fd;

	EXPECT_EQ(sim_get_level(2), 0);
	EXPECT_OK(fd = st_cdev_request(chip, 2, ST_BOTH));
	EXPECT_OK(vmtest_write(SIM_DEBUGFS "/line2/level", "1\n"));
	EXPECT_EQ(sim_get_level(2), 1);
	EXPECT_OK(ioctl(fd, GPIO_V2_LINE_GET_VALUES_IOCTL, &vals));
	EXPECT_EQ(vals.bits & 1, 1);
	EXPECT_OK(sim_set_level(2, 1));
	EXPECT_EQ(sim_edges(2), 1);

	write_level("2");
	write_level("-1");
	write_level("10");
	write_level("high");
	write_level("1 1");
	write_level("");
	write_level("\n");
	EXPECT_EQ(sim_get_level(2), 1);
	EXPECT_EQ(sim_edges(2), 1);

	EXPECT_OK(sim_set_level(2, 0));
	EXPECT_OK(ioctl(fd, GPIO_V2_LINE_GET_VALUES_IOCTL, &vals));
	EXPECT_EQ(vals.bits & 1, 0);
	EXPECT_EQ(sim_edges(2), 2);
	/* Lines beyond nr_lines do not exist. */
	EXPECT_ERRNO(vmtest_write(SIM_DEBUGFS "/line8/level", "1"), ENOENT);
	close(fd);
	return 0;
}
