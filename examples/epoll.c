// SPDX-License-Identifier: MIT
/*
 * epoll: GPIO edges in an event loop that also watches other descriptors —
 * here a timerfd printing the edges of each second, and stdin ("q" or EOF
 * quits). The same works with libuv (uv_poll_t on the fd) or GLib
 * (g_unix_fd_add): gpioirq_get_fd() is readable when there is work, and
 * gpioirq_dispatch(ctx, 0) does it without blocking.
 *
 *   epoll [-s SECONDS] CHIP OFFSET
 *   epoll [-s SECONDS] LINE-NAME
 *
 * Stops after SECONDS timer ticks (default 0: never).
 *
 * In the VM against the simulator chip:
 *   tests/vm/run a script doing:
 *     modprobe gpioirq; modprobe gpioirq-sim
 *     epoll -s 3 gpioirq-sim 1 </dev/null &
 *     sleep 1
 *     echo "5 10000000" >/sys/kernel/debug/gpioirq-sim/line1/burst
 *     wait
 * which prints ten edges (five pulses) and, each second, the count so far.
 * (With stdin at EOF the loop stops watching it and goes on.)
 */
#include <errno.h>
#include <gpioirq.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

static unsigned long edges;

static void on_edge(const struct gpioirq_event *ev, void *arg)
{
	(void)arg;
	if (ev->type != GPIOIRQ_EVENT_EDGE)
		return;
	edges++;
	printf("edge %s seqno %llu after %llu us (bottom half %llu us late)\n",
	       ev->edge == GPIOIRQ_EDGE_RISING ? "rising " : "falling",
	       (unsigned long long)ev->seqno, (unsigned long long)(ev->pulse_ns / 1000),
	       (unsigned long long)(ev->bh_delay_ns / 1000));
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

int main(int argc, char **argv)
{
	struct itimerspec tick = { .it_interval = { 1, 0 }, .it_value = { 1, 0 } };
	struct epoll_event ee, evs[4];
	struct gpioirq_line_settings ls;
	unsigned long seconds = 0, ticks = 0;
	struct gpioirq *ctx;
	int ep, tfd, gfd, n, i, opt;
	bool quit = false;
	uint64_t expirations;
	char buf[64];
	ssize_t len;

	while ((opt = getopt(argc, argv, "s:h")) != -1) {
		if (opt != 's') {
			fprintf(stderr, "usage: epoll [-s SECONDS] (CHIP OFFSET | LINE-NAME)\n");
			return 2;
		}
		seconds = strtoul(optarg, NULL, 0);
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2) {
		fprintf(stderr, "usage: epoll [-s SECONDS] (CHIP OFFSET | LINE-NAME)\n");
		return 2;
	}

	ctx = gpioirq_open(NULL);
	if (!ctx) {
		perror("epoll: gpioirq_open");
		return 1;
	}
	gpioirq_line_settings_init(&ls);
	ls.callback = on_edge;
	if (!request(ctx, argc, argv, &ls)) {
		perror("epoll: requesting the line");
		gpioirq_close(ctx);
		return 1;
	}

	ep = epoll_create1(EPOLL_CLOEXEC);
	tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	timerfd_settime(tfd, 0, &tick, NULL);
	gfd = gpioirq_get_fd(ctx);
	ee.events = EPOLLIN;
	ee.data.fd = gfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, gfd, &ee);
	ee.data.fd = tfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ee);
	ee.data.fd = STDIN_FILENO;
	/* Fails (EPERM) when stdin is a regular file such as /dev/null: fine. */
	epoll_ctl(ep, EPOLL_CTL_ADD, STDIN_FILENO, &ee);
	printf("epoll: watching the line, a 1 s timer and stdin\n");
	fflush(stdout);

	while (!quit) {
		n = epoll_wait(ep, evs, 4, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			perror("epoll: epoll_wait");
			break;
		}
		for (i = 0; i < n; i++) {
			if (evs[i].data.fd == gfd) {
				/* Never blocks; runs the callbacks here, in this loop. */
				if (gpioirq_dispatch(ctx, 0) < 0)
					perror("epoll: gpioirq_dispatch");
			} else if (evs[i].data.fd == tfd) {
				if (read(tfd, &expirations, sizeof(expirations)) < 0)
					continue;
				ticks++;
				printf("tick %lu: %lu edges\n", ticks, edges);
				if (seconds && ticks >= seconds)
					quit = true;
			} else {
				len = read(STDIN_FILENO, buf, sizeof(buf));
				if (len <= 0) {
					epoll_ctl(ep, EPOLL_CTL_DEL, STDIN_FILENO, NULL);
				} else if (buf[0] == 'q') {
					quit = true;
				}
			}
		}
		fflush(stdout);
	}
	close(tfd);
	close(ep);
	gpioirq_close(ctx);
	return 0;
}
