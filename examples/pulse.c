// SPDX-License-Identifier: MIT
/*
 * pulse: measure pulse widths with the wait API, no callback at all, as an
 * ultrasonic ranger's echo (HC-SR04: the echo's high time is the sound's
 * round trip) or an IR receiver's marks and spaces.
 *
 *   pulse [-l] [-n COUNT] [-t TIMEOUT_MS] CHIP OFFSET
 *   pulse [-l] [-n COUNT] [-t TIMEOUT_MS] LINE-NAME
 *
 * Prints each high pulse (low pulses with -l) in µs and, for an echo, the
 * distance it means. The width comes from the kernel's timestamps of the two
 * edges, taken in the top half: the time this program takes to wake up does
 * not enter it. Stops after COUNT pulses (default 0: never) or when no pulse
 * comes for TIMEOUT_MS (default -1: wait forever); exit status 1 then.
 *
 * In the VM against the simulator chip:
 *   tests/vm/run a script doing:
 *     modprobe gpioirq; modprobe gpioirq-sim
 *     pulse -n 3 -t 10000 gpioirq-sim 2 &
 *     sleep 1
 *     echo "3 20000000 1000000" >/sys/kernel/debug/gpioirq-sim/line2/burst
 *     wait
 * which raises three 1 ms high pulses, 20 ms apart: it prints about
 * "1000 us" three times (17 cm each).
 */
#include <errno.h>
#include <gpioirq.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct gpioirq_line *request(struct gpioirq *ctx, int argc, char **argv,
				    const struct gpioirq_line_settings *ls)
{
	char *end;
	unsigned long offset;

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
		"usage: pulse [-l] [-n COUNT] [-t TIMEOUT_MS] (CHIP OFFSET | LINE-NAME)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	enum gpioirq_wait_kind kind = GPIOIRQ_WAIT_PULSE_HIGH;
	struct gpioirq_line_settings ls;
	unsigned long count = 0, n;
	struct gpioirq_line *line;
	struct gpioirq *ctx;
	int timeout_ms = -1;
	uint64_t width_ns;
	int opt, status = 0;

	while ((opt = getopt(argc, argv, "ln:t:h")) != -1) {
		switch (opt) {
		case 'l':
			kind = GPIOIRQ_WAIT_PULSE_LOW;
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 't':
			timeout_ms = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2)
		usage();

	ctx = gpioirq_open(NULL);
	if (!ctx) {
		perror("pulse: gpioirq_open");
		return 1;
	}
	/* No callback: the line is in wait mode. Both edges make a pulse. */
	gpioirq_line_settings_init(&ls);
	line = request(ctx, argc, argv, &ls);
	if (!line) {
		perror("pulse: requesting the line");
		gpioirq_close(ctx);
		return 1;
	}
	printf("pulse: measuring %s pulses on %s %d\n",
	       kind == GPIOIRQ_WAIT_PULSE_HIGH ? "high" : "low", gpioirq_line_get_chip_name(line),
	       gpioirq_line_get_offset(line));
	fflush(stdout);

	for (n = 0; !count || n < count; n++) {
		if (gpioirq_line_wait(line, kind, timeout_ms, &width_ns)) {
			if (errno == ETIMEDOUT)
				fprintf(stderr, "pulse: no pulse in %d ms\n", timeout_ms);
			else
				perror("pulse: gpioirq_line_wait");
			status = 1;
			break;
		}
		/* Sound at 343 m/s goes there and back: cm = µs * 0.0343 / 2. */
		printf("%llu us (%.1f cm)\n", (unsigned long long)(width_ns / 1000),
		       (double)width_ns / 1000.0 * 0.01715);
		fflush(stdout);
	}
	gpioirq_close(ctx);
	return status;
}
