// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl bench: gpioirq against the GPIO character device on one line of the
 * user's board, the comparison tests/bench/compare makes in the VM (issue
 * 11). Rounds alternate the two contenders on the same line, each holding
 * it alone for the same time:
 *   gpioirq   the library, callbacks from gpioirq_dispatch() in this thread
 *   cdev-v2   the GPIO character device through uAPI v2 directly, the
 *             strongest path it has: both edges, the largest event buffer
 *             (GPIO_V2_LINES_MAX * 16 events), poll() then read() of every
 *             queued event
 * The edges come from outside (a generator, a switch), or with --drive from
 * an output of the board wired to the line, toggled by a thread here at a
 * fixed rate, so that the edges put on the line are known exactly.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <linux/gpio.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <gpioirq.h>

#include "irqctl.h"

#define BENCH_MAX_ROUNDS 100
#define BENCH_MAX_SECONDS 3600
#define BENCH_MAX_RATE_HZ 1000000
#define BENCH_DEFAULT_RATE_HZ 1000
/* The character device's largest event buffer (gpiolib-cdev.c). */
#define CDEV_EVENTS (GPIO_V2_LINES_MAX * 16)
#define CDEV_CONSUMER "irqctl-bench"
/* When a contender's time is up it takes what is queued; with --drive,
 * once the driver stopped, until none came for DRAIN_IDLE_MS (the edges it
 * drove last are still on their way); at most DRAIN_MAX_MS either way. */
#define DRAIN_IDLE_MS 100
#define DRAIN_MAX_MS 2000

static const char bench_help[] =
	"Usage: irqctl bench [OPTION]... LINE\n"
	"       irqctl bench [OPTION]... CHIP LINE\n"
	"Compare gpioirq with the GPIO character device on one input line: ROUNDS\n"
	"times, each holds the line alone for SECONDS, gpioirq (callbacks from\n"
	"gpioirq_dispatch()) and then uAPI v2 directly (poll() + read() of a\n"
	"1024-event buffer); the order alternates with the round. Per contender:\n"
	"events, losses visible (seqno gaps, missed flags, drops counted) and\n"
	"silent, wrong directions, latency from the kernel's timestamp of the edge\n"
	"to the callback or read() (CLOCK_MONOTONIC), CPU time and system calls per\n"
	"event. LINE is an offset of CHIP (-c) or a line name.\n"
	"\n"
	"  -c, --chip CHIP       LINE (and OUT-LINE) are lines of CHIP\n"
	"  -d, --seconds N       each contender holds the line N s per round\n"
	"                        (1..3600; default 5)\n"
	"  -r, --rounds N        rounds (1..100; default 3)\n"
	"      --drive OUT-LINE  drive the edges: toggle OUT-LINE, an output wired\n"
	"                        to LINE, from a thread; the edges driven are known,\n"
	"                        so every silent loss is counted\n"
	"      --rate HZ         with --drive: edges per second (1..1000000;\n"
	"                        default 1000)\n"
	"  -j, --json            one JSON object instead of the table\n"
	"  -h, --help            this text\n"
	"\n"
	"Without --drive the edges come from outside (a generator, a switch) and\n"
	"a lost edge shows only as two events of the same direction: silent is a\n"
	"lower bound then.\n";

struct contender {
	const char *name;
	struct irqctl_bench_tally round[BENCH_MAX_ROUNDS];
	struct irqctl_bench_tally total;
	struct irqctl_hist lat;	/* ns, over every round */
};

enum { GPIOIRQ, CDEV, NCONTENDERS };

struct driver {
	struct gpioirq_output *out;
	uint32_t rate_hz;
	int level;
	uint64_t driven;
	int err;		/* errno of a failed set, 0 */
	bool stop;		/* atomic */
	pthread_t thread;
};

