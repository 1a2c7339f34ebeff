// SPDX-License-Identifier: GPL-2.0
/*
 * The ABI's struct sizes and key offsets, at compile time here and in the
 * module (BUILD_BUG_ON in kmod/main.c), and as the running module reports
 * them (INFO, RING_INFO, the control page).
 */
#include <stddef.h>

#include "modtest.h"

_Static_assert(sizeof(struct gpioirq_line_config) == 48, "line_config");
_Static_assert(sizeof(struct gpioirq_line_request) == 104, "line_request");
_Static_assert(sizeof(struct gpioirq_line_reconfig) == 56, "line_reconfig");
_Static_assert(sizeof(struct gpioirq_line_handle) == 8, "line_handle");
_Static_assert(sizeof(struct gpioirq_line_value) == 8, "line_value");
_Static_assert(sizeof(struct gpioirq_line_stats) == 104, "line_stats");
_Static_assert(sizeof(struct gpioirq_info) == 144, "info");
_Static_assert(sizeof(struct gpioirq_ring_layout) == 104, "ring_layout");
_Static_assert(sizeof(struct gpioirq_ring_ctrl) == 64, "ring_ctrl");
_Static_assert(sizeof(struct gpioirq_ring_consumer) == 16, "ring_consumer");
_Static_assert(sizeof(struct gpioirq_event) == 64, "event");
_Static_assert(offsetof(struct gpioirq_event, handle) == 48, "event.handle");
_Static_assert(offsetof(struct gpioirq_event, reserved) == 56, "event.reserved");
_Static_assert(offsetof(struct gpioirq_line_request, config) == 40, "request.config");

int main(void)
{
	struct gpioirq_info info;
	struct mt_ring r;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_info(r.fd, &info);
	EXPECT_EQ(info.abi_version, GPIOIRQ_ABI_VERSION);
	EXPECT_EQ(info.event_size, sizeof(struct gpioirq_event));
	EXPECT_EQ(r.lay.event_size, sizeof(struct gpioirq_event));
	EXPECT_EQ(r.ctrl->event_size, sizeof(struct gpioirq_event));
	EXPECT_EQ(r.ctrl->abi_version, GPIOIRQ_ABI_VERSION);
	EXPECT_EQ(r.lay.head_offset, offsetof(struct gpioirq_ring_ctrl, head));
	EXPECT_EQ(r.lay.dropped_offset, offsetof(struct gpioirq_ring_ctrl, dropped));
	EXPECT_EQ(r.lay.tail_offset, offsetof(struct gpioirq_ring_consumer, tail));
	EXPECT_EQ(r.lay.wakeup_offset,
		 offsetof(struct gpioirq_ring_consumer, wakeup));
	mt_close(&r);
	return 0;
}
