// SPDX-License-Identifier: MIT
/*
 * button: a debounced push button, a callback per press, run by the
 * library's dispatcher thread.
 *
 *   button [-d DEBOUNCE_US] [-n PRESSES] CHIP OFFSET
 *   button [-d DEBOUNCE_US] [-n PRESSES] LINE-NAME
 *
 * The usual wiring: the button shorts the line to ground, a pull-up holds
 * it high at rest. So the line is requested with a pull-up, active-low (a
 * press is a logical rising edge), both edges, and a debounce period
 * (default 10 ms) in which the contacts' bounces are swallowed by the
 * module. The callback runs in an ordinary thread: it may print, allocate,
 * take locks. It exits after PRESSES presses (default 0: until Ctrl-C).
 *
 * In the VM against the simulator chip (its lines rest low, so first bring
 * the line to its released level, high):
 *   tests/vm/run a script doing:
 *     modprobe gpioirq; modprobe gpioirq-sim
 *     d=/sys/kernel/debug/gpioirq-sim/line3
 *     echo 1 >$d/level
 *     button -n 2 gpioirq-sim 3 &
 *     sleep 1
 *     echo "3 200000 100000" >$d/burst; sleep 1   # contact bounce only
 *     echo 0 >$d/level; sleep 1                   # press 1
 *     echo 1 >$d/level; sleep 1                   # release
 *     echo 0 >$d/level; sleep 1                   # press 2
 *     echo 1 >$d/level                            # release: it exits
 *     wait
 * and it prints two presses and two releases, each once, and nothing for
 * the bounce. (A release and a press closer than the debounce period are
 * one bounce: nothing is reported for them.)
 */
#include <errno.h>
#include <gpioirq.h>
#include <inttypes.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct button {
	unsigned long presses;	/* written by the callback only */
	unsigned long want;	/* presses to wait for, 0: forever */
	uint64_t pressed_ns;
	sem_t done;
};

static void on_edge(const struct gpioirq_event *ev, void *arg)
{
	struct button *b = arg;

	if (ev->type == GPIOIRQ_EVENT_STORM) {
		printf("storm: the module masked the line\n");
		gpioirq_line_unmask(gpioirq_event_get_line(ev));
		return;
	}
	if (ev->edge == GPIOIRQ_EDGE_RISING) {
		b->presses++;
		b->pressed_ns = ev->timestamp_ns;
		printf("press %lu at %llu.%06llu s%s\n", b->presses,
		       (unsigned long long)(ev->timestamp_ns / 1000000000),
		       (unsigned long long)(ev->timestamp_ns % 1000000000 / 1000),
		       ev->flags & GPIOIRQ_EVENT_F_MISSED ? " (edges were missed)" : "");
	} else {
		printf("release, held %llu ms\n",
		       (unsigned long long)(b->pressed_ns ? (ev->timestamp_ns - b->pressed_ns) / 1000000
							: 0));
		if (b->want && b->presses >= b->want)
			sem_post(&b->done);
	}
	fflush(stdout);
}

static void on_drop(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	(void)ctx;
	(void)arg;
	fprintf(stderr, "button: %" PRIu64 " events lost\n", lost);
}

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
	fprintf(stderr, "usage: button [-d DEBOUNCE_US] [-n PRESSES] (CHIP OFFSET | LINE-NAME)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct gpioirq_line_settings ls;
	struct button b = { 0 };
	struct gpioirq_line *line;
	struct gpioirq *ctx;
	sigset_t sigs;
	int opt, sig;

	gpioirq_line_settings_init(&ls);
	ls.edges = GPIOIRQ_EDGES_BOTH;
	ls.bias = GPIOIRQ_BIAS_PULL_UP;
	ls.active_low = true;
	ls.debounce_us = 10000;
	ls.callback = on_edge;
	ls.user_data = &b;
	while ((opt = getopt(argc, argv, "d:n:h")) != -1) {
		switch (opt) {
		case 'd':
			ls.debounce_us = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'n':
			b.want = strtoul(optarg, NULL, 0);
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
		perror("button: gpioirq_open");
		return 1;
	}
	line = request(ctx, argc, argv, &ls);
	if (!line) {
		perror("button: requesting the line");
		gpioirq_close(ctx);
		return 1;
	}
	gpioirq_set_drop_callback(ctx, on_drop, NULL);
	sem_init(&b.done, 0, 0);

	/* Ctrl-C and SIGTERM are taken by sigwait() below, in this thread. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);

	/* Created after the mask: the dispatcher thread inherits it. */
	if (gpioirq_thread_start(ctx, NULL)) {
		perror("button: gpioirq_thread_start");
		gpioirq_close(ctx);
		return 1;
	}
	printf("button: %s %d, debounce %u us; waiting for %s\n",
	       gpioirq_line_get_chip_name(line), gpioirq_line_get_offset(line), ls.debounce_us,
	       b.want ? "presses" : "presses until Ctrl-C");
	fflush(stdout);

	if (b.want) {
		/* The callback posts when enough presses came; a signal ends it too. */
		pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
		while (sem_wait(&b.done) && errno == EINTR)
			;
	} else {
		sigwait(&sigs, &sig);
	}
	/* Stops the thread (no callback runs after this), releases the line. */
	gpioirq_close(ctx);
	sem_destroy(&b.done);
	return 0;
}