struct bench {
	struct watched line;
	struct watched out;	/* --drive */
	bool drive, json;
	uint32_t seconds, rounds, rate_hz;
	struct contender c[NCONTENDERS];
	struct driver drv;
	struct irqctl_bench_tally *t;	/* the running round's tally */
};

static uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

/* This thread's user + system time: what consuming costs, the kernel's
 * part (poll, read, wake-ups) included. */
static uint64_t thread_cpu_ns(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_THREAD, &ru))
		return 0;
	return ((uint64_t)ru.ru_utime.tv_sec + (uint64_t)ru.ru_stime.tv_sec) * 1000000000 +
	       ((uint64_t)ru.ru_utime.tv_usec + (uint64_t)ru.ru_stime.tv_usec) * 1000;
}

static void record(struct bench *b, struct contender *c, uint64_t timestamp_ns, uint64_t now,
		   uint64_t line_seqno, unsigned int edge, bool missed)
{
	irqctl_hist_add(&c->lat, now > timestamp_ns ? now - timestamp_ns : 0);
	irqctl_bench_tally_event(b->t, line_seqno, edge, missed);
}

/* ---- the driver thread (--drive) ------------------------------------ */

static void *drive_thread(void *arg)
{
	struct driver *d = arg;
	uint64_t period_ns = 1000000000ull / d->rate_hz;
	struct timespec next;

	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!__atomic_load_n(&d->stop, __ATOMIC_RELAXED)) {
		next.tv_nsec += (long)(period_ns % 1000000000);
		next.tv_sec += (time_t)(period_ns / 1000000000);
		if (next.tv_nsec >= 1000000000) {
			next.tv_nsec -= 1000000000;
			next.tv_sec++;
		}
		/* Late (a slow set, a preemption): the next edge goes at once,
		 * and the rate achieved shows in driven. */
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
		if (gpioirq_output_set_value(d->out, !d->level)) {
			d->err = errno;
			break;
		}
		d->level = !d->level;
		d->driven++;
	}
	return NULL;
}

static int drive_start(struct bench *b)
{
	int err;

	b->drv.driven = 0;
	b->drv.err = 0;
	__atomic_store_n(&b->drv.stop, false, __ATOMIC_RELAXED);
	err = pthread_create(&b->drv.thread, NULL, drive_thread, &b->drv);
	if (err) {
		irqctl_err("cannot start the driver thread: %s", strerror(err));
		return IRQCTL_EXIT_ERROR;
	}
	return IRQCTL_EXIT_OK;
}

/* Stops the driver; the round's driven count is final after this. */
static int drive_stop(struct bench *b)
{
	__atomic_store_n(&b->drv.stop, true, __ATOMIC_RELAXED);
	pthread_join(b->drv.thread, NULL);
	b->t->driven = b->drv.driven;
	if (b->drv.err) {
		irqctl_err("%s line %u: setting the output failed: %s", b->out.chip, b->out.offset,
			   strerror(b->drv.err));
		return IRQCTL_EXIT_ERROR;
	}
	return IRQCTL_EXIT_OK;
}

/* ---- gpioirq ---------------------------------------------------------- */

static void on_edge(const struct gpioirq_event *ev, void *arg)
{
	struct bench *b = arg;
	uint64_t now = bench_now_ns();

	if (ev->type != GPIOIRQ_EVENT_EDGE)
		return;
	record(b, &b->c[GPIOIRQ], ev->timestamp_ns, now, ev->line_seqno, ev->edge,
	       ev->flags & GPIOIRQ_EVENT_F_MISSED);
}

/* gpioirq_dispatch() until @end_ns; with @idle_ms >= 0, until a wait of
 * @idle_ms brought no event (or @end_ns). */
