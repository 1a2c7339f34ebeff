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
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include <gpioirq.h>

#include "gpiochip.h"
#include "irqctl.h"

static const char watch_help[] =
	"Usage: irqctl watch [OPTION]... -c CHIP LINE...\n"
	"       irqctl watch [OPTION]... CHIP LINE...\n"
	"       irqctl watch [OPTION]... LINE-NAME...\n"
	"Request lines (LINE: an offset or a line name on CHIP; CHIP: path, device\n"
	"name, number or label) and print one line per event: timestamp, line,\n"
	"edge, level, pulse width (time since the line's previous edge),\n"
	"top-to-bottom-half delay, callback delay (callback time minus edge time).\n"
	"On exit (--num-events reached, --timeout, --idle-timeout, SIGINT, SIGTERM)\n"
	"print a summary: events, dropped, missed, latency p50/p99/max.\n"
	"When a line's chip goes away (unbound, removed, unplugged) say so and\n"
	"exit 8. The options gpiomon (libgpiod v2) has mean what they mean there.\n"
	"\n"
	"  -c, --chip CHIP        the chip of the LINEs\n"
	"  -e, --edges EDGES      rising, falling or both (default both)\n"
	"  -b, --bias BIAS        pull-up, pull-down, disabled or as-is (default)\n"
	"  -l, --active-low       the line is active low: edges and levels invert\n"
	"  -C, --consumer NAME    the name the lines are used by, as gpioinfo\n"
	"                         shows it (default: gpioirq)\n"
	"      --by-name          LINE operands are names, even those that look\n"
	"                         like offsets\n"
	"  -s, --strict           exit 6 when a line name is not unique\n"
	"      --utc              timestamps as UTC dates (default with realtime)\n"
	"      --localtime        timestamps as local dates; with either, the\n"
	"                         clock is realtime unless -E says otherwise\n"
	"      --unquoted         accepted for gpiomon's command lines: irqctl\n"
	"                         never quotes names in event lines\n"
	"  -p, --debounce-period PERIOD\n"
	"                         debounce period: a number with us, ms, s or m\n"
	"                         (no unit: ms), as gpiomon's (default 0)\n"
	"  -d, --debounce USEC    the same, in microseconds\n"
	"  -E, --event-clock CLOCK\n"
	"                         timestamps: monotonic (default), realtime, boottime\n"
	"  -F, --format FORMAT    print each event as FORMAT, as gpiomon's: %o offset,\n"
	"                         %l line name, %c chip, %e 1 rising / 2 falling,\n"
	"                         %E rising / falling, %S timestamp s.ns, %U as UTC,\n"
	"                         %L as local time, %% a %; and gpioirq's: %v level,\n"
	"                         %p pulse ns, %b bh delay ns, %d callback delay ns,\n"
	"                         %N seqno. The summary goes to stderr then\n"
	"  -n, --num-events N     exit after N events (of all lines); also --count\n"
	"      --idle-timeout PERIOD\n"
	"                         exit (0) when no event came for PERIOD\n"
	"      --banner           print gpiomon's banner once the lines are held\n"
	"  -t, --timeout SEC      exit after SEC seconds (decimals allowed); with\n"
	"                         --num-events, exit 7 when it passes first\n"
	"  -B, --bh KIND          bottom half: auto (default), tasklet, workqueue,\n"
	"                         workqueue-bh (6.9+), direct (no bottom half:\n"
	"                         for measuring, not on PREEMPT_RT)\n"
	"      --storm-limit N    mask a line above N edges/s; 'off' never masks\n"
	"                         (default: the module's)\n"
	"  -r, --ring ENTRIES     ring size in events, a power of two\n"
	"  -q, --quiet            print the summary only\n"
	"      --hist             after the summary, draw histograms of the edge to\n"
	"                         callback latency, the top to bottom half delay and\n"
	"                         the pulse widths, in us (not with --json)\n"
	"  -j, --json             JSON Lines: one object per event, then a summary\n"
	"  -v, --version          irqctl's, libgpioirq's and libgpiod's versions\n"
	"  -h, --help             this text\n";

