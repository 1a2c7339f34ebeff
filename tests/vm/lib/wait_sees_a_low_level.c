// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_line_wait(GPIOIRQ_WAIT_LEVEL_LOW) on a line in wait mode: returns at once when the
 * line is at that level already; otherwise sleeps (consuming the ring
 * itself) until another thread sets the level, then returns 0 with
 * pulse_ns 0. The opposite level is then ETIMEDOUT.
 */
#include "libtest.h"

int main(void)
{
	return lt_test_wait_level(GPIOIRQ_WAIT_LEVEL_LOW);
}