static int dispatch_until(struct gpioirq *ctx, uint64_t end_ns, int idle_ms)
{
	uint64_t now;
	int n, ms;

	while ((now = bench_now_ns()) < end_ns) {
		ms = (int)((end_ns - now + 999999) / 1000000);
		if (idle_ms >= 0 && ms > idle_ms)
			ms = idle_ms;
		n = gpioirq_dispatch(ctx, ms);
		if (n < 0 && errno != EINTR) {
			irqctl_err("gpioirq_dispatch: %s", strerror(errno));
			return IRQCTL_EXIT_ERROR;
		}
		if (idle_ms >= 0 && n <= 0)
			break;
	}
	return IRQCTL_EXIT_OK;
}

static int run_gpioirq(struct bench *b)
{
	struct gpioirq_line_settings ls;
	struct gpioirq_line_stats st;
	struct gpioirq_stats s0, s1;
	struct irqctl_bench_tally *t = b->t;
	struct gpioirq_line *line;
	struct gpioirq *ctx;
	uint64_t cpu0, start;
	int ret;

	ctx = irqctl_open(0, &ret);
	if (!ctx)
		return ret;
	gpioirq_line_settings_init(&ls);
	ls.callback = on_edge;
	ls.user_data = b;
	line = gpioirq_line_request(ctx, b->line.chip, b->line.offset, &ls);
	if (!line) {
		ret = irqctl_explain_request(&b->line, "auto", errno);
		goto out;
	}
	gpioirq_get_stats(ctx, &s0);
	cpu0 = thread_cpu_ns();
	start = bench_now_ns();
	if (b->drive) {
		ret = drive_start(b);
		if (ret)
			goto out;
	}
	ret = dispatch_until(ctx, start + b->seconds * 1000000000ull, -1);
	if (b->drive) {
		int r = drive_stop(b);

		if (!ret)
			ret = r;
		if (!ret)
			ret = dispatch_until(ctx, bench_now_ns() + DRAIN_MAX_MS * 1000000ull,
					     DRAIN_IDLE_MS);
	} else if (!ret) {
		/* What the bottom half published by the end still counts. */
		ret = dispatch_until(ctx, bench_now_ns() + DRAIN_MAX_MS * 1000000ull, 0);
	}
	t->cpu_ns = thread_cpu_ns() - cpu0;
	gpioirq_get_stats(ctx, &s1);
	/* Each sleep is one ppoll(); the ring itself takes none. */
	t->syscalls = s1.sleeps - s0.sleeps;
	t->ring_dropped = s1.ring_dropped - s0.ring_dropped;
	if (!ret && gpioirq_line_get_stats(line, &st)) {
		irqctl_err("gpioirq_line_get_stats: %s", strerror(errno));
		ret = IRQCTL_EXIT_ERROR;
	}
	if (!ret)
		t->counted = st.dropped + st.missed;
out:
	gpioirq_close(ctx);
	return ret;
}

/* ---- the GPIO character device, uAPI v2 ------------------------------- */

/* poll() + read() until @end_ns; with @idle_ms >= 0, until a poll() of
 * @idle_ms brought no event (or @end_ns). */
static int cdev_until(struct bench *b, int fd, struct gpio_v2_line_event *buf, uint64_t end_ns,
		      int idle_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	uint64_t now;
	ssize_t n, i;
	int ms, r;

	while ((now = bench_now_ns()) < end_ns) {
		ms = (int)((end_ns - now + 999999) / 1000000);
		if (idle_ms >= 0 && ms > idle_ms)
			ms = idle_ms;
		b->t->syscalls++;
		r = poll(&pfd, 1, ms);
		if (r < 0 && errno != EINTR) {
			irqctl_err("poll: %s", strerror(errno));
			return IRQCTL_EXIT_ERROR;
		}
		if (r <= 0) {
			if (idle_ms >= 0)
				break;
			continue;
		}
		b->t->syscalls++;
		n = read(fd, buf, CDEV_EVENTS * sizeof(*buf));
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			irqctl_err("read: %s", strerror(errno));
			return IRQCTL_EXIT_ERROR;
		}
		now = bench_now_ns();
		for (i = 0; i < n / (ssize_t)sizeof(*buf); i++)
			record(b, &b->c[CDEV], buf[i].timestamp_ns, now, buf[i].line_seqno,
			       buf[i].id == GPIO_V2_LINE_EVENT_RISING_EDGE ? GPIOIRQ_EDGE_RISING :
			       GPIOIRQ_EDGE_FALLING, false);
	}
	return IRQCTL_EXIT_OK;
}

