// SPDX-License-Identifier: GPL-2.0
/*
 * A write with a malformed line fails with EINVAL and stages nothing of
 * itself, not even its good lines before the bad one; what earlier writes
 * staged stays. A line may be split between two writes of one file; an
 * unterminated line left at close is dropped. Starting with nothing staged
 * is EINVAL, as are bad start options.
 */
#include <fcntl.h>

#include "simtest.h"

static const char *const bad[] = {
	"100 0\n",			/* too few fields */
	"100 0 1 1\n",			/* too many */
	"100 0 2\n",			/* level not 0/1 */
	"100 8 1\n",			/* no line 8 of 8 */
	"abc 0 1\n",
	"-1 0 1\n",
	"0x10 0 1\n",
	"1000000000000001 0 1\n",	/* beyond the latest time */
	"bogus\n",
	"10 0 1\n20 0 0\n5 0 1\n",	/* time going back */
	"10 0 1\n20 0 0\nstop now\n",	/* good lines, then a bad one */
	"start repeat=0\n",
	"start speed=0\n",
	"start speed=10001\n",
	"start repeat=x\n",
	"start now\n",
};

static void expect_state(const char *want)
{
	EXPECT_STREQ(sim_waveform_state(), want);
}

int main(void)
{
	char longline[200];
	unsigned int i;
	int fd;

	st_setup(NULL);
	expect_state("idle steps=0");
	EXPECT_ERRNO(sim_waveform_start(1, 100), EINVAL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (sim_waveform_write(bad[i]) != -1 || errno != EINVAL)
			VMTEST_FAIL("\"%s\" was not refused with EINVAL", bad[i]);
		expect_state("idle steps=0");
	}
	/* A NUL inside the write: vmtest_write() stops at it, write() here. */
	EXPECT_OK(fd = open(SIM_DEBUGFS "/waveform", O_WRONLY));
	EXPECT_ERRNO(write(fd, "10 0 1\n\0 1 1\n", 13), EINVAL);
	close(fd);
	expect_state("idle steps=0");
	memset(longline, ' ', sizeof(longline));
	memcpy(longline + sizeof(longline) - 8, "0 0 1\n", 7);
	EXPECT_ERRNO(sim_waveform_write(longline), EINVAL);
	expect_state("idle steps=0");

	EXPECT_OK(sim_waveform_write("  10\t0 1  \n# a comment\n\n"));
	expect_state("idle steps=1");
	/* Earlier than what is staged: refused, the staged step stays. */
	EXPECT_ERRNO(sim_waveform_write("20 0 0\n5 0 1\n"), EINVAL);
	expect_state("idle steps=1");

	/* A line split between two writes of one file. */
	EXPECT_OK(fd = open(SIM_DEBUGFS "/waveform", O_WRONLY));
	EXPECT_EQ(write(fd, "20 1", 4), 4);
	expect_state("idle steps=1");
	EXPECT_EQ(write(fd, " 1\n30", 5), 5);
	expect_state("idle steps=2");
	/* The bad write keeps the unterminated "30" as it was. */
	EXPECT_ERRNO(write(fd, " 1 x\n", 5), EINVAL);
	EXPECT_EQ(write(fd, " 0 0\n", 5), 5);
	expect_state("idle steps=3");
	/* Dropped at close. */
	EXPECT_EQ(write(fd, "40 0 1", 6), 6);
	close(fd);
	expect_state("idle steps=3");

	EXPECT_OK(sim_waveform_clear());
	expect_state("idle steps=0");
	EXPECT_ERRNO(sim_waveform_start(1, 100), EINVAL);
	/* Nothing of it played: no line moved. */
	EXPECT_EQ(sim_get_level(0), 0);
	EXPECT_EQ(sim_get_level(1), 0);
	return 0;
}
