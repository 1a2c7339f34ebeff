// SPDX-License-Identifier: MIT
/*
 * pps: a GPS receiver's pulse-per-second, timestamped in the top half:
 * offset and jitter against the system's clocks, and a sample for chrony.
 *
 *   pps [-R] [-n PULSES] [-u UNIT] [-p PRECISION] [-q] (CHIP OFFSET | LINE-NAME)
 *
 * The receiver's PPS output rises at the start of each UTC second (u-blox
 * NEO-6M/M8N: a 100 ms pulse, 3.3 V). The line is requested for rising edges
 * only; each event's timestamp_ns is when the top half saw the edge, in the
 * line's clock: CLOCK_MONOTONIC by default, CLOCK_REALTIME with -R (the
 * library's settings.clock, GPIOIRQ_CLOCK_REALTIME, has the module stamp it
 * so). The other clock's timestamp is derived: the difference of the two
 * clocks, read back to back around a CLOCK_REALTIME read when the pulse is
 * processed, added to it (right unless the clock was stepped in between).
 *
 * For each clock: the offset of the pulse to the nearest whole second of
 * that clock, and the jitter, the running standard deviation of those
 * offsets (ppsstat.c; it includes the clock's drift over the run:
 * CLOCK_MONOTONIC is not steered in phase, so its offsets drift). Prints per
 * pulse (not with -q):
 *   pulse N realtime OFFSET ns jitter J ns monotonic OFFSET ns jitter J ns interval I ns
 * and at the end (after PULSES pulses, -n, default 0: never, or at
 * SIGINT/SIGTERM): "pps: pulses N realtime jitter J ns monotonic jitter J ns".
 *
 * -u UNIT writes each pulse, as chrony's and ntpd's SHM refclock reads it,
 * into the System V shared memory segment of key 0x4e545030 + UNIT (created
 * 0600 for units 0 and 1, 0666 above, as ntpd does): struct shmTime in mode
 * 1, the reference time the whole second nearest to the pulse, the receive
 * time the pulse's CLOCK_REALTIME timestamp, precision -p (default -20, about
 * 1 us). chrony takes it with, in chrony.conf:
 *   refclock SHM 0 refid PPS pps precision 1e-7
 * 'pps' has chrony use only the pulse's place within the second (the
 * reference second here is the system clock's, rounded): the whole seconds
 * come from its other sources, an NTP server or the GPS's NMEA time (gpsd's
 * SHM 0 is its NMEA time: then give this program unit 2 and add 'lock NMEA'
 * with NMEA the refid of that refclock). The segment stays after the program
 * ends, as ntpd's do (ipcrm -M KEY removes it).
 *
 * Exit status 0; 1 when the line or the segment could not be had.
 *
 * In the VM: tests/vm/examples/pps_reports_each_pulse_and_feeds_the_shm_segment.
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
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#include "ppsstat.h"

/* Set by the handler, read by the loop: atomic, as a signal handler may. */
static atomic_bool stop;

static void on_signal(int sig)
{
	(void)sig;
	atomic_store(&stop, true);
}