static int run_cdev(struct bench *b)
{
	static struct gpio_v2_line_event buf[CDEV_EVENTS];
	struct gpio_v2_line_request req;
	struct irqctl_bench_tally *t = b->t;
	uint64_t cpu0, start;
	char path[GPIOIRQ_NAME_SIZE + 8];
	int chip, ret;

	snprintf(path, sizeof(path), "/dev/%s", b->line.chip);
	chip = open(path, O_RDWR | O_CLOEXEC);
	if (chip < 0)
		return irqctl_explain_request(&b->line, "auto", errno);
	memset(&req, 0, sizeof(req));
	req.offsets[0] = b->line.offset;
	req.num_lines = 1;
	req.event_buffer_size = CDEV_EVENTS;
	snprintf(req.consumer, sizeof(req.consumer), "%s", CDEV_CONSUMER);
	req.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_RISING |
			   GPIO_V2_LINE_FLAG_EDGE_FALLING;
	ret = ioctl(chip, GPIO_V2_GET_LINE_IOCTL, &req);
	close(chip);
	if (ret)
		return irqctl_explain_request(&b->line, "auto", errno);
	cpu0 = thread_cpu_ns();
	start = bench_now_ns();
	if (b->drive) {
		ret = drive_start(b);
		if (ret)
			goto out;
	}
	ret = cdev_until(b, req.fd, buf, start + b->seconds * 1000000000ull, -1);
	if (b->drive) {
		int r = drive_stop(b);

		if (!ret)
			ret = r;
		if (!ret)
			ret = cdev_until(b, req.fd, buf,
					 bench_now_ns() + DRAIN_MAX_MS * 1000000ull, DRAIN_IDLE_MS);
	} else if (!ret) {
		ret = cdev_until(b, req.fd, buf, bench_now_ns() + DRAIN_MAX_MS * 1000000ull, 0);
	}
	t->cpu_ns = thread_cpu_ns() - cpu0;
out:
	close(req.fd);
	return ret;
}

/* ---- the table ---------------------------------------------------------- */

static double per_event(uint64_t v, uint64_t events)
{
	return events ? (double)v / (double)events : -1;
}

