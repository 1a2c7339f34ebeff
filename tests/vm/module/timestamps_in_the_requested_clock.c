// SPDX-License-Identifier: GPL-2.0
/*
 * Each line stamps its events in its own clock: monotonic, realtime or
 * boottime; the timestamp falls within the write that raised the edge, read
 * in that clock. pulse_ns and bh_delay_ns stay monotonic durations.
 */
#include "modtest.h"

int main(void)
{
	static const struct {
		uint32_t clock;
		clockid_t id;
	} clocks[] = {
		{ GPIOIRQ_CLOCK_MONOTONIC, CLOCK_MONOTONIC },
		{ GPIOIRQ_CLOCK_REALTIME, CLOCK_REALTIME },
		{ GPIOIRQ_CLOCK_BOOTTIME, CLOCK_BOOTTIME },
	};
	struct gpioirq_line_config cfg;
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint64_t t0, t1;
	unsigned int i;
	uint32_t h;

	mt_setup(NULL);
	mt_open(&r, 0);
	for (i = 0; i < 3; i++) {
		mt_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
		cfg.clock = clocks[i].clock;
		h = mt_request_cfg(r.fd, i, &cfg);
		t0 = mt_now_ns(clocks[i].id);
		mt_set_level(i, 1);
		t1 = mt_now_ns(clocks[i].id);
		mt_wait_rest(r.fd, h, 1, &st);
		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.handle, h);
		if (ev.timestamp_ns < t0 || ev.timestamp_ns > t1)
			MT_FAIL("clock %u: %llu not in [%llu, %llu]", clocks[i].clock,
				(unsigned long long)ev.timestamp_ns,
				(unsigned long long)t0, (unsigned long long)t1);
	}
	mt_close(&r);
	return 0;
}
