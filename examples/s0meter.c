// SPDX-License-Identifier: MIT
/*
 * s0meter: an S0 energy meter's (or a flow meter's) pulses, counted into a
 * total that survives restarts.
 *
 *   s0meter [-f FILE] [-N PULSES] [-S SECONDS] [-d DEBOUNCE_US]
 *           [-i PULSES_PER_UNIT] [-n PULSES] [-q] (CHIP OFFSET | LINE-NAME)
 *
 * The S0 output is an open collector: a pull-up holds the line high, each
 * pulse pulls it low for at least 30 ms. The line is requested with a
 * pull-up and both edges; each falling edge is a pulse (pulsecount.c), the
 * rising edge gives its width. -d DEBOUNCE_US has the module swallow
 * contact bounce (a reed contact's; an optocoupler has none).
 *
 * The total is kept in FILE (default ./s0meter.total), read at the start
 * and replaced atomically (persist.c: a temporary file, fsync, rename) every
 * PULSES new pulses (-N, default 100), every SECONDS seconds while pulses
 * came (-S, default 60), and at SIGTERM/SIGINT, after the pulses already in
 * the ring are counted: a stop and a restart lose nothing; a power cut loses
 * at most what came since the last save.
 *
 * What gpioirq gives it: pulses the ring had no room for still count
 * (line_seqno numbers the dropped edges too; pulsecount.c says how), so
 * a slow consumer only delays the count (those dropped after the last
 * event, from the line's edge counter at the end). The rate (pulses/s, and
 * with -i the power: pulses/s * 3600 / PULSES_PER_UNIT, in units per hour,
 * kW for imp/kWh) comes from the top half's timestamps, not from when this
 * program woke up.
 *
 * Prints each pulse (not with -q): "pulse TOTAL rate R/s width W ms", and at
 * the end: "s0meter: total T session S recovered R missed M". Exits after
 * PULSES pulses with -n (default 0: at a signal). Exit status 0; 1 when the
 * line or the file could not be had or a save failed.
 *
 * In the VM: tests/vm/examples/s0meter_counts_every_pulse_across_a_restart.
 */
#include <errno.h>
#include <gpioirq.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "persist.h"
#include "pulsecount.h"