static int64_t ts_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (int64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

/* CLOCK_REALTIME - CLOCK_MONOTONIC now: the realtime read between two
 * monotonic ones, against their mean.
 */
static int64_t realtime_minus_monotonic(void)
{
	int64_t m1 = ts_ns(CLOCK_MONOTONIC);
	int64_t rt = ts_ns(CLOCK_REALTIME);
	int64_t m2 = ts_ns(CLOCK_MONOTONIC);

	return rt - (m1 + (m2 - m1) / 2);
}

static struct shmTime *shm_attach(unsigned int unit)
{
	int id = shmget((key_t)(NTPSHM_KEY + unit), sizeof(struct shmTime),
			IPC_CREAT | (unit < 2 ? 0600 : 0666));
	void *p;

	if (id < 0)
		return NULL;
	p = shmat(id, NULL, 0);
	return p == (void *)-1 ? NULL : p;
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
	fprintf(stderr, "usage: pps [-R] [-n PULSES] [-u UNIT] [-p PRECISION] [-q] (CHIP OFFSET | LINE-NAME)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct ppsstat rt, mono;
	struct gpioirq_line_settings ls;
	struct shmTime *shm = NULL;
	struct gpioirq_line *line;
	struct gpioirq_event ev;
	int opt, unit = -1, precision = -20;
	unsigned long want = 0;
	struct gpioirq *ctx;
	bool quiet = false;
	int64_t t_rt, t_mono, delta;

	gpioirq_line_settings_init(&ls);
	ls.edges = GPIOIRQ_EDGES_RISING;
	ls.clock = GPIOIRQ_CLOCK_MONOTONIC;
	while ((opt = getopt(argc, argv, "Rn:u:p:qh")) != -1) {
		switch (opt) {
		case 'R':
			ls.clock = GPIOIRQ_CLOCK_REALTIME;
			break;
		case 'n':
			want = strtoul(optarg, NULL, 0);
			break;
		case 'u':
			unit = atoi(optarg);
			if (unit < 0 || unit > 255)
				usage();
			break;
		case 'p':
			precision = atoi(optarg);
			break;
		case 'q':
			quiet = true;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2)
		usage();

	if (unit >= 0) {
		shm = shm_attach((unsigned int)unit);
		if (!shm) {
			fprintf(stderr, "pps: SHM unit %d: %s\n", unit, strerror(errno));
			return 1;
		}
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ctx = gpioirq_open(NULL);
	if (!ctx) {
		perror("pps: gpioirq_open");
		return 1;
	}
	line = request(ctx, argc, argv, &ls);
	if (!line) {
		perror("pps: requesting the line");
		gpioirq_close(ctx);
		return 1;
	}
	ppsstat_init(&rt);
	ppsstat_init(&mono);
	printf("pps: %s %d, timestamps in CLOCK_%s%s\n", gpioirq_line_get_chip_name(line),
	       gpioirq_line_get_offset(line), ls.clock == GPIOIRQ_CLOCK_REALTIME ? "REALTIME" :
	       "MONOTONIC", shm ? ", SHM on" : "");
	fflush(stdout);

	while (!atomic_load(&stop) && (!want || rt.n < want)) {
		/* 200 ms at most per wait: the signal flag is looked at between. */
		int got = gpioirq_read_events(ctx, &ev, 1, 200);

		if (got < 0 && errno != EINTR) {
			perror("pps: gpioirq_read_events");
			break;
		}
		if (got <= 0 || ev.type != GPIOIRQ_EVENT_EDGE)
			continue;
		delta = realtime_minus_monotonic();
		if (ls.clock == GPIOIRQ_CLOCK_REALTIME) {
			t_rt = (int64_t)ev.timestamp_ns;
			t_mono = t_rt - delta;
		} else {
			t_mono = (int64_t)ev.timestamp_ns;
			t_rt = t_mono + delta;
		}
		ppsstat_add(&rt, t_rt);
		ppsstat_add(&mono, t_mono);
		if (shm)
			ntpshm_put(shm, t_rt, precision);
		if (!quiet)
			printf("pulse %" PRIu64 " realtime %+" PRId64 " ns jitter %.0f ns monotonic %+" PRId64 " ns jitter %.0f ns interval %" PRId64 " ns%s\n",
			       rt.n, rt.offset_ns, ppsstat_jitter_ns(&rt), mono.offset_ns,
			       ppsstat_jitter_ns(&mono), mono.interval_ns,
			       ev.flags & GPIOIRQ_EVENT_F_MISSED ? " (edges were missed before it)" : "");
		fflush(stdout);
	}
	printf("pps: pulses %" PRIu64 " realtime jitter %.0f ns monotonic jitter %.0f ns\n", rt.n,
	       ppsstat_jitter_ns(&rt), ppsstat_jitter_ns(&mono));
	gpioirq_close(ctx);
	if (shm)
		shmdt(shm);
	return 0;
}
