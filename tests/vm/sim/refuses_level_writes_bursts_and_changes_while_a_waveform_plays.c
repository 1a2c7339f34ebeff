// SPDX-License-Identifier: GPL-2.0
/*
 * While a waveform plays, the lines it sets refuse level writes and bursts
 * (EBUSY), as do a second start, clear and new steps; lines it does not set
 * stay free. A start is refused (EBUSY) while a burst runs on a line the
 * waveform sets. "stop" ends it at once, keeps the levels, and the lines
 * take writes again; the staged steps stay and play again.
 */
#include "simtest.h"

static long played(void)
{
	const char *s = sim_waveform_state();
	long p;

	if (s && sscanf(s, "playing steps=%*u played=%ld", &p) == 1)
		return p;
	return -1;
}

int main(void)
{
	const char *chip = st_setup(NULL);
	long long end;
	int fd;

	EXPECT_OK(fd = st_cdev_request(chip, 1, ST_BOTH));
	/* Line 1 rises at once and would fall after 1000 s. */
	EXPECT_OK(sim_waveform_write("0 1 1\n1000000000000 1 0\n"));
	EXPECT_OK(sim_waveform_start(1, 100));
	end = vmtest_now_ms() + 10000;
	while (played() != 1 && vmtest_now_ms() < end)
		usleep(1000);
	EXPECT_STREQ(sim_waveform_state(),
		     "playing steps=2 played=1 repeat_left=0");
	EXPECT_EQ(sim_get_level(1), 1);
	EXPECT_EQ(sim_edges(1), 1);

	EXPECT_ERRNO(sim_set_level(1, 0), EBUSY);
	EXPECT_ERRNO(sim_burst(1, 1, 1000000), EBUSY);
	EXPECT_ERRNO(sim_waveform_start(1, 100), EBUSY);
	EXPECT_ERRNO(sim_waveform_clear(), EBUSY);
	EXPECT_ERRNO(sim_waveform_write("2000000000000 1 1\n"), EBUSY);
	EXPECT_STREQ(sim_waveform_state(),
		     "playing steps=2 played=1 repeat_left=0");
	/* Other lines are free. */
	EXPECT_OK(sim_set_level(2, 1));
	EXPECT_OK(sim_burst(3, 1, 1000000));
	EXPECT_OK(sim_wait_burst(3, 10000));

	EXPECT_OK(sim_waveform_stop());
	EXPECT_STREQ(sim_waveform_state(), "idle steps=2");
	EXPECT_EQ(sim_get_level(1), 1);
	EXPECT_EQ(sim_edges(1), 1);
	EXPECT_OK(sim_set_level(1, 0));
	EXPECT_EQ(sim_edges(1), 2);
	/* Stopping when idle is fine. */
	EXPECT_OK(sim_waveform_stop());

	/* A burst on a line the waveform sets refuses the start. */
	EXPECT_OK(sim_burst(1, 1000000, 10000000));
	EXPECT_ERRNO(sim_waveform_start(1, 100), EBUSY);
	EXPECT_STREQ(sim_waveform_state(), "idle steps=2");
	EXPECT_OK(sim_burst_stop(1));
	EXPECT_OK(sim_set_level(1, 0));

	/* The steps stay staged and play again. */
	EXPECT_OK(sim_waveform_start(1, 100));
	EXPECT_OK(sim_waveform_stop());
	EXPECT_OK(sim_waveform_clear());
	EXPECT_STREQ(sim_waveform_state(), "idle steps=0");
	close(fd);
	return 0;
}
