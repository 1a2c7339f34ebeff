// SPDX-License-Identifier: GPL-2.0
/*
 * A waveform whose two lines change 1 us apart (line 0, then line 1, rising,
 * then both falling, 50 times: 200 edges) reaches the interrupt handlers in
 * the order of its steps, however late the timer runs under TCG:
 *  - with GPIOIRQ_BH_DIRECT, where the top half gives the seqnos, the ring
 *    holds the events in step order: seqno 1..200, lines alternating 0, 1,
 *    edges rising twice then falling twice (skipped on PREEMPT_RT, which
 *    refuses the mode);
 *  - with the default bottom half, the top half's timestamps follow the step
 *    order (never decrease along it) and each line's events come in order.
 *    The seqnos are given per line by its bottom half: when several steps
 *    play in one late callback, one line's events may take their seqnos
 *    before the other's, so the seqno is not the cross-line order there.
 * In nested-threaded mode (an expander, whose thread reads what changed on
 * all lines at once) each line's edges keep their order and are counted
 * exactly once the player is idle; the order across lines is not kept, nor
 * the directions: the handler reads the level when the thread runs, as it
 * would read an expander's input register, and the waveform is ahead.
 */
#include <stdbool.h>

#include "simtest.h"
#include "uapitest.h"

#define CYCLES	50
#define EVENTS	(4 * CYCLES)

enum mode { DIRECT, DEFAULT_BH, NESTED };

/* The handle of step @i's line, and its line_seqno and edge. */
static void expect_step(const struct gpioirq_event *ev, int i,
			const uint32_t *h, bool nested)
{
	unsigned int edge = (i & 2) ? GPIOIRQ_EDGE_FALLING : GPIOIRQ_EDGE_RISING;

	if (nested)
		edge = ev->edge;
	if (ev->type != GPIOIRQ_EVENT_EDGE || ev->handle != h[i & 1] ||
	    ev->line_seqno != (uint64_t)i / 2 + 1 || ev->edge != edge)
		VMTEST_FAIL("step %d: type %u handle %u line_seqno %llu edge %u seqno %llu, expected handle %u line_seqno %d edge %u",
			    i, ev->type, ev->handle,
			    (unsigned long long)ev->line_seqno, ev->edge,
			    (unsigned long long)ev->seqno, h[i & 1], i / 2 + 1,
			    edge);
}

static void play_and_check(enum mode mode)
{
	static struct gpioirq_event ev[EVENTS], *by_line[2][EVENTS / 2];
	struct gpioirq_line_config cfg;
	struct gpioirq_line_stats st;
	char text[64 * EVENTS], *p = text;
	int i, j, n[2] = { 0, 0 };
	struct ut_ring r;
	uint32_t h[2];

	printf("%s\n", mode == DIRECT ? "direct" :
			mode == DEFAULT_BH ? "default bottom half" :
					     "nested-threaded");
	st_setup(mode == NESTED ? "nested_threaded=1" : NULL);
	if (module_load())
		VMTEST_FAIL("loading gpioirq: %s", strerror(errno));
	ut_open(&r, 1024);
	ut_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
	if (mode == DIRECT) {
		struct gpioirq_line_request req;

		ut_req_init(&req, sim_chip_name(), 0, GPIOIRQ_LINE_EDGE_BOTH);
		req.config.bh = GPIOIRQ_BH_DIRECT;
		if (ioctl(r.fd, GPIOIRQ_IOC_LINE_REQUEST, &req)) {
			EXPECT_EQ(errno, EOPNOTSUPP);
			printf("direct mode refused (PREEMPT_RT): not played\n");
			ut_close(&r);
			return;
		}
		cfg.bh = GPIOIRQ_BH_DIRECT;
		h[0] = req.handle;
	} else {
		h[0] = ut_request_cfg(r.fd, sim_chip_name(), 0, &cfg);
	}
	h[1] = ut_request_cfg(r.fd, sim_chip_name(), 1, &cfg);

	/* 20 us per cycle: line 0 up, 1 us later line 1 up; 10 us later
	 * line 0 down, 1 us later line 1 down. */
	for (i = 0; i < CYCLES; i++) {
		unsigned long t = 100000 + 20000ul * i;

		p += sprintf(p, "%lu 0 1\n%lu 1 1\n%lu 0 0\n%lu 1 0\n", t,
			     t + 1000, t + 10000, t + 11000);
	}
	EXPECT_OK(sim_waveform_write("# two lines, 1 us apart\n\n"));
	EXPECT_OK(sim_waveform_write(text));
	EXPECT_STREQ(sim_waveform_state(), "idle steps=200");
	EXPECT_OK(sim_waveform_start(1, 100));
	EXPECT_OK(sim_waveform_wait(20000));
	EXPECT_STREQ(sim_waveform_state(), "idle steps=200");
	EXPECT_EQ(sim_edges(0), 2 * CYCLES);
	EXPECT_EQ(sim_edges(1), 2 * CYCLES);
	for (j = 0; j < 2; j++) {
		ut_wait_rest(r.fd, h[j], 2 * CYCLES, &st);
		EXPECT_EQ(st.dropped, 0);
	}
	for (i = 0; i < EVENTS; i++) {
		ut_wait_event(&r, &ev[i]);
		j = ev[i].handle == h[1];
		by_line[j][n[j]++] = &ev[i];
	}
	ut_check_empty(&r);
	EXPECT_EQ(n[0], 2 * CYCLES);
	EXPECT_EQ(n[1], 2 * CYCLES);

	if (mode == DIRECT) {
		for (i = 0; i < EVENTS; i++) {
			EXPECT_EQ(ev[i].seqno, i + 1);
			expect_step(&ev[i], i, h, false);
		}
	}
	/* Step i is line (i & 1)'s event i / 2. */
	for (i = 0; i < EVENTS; i++) {
		const struct gpioirq_event *e = by_line[i & 1][i / 2];
		const struct gpioirq_event *prev =
			i ? by_line[(i - 1) & 1][(i - 1) / 2] : NULL;

		expect_step(e, i, h, mode == NESTED);
		if (mode != NESTED && prev &&
		    e->timestamp_ns < prev->timestamp_ns)
			VMTEST_FAIL("step %d's timestamp %llu before step %d's %llu",
				    i, (unsigned long long)e->timestamp_ns,
				    i - 1, (unsigned long long)prev->timestamp_ns);
	}
	EXPECT_EQ(sim_get_level(0), 0);
	EXPECT_EQ(sim_get_level(1), 0);
	ut_close(&r);
}

int main(void)
{
	play_and_check(DIRECT);
	play_and_check(DEFAULT_BH);
	play_and_check(NESTED);
	return 0;
}
