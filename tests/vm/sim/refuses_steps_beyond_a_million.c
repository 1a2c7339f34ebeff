// SPDX-License-Identifier: GPL-2.0
/*
 * The player stages at most 1,000,000 steps: a write that would go beyond
 * fails with E2BIG and stages nothing of itself; "clear" frees them all.
 */
#include <stdlib.h>

#include "simtest.h"

#define MAX_STEPS	1000000

int main(void)
{
	static const char step[] = "7 3 1\n";
	size_t len = sizeof(step) - 1;
	char *text;
	size_t i;

	st_setup(NULL);
	text = malloc(MAX_STEPS * len + 1);
	if (!text)
		VMTEST_FAIL("malloc");
	for (i = 0; i < MAX_STEPS; i++)
		memcpy(text + i * len, step, len);
	text[MAX_STEPS * len] = '\0';

	/* One step too many in one write: nothing staged. */
	EXPECT_OK(sim_waveform_write("7 3 0\n"));
	EXPECT_ERRNO(sim_waveform_write(text), E2BIG);
	EXPECT_STREQ(sim_waveform_state(), "idle steps=1");
	EXPECT_OK(sim_waveform_clear());

	EXPECT_OK(sim_waveform_write(text));
	EXPECT_STREQ(sim_waveform_state(), "idle steps=1000000");
	EXPECT_ERRNO(sim_waveform_write(step), E2BIG);
	EXPECT_STREQ(sim_waveform_state(), "idle steps=1000000");
	EXPECT_OK(sim_waveform_clear());
	EXPECT_STREQ(sim_waveform_state(), "idle steps=0");
	free(text);
	return 0;
}
