// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl watch: request lines, print every event as its callback sees it,
 * and on exit a summary with the latency percentiles.
 *
 * The callbacks run from gpioirq_dispatch() called when the library's fd is
 * readable (the event-loop mode of libgpioirq), so SIGINT, SIGTERM and the
 * timeout come through the same poll() as events, with no race.
 */
#include <errno.h>
#include <getopt.h>
#include <gpiod.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include <gpioirq.h>

#include "irqctl.h"

static const char watch_help[] =
	"Usage: irqctl watch [OPTION]... CHIP LINE...\n"
	"       irqctl watch [OPTION]... LINE-NAME...\n"
	"Request lines (LINE: an offset or a line name on CHIP; CHIP: device\n"
	"name, label, number or path) and print one line per event: timestamp,\n"
	"line, edge, level, pulse width (time since the line's previous edge),\n"
	"top-to-bottom-half delay, callback delay (callback time minus edge time).\n"
	"On exit (--count reached, --timeout, SIGINT, SIGTERM) print a summary:\n"
	"events, dropped, missed, latency p50/p99/max. When a line's chip goes\n"
	"away (unbound, removed, unplugged) say so and exit 8.\n"
	"\n"
	"  -e, --edge EDGE        rising, falling or both (default both)\n"
	"  -b, --bias BIAS        pull-up, pull-down, disabled or as-is (default)\n"
	"  -d, --debounce USEC    debounce period in microseconds (default 0)\n"
	"  -B, --bh KIND          bottom half: auto (default), tasklet, workqueue\n"
	"  -l, --active-low       the line is active low: edges and levels invert\n"
	"  -c, --clock CLOCK      timestamps: monotonic (default), realtime, boottime\n"
	"  -s, --storm-limit N    mask a line above N edges/s; 'off' never masks\n"
	"                         (default: the module's)\n"
	"  -r, --ring ENTRIES     ring size in events, a power of two\n"
	"  -n, --count N          exit after N events (of all lines)\n"
	"  -t, --timeout SEC      exit after SEC seconds (decimals allowed); with\n"
	"                         --count, exit 7 when it passes first\n"
	"  -q, --quiet            print the summary only\n"
	"  -j, --json             JSON Lines: one object per event, then a summary\n"
	"  -h, --help             this text\n";

struct watched {
	char chip[GPIOIRQ_NAME_SIZE];
	unsigned int offset;
	char name[GPIOIRQ_NAME_SIZE]; /* empty when the line has none */
	struct gpioirq_line *line;
	uint64_t events;
};

struct watch {
	struct watched *lines;
	size_t nlines;
	clockid_t clock;
	bool json, quiet;
	uint64_t count;  /* 0: no limit */
	uint64_t events; /* edge events printed */
	uint64_t missed, storms, lost;
	bool done;
	bool chip_gone; /* a line's chip went away: the watch ends */
	struct irqctl_hist cb_delay, bh_delay;
};

static const char *level_text(unsigned int level)
{
	switch (level) {
	case GPIOIRQ_LEVEL_LOW:
		return "0";
	case GPIOIRQ_LEVEL_HIGH:
		return "1";
	default:
		return "?";
	}
}

