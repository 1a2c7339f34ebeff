// SPDX-License-Identifier: GPL-2.0
/*
 * The width of each pulse the host drives, read from the falling edge's
 * pulse_ns, matches the width the host drove within P6_WIDTH_TOL_NS plus the
 * host's own lateness (common.h says why there is a tolerance at all); so
 * does the period, read from the rising edges. Widths from 1 ms to 100 ms.
 */
#include <stdio.h>
#include <string.h>

#include "common.h"

#define LINE 5

static const unsigned int width_us[] = { 1000, 2000, 5000, 10000, 30000, 100000 };
#define N (sizeof(width_us) / sizeof(width_us[0]))
#define PULSES 4

static uint64_t absdiff(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

int main(void)
{
	struct gpioirq_event ev;
	struct p6_ring r;
	uint64_t worst = 0;
	uint32_t h;

	p6_setup();
	p6_open(&r, 0);
	h = p6_request_ok(r.fd, LINE, GPIOIRQ_LINE_EDGE_BOTH);

	for (unsigned int w = 0; w < N; w++) {
		uint64_t want = (uint64_t)width_us[w] * 1000;
		uint64_t period = 3 * want;
		uint64_t late = p6_drive("train %d %d %u %llu", LINE, PULSES,
					 width_us[w],
					 (unsigned long long)(period / 1000));
		uint64_t tol = P6_WIDTH_TOL_NS + late;

		for (int i = 0; i < 2 * PULSES; i++) {
			uint64_t err;

			p6_wait_event(&r, &ev);
			CHECK_EQ(ev.handle, h);
			CHECK_EQ(ev.edge, (i & 1) ? GPIOIRQ_EDGE_FALLING :
						    GPIOIRQ_EDGE_RISING);
			if (i == 0 && w == 0)
				continue; /* no previous edge */
			/* Falling: the pulse; rising: the gap before it, or
			 * for the first pulse of a train, unrelated. */
			if (i & 1)
				err = absdiff(ev.pulse_ns, want);
			else if (i)
				err = absdiff(ev.pulse_ns, period - want);
			else
				continue;
			if (err > worst)
				worst = err;
			if (err > tol)
				P6_FAIL("width %u us pulse %d edge %s: pulse_ns %llu, "
					"off by %llu ns > %llu ns (host late %llu ns)",
					width_us[w], i / 2, (i & 1) ? "falling" : "rising",
					(unsigned long long)ev.pulse_ns,
					(unsigned long long)err,
					(unsigned long long)tol,
					(unsigned long long)late);
		}
	}
	CHECK_EQ(p6_next(&r, &ev), 0);
	fprintf(stderr, "worst width error %llu ns\n", (unsigned long long)worst);
	p6_close(&r);
	return 0;
}
