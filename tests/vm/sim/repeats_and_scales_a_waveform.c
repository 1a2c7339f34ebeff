// SPDX-License-Identifier: GPL-2.0
/*
 * "10000000 2 1" and "30000000 2 0" is one 40 ms period of a square wave
 * (a pass lasts first T + last T). Played with repeat=5 it raises exactly 10
 * edges at speed 100, 50 and 200 (a step in between that repeats the level
 * raises none); the play never ends before the last step's scaled time (a timer
 * never fires early), and the median pulse_ns gpioirq's top half measured
 * is the scaled 20 ms within a factor of 2 (TCG is slow: durations are
 * checked loosely, counts exactly). In nested-threaded mode too, where
 * "idle" still means every edge was handled (its timestamps and levels are
 * the bus thread's, which may run behind the waveform: not checked).
 */
#include <stdbool.h>
#include <stdlib.h>

#include "simtest.h"
#include "uapitest.h"

#define REPEAT	5
#define EDGES	(2 * REPEAT)

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static void play(struct ut_ring *r, uint32_t h, unsigned int speed,
		 int round, bool timed)
{
	/* The last step's time, scaled: 4 passes of 40 ms, then 30 ms. */
	long long least_ms = 190000000LL * 100 / speed / 1000000;
	uint64_t pulse[EDGES], want = 20000000ull * 100 / speed;
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	long long t0 = vmtest_now_ms();
	int i;

	EXPECT_OK(sim_waveform_start(REPEAT, speed));
	EXPECT_OK(sim_waveform_wait(30000));
	EXPECT_TRUE(vmtest_now_ms() - t0 >= least_ms);
	EXPECT_STREQ(sim_waveform_state(), "idle steps=3");
	EXPECT_EQ(sim_edges(2), (round + 1) * EDGES);
	EXPECT_EQ(sim_get_level(2), 0);
	ut_wait_rest(r->fd, h, (round + 1) * EDGES, &st);
	EXPECT_EQ(st.dropped, 0);
	for (i = 0; i < EDGES; i++) {
		ut_wait_event(r, &ev);
		EXPECT_EQ(ev.line_seqno, round * EDGES + i + 1);
		if (timed)
			EXPECT_EQ(ev.edge, (i & 1) ? GPIOIRQ_EDGE_FALLING :
						     GPIOIRQ_EDGE_RISING);
		pulse[i] = ev.pulse_ns;
	}
	ut_check_empty(r);
	if (!timed)
		return;
	/* The first pulse_ns of a round spans the pause between rounds. */
	qsort(pulse + 1, EDGES - 1, sizeof(pulse[0]), cmp_u64);
	if (pulse[EDGES / 2] < want / 2 || pulse[EDGES / 2] > want * 2)
		VMTEST_FAIL("speed %u: median pulse %llu ns, expected %llu",
			    speed, (unsigned long long)pulse[EDGES / 2],
			    (unsigned long long)want);
}

static void run(const char *params)
{
	struct ut_ring r;
	uint32_t h;

	st_setup(params);
	if (module_load())
		VMTEST_FAIL("loading gpioirq: %s", strerror(errno));
	ut_open(&r, 256);
	h = ut_request_ok(r.fd, sim_chip_name(), 2, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_OK(sim_waveform_write("10000000 2 1\n20000000 2 1\n30000000 2 0\n"));
	play(&r, h, 100, 0, !params);
	play(&r, h, 50, 1, !params);
	play(&r, h, 200, 2, !params);
	ut_close(&r);
}

int main(void)
{
	run(NULL);
	run("nested_threaded=1");
	return 0;
}