static void print_json(const struct bench *b)
{
	struct irqctl_json j;
	uint32_t r;
	int i;

	irqctl_json_begin(&j, stdout);
	irqctl_json_str(&j, "type", "bench");
	irqctl_json_str(&j, "chip", b->line.chip);
	irqctl_json_u64(&j, "offset", b->line.offset);
	irqctl_json_str(&j, "name", b->line.name);
	irqctl_json_u64(&j, "seconds", b->seconds);
	irqctl_json_u64(&j, "rounds", b->rounds);
	if (b->drive) {
		irqctl_json_object(&j, "drive");
		irqctl_json_str(&j, "chip", b->out.chip);
		irqctl_json_u64(&j, "offset", b->out.offset);
		irqctl_json_str(&j, "name", b->out.name);
		irqctl_json_u64(&j, "rate_hz", b->rate_hz);
		irqctl_json_close(&j);
	} else {
		irqctl_json_null(&j, "drive");
	}
	irqctl_json_array(&j, "contenders");
	for (i = 0; i < NCONTENDERS; i++) {
		const struct contender *c = &b->c[i];
		const struct irqctl_bench_tally *t = &c->total;

		irqctl_json_object(&j, NULL);
		irqctl_json_str(&j, "name", c->name);
		irqctl_json_u64(&j, "events", t->events);
		if (b->drive)
			irqctl_json_u64(&j, "driven", t->driven);
		else
			irqctl_json_null(&j, "driven");
		irqctl_json_u64(&j, "lost_visible", t->visible);
		irqctl_json_u64(&j, "lost_silent", t->silent);
		irqctl_json_u64(&j, "wrong", t->wrong);
		irqctl_json_u64(&j, "seqno_gaps", t->gaps);
		if (i == GPIOIRQ) {
			irqctl_json_u64(&j, "missed_flags", t->missed_flags);
			irqctl_json_u64(&j, "counted", t->counted);
			irqctl_json_u64(&j, "ring_dropped", t->ring_dropped);
		}
		irqctl_json_object(&j, "latency_ns");
		irqctl_json_u64(&j, "p50", irqctl_hist_percentile(&c->lat, 50));
		irqctl_json_u64(&j, "p99", irqctl_hist_percentile(&c->lat, 99));
		irqctl_json_u64(&j, "max", c->lat.max);
		irqctl_json_close(&j);
		irqctl_json_u64(&j, "cpu_ns", t->cpu_ns);
		irqctl_json_u64(&j, "syscalls", t->syscalls);
		irqctl_json_f64(&j, "cpu_ns_per_event", per_event(t->cpu_ns, t->events));
		irqctl_json_f64(&j, "syscalls_per_event", per_event(t->syscalls, t->events));
		irqctl_json_array(&j, "rounds");
		for (r = 0; r < b->rounds; r++) {
			const struct irqctl_bench_tally *rt = &c->round[r];

			irqctl_json_object(&j, NULL);
			irqctl_json_u64(&j, "events", rt->events);
			if (b->drive)
				irqctl_json_u64(&j, "driven", rt->driven);
			irqctl_json_u64(&j, "lost_visible", rt->visible);
			irqctl_json_u64(&j, "lost_silent", rt->silent);
			irqctl_json_u64(&j, "wrong", rt->wrong);
			irqctl_json_close(&j);
		}
		irqctl_json_close(&j);
		irqctl_json_close(&j);
	}
	irqctl_json_close(&j);
	irqctl_json_end(&j);
}

static void print_text(const struct bench *b)
{
	const struct contender *cd = &b->c[CDEV];
	double cd_p50 = irqctl_hist_percentile(&cd->lat, 50) / 1e3;
	double cd_cpu = per_event(cd->total.cpu_ns, cd->total.events) / 1e3;
	uint32_t r;
	int i;

	printf("irqctl bench: %s line %u%s%s%s, %u round%s of %u s per contender, ", b->line.chip,
	       b->line.offset, *b->line.name ? " (" : "", b->line.name, *b->line.name ? ")" : "",
	       b->rounds, b->rounds == 1 ? "" : "s", b->seconds);
	if (b->drive)
		printf("driven by %s line %u at %u edges/s\n", b->out.chip, b->out.offset,
		       b->rate_hz);
	else
		printf("edges from outside\n");
	printf("%-9s %9s %9s %7s %7s %6s %9s %9s %9s %8s %7s %6s %6s\n", "contender", "events",
	       "driven", "visible", "silent", "wrong", "lat p50", "lat p99", "lat max", "cpu/ev",
	       "sys/ev", "p50/cd", "cpu/cd");
	for (i = 0; i < NCONTENDERS; i++) {
		const struct contender *c = &b->c[i];
		const struct irqctl_bench_tally *t = &c->total;
		double p50 = irqctl_hist_percentile(&c->lat, 50) / 1e3;
		double cpu = per_event(t->cpu_ns, t->events) / 1e3;

		printf("%-9s %9" PRIu64 " ", c->name, t->events);
		if (b->drive)
			printf("%9" PRIu64 " ", t->driven);
		else
			printf("%9s ", "-");
		printf("%7" PRIu64 " %7" PRIu64 " %6" PRIu64, t->visible, t->silent, t->wrong);
		if (t->events)
			printf(" %9.1f %9.1f %9.1f %8.2f %7.3f", p50,
			       irqctl_hist_percentile(&c->lat, 99) / 1e3, c->lat.max / 1e3, cpu,
			       per_event(t->syscalls, t->events));
		else
			printf(" %9s %9s %9s %8s %7s", "-", "-", "-", "-", "-");
		if (t->events && cd->total.events && cd_p50 > 0)
			printf(" %6.2f", p50 / cd_p50);
		else
			printf(" %6s", "-");
		if (t->events && cd->total.events && cd_cpu > 0)
			printf(" %6.2f\n", cpu / cd_cpu);
		else
			printf(" %6s\n", "-");
	}
	printf("events per round:");
	for (i = 0; i < NCONTENDERS; i++) {
		printf("%s %s", i ? ";" : "", b->c[i].name);
		for (r = 0; r < b->rounds; r++)
			printf(" %" PRIu64, b->c[i].round[r].events);
	}
	printf("\nlatency: the kernel's timestamp of the edge to the callback (gpioirq) or to\n"
	       "read() returning (cdev-v2), CLOCK_MONOTONIC, us; cpu/ev: the consuming thread's\n"
	       "user + system time per event, us; sys/ev: system calls per event (cdev-v2: its\n"
	       "poll()s and read()s; gpioirq: its ppoll()s, the ring needs none); p50/cd, cpu/cd:\n"
	       "ratios to cdev-v2.%s\n",
	       b->drive ? "" : " Without --drive, silent counts the same-direction pairs\n"
	       "with no loss flagged between them: a lower bound.");
}