static void print_event(struct watch *w, const struct watched *l, const struct gpioirq_event *ev,
			int64_t cb_delay_ns)
{
	if (w->json) {
		struct irqctl_json j;

		irqctl_json_begin(&j, stdout);
		irqctl_json_str(&j, "type", ev->type == GPIOIRQ_EVENT_STORM ? "storm" : "event");
		irqctl_json_u64(&j, "timestamp_ns", ev->timestamp_ns);
		irqctl_json_u64(&j, "seqno", ev->seqno);
		irqctl_json_u64(&j, "line_seqno", ev->line_seqno);
		irqctl_json_str(&j, "chip", l->chip);
		irqctl_json_u64(&j, "offset", l->offset);
		if (l->name[0])
			irqctl_json_str(&j, "name", l->name);
		else
			irqctl_json_null(&j, "name");
		if (ev->type == GPIOIRQ_EVENT_EDGE) {
			irqctl_json_str(&j, "edge", irqctl_edge_name(ev->edge));
			if (ev->level == GPIOIRQ_LEVEL_UNKNOWN)
				irqctl_json_null(&j, "level");
			else
				irqctl_json_u64(&j, "level", ev->level);
			irqctl_json_u64(&j, "pulse_ns", ev->pulse_ns);
			irqctl_json_u64(&j, "bh_delay_ns", ev->bh_delay_ns);
			irqctl_json_i64(&j, "cb_delay_ns", cb_delay_ns);
			irqctl_json_bool(&j, "missed", ev->flags & GPIOIRQ_EVENT_F_MISSED);
			irqctl_json_bool(&j, "debounced", ev->flags & GPIOIRQ_EVENT_F_DEBOUNCED);
		}
		irqctl_json_end(&j);
		return;
	}
	if (ev->type == GPIOIRQ_EVENT_STORM) {
		printf("%llu.%09llu %s %u STORM: masked by the storm guard "
		       "(raise --storm-limit, or 'off')\n",
		       (unsigned long long)ev->timestamp_ns / 1000000000, (unsigned long long)ev->timestamp_ns % 1000000000, l->chip,
		       l->offset);
		fflush(stdout);
		return;
	}
	printf("%llu.%09llu %s %u%s%s%s %-7s %s %12.3f %9.3f %9.3f%s\n",
	       (unsigned long long)ev->timestamp_ns / 1000000000,
	       (unsigned long long)ev->timestamp_ns % 1000000000, l->chip, l->offset,
	       l->name[0] ? " (" : "", l->name, l->name[0] ? ")" : "", irqctl_edge_name(ev->edge),
	       level_text(ev->level), ev->pulse_ns / 1000.0, ev->bh_delay_ns / 1000.0,
	       cb_delay_ns / 1000.0, ev->flags & GPIOIRQ_EVENT_F_MISSED ? " missed" : "");
	fflush(stdout);
}

static struct watch *the_watch; /* the callbacks' context: one watch per process */

static void on_event(const struct gpioirq_event *ev, void *arg)
{
	struct watch *w = the_watch;
	struct watched *l = arg;
	struct timespec now;
	int64_t cb_delay_ns;

	/* First thing, so that the delay includes as little of ours as can be. */
	clock_gettime(w->clock, &now);
	cb_delay_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec - (int64_t)ev->timestamp_ns;

	/* Events of the batch past --count stay unprinted. */
	if (w->done)
		return;
	if (ev->type == GPIOIRQ_EVENT_STORM) {
		w->storms++;
		print_event(w, l, ev, 0);
		return;
	}
	if (ev->type == GPIOIRQ_EVENT_CHIP_GONE) {
		/* The line is stopped for good: nothing more will come. */
		irqctl_err("%s %u: the chip went away (device unbound, driver removed or unplugged) "
			   "after %" PRIu64 " edges of the line",
			   l->chip, l->offset, (uint64_t)ev->line_seqno);
		w->chip_gone = true;
		w->done = true;
		return;
	}
	if (ev->type != GPIOIRQ_EVENT_EDGE)
		return;
	l->events++;
	w->events++;
	if (ev->flags & GPIOIRQ_EVENT_F_MISSED)
		w->missed++;
	/* A realtime clock stepped back would give a negative delay. */
	irqctl_hist_add(&w->cb_delay, cb_delay_ns > 0 ? (uint64_t)cb_delay_ns : 0);
	irqctl_hist_add(&w->bh_delay, ev->bh_delay_ns);
	if (!w->quiet)
		print_event(w, l, ev, cb_delay_ns);
	if (w->count && w->events >= w->count)
		w->done = true;
}

static void on_drop(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	struct watch *w = arg;

	(void)ctx;
	w->lost += lost;
	if (!w->quiet && !w->json)
		printf("# %" PRIu64 " events lost (ring or top-half buffer full)\n", lost);
}

static int parse_keyword(const char *s, const char *const *words, unsigned int n,
			 unsigned int *out)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (!strcmp(s, words[i])) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