struct watch {
	struct watched *lines;
	size_t nlines;
	clockid_t clock;
	bool json, quiet, hist;
	uint64_t count;  /* 0: no limit */
	const char *format;	/* -F: gpiomon's format, NULL for ours */
	int time_fmt;		/* our lines' timestamps: 0 s.ns, 1 UTC, 2 local (print_time()) */
	uint64_t idle_ns;	/* --idle-timeout, 0: none */
	uint64_t last_event_ns;	/* CLOCK_MONOTONIC of the last event, or the start */
	uint64_t events; /* edge events printed */
	uint64_t missed, storms, lost;
	bool done;
	bool chip_gone; /* a line's chip went away: the watch ends */
	struct irqctl_hist cb_delay, bh_delay;
	struct irqctl_hist pulse;	/* pulse_ns of each line's edges but its first */
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

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

/* gpiomon v2's: seconds.ns, or a UTC (Z) or local ISO 8601 date. */
static void print_time(uint64_t ns, int how)
{
	time_t sec = (time_t)(ns / 1000000000);
	char buf[64];
	struct tm tm;

	if (!how) {
		printf("%llu.%09llu", (unsigned long long)(ns / 1000000000),
		       (unsigned long long)(ns % 1000000000));
		return;
	}
	if ((how == 1 ? gmtime_r(&sec, &tm) : localtime_r(&sec, &tm)) == NULL ||
	    !strftime(buf, sizeof(buf), "%FT%T", &tm)) {
		fputs("?", stdout);
		return;
	}
	printf("%s.%09llu%s", buf, (unsigned long long)(ns % 1000000000), how == 1 ? "Z" : "");
}

/* -F: gpiomon v2's %-fields, and gpioirq's own (help text). */
static void print_format(const char *fmt, const struct watched *l, const struct gpioirq_event *ev,
			 int64_t cb_delay_ns)
{
	const char *p;

	for (p = fmt; *p; p++) {
		if (*p != '%') {
			putchar(*p);
			continue;
		}
		switch (*++p) {
		case 'o':
			printf("%u", l->offset);
			break;
		case 'l':
			fputs(l->name[0] ? l->name : "unnamed", stdout);
			break;
		case 'c':
			fputs(l->chip, stdout);
			break;
		case 'e':
			putchar(ev->edge == GPIOIRQ_EDGE_RISING ? '1' : '2');
			break;
		case 'E':
			fputs(irqctl_edge_name(ev->edge), stdout);
			break;
		case 'S':
			print_time(ev->timestamp_ns, 0);
			break;
		case 'U':
			print_time(ev->timestamp_ns, 1);
			break;
		case 'L':
			print_time(ev->timestamp_ns, 2);
			break;
		case 'v':
			fputs(level_text(ev->level), stdout);
			break;
		case 'p':
			printf("%llu", (unsigned long long)ev->pulse_ns);
			break;
		case 'b':
			printf("%llu", (unsigned long long)ev->bh_delay_ns);
			break;
		case 'd':
			printf("%lld", (long long)cb_delay_ns);
			break;
		case 'N':
			printf("%llu", (unsigned long long)ev->seqno);
			break;
		case '%':
			putchar('%');
			break;
		case '\0':
			/* A lone % at the end stays, as gpiomon prints it. */
			putchar('%');
			p--;
			break;
		default:
			putchar('%');
			putchar(*p);
			break;
		}
	}
	putchar('\n');
	fflush(stdout);
}

static void print_event(struct watch *w, const struct watched *l, const struct gpioirq_event *ev,
			int64_t cb_delay_ns)
{
	if (w->format && ev->type == GPIOIRQ_EVENT_EDGE) {
		print_format(w->format, l, ev, cb_delay_ns);
		return;
	}
	if (w->format) {
		fprintf(stderr, "%s %u: masked by the storm guard (raise --storm-limit, or 'off')\n",
			l->chip, l->offset);
		return;
	}
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
	print_time(ev->timestamp_ns, w->time_fmt);
	printf(" %s %u%s%s%s %-7s %s %12.3f %9.3f %9.3f%s\n", l->chip, l->offset,
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
	w->last_event_ns = now_ns();
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
	if (ev->line_seqno > 1)
		irqctl_hist_add(&w->pulse, ev->pulse_ns);
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

int irqctl_explain_request(const struct watched *l, const char *bh, int err)
{
	struct gpioirq_gpiochip_line_info li;
	struct gpioirq_gpiochip *chip;
	const char *consumer = NULL;

	switch (err) {
	case EBUSY:
		chip = gpioirq_gpiochip_open(l->chip);
		if (chip && !gpioirq_gpiochip_line_info(chip, l->offset, &li))
			consumer = li.consumer;
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
		gpioirq_gpiochip_close(chip);
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
			   strcmp(bh, "auto") && strcmp(bh, "workqueue") ?
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
static bool all_numbers(int argc, char **argv)
{
	uint32_t off;
	int i;

	for (i = 0; i < argc; i++)
		if (irqctl_parse_u32(argv[i], 0, UINT32_MAX, &off))
			return false;
	return argc > 0;
}

struct name_count {
	const char *name;
	unsigned int n;
};

static int count_in_chip(struct gpioirq_gpiochip *chip, void *arg)
{
	struct name_count *nc = arg;
	struct gpioirq_gpiochip_line_info li;
	unsigned int off;

	for (off = 0; off < chip->num_lines; off++)
		if (!gpioirq_gpiochip_line_info(chip, off, &li) && !strcmp(li.name, nc->name))
			nc->n++;
	return 0;
}

/* -s: lines named @name on @chip, or on every chip when it is NULL. */
static unsigned int count_named(struct gpioirq_gpiochip *chip, const char *name)
{
	struct name_count nc = { .name = name };

	if (chip)
		count_in_chip(chip, &nc);
	else
		gpioirq_gpiochip_foreach(count_in_chip, &nc);
	return nc.n;
}

/*
 * The operands as gpiomon v2 takes them: CHIP LINE... or LINE-NAME...; a
 * LINE is an offset, or a name (always a name with @by_name). With
 * @strict a name must be unique (on the chip, or on the system).
 */
static int resolve_lines(const char *cmd, int argc, char **argv, bool chip_given, bool by_name,
			 bool strict, struct watched **out, size_t *n)
{
	struct gpioirq_gpiochip *chip = NULL;
	struct watched *v;
	int i, first = 0;

	if (argc >= 2) {
		chip = gpioirq_gpiochip_open(argv[0]);
		/* "CHIP OFFSET...": the chip is the real cause, not a line name. */
		if (!chip && (errno == EACCES || errno == EPERM)) {
			irqctl_err("GPIO chip '%s': %s (/dev/gpiochip* need root or their group, "
				   "often 'gpio': 'ls -l /dev/gpiochip*' shows it; join it with "
				   "'sudo usermod -aG GROUP $USER')", argv[0], strerror(errno));
			return IRQCTL_EXIT_PERMISSION;
		}
		if (!chip && (chip_given || all_numbers(argc - 1, argv + 1))) {
			irqctl_err("no GPIO chip '%s' ('irqctl list' shows the chips)", argv[0]);
			return IRQCTL_EXIT_NO_LINE;
		}
	}
	if (chip)
		first = 1;
	v = calloc((size_t)(argc - first), sizeof(*v));
	if (!v) {
		irqctl_err("%s", strerror(errno));
		gpioirq_gpiochip_close(chip);
		return IRQCTL_EXIT_ERROR;
	}
	for (i = first; i < argc; i++) {
		struct watched *l = &v[i - first];
		struct gpioirq_gpiochip_line_info li;
		char chip_name[GPIOIRQ_GPIOCHIP_NAME_SIZE];
		unsigned int off, num;
		int found;

		if (chip && !by_name && irqctl_parse_u32(argv[i], 0, UINT32_MAX, &off) == 0) {
			if (off >= chip->num_lines) {
				irqctl_err("%s has %u lines (0..%u): no line %s", chip->name,
					   chip->num_lines, chip->num_lines - 1, argv[i]);
				goto no_line;
			}
			snprintf(chip_name, sizeof(chip_name), "%s", chip->name);
		} else if (chip) {
			found = gpioirq_gpiochip_find_line(chip, argv[i]);
			if (found < 0) {
				irqctl_err("%s has no line named '%s' ('irqctl list %s' shows its lines)",
					   chip->name, argv[i], chip->name);
				goto no_line;
			}
			off = (unsigned int)found;
			snprintf(chip_name, sizeof(chip_name), "%s", chip->name);
		} else {
			found = gpioirq_gpiochip_find_line_any(argv[i], chip_name, &off);
			if (found < 0 && (errno == EACCES || errno == EPERM)) {
				irqctl_err("cannot look for line '%s': %s (/dev/gpiochip* need root or "
					   "their group, often 'gpio': 'ls -l /dev/gpiochip*' shows it; "
					   "join it with 'sudo usermod -aG GROUP $USER')",
					   argv[i], strerror(errno));
				free(v);
				return IRQCTL_EXIT_PERMISSION;
			}
			if (found < 0) {
				irqctl_err("%s: %s", argv[i], strerror(errno));
				goto no_line;
			}
			if (!found) {
				if (argc == 1 && (chip = gpioirq_gpiochip_open(argv[i]))) {
					gpioirq_gpiochip_close(chip);
					free(v);
					return irqctl_usage_err(cmd, "name at least one line of %s",
								argv[i]);
				}
				irqctl_err("no GPIO line named '%s' ('irqctl list' shows the names; "
					   "or give CHIP and offset)", argv[i]);
				goto no_line;
			}
		}
		if (strict && (by_name || !chip || irqctl_parse_u32(argv[i], 0, UINT32_MAX, &num))) {
			unsigned int named = count_named(chip, argv[i]);

			if (named > 1) {
				irqctl_err("line name '%s' is not unique: %u lines have it (--strict)",
					   argv[i], named);
				goto no_line;
			}
		}
		snprintf(l->chip, sizeof(l->chip), "%s", chip_name);
		l->offset = off;
		l->name[0] = '\0';
		if (chip) {
			if (!gpioirq_gpiochip_line_info(chip, off, &li))
				snprintf(l->name, sizeof(l->name), "%s", li.name);
		} else {
			snprintf(l->name, sizeof(l->name), "%s", argv[i]);
		}
	}
	gpioirq_gpiochip_close(chip);
	*out = v;
	*n = (size_t)(argc - first);
	return IRQCTL_EXIT_OK;

no_line:
	gpioirq_gpiochip_close(chip);
	free(v);
	return IRQCTL_EXIT_NO_LINE;
}

/* -c CHIP LINE... is CHIP LINE... with the chip named for sure. */
int irqctl_resolve_lines(const char *cmd, const char *chip, int argc, char **argv, bool by_name,
			 bool strict, struct watched **out, size_t *n)
{
	char **operands = calloc((size_t)argc + 1, sizeof(*operands));
	int ret;

	if (!operands) {
		irqctl_err("%s", strerror(errno));
		return IRQCTL_EXIT_ERROR;
	}
	if (chip)
		operands[0] = (char *)chip;
	memcpy(operands + !!chip, argv, (size_t)argc * sizeof(*operands));
	ret = resolve_lines(cmd, argc + !!chip, operands, !!chip, by_name, strict, out, n);
	free(operands);
	return ret;
}

static void print_summary(struct watch *w, struct gpioirq *ctx, const char *ended,
			  uint64_t duration_ns)
{
	/* With -F, stdout has gpiomon's lines only. */
	FILE *out = w->format ? stderr : stdout;
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
	fprintf(out, "--- %" PRIu64 " events, %" PRIu64 " dropped, %" PRIu64 " missed, %" PRIu64
	       " storms in %.3f s (%s)\n",
	       w->events, dropped, w->missed, w->storms, duration_ns / 1e9, ended);
	if (w->events) {
		fprintf(out, "edge to callback:        p50 %9.3f us  p99 %9.3f us  max %9.3f us\n",
		       irqctl_hist_percentile(&w->cb_delay, 50) / 1e3, irqctl_hist_percentile(&w->cb_delay, 99) / 1e3,
		       w->cb_delay.max / 1e3);
		fprintf(out, "top half to bottom half: p50 %9.3f us  p99 %9.3f us  max %9.3f us\n",
		       irqctl_hist_percentile(&w->bh_delay, 50) / 1e3, irqctl_hist_percentile(&w->bh_delay, 99) / 1e3,
		       w->bh_delay.max / 1e3);
	}
	for (i = 0; i < w->nlines && w->nlines > 1; i++)
		fprintf(out, "%s %u: %" PRIu64 " events\n", w->lines[i].chip, w->lines[i].offset,
		       w->lines[i].events);
	if (w->hist) {
		irqctl_hist_print(out, &w->cb_delay, "edge to callback");
		irqctl_hist_print(out, &w->bh_delay, "top half to bottom half");
		irqctl_hist_print(out, &w->pulse, "pulse width (time from the line's previous edge)");
	}
}

/*
 * --banner, as gpiomon 2.2's: once every line is held, so a script can
 * start driving the lines when it reads it.
 */
static void print_banner(int n, char **lines)
{
	int i;

	if (n == 1) {
		printf("Monitoring line '%s'...\n", lines[0]);
		return;
	}
	printf("Monitoring lines ");
	for (i = 0; i < n - 1; i++)
		printf("'%s', ", lines[i]);
	printf("and '%s'...\n", lines[i]);
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

		if (w->idle_ns) {
			uint64_t now = now_ns(), idle_end = w->last_event_ns + w->idle_ns;

			if (now >= idle_end) {
				*ended = "idle-timeout";
				return drain(w, ctx);
			}
			/* Round up: waking early would only poll again. */
			timeout_ms = (int)((idle_end - now + 999999) / 1000000);
		}
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
			if (timeout_ms < 0 || deadline_ns - now < (uint64_t)timeout_ms * 1000000)
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
	enum { OPT_STORM_LIMIT = 256, OPT_IDLE_TIMEOUT, OPT_BANNER, OPT_BY_NAME, OPT_UTC,
	       OPT_LOCALTIME, OPT_UNQUOTED, OPT_HIST };
	/* gpiomon v2's names and letters first, then gpioirq's own. */
	static const struct option opts[] = {
		{ "chip", required_argument, NULL, 'c' },
		{ "edges", required_argument, NULL, 'e' },
		{ "bias", required_argument, NULL, 'b' },
		{ "active-low", no_argument, NULL, 'l' },
		{ "consumer", required_argument, NULL, 'C' },
		{ "by-name", no_argument, NULL, OPT_BY_NAME },
		{ "strict", no_argument, NULL, 's' },
		{ "utc", no_argument, NULL, OPT_UTC },
		{ "localtime", no_argument, NULL, OPT_LOCALTIME },
		{ "unquoted", no_argument, NULL, OPT_UNQUOTED },
		{ "hist", no_argument, NULL, OPT_HIST },
		{ "debounce-period", required_argument, NULL, 'p' },
		{ "event-clock", required_argument, NULL, 'E' },
		{ "format", required_argument, NULL, 'F' },
		{ "num-events", required_argument, NULL, 'n' },
		{ "idle-timeout", required_argument, NULL, OPT_IDLE_TIMEOUT },
		{ "banner", no_argument, NULL, OPT_BANNER },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "edge", required_argument, NULL, 'e' },
		{ "debounce", required_argument, NULL, 'd' },
		{ "clock", required_argument, NULL, 'E' },
		{ "count", required_argument, NULL, 'n' },
		{ "bh", required_argument, NULL, 'B' },
		{ "storm-limit", required_argument, NULL, OPT_STORM_LIMIT },
		{ "ring", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ 0 },
	};
	const char *chip = NULL;
	bool banner = false, by_name = false, strict = false, clock_given = false;
	uint64_t u64;
	static const char *const edges[] = { "", "rising", "falling", "both" };
	static const char *const biases[] = { "as-is", "pull-up", "pull-down", "disabled" };
	static const char *const bhs[] = { "auto", "tasklet", "workqueue", "workqueue-bh",
						   "direct" };
	static const char *const clocks[] = { "monotonic", "realtime", "boottime" };
	static struct watch w; /* static: the histograms are 60 KiB */
	struct gpioirq_line_settings set;
	const char *ended = "count";
	uint32_t ring = 0, u32;
	uint64_t start_ns, deadline_ns = 0;
	struct gpioirq *ctx;
	unsigned int kw;
	int c, ret, sfd;
	size_t i;
	double sec;
	char *end;

	gpioirq_line_settings_init(&set);
	set.callback = on_event;
	memset(&w, 0, sizeof(w));
	w.clock = CLOCK_MONOTONIC;

	while ((c = getopt_long(argc, argv, "c:C:e:b:lp:E:F:n:qsvhd:B:r:t:j", opts, NULL)) != -1) {
		switch (c) {
		case 'e':
			/* rising = 1, falling = 2, both = 3 are the uAPI's flags. */
			if (parse_keyword(optarg, edges, 4, &kw) || kw == 0)
				return irqctl_usage_err("watch", "--edges: rising, falling or both, not '%s'", optarg);
			set.edges = (enum gpioirq_edges)kw;
			break;
		case 'b':
			if (parse_keyword(optarg, biases, 4, &kw))
				return irqctl_usage_err("watch", "--bias: pull-up, pull-down, disabled or as-is, not '%s'", optarg);
			set.bias = (enum gpioirq_bias)kw; /* the order of GPIOIRQ_BIAS_* */
			break;
		case 'd':
			if (irqctl_parse_u32(optarg, 0, GPIOIRQ_DEBOUNCE_MAX_US, &u32))
				return irqctl_usage_err("watch", "--debounce: microseconds, 0 to %u, not '%s'",
							GPIOIRQ_DEBOUNCE_MAX_US, optarg);
			set.debounce_us = u32;
			break;
		case 'p':
			if (irqctl_parse_period_us(optarg, GPIOIRQ_DEBOUNCE_MAX_US, &u64))
				return irqctl_usage_err("watch", "--debounce-period: a period up to 1s "
							"(10ms, 500us, 1s; no unit: ms), not '%s'", optarg);
			set.debounce_us = (uint32_t)u64;
			break;
		case 'c':
			chip = optarg;
			break;
		case 'C':
			if (!irqctl_consumer_ok(optarg))
				return irqctl_usage_err("watch", "--consumer: 1 to %d printable characters "
							"and no space, not '%s'", GPIOIRQ_NAME_SIZE - 1, optarg);
			set.consumer = optarg;
			break;
		case 'F':
			w.format = optarg;
			break;
		case OPT_IDLE_TIMEOUT:
			if (irqctl_parse_period_us(optarg, UINT32_MAX * 1000ull, &u64) || !u64)
				return irqctl_usage_err("watch", "--idle-timeout: a period above 0 "
							"(10ms, 2s, 1m; no unit: ms), not '%s'", optarg);
			w.idle_ns = u64 * 1000;
			break;
		case OPT_BANNER:
			banner = true;
			break;
		case 'v':
			printf("irqctl %s (libgpioirq %s, ABI %d, libgpiod %s)\n", GPIOIRQ_VERSION_STRING,
			       gpioirq_version_string(), GPIOIRQ_ABI_VERSION,
			       gpioirq_gpiochip_gpiod_version());
			return IRQCTL_EXIT_OK;
		case 'B':
			if (parse_keyword(optarg, bhs, 5, &kw))
				return irqctl_usage_err("watch",
							"--bh: auto, tasklet, workqueue, workqueue-bh or direct, not '%s'",
							optarg);
			set.bh = kw; /* the order of GPIOIRQ_BH_* */
			break;
		case 'l':
			set.active_low = true;
			break;
		case 'E':
			if (parse_keyword(optarg, clocks, 3, &kw))
				return irqctl_usage_err("watch", "--event-clock: monotonic, realtime or boottime, not '%s'", optarg);
			set.clock = kw; /* the order of GPIOIRQ_CLOCK_* */
			w.clock = kw == GPIOIRQ_CLOCK_REALTIME ? CLOCK_REALTIME :
				  kw == GPIOIRQ_CLOCK_BOOTTIME ? CLOCK_BOOTTIME : CLOCK_MONOTONIC;
			clock_given = true;
			break;
		case OPT_BY_NAME:
			by_name = true;
			break;
		case 's':
			strict = true;
			break;
		case OPT_UTC:
			w.time_fmt = 1;
			break;
		case OPT_LOCALTIME:
			w.time_fmt = 2;
			break;
		case OPT_UNQUOTED:
			break;
		case OPT_STORM_LIMIT:
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
				return irqctl_usage_err("watch", "--num-events: a number of events, not '%s'", optarg);
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
		case OPT_HIST:
			w.hist = true;
			break;
		case 'h':
			fputs(watch_help, stdout);
			return IRQCTL_EXIT_OK;
		default:
			return irqctl_usage_err("watch", "bad option");
		}
	}
	if (w.hist && w.json)
		return irqctl_usage_err("watch", "--hist draws text: not with --json");
	/* gpiomon v2's: a date format means realtime, realtime means UTC. */
	if (w.time_fmt && !clock_given) {
		set.clock = GPIOIRQ_CLOCK_REALTIME;
		w.clock = CLOCK_REALTIME;
	} else if (set.clock == GPIOIRQ_CLOCK_REALTIME && !w.time_fmt) {
		w.time_fmt = 1;
	}
	if (optind >= argc)
		return irqctl_usage_err("watch", "name the lines: -c CHIP LINE..., CHIP LINE... or "
					"LINE-NAME...");
	if (w.format && w.json)
		return irqctl_usage_err("watch", "--format or --json, not both");

	ret = irqctl_resolve_lines("watch", chip, argc - optind, argv + optind, by_name, strict,
				   &w.lines, &w.nlines);
	if (ret)
		return ret;

	ctx = irqctl_open(ring, &ret);
	if (!ctx)
		goto out_free;
	the_watch = &w;
	gpioirq_set_drop_callback(ctx, on_drop, &w);

	/* Signals end the watch through the poll() loop, never mid-callback. */
	sfd = irqctl_signalfd();
	if (sfd < 0) {
		ret = IRQCTL_EXIT_ERROR;
		goto out_close;
	}

	for (i = 0; i < w.nlines; i++) {
		set.user_data = &w.lines[i];
		w.lines[i].line = gpioirq_line_request(ctx, w.lines[i].chip, w.lines[i].offset, &set);
		if (!w.lines[i].line) {
			ret = irqctl_explain_request(&w.lines[i], bhs[set.bh], errno);
			goto out_sfd;
		}
	}
	if (banner)
		print_banner(argc - optind, argv + optind);
	if (!w.json && !w.quiet && !w.format)
		printf("# %s line edge level pulse_us bh_delay_us cb_delay_us\n",
		       w.time_fmt == 1 ? "timestamp_utc" : w.time_fmt == 2 ? "timestamp_local" :
		       "timestamp_s");
	fflush(stdout);

	start_ns = now_ns();
	w.last_event_ns = start_ns;
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
