// SPDX-License-Identifier: GPL-2.0
/*
 * 1,000,000 edges: 125,000 pulses on each of four lines of one file at
 * once (the simulator's waveform player, a pass of the four lines' pulses
 * repeated), while a thread consumes the ring. Per line: the simulator raised
 * exactly as many interrupts as the line counts edges, edges == events +
 * dropped, and the events the consumer got for that handle equal its
 * events, their line_seqno gaps its dropped. Per file: the seqno gaps add up
 * to ctrl->dropped, the consumer got every published event, in order.
 * Skipped, saying why, where the simulator is too slow to raise a million
 * edges in 300 s (its hrtimer under TCG on some kernels).
 */
#include <pthread.h>

#include "hostile.h"

#define LINES	4
#define PULSES	125000
#define EDGES	(2 * PULSES)

static struct ut_ring r;
static volatile int stop;
static uint64_t got[LINES], line_gaps[LINES], last_line_seqno[LINES];
static uint64_t gaps, last_seqno, bad_order, bad_handle;

static void *consume(void *arg)
{
	struct gpioirq_event ev;

	(void)arg;
	for (;;) {
		if (!ut_next(&r, &ev)) {
			if (stop)
				break;
			usleep(200);
			continue;
		}
		if (ev.seqno <= last_seqno)
			bad_order++;
		gaps += ev.seqno - last_seqno - 1;
		last_seqno = ev.seqno;
		if (ev.handle >= LINES || ev.type != GPIOIRQ_EVENT_EDGE) {
			bad_handle++;
			continue;
		}
		got[ev.handle]++;
		if (ev.line_seqno <= last_line_seqno[ev.handle])
			bad_order++;
		line_gaps[ev.handle] += ev.line_seqno -
					last_line_seqno[ev.handle] - 1;
		last_line_seqno[ev.handle] = ev.line_seqno;
	}
	return NULL;
}

int main(void)
{
	struct gpioirq_line_stats st[LINES];
	uint64_t total = 0, dropped = 0;
	char wave[512] = "";
	long long t0;
	pthread_t th;
	unsigned int i;

	hs_setup(NULL);
	ut_open(&r, 65536);
	for (i = 0; i < LINES; i++)
		EXPECT_EQ(ut_request_ok(r.fd, hs_chip, i, GPIOIRQ_LINE_EDGE_BOTH), i);
	EXPECT_EQ(pthread_create(&th, NULL, consume, NULL), 0);

	/*
	 * One pass: line i rises at 5 + 2.5 i us and falls 10 us later; a
	 * pass lasts first + last step time, 27.5 us. Played PULSES times at
	 * 20 % speed (137.5 us a pass, 58 000 edges/s: 17 s) from the
	 * simulator's one player timer: four burst timers re-armed from their
	 * own callbacks run late on 7.2 under TCG (Documentation/limits.md),
	 * one timer does not.
	 */
	for (i = 0; i < LINES; i++) {
		char step[64];

		snprintf(step, sizeof(step), "%u %u 1\n", 5000 + 2500 * i, i);
		strcat(wave, step);
	}
	for (i = 0; i < LINES; i++) {
		char step[64];

		snprintf(step, sizeof(step), "%u %u 0\n", 15000 + 2500 * i, i);
		strcat(wave, step);
	}
	EXPECT_OK(sim_waveform_write(wave));
	t0 = vmtest_now_ms();
	EXPECT_OK(sim_waveform_start(PULSES, 20));
	/* One deadline for the four lines' pulses, which run at once. */
	for (;;) {
		const char *state = sim_waveform_state();
		unsigned long long played = 0;
		long long ms;

		if (!state)
			HS_FAIL("reading the waveform's state: %s", strerror(errno));
		if (!strncmp(state, "idle", 4))
			break;
		if (sscanf(state, "playing steps=%*u played=%llu", &played) != 1)
			HS_FAIL("waveform state \"%s\"", state);
		vmtest_waiting("the waveform to end: %s; edges %ld %ld %ld %ld", state,
			       sim_edges(0), sim_edges(1), sim_edges(2), sim_edges(3));
		/* From 20 s on: at this pace, is 300 s enough? */
		ms = vmtest_now_ms() - t0;
		if (ms > 20000 && (long long)played * 300000LL / ms < LINES * EDGES) {
			sim_waveform_stop();
			stop = 1;
			pthread_join(th, NULL);
			ut_close(&r);
			vmtest_skip("the simulator raised %llu edges in %lld ms on this kernel: a million would take %lld s",
				    played, ms, LINES * EDGES * ms / (played ? (long long)played : 1) / 1000);
		}
		if (vmtest_now_ms() - t0 > 360000)
			HS_FAIL("waveform not over after 360 s: %s", state);
		usleep(100000);
	}
	vmtest_waiting(NULL);
	for (i = 0; i < LINES; i++)
		ut_wait_rest(r.fd, i, EDGES, &st[i]);
	vmtest_waiting("the consumer to drain the ring");
	while (ut_head(&r) != ut_tail(&r))
		usleep(1000);
	stop = 1;
	pthread_join(th, NULL);
	printf("%d edges in %lld ms\n", LINES * EDGES, vmtest_now_ms() - t0);

	for (i = 0; i < LINES; i++) {
		printf("line %u: edges %llu events %llu dropped %llu got %llu\n",
		       i, (unsigned long long)st[i].edges,
		       (unsigned long long)st[i].events,
		       (unsigned long long)st[i].dropped,
		       (unsigned long long)got[i]);
		EXPECT_EQ(sim_edges(i), EDGES);
		EXPECT_EQ(st[i].interrupts, EDGES);
		EXPECT_EQ(st[i].edges, EDGES);
		EXPECT_EQ(st[i].events + st[i].dropped, EDGES);
		EXPECT_EQ(got[i], st[i].events);
		EXPECT_EQ(line_gaps[i] + (EDGES - last_line_seqno[i]),
			  st[i].dropped);
		total += st[i].edges;
		dropped += st[i].dropped;
	}
	EXPECT_EQ(total, 1000000);
	EXPECT_EQ(r.ctrl->dropped, dropped);
	EXPECT_EQ(gaps + (total - last_seqno), dropped);
	EXPECT_EQ(bad_order, 0);
	EXPECT_EQ(bad_handle, 0);
	EXPECT_EQ(r.ctrl->bad_tail, 0);
	ut_close(&r);
	return 0;
}