/* Say why a line could not be requested, and what to do; an exit code. */
static int explain_request(const struct watched *l, const char *bh, int err)
{
	struct gpiod_chip *chip;
	struct gpiod_line *gl;
	const char *consumer = NULL;

	switch (err) {
	case EBUSY:
		chip = gpiod_chip_open_lookup(l->chip);
		gl = chip ? gpiod_chip_get_line(chip, l->offset) : NULL;
		if (gl)
			consumer = gpiod_line_consumer(gl);
		if (consumer && !strcmp(consumer, GPIOIRQ_CONSUMER))
			irqctl_err("%s line %u is busy: gpioirq holds it for another program "
				   "(another irqctl watch?); 'irqctl stats' shows its counters",
				   l->chip, l->offset);
		else if (consumer && *consumer)
			irqctl_err("%s line %u is busy: held by \"%s\"; release it there first "
				   "('irqctl list' shows who holds which line)",
				   l->chip, l->offset, consumer);
		else
			irqctl_err("%s line %u is busy: held by another consumer "
				   "('irqctl list' shows who holds which line)", l->chip, l->offset);
		if (chip)
			gpiod_chip_close(chip);
		return IRQCTL_EXIT_BUSY;
	case ENODEV:
	case ENOENT:
		irqctl_err("no GPIO chip '%s' ('irqctl list' shows the chips)", l->chip);
		return IRQCTL_EXIT_NO_LINE;
	case ENXIO:
		irqctl_err("%s line %u cannot interrupt (its chip gives it no IRQ)", l->chip,
			   l->offset);
		return IRQCTL_EXIT_ERROR;
	case EACCES:
	case EPERM:
		irqctl_err("%s line %u: %s", l->chip, l->offset, strerror(err));
		return IRQCTL_EXIT_PERMISSION;
	case EINVAL:
		irqctl_err("%s line %u: the module refused the settings%s", l->chip, l->offset,
			   !strcmp(bh, "tasklet") ?
				   " (a chip that sleeps, such as an I2C expander, needs --bh "
				   "workqueue or auto)" : "");
		return IRQCTL_EXIT_ERROR;
	default:
		irqctl_err("%s line %u: %s", l->chip, l->offset, strerror(err));
		return IRQCTL_EXIT_ERROR;
	}
}

/*
 * Turn the operands into (chip, offset) pairs with libgpiod: "CHIP LINE..."
 * when the first operand opens as a chip and more follow, otherwise each one
 * is a line name searched on every chip.
 */