/* ---- options ------------------------------------------------------------- */

/* One line from @argc operands (LINE, or CHIP LINE) as watch takes them. */
static int resolve_one(const char *chip, int argc, char **argv, struct watched *out,
		       const char *what)
{
	struct watched *l;
	size_t n;
	int ret;

	ret = irqctl_resolve_lines("bench", chip, argc, argv, false, false, &l, &n);
	if (ret)
		return ret;
	if (n != 1) {
		free(l);
		return irqctl_usage_err("bench", "%s: one line, not %zu", what, n);
	}
	*out = l[0];
	free(l);
	return IRQCTL_EXIT_OK;
}

static int explain_output(const struct watched *l, int err)
{
	switch (err) {
	case EBUSY:
		irqctl_err("%s line %u (--drive) is busy: held by another consumer "
			   "('irqctl list' shows who holds which line)", l->chip, l->offset);
		return IRQCTL_EXIT_BUSY;
	case ENODEV:
	case ENOENT:
		irqctl_err("no GPIO chip '%s' ('irqctl list' shows the chips)", l->chip);
		return IRQCTL_EXIT_NO_LINE;
	case EACCES:
	case EPERM:
		irqctl_err("%s line %u (--drive): %s", l->chip, l->offset, strerror(err));
		return IRQCTL_EXIT_PERMISSION;
	default:
		irqctl_err("%s line %u (--drive): %s", l->chip, l->offset, strerror(err));
		return IRQCTL_EXIT_ERROR;
	}
}

static int run_rounds(struct bench *b)
{
	uint32_t r;
	int i, k, ret;

	for (r = 0; r < b->rounds; r++) {
		/* The order alternates: neither always has the line first. */
		for (k = 0; k < NCONTENDERS; k++) {
			i = (int)((k + r) % NCONTENDERS);
			b->t = &b->c[i].round[r];
			ret = i == GPIOIRQ ? run_gpioirq(b) : run_cdev(b);
			if (ret)
				return ret;
			irqctl_bench_tally_settle(b->t, b->drive);
			irqctl_bench_tally_add(&b->c[i].total, b->t);
		}
	}
	return IRQCTL_EXIT_OK;
}

