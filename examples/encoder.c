// SPDX-License-Identifier: MIT
/*
 * encoder: a rotary encoder's position, in detents, from its two lines.
 *
 *   encoder [-d DEBOUNCE_US] [-n DETENTS] [-x IDLE_MS] [-q] CHIP OFFSET-A OFFSET-B
 *   encoder [-d DEBOUNCE_US] [-n DETENTS] [-x IDLE_MS] [-q] LINE-A LINE-B
 *
 * A quadrature encoder (KY-040, EC11, ...) has two contacts, A and B, to a
 * common pin on ground; the lines are requested with pull-ups and both
 * edges. Turning it one detent makes four edges, alternately on A and on
 * B; which line leads is the direction. Each event carries its line's
 * level just after the edge, read in the top half, and the top half's
 * timestamp: the two lines' events are put in edge order by those
 * timestamps (edgemerge.c: the ring's order, the seqno's, is each line's
 * order but not always the order across lines, when edges come faster than
 * the bottom halves run), and the decoder (quadrature.c) follows the state
 * from the events alone, never reading the lines (a read could see a later
 * state). Exact at any speed the ring keeps up with (20 us between edges in
 * the VM test, tests/vm/examples); what the ring could not keep is counted
 * by line_seqno and reported.
 *
 * Prints "position P (+1)" at each detent (not with -q); "idle at position
 * P, N edges" when the edges stop for 50 ms (N: every edge so far, decoded
 * or dropped); "error: ..." when events were lost or a transition was
 * impossible (the decoder then counts nothing until it is back in step:
 * never a silent wrong step), and when drops no line_seqno gap shows came
 * among the last edges; and at the end, after DETENTS detents (-n, default
 * 0: never), when no edge came for IDLE_MS once edges came (-x, default 0:
 * never) or at SIGINT/SIGTERM:
 *   encoder: position P detents D quarters Q errors E lost L
 * Exit status 0, or 1 when the lines could not be had.
 *
 * In the VM: tests/vm/examples/encoder_counts_detents_exactly_at_20_us_per_edge.
 */
#include <errno.h>
#include <gpioirq.h>
#include <inttypes.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edgemerge.h"
#include "quadrature.h"

/* The ring empty this long: every bottom half has run, the merge may flush. */
#define IDLE_MS	50

struct encoder {
	struct edgemerge merge;
	struct quad q;
	struct gpioirq_line *lines[2];
	uint64_t detents;
	uint64_t events;		/* decoded */
	uint64_t dropped;	/* the drop callback's total */
	uint64_t reported;	/* the total when drops no gap showed were reported */
	bool quiet;
};

/* Set by the handler, read by the loop: atomic, as a signal handler may. */
static atomic_bool stop;

static void on_signal(int sig)
{
	(void)sig;
	atomic_store(&stop, true);
}

/* Decodes what the merge lets go, in edge order. */
static void decode(struct encoder *e)
{
	struct gpioirq_event ev;
	enum quad_result r;
	unsigned int line;

	while (edgemerge_pop(&e->merge, &line, &ev)) {
		r = quad_feed(&e->q, line, &ev);
		e->events++;
		if (r == QUAD_DETENT) {
			e->detents++;
			if (!e->quiet)
				printf("position %" PRId64 " (%+d)\n", e->q.position, e->q.direction);
		} else if (r != QUAD_QUIET) {
			printf("error: %s at %s's edge %" PRIu64 " (%" PRIu64 " edges lost so far)\n",
			       quad_result_str(r), line == QUAD_LINE_A ? "A" : "B",
			       (uint64_t)ev.line_seqno, e->q.lost);
		}
	}
}

static void on_edge(const struct gpioirq_event *ev, void *arg)
{
	struct encoder *e = arg;

	edgemerge_push(&e->merge,
		       gpioirq_event_get_line(ev) == e->lines[0] ? QUAD_LINE_A : QUAD_LINE_B, ev);
	decode(e);
}

/*
 * The library says a loss when it sees the ring's dropped counter move, not
 * where among the events it was: the decoder finds that from the lines'
 * line_seqno gaps, and reports it there.
 */
static void on_drop(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	struct encoder *e = arg;

	(void)ctx;
	e->dropped += lost;
	printf("encoder: %" PRIu64 " events dropped\n", lost);
}

/*
 * The edges stopped: drops no gap has shown were among the lines' last
 * edges, and the decoder's state is stale.
 */
static void check_unlocated(struct encoder *e)
{
	uint64_t located = e->q.lost - e->q.missed;

	if (e->dropped <= located || e->dropped <= e->reported)
		return;
	e->reported = e->dropped;
	if (quad_unsure(&e->q) != QUAD_QUIET)
		printf("error: events lost among the last edges (%" PRIu64 " dropped, %" PRIu64
		       " found in the lines' gaps)\n", e->dropped, located);
}

