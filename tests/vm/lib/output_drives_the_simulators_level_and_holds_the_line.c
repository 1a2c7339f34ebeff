// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_output_request() drives a simulator line: the simulator's level
 * follows gpioirq_output_set_value() and _get_value() reads it back;
 * gpioirq_line_get_info() says used, output, and the consumer name (NULL
 * gives "gpioirq"); a gpioirq input request of the line is EBUSY, and so
 * is a second output; once released, the line is free and an input request
 * takes it. _by_name() finds the line by its name. Bad arguments: EINVAL
 * (NULL, empty, a value not 0/1, an offset past the chip's lines), ENODEV
 * (no such chip), ENOENT (no such name).
 */
#include "libtest.h"

/* @output -1: either (gpiolib keeps a released line's last direction). */
static void expect_info(bool used, int output, const char *consumer)
{
	struct gpioirq_line_info info;

	memset(&info, 0xff, sizeof(info));
	EXPECT_OK(gpioirq_line_get_info(sim_chip_name(), 6, &info));
	EXPECT_STREQ(info.name, "sim-6");
	EXPECT_EQ(info.used, used);
	if (output >= 0)
		EXPECT_EQ(info.output, output);
	EXPECT_STREQ(info.consumer, consumer);
}

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	struct gpioirq_output *out;
	struct gpioirq_line *line;
	const char *chip = sim_chip_name();

	out = gpioirq_output_request(chip, 6, 1, "ledtest");
	if (!out)
		VMTEST_FAIL("gpioirq_output_request: %s", strerror(errno));
	EXPECT_EQ(sim_get_level(6), 1);
	EXPECT_EQ(gpioirq_output_get_value(out), 1);
	EXPECT_OK(gpioirq_output_set_value(out, 0));
	EXPECT_EQ(sim_get_level(6), 0);
	EXPECT_EQ(gpioirq_output_get_value(out), 0);
	EXPECT_OK(gpioirq_output_set_value(out, 1));
	EXPECT_EQ(sim_get_level(6), 1);
	EXPECT_EQ(gpioirq_output_get_value(out), 1);
	expect_info(true, true, "ledtest");
	/* The simulator refuses to change a driven line's level. */
	EXPECT_ERRNO(sim_set_level(6, 0), EBUSY);

	EXPECT_TRUE(gpioirq_line_request(ctx, chip, 6, NULL) == NULL);
	EXPECT_EQ(errno, EBUSY);
	EXPECT_TRUE(gpioirq_output_request(chip, 6, 0, NULL) == NULL);
	EXPECT_EQ(errno, EBUSY);
	EXPECT_ERRNO(gpioirq_output_set_value(out, 2), EINVAL);
	EXPECT_ERRNO(gpioirq_output_set_value(out, -1), EINVAL);
	EXPECT_EQ(sim_get_level(6), 1);

	gpioirq_output_release(out);
	expect_info(false, -1, "");
	line = gpioirq_line_request(ctx, chip, 6, NULL);
	if (!line)
		VMTEST_FAIL("input request after release: %s", strerror(errno));
	expect_info(true, false, "gpioirq");
	/* An input again: a level write raises an edge. */
	EXPECT_OK(sim_set_level(6, 0));
	EXPECT_EQ(sim_get_level(6), 0);
	gpioirq_line_release(line);

	out = gpioirq_output_request_by_name("sim-6", 0, NULL);
	if (!out)
		VMTEST_FAIL("gpioirq_output_request_by_name: %s", strerror(errno));
	expect_info(true, true, "gpioirq");
	EXPECT_OK(gpioirq_output_set_value(out, 1));
	EXPECT_EQ(sim_get_level(6), 1);
	gpioirq_output_release(out);
	gpioirq_output_release(NULL);

	EXPECT_TRUE(gpioirq_output_request(NULL, 6, 0, NULL) == NULL);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_TRUE(gpioirq_output_request("", 6, 0, NULL) == NULL);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_TRUE(gpioirq_output_request(chip, 6, 2, NULL) == NULL);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_TRUE(gpioirq_output_request(chip, 1000, 0, NULL) == NULL);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_TRUE(gpioirq_output_request("no-such-chip", 0, 0, NULL) == NULL);
	EXPECT_EQ(errno, ENODEV);
	EXPECT_TRUE(gpioirq_output_request_by_name("no-such-line-anywhere", 0, NULL) == NULL);
	EXPECT_EQ(errno, ENOENT);
	EXPECT_TRUE(gpioirq_output_request_by_name("", 0, NULL) == NULL);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_TRUE(gpioirq_output_request_by_name("sim-6", -1, NULL) == NULL);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_ERRNO(gpioirq_output_set_value(NULL, 0), EINVAL);
	EXPECT_ERRNO(gpioirq_output_get_value(NULL), EINVAL);
	/* Nothing left held. */
	expect_info(false, -1, "");
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
