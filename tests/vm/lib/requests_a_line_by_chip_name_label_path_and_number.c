// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The chip of gpioirq_line_request() as libgpiod takes it: device name
 * ("gpiochipN"), label ("gpioirq-sim"), path ("/dev/gpiochipN") and number
 * ("N") all name the simulator; the line reports the device name, and an
 * edge comes through each time. An unknown chip is ENODEV.
 */
#include "libtest.h"

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	char forms[4][64], name[32];
	struct gpioirq_line *line;
	unsigned int i;

	snprintf(name, sizeof(name), "%s", sim_chip_name());
	snprintf(forms[0], sizeof(forms[0]), "%s", name);
	snprintf(forms[1], sizeof(forms[1]), "gpioirq-sim");
	snprintf(forms[2], sizeof(forms[2]), "/dev/%s", name);
	snprintf(forms[3], sizeof(forms[3]), "%s", name + strlen("gpiochip"));
	for (i = 0; i < 4; i++) {
		line = gpioirq_line_request(ctx, forms[i], 2, NULL);
		if (!line)
			VMTEST_FAIL("gpioirq_line_request(%s, 2): %s", forms[i], strerror(errno));
		EXPECT_STREQ(gpioirq_line_get_chip_name(line), name);
		EXPECT_OK(sim_set_level(2, !(i & 1)));
		EXPECT_OK(gpioirq_line_wait(line, i & 1 ? GPIOIRQ_WAIT_EDGE_FALLING
							: GPIOIRQ_WAIT_EDGE_RISING,
					    LT_TIMEOUT_MS, NULL));
		gpioirq_line_release(line);
	}
	EXPECT_TRUE(gpioirq_line_request(ctx, "no-such-chip", 2, NULL) == NULL);
	EXPECT_EQ(errno, ENODEV);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