/* Both lines, by offsets on a chip or by names: one context either way. */
static int request(struct gpioirq *ctx, int argc, char **argv,
		   const struct gpioirq_line_settings *ls, struct gpioirq_line **lines)
{
	unsigned int offsets[2];
	char *end;
	int i;

	if (argc == 2) {
		for (i = 0; i < 2; i++) {
			lines[i] = gpioirq_line_request_by_name(ctx, argv[i], ls);
			if (!lines[i])
				return -1;
		}
		return 0;
	}
	for (i = 0; i < 2; i++) {
		errno = 0;
		offsets[i] = (unsigned int)strtoul(argv[i + 1], &end, 0);
		if (errno || *end || end == argv[i + 1]) {
			errno = EINVAL;
			return -1;
		}
	}
	return gpioirq_line_request_multiple(ctx, argv[0], offsets, 2, ls, lines);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: encoder [-d DEBOUNCE_US] [-n DETENTS] [-x IDLE_MS] [-q] (CHIP OFFSET-A OFFSET-B | LINE-A LINE-B)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	/* Static: the merge's queues are a ring's worth of events per line. */
	static struct encoder e;
	struct gpioirq_line_settings ls;
	struct sigaction sa = { .sa_handler = on_signal };
	int exit_idle_ms = 0, idle_ms = 0;
	bool busy = false, seen = false;
	unsigned long want = 0;
	struct gpioirq *ctx;
	int opt;

	gpioirq_line_settings_init(&ls);
	ls.edges = GPIOIRQ_EDGES_BOTH;
	ls.bias = GPIOIRQ_BIAS_PULL_UP;
	ls.callback = on_edge;
	ls.user_data = &e;
	while ((opt = getopt(argc, argv, "d:n:x:qh")) != -1) {
		switch (opt) {
		case 'x':
			exit_idle_ms = atoi(optarg);
			break;
		case 'd':
			ls.debounce_us = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'n':
			want = strtoul(optarg, NULL, 0);
			break;
		case 'q':
			e.quiet = true;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || argc > 3)
		usage();

	/* No SA_RESTART: a signal ends gpioirq_dispatch()'s sleep (EINTR). */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ctx = gpioirq_open(NULL);
	if (!ctx) {
		perror("encoder: gpioirq_open");
		return 1;
	}
	gpioirq_set_drop_callback(ctx, on_drop, &e);
	if (request(ctx, argc, argv, &ls, e.lines)) {
		perror("encoder: requesting the lines");
		gpioirq_close(ctx);
		return 1;
	}
	/*
	 * The encoder rests in a detent now: its levels are the detent state.
	 * No event is taken before this (this thread is the only consumer), so
	 * the first event continues from the state read here.
	 */
	quad_init(&e.q, gpioirq_line_get_value(e.lines[0]), gpioirq_line_get_value(e.lines[1]));
	edgemerge_init(&e.merge, 2);
	printf("encoder: A %s %d, B %s %d, state %u%u\n", gpioirq_line_get_chip_name(e.lines[0]),
	       gpioirq_line_get_offset(e.lines[0]), gpioirq_line_get_chip_name(e.lines[1]),
	       gpioirq_line_get_offset(e.lines[1]), e.q.state >> 1, e.q.state & 1);
	fflush(stdout);

	/* Callbacks run here, in this thread: the decoder needs no lock. */
	while (!atomic_load(&stop) && (!want || e.detents < want)) {
		/* A signal between the test of stop and the sleep is seen
		 * within 200 ms at worst.
		 */
		int n = gpioirq_dispatch(ctx, busy ? IDLE_MS : 200);

		if (n < 0 && errno != EINTR) {
			perror("encoder: gpioirq_dispatch");
			break;
		}
		if (n > 0) {
			busy = true;
			seen = true;
			idle_ms = 0;
		} else if (!n && !busy && seen && exit_idle_ms) {
			/* Idle since the last idle line: 200 ms per empty call. */
			idle_ms += 200;
			if (idle_ms >= exit_idle_ms)
				break;
		} else if (!n && busy) {
			/* No edge for IDLE_MS: the turn is over. */
			edgemerge_flush(&e.merge);
			decode(&e);
			check_unlocated(&e);
			busy = false;
			printf("idle at position %" PRId64 ", %" PRIu64 " edges\n", e.q.position,
			       e.events + e.dropped);
		}
		fflush(stdout);
	}
	/* What is already in the ring counts too. */
	while (gpioirq_dispatch(ctx, 0) > 0)
		;
	edgemerge_flush(&e.merge);
	decode(&e);
	check_unlocated(&e);
	printf("encoder: position %" PRId64 " detents %" PRIu64 " quarters %" PRId64
	       " errors %" PRIu64 " lost %" PRIu64 "\n",
	       e.q.position, e.detents, e.q.quarters, e.q.errors, e.q.lost);
	gpioirq_close(ctx);
	return 0;
}
