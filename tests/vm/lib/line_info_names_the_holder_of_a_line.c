// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_line_get_info() and _by_name() say what gpioinfo says of a
 * simulator line: free, then held by a request whose consumer name is
 * "infotest" (the name a program refused with EBUSY can show); by name and
 * by chip and offset alike. Bad arguments: EINVAL (NULL, empty, an offset
 * past the chip's lines), ENODEV (no such chip), ENOENT (no such name).
 */
#include "libtest.h"

static void expect_info(const struct gpioirq_line_info *info, bool used, const char *consumer)
{
	EXPECT_STREQ(info->chip, sim_chip_name());
	EXPECT_STREQ(info->name, "sim-3");
	EXPECT_EQ(info->offset, 3);
	EXPECT_EQ(info->used, used);
	EXPECT_STREQ(info->consumer, consumer);
	EXPECT_EQ(info->output, false);
}

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	struct gpioirq_line_settings ls;
	struct gpioirq_line_info info;
	struct gpioirq_line *line;

	EXPECT_OK(gpioirq_line_get_info(sim_chip_name(), 3, &info));
	expect_info(&info, false, "");
	EXPECT_OK(gpioirq_line_get_info_by_name("sim-3", &info));
	expect_info(&info, false, "");

	gpioirq_line_settings_init(&ls);
	ls.consumer = "infotest";
	line = gpioirq_line_request(ctx, sim_chip_name(), 3, &ls);
	if (!line)
		VMTEST_FAIL("gpioirq_line_request: %s", strerror(errno));
	memset(&info, 0xff, sizeof(info));
	EXPECT_OK(gpioirq_line_get_info(sim_chip_name(), 3, &info));
	expect_info(&info, true, "infotest");
	memset(&info, 0xff, sizeof(info));
	EXPECT_OK(gpioirq_line_get_info_by_name("sim-3", &info));
	expect_info(&info, true, "infotest");
	/* What a refused program would see, then ask. */
	EXPECT_TRUE(gpioirq_line_request_by_name(ctx, "sim-3", NULL) == NULL);
	EXPECT_EQ(errno, EBUSY);

	EXPECT_ERRNO(gpioirq_line_get_info(sim_chip_name(), 1000, &info), EINVAL);
	EXPECT_ERRNO(gpioirq_line_get_info("no-such-chip", 0, &info), ENODEV);
	EXPECT_ERRNO(gpioirq_line_get_info(NULL, 0, &info), EINVAL);
	EXPECT_ERRNO(gpioirq_line_get_info("", 0, &info), EINVAL);
	EXPECT_ERRNO(gpioirq_line_get_info(sim_chip_name(), 0, NULL), EINVAL);
	EXPECT_ERRNO(gpioirq_line_get_info_by_name("no-such-line-anywhere", &info), ENOENT);
	EXPECT_ERRNO(gpioirq_line_get_info_by_name("", &info), EINVAL);

	gpioirq_line_release(line);
	EXPECT_OK(gpioirq_line_get_info_by_name("sim-3", &info));
	expect_info(&info, false, "");
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
