// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_line_wait(GPIOIRQ_WAIT_EDGE_FALLING): another thread raises a pulse (1 then 0) 30 ms
 * long while this one waits; the wait skips the first edge and returns at
 * the falling one, with its pulse_ns (time since the first edge): at least
 * 30 ms, the time the driver slept between the two. Each edge is returned
 * once: a second wait times out.
 */
#include "libtest.h"

int main(void)
{
	return lt_test_wait_edge(GPIOIRQ_WAIT_EDGE_FALLING);
}