struct meter {
	struct pulsecount pc;
	const char *file;
	uint64_t saved;		/* the total in the file */
	uint64_t save_pulses;
	uint64_t save_ns;
	uint64_t saved_at_ns;	/* monotonic, of the last save */
	double per_unit;
	bool quiet;
	int error;		/* a save failed: errno */
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void save(struct meter *m)
{
	if (m->pc.total == m->saved)
		return;
	if (persist_save(m->file, m->pc.total)) {
		m->error = errno;
		fprintf(stderr, "s0meter: saving %s: %s\n", m->file, strerror(errno));
		return;
	}
	m->saved = m->pc.total;
	m->saved_at_ns = now_ns();
}

static void save_if_due(struct meter *m)
{
	if (m->pc.total - m->saved >= m->save_pulses ||
	    (m->pc.total != m->saved && now_ns() - m->saved_at_ns >= m->save_ns))
		save(m);
}

static void on_edge(const struct gpioirq_event *ev, void *arg)
{
	struct meter *m = arg;
	double rate;

	if (!pulsecount_feed(&m->pc, ev))
		return;
	if (!m->quiet) {
		rate = pulsecount_rate(&m->pc);
		printf("pulse %" PRIu64 " rate %.3f/s", m->pc.total, rate);
		if (m->per_unit > 0)
			printf(" (%.3f per hour)", rate * 3600.0 / m->per_unit);
		printf(" width %.1f ms%s\n", (double)m->pc.width_ns / 1e6,
		       ev->flags & GPIOIRQ_EVENT_F_MISSED ? " (edges were missed before it)" : "");
	}
	save_if_due(m);
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
	fprintf(stderr,
		"usage: s0meter [-f FILE] [-N PULSES] [-S SECONDS] [-d DEBOUNCE_US] [-i PULSES_PER_UNIT] [-n PULSES] [-q] (CHIP OFFSET | LINE-NAME)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct meter m = { .file = "s0meter.total", .save_pulses = 100,
			   .save_ns = 60ull * 1000000000u };
	struct gpioirq_line_settings ls;
	struct gpioirq_line_stats st;
	struct gpioirq_line *line;
	struct pollfd pfd[2];
	unsigned long want = 0;
	struct gpioirq *ctx;
	uint64_t total;
	sigset_t sigs;
	int opt;

	gpioirq_line_settings_init(&ls);
	ls.edges = GPIOIRQ_EDGES_BOTH;
	ls.bias = GPIOIRQ_BIAS_PULL_UP;
	ls.callback = on_edge;
	ls.user_data = &m;
	while ((opt = getopt(argc, argv, "f:N:S:d:i:n:qh")) != -1) {
		switch (opt) {
		case 'f':
			m.file = optarg;
			break;
		case 'N':
			m.save_pulses = strtoull(optarg, NULL, 0);
			break;
		case 'S':
			m.save_ns = strtoull(optarg, NULL, 0) * 1000000000u;
			break;
		case 'd':
			ls.debounce_us = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'i':
			m.per_unit = strtod(optarg, NULL);
			break;
		case 'n':
			want = strtoul(optarg, NULL, 0);
			break;
		case 'q':
			m.quiet = true;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2 || !m.save_pulses)
		usage();

	if (persist_load(m.file, &total)) {
		fprintf(stderr, "s0meter: reading %s: %s\n", m.file, strerror(errno));
		return 1;
	}
	pulsecount_init(&m.pc, total);
	m.saved = total;
	m.saved_at_ns = now_ns();

	/* SIGINT and SIGTERM arrive through a descriptor, polled with the
	 * context's: no race between a signal and the sleep.
	 */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	pfd[1].fd = signalfd(-1, &sigs, SFD_CLOEXEC);
	pfd[1].events = POLLIN;

	ctx = gpioirq_open(NULL);
	if (!ctx) {
		perror("s0meter: gpioirq_open");
		return 1;
	}
	line = request(ctx, argc, argv, &ls);
	if (!line) {
		perror("s0meter: requesting the line");
		gpioirq_close(ctx);
		return 1;
	}
	pfd[0].fd = gpioirq_get_fd(ctx);
	pfd[0].events = POLLIN;
	printf("s0meter: %s %d, total %" PRIu64 " from %s\n", gpioirq_line_get_chip_name(line),
	       gpioirq_line_get_offset(line), total, m.file);
	fflush(stdout);

	while (!want || m.pc.session < want) {
		/* Wake at least once a second for the time-based save. */
		int n = poll(pfd, 2, 1000);

		if (n < 0 && errno != EINTR)
			break;
		if (n > 0 && (pfd[0].revents & POLLIN) && gpioirq_dispatch(ctx, 0) < 0) {
			perror("s0meter: gpioirq_dispatch");
			break;
		}
		fflush(stdout);
		save_if_due(&m);
		if (n > 0 && (pfd[1].revents & POLLIN))
			break;
	}
	/* The pulses already in the ring count too, and those it had no
	 * room for at the end (the edge counter shows them); then no more.
	 */
	while (gpioirq_dispatch(ctx, 0) > 0)
		;
	if (!gpioirq_line_get_stats(line, &st))
		pulsecount_settle(&m.pc, st.edges);
	gpioirq_line_release(line);
	save(&m);
	printf("s0meter: total %" PRIu64 " session %" PRIu64 " recovered %" PRIu64
	       " missed %" PRIu64 " mean rate %.3f/s\n",
	       m.pc.total, m.pc.session, m.pc.recovered, m.pc.missed,
	       pulsecount_mean_rate(&m.pc));
	gpioirq_close(ctx);
	close(pfd[1].fd);
	return m.error ? 1 : 0;
}