static int resolve_lines(int argc, char **argv, struct watched **out, size_t *n)
{
	struct gpiod_chip *chip = NULL;
	struct watched *v;
	int i, first = 0;

	if (argc >= 2)
		chip = gpiod_chip_open_lookup(argv[0]);
	if (chip)
		first = 1;
	v = calloc((size_t)(argc - first), sizeof(*v));
	if (!v) {
		irqctl_err("%s", strerror(errno));
		if (chip)
			gpiod_chip_close(chip);
		return IRQCTL_EXIT_ERROR;
	}
	for (i = first; i < argc; i++) {
		struct watched *l = &v[i - first];
		struct gpiod_line *gl = NULL;
		uint32_t off;

		if (chip && irqctl_parse_u32(argv[i], 0, UINT32_MAX, &off) == 0) {
			if (off >= gpiod_chip_num_lines(chip)) {
				irqctl_err("%s has %u lines (0..%u): no line %s",
					   gpiod_chip_name(chip), gpiod_chip_num_lines(chip),
					   gpiod_chip_num_lines(chip) - 1, argv[i]);
				goto no_line;
			}
			gl = gpiod_chip_get_line(chip, off);
		} else if (chip) {
			gl = gpiod_chip_find_line(chip, argv[i]);
			if (!gl) {
				irqctl_err("%s has no line named '%s' ('irqctl list %s' shows its lines)",
					   gpiod_chip_name(chip), argv[i], gpiod_chip_name(chip));
				goto no_line;
			}
		} else {
			gl = gpiod_line_find(argv[i]);
			if (!gl) {
				if (argc == 1 && (chip = gpiod_chip_open_lookup(argv[i]))) {
					gpiod_chip_close(chip);
					free(v);
					return irqctl_usage_err("watch", "name at least one line of %s",
								argv[i]);
				}
				irqctl_err("no GPIO line named '%s' ('irqctl list' shows the names; "
					   "or give CHIP and offset)", argv[i]);
				goto no_line;
			}
		}
		if (!gl) {
			irqctl_err("%s: %s", argv[i], strerror(errno));
			goto no_line;
		}
		snprintf(l->chip, sizeof(l->chip), "%s", gpiod_chip_name(gpiod_line_get_chip(gl)));
		l->offset = gpiod_line_offset(gl);
		snprintf(l->name, sizeof(l->name), "%s", gpiod_line_name(gl) ? gpiod_line_name(gl) : "");
		/* gpiod_line_find() opened the line's chip just for us. */
		if (!chip)
			gpiod_line_close_chip(gl);
	}
	if (chip)
		gpiod_chip_close(chip);
	*out = v;
	*n = (size_t)(argc - first);
	return IRQCTL_EXIT_OK;

no_line:
	if (chip)
		gpiod_chip_close(chip);
	free(v);
	return IRQCTL_EXIT_NO_LINE;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static void print_summary(struct watch *w, struct gpioirq *ctx, const char *ended,
			  uint64_t duration_ns)
{
	struct gpioirq_stats ls = { 0 };
	uint64_t dropped;
	size_t i;

	gpioirq_get_stats(ctx, &ls);
	/* Seqno gaps the library saw: ring full and top-half buffer full. */
	dropped = ls.lost > w->lost ? ls.lost : w->lost;

	if (w->json) {
		struct irqctl_json j;

		irqctl_json_begin(&j, stdout);
		irqctl_json_str(&j, "type", "summary");
		irqctl_json_str(&j, "ended", ended);
		irqctl_json_u64(&j, "duration_ns", duration_ns);
		irqctl_json_u64(&j, "events", w->events);
		irqctl_json_u64(&j, "dropped", dropped);
		irqctl_json_u64(&j, "missed", w->missed);
		irqctl_json_u64(&j, "storms", w->storms);
		irqctl_json_u64(&j, "ring_dropped", ls.ring_dropped);
		irqctl_json_object(&j, "cb_delay_ns");
		irqctl_json_u64(&j, "p50", irqctl_hist_percentile(&w->cb_delay, 50));
		irqctl_json_u64(&j, "p99", irqctl_hist_percentile(&w->cb_delay, 99));
		irqctl_json_u64(&j, "max", w->cb_delay.max);
		irqctl_json_close(&j);
		irqctl_json_object(&j, "bh_delay_ns");
		irqctl_json_u64(&j, "p50", irqctl_hist_percentile(&w->bh_delay, 50));
		irqctl_json_u64(&j, "p99", irqctl_hist_percentile(&w->bh_delay, 99));
		irqctl_json_u64(&j, "max", w->bh_delay.max);
		irqctl_json_close(&j);
		irqctl_json_array(&j, "lines");
		for (i = 0; i < w->nlines; i++) {
			struct gpioirq_line_stats st;

			irqctl_json_object(&j, NULL);
			irqctl_json_str(&j, "chip", w->lines[i].chip);
			irqctl_json_u64(&j, "offset", w->lines[i].offset);
			irqctl_json_u64(&j, "events", w->lines[i].events);
			if (gpioirq_line_get_stats(w->lines[i].line, &st) == 0) {
				irqctl_json_u64(&j, "interrupts", st.interrupts);
				irqctl_json_u64(&j, "edges", st.edges);
				irqctl_json_u64(&j, "dropped", st.dropped);
				irqctl_json_u64(&j, "missed", st.missed);
				irqctl_json_u64(&j, "debounced", st.debounced);
				irqctl_json_u64(&j, "storm_masks", st.storm_masks);
			}
			irqctl_json_close(&j);
		}
		irqctl_json_close(&j);
		irqctl_json_end(&j);
		return;
	}
	printf("--- %" PRIu64 " events, %" PRIu64 " dropped, %" PRIu64 " missed, %" PRIu64
	       " storms in %.3f s (%s)\n",
	       w->events, dropped, w->missed, w->storms, duration_ns / 1e9, ended);
	if (w->events) {
		printf("edge to callback:        p50 %9.3f us  p99 %9.3f us  max %9.3f us\n",
		       irqctl_hist_percentile(&w->cb_delay, 50) / 1e3, irqctl_hist_percentile(&w->cb_delay, 99) / 1e3,
		       w->cb_delay.max / 1e3);
		printf("top half to bottom half: p50 %9.3f us  p99 %9.3f us  max %9.3f us\n",
		       irqctl_hist_percentile(&w->bh_delay, 50) / 1e3, irqctl_hist_percentile(&w->bh_delay, 99) / 1e3,
		       w->bh_delay.max / 1e3);
	}
	for (i = 0; i < w->nlines && w->nlines > 1; i++)
		printf("%s %u: %" PRIu64 " events\n", w->lines[i].chip, w->lines[i].offset,
		       w->lines[i].events);
}

/* Events published before the watch ended still count: take them. */
static int drain(struct watch *w, struct gpioirq *ctx)
{
	int n;

	while (!w->done && (n = gpioirq_dispatch(ctx, 0)) != 0) {
		if (n < 0 && errno != EINTR) {
			irqctl_err("dispatch: %s", strerror(errno));
			return IRQCTL_EXIT_ERROR;
		}
	}
	return IRQCTL_EXIT_OK;
}

/* Run the callbacks until done, the deadline or a signal; how it ended. */
static int run_loop(struct watch *w, struct gpioirq *ctx, int sfd, uint64_t deadline_ns,
		    const char **ended)
{
	struct pollfd pfd[2] = {
		{ .fd = gpioirq_get_fd(ctx), .events = POLLIN },
		{ .fd = sfd, .events = POLLIN },
	};

	/* Events may be pending already: dispatch once before the first poll. */
	if (gpioirq_dispatch(ctx, 0) < 0 && errno != EINTR) {
		irqctl_err("dispatch: %s", strerror(errno));
		return IRQCTL_EXIT_ERROR;
	}
	while (!w->done) {
		int timeout_ms = -1, r;

		if (deadline_ns) {
			uint64_t now = now_ns();

			if (now >= deadline_ns) {
				*ended = "timeout";
				if (drain(w, ctx))
					return IRQCTL_EXIT_ERROR;
				if (w->done)
					break;
				return w->count ? IRQCTL_EXIT_TIMEOUT : IRQCTL_EXIT_OK;
			}
			/* Round up: waking early would only poll again. */
			timeout_ms = (int)((deadline_ns - now + 999999) / 1000000);
		}
		r = poll(pfd, 2, timeout_ms);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			irqctl_err("poll: %s", strerror(errno));
			return IRQCTL_EXIT_ERROR;
		}
		if (pfd[1].revents) {
			struct signalfd_siginfo si;

			if (read(sfd, &si, sizeof(si)) == sizeof(si))
				*ended = si.ssi_signo == SIGINT ? "interrupted" : "terminated";
			return drain(w, ctx);
		}
		if (pfd[0].revents && gpioirq_dispatch(ctx, 0) < 0 && errno != EINTR) {
			irqctl_err("dispatch: %s", strerror(errno));
			return IRQCTL_EXIT_ERROR;
		}
	}
	if (w->chip_gone) {
		*ended = "chip gone";
		return IRQCTL_EXIT_CHIP_GONE;
	}
	*ended = "count";
	return IRQCTL_EXIT_OK;
}

