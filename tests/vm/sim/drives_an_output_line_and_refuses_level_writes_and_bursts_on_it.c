// SPDX-License-Identifier: GPL-2.0
/*
 * A line requested as an output through the GPIO character device takes the
 * driven value as its level (lineN/level reads it), with no edge counted;
 * while it is driven, level writes, bursts and waveforms on it are EBUSY
 * (other lines are free); a line running a burst cannot become an output (EBUSY). Once
 * released, the line is an input that takes level writes again.
 */
#include "simtest.h"

/* Requests line @off of @chip as an output at @value; the line's fd or -1. */
static int request_output(const char *chip, unsigned int off, int value)
{
	struct gpio_v2_line_request req;
	char path[64];
	int fd, ret, err;

	snprintf(path, sizeof(path), "/dev/%s", chip);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	memset(&req, 0, sizeof(req));
	req.offsets[0] = off;
	req.num_lines = 1;
	snprintf(req.consumer, sizeof(req.consumer), "sim-test");
	req.config.flags = GPIO_V2_LINE_FLAG_OUTPUT;
	req.config.num_attrs = 1;
	req.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
	req.config.attrs[0].attr.values = value;
	req.config.attrs[0].mask = 1;
	ret = ioctl(fd, GPIO_V2_GET_LINE_IOCTL, &req);
	err = errno;
	close(fd);
	if (ret) {
		errno = err;
		return -1;
	}
	return req.fd;
}

static int set_output(int fd, int value)
{
	struct gpio_v2_line_values vals = { .bits = value, .mask = 1 };

	return ioctl(fd, GPIO_V2_LINE_SET_VALUES_IOCTL, &vals);
}

int main(void)
{
	const char *chip = st_setup(NULL);
	int fd;

	EXPECT_OK(fd = request_output(chip, 2, 1));
	EXPECT_EQ(sim_get_level(2), 1);
	EXPECT_OK(set_output(fd, 0));
	EXPECT_EQ(sim_get_level(2), 0);
	EXPECT_OK(set_output(fd, 1));
	EXPECT_EQ(sim_get_level(2), 1);
	EXPECT_EQ(sim_edges(2), 0);

	EXPECT_ERRNO(sim_set_level(2, 0), EBUSY);
	EXPECT_ERRNO(sim_burst(2, 1, 1000000), EBUSY);
	/* Nor may a waveform set it; once cleared the player is idle. */
	EXPECT_OK(sim_waveform_write("1000 2 0\n2000 2 1\n"));
	EXPECT_ERRNO(sim_waveform_start(1, 100), EBUSY);
	EXPECT_OK(sim_waveform_clear());
	EXPECT_STREQ(sim_waveform_state(), "idle steps=0");
	EXPECT_EQ(sim_get_level(2), 1);
	EXPECT_OK(sim_set_level(3, 1));

	/* A line whose level a burst sets cannot be driven. */
	EXPECT_OK(sim_burst(4, 1000000, 10000000));
	EXPECT_ERRNO(request_output(chip, 4, 0), EBUSY);
	EXPECT_OK(sim_burst_stop(4));

	close(fd);
	/* An input again, at the level the output left. */
	EXPECT_EQ(sim_get_level(2), 1);
	EXPECT_OK(sim_set_level(2, 0));
	EXPECT_EQ(sim_get_level(2), 0);
	EXPECT_OK(sim_burst(2, 1, 1000000));
	EXPECT_OK(sim_wait_burst(2, 10000));
	EXPECT_EQ(sim_edges(2), 0);
	return 0;
}