int irqctl_bench(int argc, char **argv)
{
	enum { OPT_DRIVE = 256, OPT_RATE };
	static const struct option opts[] = {
		{ "chip", required_argument, NULL, 'c' },
		{ "seconds", required_argument, NULL, 'd' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "drive", required_argument, NULL, OPT_DRIVE },
		{ "rate", required_argument, NULL, OPT_RATE },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *chip = NULL, *drive = NULL, *rate = NULL;
	struct bench *b;
	int opt, ret;

	b = calloc(1, sizeof(*b));
	if (!b) {
		irqctl_err("%s", strerror(errno));
		return IRQCTL_EXIT_ERROR;
	}
	b->seconds = 5;
	b->rounds = 3;
	b->rate_hz = BENCH_DEFAULT_RATE_HZ;
	b->c[GPIOIRQ].name = "gpioirq";
	b->c[CDEV].name = "cdev-v2";
	optind = 1;
	while ((opt = getopt_long(argc, argv, "c:d:r:jh", opts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			chip = optarg;
			break;
		case 'd':
			if (irqctl_parse_u32(optarg, 1, BENCH_MAX_SECONDS, &b->seconds)) {
				ret = irqctl_usage_err("bench", "-d takes 1 to %u seconds, not '%s'",
						       BENCH_MAX_SECONDS, optarg);
				goto out;
			}
			break;
		case 'r':
			if (irqctl_parse_u32(optarg, 1, BENCH_MAX_ROUNDS, &b->rounds)) {
				ret = irqctl_usage_err("bench", "-r takes 1 to %u rounds, not '%s'",
						       BENCH_MAX_ROUNDS, optarg);
				goto out;
			}
			break;
		case OPT_DRIVE:
			drive = optarg;
			break;
		case OPT_RATE:
			rate = optarg;
			if (irqctl_parse_u32(optarg, 1, BENCH_MAX_RATE_HZ, &b->rate_hz)) {
				ret = irqctl_usage_err("bench", "--rate takes 1 to %u edges/s, not '%s'",
						       BENCH_MAX_RATE_HZ, optarg);
				goto out;
			}
			break;
		case 'j':
			b->json = true;
			break;
		case 'h':
			fputs(bench_help, stdout);
			ret = IRQCTL_EXIT_OK;
			goto out;
		default:
			ret = irqctl_usage_err("bench", "bad option");
			goto out;
		}
	}
	if (rate && !drive) {
		ret = irqctl_usage_err("bench", "--rate needs --drive");
		goto out;
	}
	if (optind == argc) {
		ret = irqctl_usage_err("bench", "name the line to measure");
		goto out;
	}
	if (argc - optind > 2) {
		ret = irqctl_usage_err("bench", "one line, as LINE or CHIP LINE");
		goto out;
	}
	ret = resolve_one(chip, argc - optind, argv + optind, &b->line, "LINE");
	if (ret)
		goto out;
	if (drive) {
		/* OUT-LINE is of the same chip as LINE when a chip was named. */
		const char *out_chip = chip ? chip : argc - optind == 2 ? argv[optind] : NULL;

		ret = resolve_one(out_chip, 1, (char **)&drive, &b->out, "--drive");
		if (ret)
			goto out;
		if (!strcmp(b->out.chip, b->line.chip) && b->out.offset == b->line.offset) {
			ret = irqctl_usage_err("bench", "--drive names LINE itself: it needs "
					       "another line, an output wired to LINE");
			goto out;
		}
		b->drive = true;
		/* Held through every round: no edge comes of requesting it. */
		b->drv.out = gpioirq_output_request(b->out.chip, b->out.offset, 0, CDEV_CONSUMER);
		if (!b->drv.out) {
			ret = explain_output(&b->out, errno);
			goto out;
		}
		b->drv.rate_hz = b->rate_hz;
	}

	ret = run_rounds(b);
	if (!ret) {
		if (b->json)
			print_json(b);
		else
			print_text(b);
	}
	gpioirq_output_release(b->drv.out);
out:
	free(b);
	return ret;
}
