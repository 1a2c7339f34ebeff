// SPDX-License-Identifier: MIT
/*
 * nec: an IR remote's NEC frames, decoded from an IR receiver's line.
 *
 *   nec [-n FRAMES] [-t IDLE_MS] [-s SPEED_PCT] [-v] (CHIP OFFSET | LINE-NAME)
 *
 * The receiver module (TSOP38238, VS1838B: 38 kHz, output to the GPIO, a
 * pull-up inside it) idles high and pulls its output low while it sees the
 * carrier. The line is requested active-low and with both edges, so a mark
 * is a logical high pulse, and each event's pulse_ns is the mark or space
 * its edge ends, measured between two top-half timestamps: the decoder
 * (nec-decoder.c) needs no clock of its own and does not care how late this
 * program wakes up. No callback: events are taken in batches with
 * gpioirq_read_events().
 *
 * Prints, per frame, "frame address 0x00 command 0x45" (extended addresses
 * as "address 0x1234 (extended)"), per repeat code "repeat address 0x00
 * command 0x45", per rejected frame "bad frame: REASON", and at the end
 * "nec: frames F repeats R bad B". Ends after FRAMES frames (-n, default
 * 0: never), after IDLE_MS without an edge (-t, default -1: never) or at
 * SIGINT/SIGTERM. -s SPEED_PCT decodes a recording replayed at that speed
 * (10: ten times slower than real time). -v also prints each mark and
 * space as measured, "mark 9012345 ns" and "space 4498765 ns" (as played,
 * not scaled by -s), before what they make. Exit status 0; 1 when the line
 * could not be had.
 *
 * In the VM: tests/vm/examples/nec_decodes_frames_repeats_and_rejects_a_bad_frame.
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

#include "nec-decoder.h"

/* Set by the handler, read by the loop: atomic, as a signal handler may. */
static atomic_bool stop;

static void on_signal(int sig)
{
	(void)sig;
	atomic_store(&stop, true);
}

static struct gpioirq_line *request(struct gpioirq *ctx, int argc, char **argv,
				    const struct gpioirq_line_settings *ls)
{
	unsigned long offset;
	char *end;

	if (argc == 1)
		return gpioirq_line_request_by_name(ctx, argv[0], ls);
	errno = 0;
	offset = strtoul(argv[1], &end, 0);
	if (errno || *end || end == argv[1]) {
		errno = EINVAL;
		return NULL;
	}
	return gpioirq_line_request(ctx, argv[0], (unsigned int)offset, ls);
}

static void usage(void)
{
	fprintf(stderr, "usage: nec [-n FRAMES] [-t IDLE_MS] [-s SPEED_PCT] [-v] (CHIP OFFSET | LINE-NAME)\n");
	exit(2);
}

static void print_result(const struct nec *n, enum nec_result r)
{
	switch (r) {
	case NEC_FRAME:
		printf("frame address 0x%0*x%s command 0x%02x\n", n->extended ? 4 : 2,
		       n->address, n->extended ? " (extended)" : "", n->command);
		break;
	case NEC_REPEAT:
		printf("repeat address 0x%0*x command 0x%02x\n", n->extended ? 4 : 2, n->address,
		       n->command);
		break;
	case NEC_BAD:
		printf("bad frame: %s\n", n->reason);
		break;
	case NEC_NOTHING:
		break;
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct gpioirq_line_settings ls;
	struct gpioirq_event ev[64];
	unsigned long want = 0, speed = 100;
	struct gpioirq_line *line;
	int idle_ms = -1, left, opt, i, got;
	struct gpioirq *ctx;
	bool verbose = false;
	struct nec n;

	while ((opt = getopt(argc, argv, "n:t:s:vh")) != -1) {
		switch (opt) {
		case 'v':
			verbose = true;
			break;
		case 'n':
			want = strtoul(optarg, NULL, 0);
			break;
		case 't':
			idle_ms = atoi(optarg);
			break;
		case 's':
			speed = strtoul(optarg, NULL, 0);
			if (speed < 1 || speed > 10000)
				usage();
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2)
		usage();

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ctx = gpioirq_open(NULL);
	if (!ctx) {
		perror("nec: gpioirq_open");
		return 1;
	}
	gpioirq_line_settings_init(&ls);
	ls.edges = GPIOIRQ_EDGES_BOTH;
	ls.active_low = true;
	line = request(ctx, argc, argv, &ls);
	if (!line) {
		perror("nec: requesting the line");
		gpioirq_close(ctx);
		return 1;
	}
	nec_init(&n, (unsigned int)speed);
	printf("nec: %s %d, speed %lu %%\n", gpioirq_line_get_chip_name(line),
	       gpioirq_line_get_offset(line), speed);
	fflush(stdout);

	left = idle_ms;
	while (!atomic_load(&stop) && (!want || n.frames < want)) {
		/* At most 200 ms per call: the signal flag is looked at between. */
		int slice = idle_ms < 0 || left > 200 ? 200 : left;

		got = gpioirq_read_events(ctx, ev, 64, slice);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			perror("nec: gpioirq_read_events");
			break;
		}
		if (!got) {
			left -= slice;
			if (idle_ms >= 0 && left <= 0)
				break;
			continue;
		}
		left = idle_ms;
		for (i = 0; i < got; i++) {
			/* The first edge's pulse_ns is 0: nothing before it. */
			if (verbose && ev[i].type == GPIOIRQ_EVENT_EDGE && ev[i].pulse_ns)
				printf("%s %llu ns\n", ev[i].edge == GPIOIRQ_EDGE_FALLING ? "mark" : "space",
				       (unsigned long long)ev[i].pulse_ns);
			print_result(&n, nec_feed(&n, &ev[i]));
		}
		fflush(stdout);
	}
	printf("nec: frames %" PRIu64 " repeats %" PRIu64 " bad %" PRIu64 "\n", n.frames,
	       n.repeats, n.bad);
	gpioirq_close(ctx);
	return 0;
}