int irqctl_watch(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "edge", required_argument, NULL, 'e' },
		{ "bias", required_argument, NULL, 'b' },
		{ "debounce", required_argument, NULL, 'd' },
		{ "bh", required_argument, NULL, 'B' },
		{ "active-low", no_argument, NULL, 'l' },
		{ "clock", required_argument, NULL, 'c' },
		{ "storm-limit", required_argument, NULL, 's' },
		{ "ring", required_argument, NULL, 'r' },
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static const char *const edges[] = { "", "rising", "falling", "both" };
	static const char *const biases[] = { "as-is", "pull-up", "pull-down", "disabled" };
	static const char *const bhs[] = { "auto", "tasklet", "workqueue" };
	static const char *const clocks[] = { "monotonic", "realtime", "boottime" };
	static struct watch w; /* static: the histograms are 60 KiB */
	struct gpioirq_line_settings set;
	const char *ended = "count";
	uint32_t ring = 0, u32;
	uint64_t start_ns, deadline_ns = 0;
	struct gpioirq *ctx;
	unsigned int kw;
	sigset_t sigs;
	int c, ret, sfd;
	size_t i;
	double sec;
	char *end;

	gpioirq_line_settings_init(&set);
	set.callback = on_event;
	memset(&w, 0, sizeof(w));
	w.clock = CLOCK_MONOTONIC;

	while ((c = getopt_long(argc, argv, "e:b:d:B:lc:s:r:n:t:qjh", opts, NULL)) != -1) {
		switch (c) {
		case 'e':
			/* rising = 1, falling = 2, both = 3 are the uAPI's flags. */
			if (parse_keyword(optarg, edges, 4, &kw) || kw == 0)
				return irqctl_usage_err("watch", "--edge: rising, falling or both, not '%s'", optarg);
			set.edges = kw;
			break;
		case 'b':
			if (parse_keyword(optarg, biases, 4, &kw))
				return irqctl_usage_err("watch", "--bias: pull-up, pull-down, disabled or as-is, not '%s'", optarg);
			set.bias = kw; /* the order of GPIOIRQ_BIAS_* */
			break;
		case 'd':
			if (irqctl_parse_u32(optarg, 0, GPIOIRQ_DEBOUNCE_MAX_US, &u32))
				return irqctl_usage_err("watch", "--debounce: microseconds, 0 to %u, not '%s'",
							GPIOIRQ_DEBOUNCE_MAX_US, optarg);
			set.debounce_us = u32;
			break;
		case 'B':
			if (parse_keyword(optarg, bhs, 3, &kw))
				return irqctl_usage_err("watch", "--bh: auto, tasklet or workqueue, not '%s'", optarg);
			set.bh = kw; /* the order of GPIOIRQ_BH_* */
			break;
		case 'l':
			set.active_low = true;
			break;
		case 'c':
			if (parse_keyword(optarg, clocks, 3, &kw))
				return irqctl_usage_err("watch", "--clock: monotonic, realtime or boottime, not '%s'", optarg);
			set.clock = kw; /* the order of GPIOIRQ_CLOCK_* */
			w.clock = kw == GPIOIRQ_CLOCK_REALTIME ? CLOCK_REALTIME :
				  kw == GPIOIRQ_CLOCK_BOOTTIME ? CLOCK_BOOTTIME : CLOCK_MONOTONIC;
			break;
		case 's':
			if (!strcmp(optarg, "off"))
				set.storm_limit = GPIOIRQ_STORM_OFF;
			else if (irqctl_parse_u32(optarg, 1, GPIOIRQ_STORM_OFF - 1, &set.storm_limit))
				return irqctl_usage_err("watch", "--storm-limit: edges per second or 'off', not '%s'", optarg);
			break;
		case 'r':
			if (irqctl_parse_u32(optarg, GPIOIRQ_RING_MIN_ENTRIES, GPIOIRQ_RING_MAX_ENTRIES, &ring) ||
			    (ring & (ring - 1)))
				return irqctl_usage_err("watch", "--ring: a power of two, %u to %u, not '%s'",
							GPIOIRQ_RING_MIN_ENTRIES, GPIOIRQ_RING_MAX_ENTRIES, optarg);
			break;
		case 'n':
			if (irqctl_parse_u32(optarg, 1, UINT32_MAX, &u32))
				return irqctl_usage_err("watch", "--count: a number of events, not '%s'", optarg);
			w.count = u32;
			break;
		case 't':
			errno = 0;
			sec = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(sec > 0) || sec > 1e6)
				return irqctl_usage_err("watch", "--timeout: seconds, above 0, not '%s'", optarg);
			deadline_ns = (uint64_t)(sec * 1e9);
			break;
		case 'q':
			w.quiet = true;
			break;
		case 'j':
			w.json = true;
			break;
		case 'h':
			fputs(watch_help, stdout);
			return IRQCTL_EXIT_OK;
		default:
			return irqctl_usage_err("watch", "bad option");
		}
	}
	if (optind >= argc)
		return irqctl_usage_err("watch", "name the lines: CHIP LINE... or LINE-NAME...");

	ret = resolve_lines(argc - optind, argv + optind, &w.lines, &w.nlines);
	if (ret)
		return ret;

	ctx = irqctl_open(ring, &ret);
	if (!ctx)
		goto out_free;
	the_watch = &w;
	gpioirq_set_drop_callback(ctx, on_drop, &w);

	/* Signals end the watch through the poll() loop, never mid-callback. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	if (sfd < 0) {
		irqctl_err("signalfd: %s", strerror(errno));
		ret = IRQCTL_EXIT_ERROR;
		goto out_close;
	}

	for (i = 0; i < w.nlines; i++) {
		set.user_data = &w.lines[i];
		w.lines[i].line = gpioirq_line_request(ctx, w.lines[i].chip, w.lines[i].offset, &set);
		if (!w.lines[i].line) {
			ret = explain_request(&w.lines[i], bhs[set.bh], errno);
			goto out_sfd;
		}
	}
	if (!w.json && !w.quiet)
		printf("# timestamp_s line edge level pulse_us bh_delay_us cb_delay_us\n");
	fflush(stdout);

	start_ns = now_ns();
	if (deadline_ns)
		deadline_ns += start_ns;
	ret = run_loop(&w, ctx, sfd, deadline_ns, &ended);
	if (ret == IRQCTL_EXIT_OK || ret == IRQCTL_EXIT_TIMEOUT || ret == IRQCTL_EXIT_CHIP_GONE)
		print_summary(&w, ctx, ended, now_ns() - start_ns);

out_sfd:
	close(sfd);
out_close:
	gpioirq_close(ctx);
out_free:
	free(w.lines);
	return ret;
}
