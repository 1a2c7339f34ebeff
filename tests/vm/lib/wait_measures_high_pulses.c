// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_line_wait(GPIOIRQ_WAIT_PULSE_HIGH) measures high pulses from the kernel's timestamps of
 * their two edges: another thread drives pulses of 10, 20 and 40 ms (level
 * 1, then back to 0) while this one waits. Each width is at least what
 * the driver slept (the second edge's write starts that long after the
 * first edge's handler ran) and within 2 s of it (a slow TCG guest); the
 * three come in order.
 */
#include "libtest.h"

int main(void)
{
	return lt_test_wait_pulses(GPIOIRQ_WAIT_PULSE_HIGH);
}
