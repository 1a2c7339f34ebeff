// SPDX-License-Identifier: GPL-2.0
/*
 * lineN/burst takes "PULSES PERIOD_NS [HIGH_NS]" with PULSES >= 1,
 * PERIOD_NS >= 1000 and 0 < HIGH_NS < PERIOD_NS, or "0"; anything else is
 * refused with EINVAL and starts nothing.
 */
#include "simtest.h"

static void bad(const char *cmd)
{
	if (vmtest_write(SIM_DEBUGFS "/line0/burst", cmd) != -1 || errno != EINVAL)
		VMTEST_FAIL("burst \"%s\" was not refused with EINVAL", cmd);
}

int main(void)
{
	st_setup(NULL);

	bad("");
	bad("abc");
	bad("5");
	bad("0 1000");
	bad("5 999");
	bad("5 1000 0");
	bad("5 1000 1000");
	bad("5 1000 2000");
	bad("5 1000 500 7");
	bad("-1 1000");
	bad("5 -1000");
	bad("4294967296 1000");
	bad("5 1000x");
	bad("5,1000");
	EXPECT_EQ(sim_burst_left(0), 0);
	EXPECT_EQ(sim_get_level(0), 0);

	EXPECT_OK(vmtest_write(SIM_DEBUGFS "/line0/burst", "3 1000 1\n"));
	EXPECT_OK(sim_wait_burst(0, 10000));
	EXPECT_OK(vmtest_write(SIM_DEBUGFS "/line0/burst", "  2\t100000  "));
	EXPECT_OK(sim_wait_burst(0, 10000));
	EXPECT_OK(vmtest_write(SIM_DEBUGFS "/line0/burst", "0"));
	return 0;
}
