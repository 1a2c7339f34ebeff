// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl record: request lines as watch does, keep every event, and at the
 * end write them as a Value Change Dump (GTKWave, sigrok/PulseView) or CSV,
 * in timestamp order, with the losses marked where they happened.
 *
 * The events are kept in memory until the end because the ring's order
 * (seqno) is not the edges' order across lines: each line's bottom half
 * gives its own events their seqnos, so a VCD, whose times never go back,
 * is written once they are sorted by their top-half timestamps.
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

#include "irqctl.h"

static const char record_help[] =
	"Usage: irqctl record [OPTION]... CHIP LINE...\n"
	"       irqctl record [OPTION]... -c CHIP LINE...\n"
	"       irqctl record [OPTION]... LINE-NAME...\n"
	"Record the edges of lines (LINE: an offset or a line name on CHIP, as\n"
	"watch takes them) until --num-events, --timeout, SIGINT or SIGTERM, then\n"
	"write them in timestamp order: a VCD file (one 1-bit wire per line,\n"
	"named by the line's name, 1 ns timescale, times from the first event) or\n"
	"CSV (seqno,line_seqno,timestamp_ns,line,edge,level,pulse_ns,missed).\n"
	"Losses are marked where they happened: VCD '$comment dropped N $end' and\n"
	"x on the lines, CSV a row whose edge is 'dropped' and whose missed is N.\n"
	"\n"
	"  -o, --output FILE      write to FILE (default: standard output)\n"
	"  -f, --format FORMAT    vcd (default; csv when FILE ends in .csv) or csv\n"
	"  -n, --num-events N     stop after N edges (of all lines)\n"
	"  -t, --timeout SEC      stop after SEC seconds (decimals allowed); with\n"
	"                         --num-events, exit 7 when it passes first\n"
	"  -c, --chip CHIP        the chip of the LINEs\n"
	"  -r, --ring ENTRIES     ring size in events, a power of two\n"
	"  -h, --help             this text\n";

/* One row of the recording: an edge, or a loss. */
struct rec_row {
	uint64_t timestamp_ns;
	uint64_t seqno, line_seqno, pulse_ns;
	uint64_t lost;		/* a loss row: events lost */
	size_t order;		/* arrival, to keep the sort stable */
	int line;		/* index into the lines; -1: a loss of no known line */
	uint8_t edge, level;
	bool missed, loss;
};

struct recording {
	struct watched *lines;
	size_t nlines;
	struct rec_row *rows;
	size_t nrows, cap;
	uint64_t count, events, lost_pending;
	bool done, chip_gone, oom;
};

static struct recording *the_rec; /* the callbacks' context: one per process */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static struct rec_row *new_row(struct recording *rec)
{
	if (rec->nrows == rec->cap) {
		size_t cap = rec->cap ? rec->cap * 2 : 1024;
		struct rec_row *rows = realloc(rec->rows, cap * sizeof(*rows));

		if (!rows) {
			rec->oom = true;
			rec->done = true;
			return NULL;
		}
		rec->rows = rows;
		rec->cap = cap;
	}
	memset(&rec->rows[rec->nrows], 0, sizeof(rec->rows[0]));
	rec->rows[rec->nrows].order = rec->nrows;
	return &rec->rows[rec->nrows++];
}

static void on_event(const struct gpioirq_event *ev, void *arg)
{
	struct recording *rec = the_rec;
	struct watched *l = arg;
	struct rec_row *row;

	if (rec->done)
		return;
	if (ev->type == GPIOIRQ_EVENT_CHIP_GONE) {
		irqctl_err("%s %u: the chip went away (device unbound, driver removed or unplugged)",
			   l->chip, l->offset);
		rec->chip_gone = true;
		rec->done = true;
		return;
	}
	if (ev->type != GPIOIRQ_EVENT_EDGE)
		return;
	/* Lost before this event, line unknown: marked just before it. */
	if (rec->lost_pending) {
		row = new_row(rec);
		if (!row)
			return;
		row->loss = true;
		row->line = -1;
		row->lost = rec->lost_pending;
		row->timestamp_ns = ev->timestamp_ns;
		rec->lost_pending = 0;
	}
	row = new_row(rec);
	if (!row)
		return;
	row->timestamp_ns = ev->timestamp_ns;
	row->seqno = ev->seqno;
	row->line_seqno = ev->line_seqno;
	row->pulse_ns = ev->pulse_ns;
	row->line = (int)(l - rec->lines);
	row->edge = ev->edge;
	row->level = ev->level;
	row->missed = ev->flags & GPIOIRQ_EVENT_F_MISSED;
	l->events++;
	rec->events++;
	if (rec->count && rec->events >= rec->count)
		rec->done = true;
}

static void on_drop(struct gpioirq *ctx, uint64_t lost, void *arg)
{
	struct recording *rec = arg;

	(void)ctx;
	rec->lost_pending += lost;
}

static int by_time(const void *a, const void *b)
{
	const struct rec_row *x = a, *y = b;

	if (x->timestamp_ns != y->timestamp_ns)
		return x->timestamp_ns < y->timestamp_ns ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* A VCD reference: the line's name, or CHIP_OFFSET; no spaces. */
static void wire_name(const struct watched *l, char *buf, size_t size)
{
	char *p;

	if (l->name[0])
		snprintf(buf, size, "%s", l->name);
	else
		snprintf(buf, size, "%s_%u", l->chip, l->offset);
	for (p = buf; *p; p++)
		if (*p <= ' ' || *p > '~' || *p == '$')
			*p = '_';
}

/* The identifier code of wire @i: printable ASCII, base 94, '!' first. */
static void wire_id(size_t i, char *buf)
{
	size_t n = 0;

	do {
		buf[n++] = (char)('!' + i % 94);
		i /= 94;
	} while (i);
	buf[n] = '\0';
}

static char edge_value(const struct rec_row *row)
{
	return row->edge == GPIOIRQ_EDGE_RISING ? '1' : '0';
}

static void write_vcd(FILE *f, const struct recording *rec, const int *initial)
{
	uint64_t t0 = rec->nrows ? rec->rows[0].timestamp_ns : 0, last;
	char id[8], name[GPIOIRQ_NAME_SIZE + 16];
	size_t i, j;

	fprintf(f, "$version irqctl %s $end\n", GPIOIRQ_VERSION_STRING);
	fprintf(f, "$comment gpioirq edges; time 0 is the first event, at %" PRIu64
		   " ns of CLOCK_MONOTONIC $end\n", t0);
	fputs("$timescale 1 ns $end\n$scope module gpioirq $end\n", f);
	for (i = 0; i < rec->nlines; i++) {
		wire_id(i, id);
		wire_name(&rec->lines[i], name, sizeof(name));
		fprintf(f, "$var wire 1 %s %s $end\n", id, name);
	}
	fputs("$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n", f);
	for (i = 0; i < rec->nlines; i++) {
		wire_id(i, id);
		fprintf(f, "%c%s\n", initial[i] < 0 ? 'x' : '0' + initial[i], id);
	}
	fputs("$end\n", f);
	last = 0;
	for (i = 0; i < rec->nrows; i++) {
		const struct rec_row *row = &rec->rows[i];
		uint64_t t = row->timestamp_ns - t0;

		/*
		 * A loss is marked 1 ns before the event that revealed it
		 * (never before what is written already), so that the x
		 * shows: x on every line for events lost on no known line
		 * (ring or top-half buffer full), on the line for an edge its
		 * top half missed.
		 */
		if (row->loss || row->missed) {
			uint64_t tx = t > last ? t - 1 : last;

			if (tx != last)
				fprintf(f, "#%" PRIu64 "\n", tx);
			last = tx;
			if (row->loss) {
				fprintf(f, "$comment dropped %" PRIu64 " $end\n", row->lost);
				for (j = 0; j < rec->nlines; j++) {
					wire_id(j, id);
					fprintf(f, "x%s\n", id);
				}
				continue;
			}
			wire_id((size_t)row->line, id);
			wire_name(&rec->lines[row->line], name, sizeof(name));
			fprintf(f, "$comment missed an edge of %s $end\nx%s\n", name, id);
		}
		if (t != last)
			fprintf(f, "#%" PRIu64 "\n", t);
		last = t;
		wire_id((size_t)row->line, id);
		fprintf(f, "%c%s\n", edge_value(row), id);
	}
}

static void write_csv(FILE *f, const struct recording *rec)
{
	char name[GPIOIRQ_NAME_SIZE + 16];
	size_t i;

	fputs("seqno,line_seqno,timestamp_ns,line,edge,level,pulse_ns,missed\n", f);
	for (i = 0; i < rec->nrows; i++) {
		const struct rec_row *row = &rec->rows[i];

		if (row->loss) {
			fprintf(f, ",,%" PRIu64 ",,dropped,,,%" PRIu64 "\n", row->timestamp_ns,
				row->lost);
			continue;
		}
		wire_name(&rec->lines[row->line], name, sizeof(name));
		fprintf(f, "%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%s,%s,", row->seqno,
			row->line_seqno, row->timestamp_ns, name, irqctl_edge_name(row->edge));
		if (row->level == GPIOIRQ_LEVEL_UNKNOWN)
			fputc(',', f);
		else
			fprintf(f, "%u,", row->level == GPIOIRQ_LEVEL_HIGH);
		fprintf(f, "%" PRIu64 ",%d\n", row->pulse_ns, row->missed);
	}
}

/* Dispatch until done, the deadline or a signal; an exit code. */
static int run(struct recording *rec, struct gpioirq *ctx, int sfd, uint64_t deadline_ns)
{
	struct pollfd pfd[2] = {
		{ .fd = gpioirq_get_fd(ctx), .events = POLLIN },
		{ .fd = sfd, .events = POLLIN },
	};
	bool timed_out = false;
	int r;

	while (!rec->done) {
		int timeout_ms = -1;

		if (gpioirq_dispatch(ctx, 0) < 0 && errno != EINTR) {
			irqctl_err("dispatch: %s", strerror(errno));
			return IRQCTL_EXIT_ERROR;
		}
		if (rec->done)
			break;
		if (deadline_ns) {
			uint64_t now = now_ns();

			if (now >= deadline_ns) {
				timed_out = true;
				break;
			}
			timeout_ms = (int)((deadline_ns - now + 999999) / 1000000);
		}
		r = poll(pfd, 2, timeout_ms);
		if (r < 0 && errno != EINTR) {
			irqctl_err("poll: %s", strerror(errno));
			return IRQCTL_EXIT_ERROR;
		}
		if (r > 0 && pfd[1].revents)
			break;
	}
	/* Events published before the end still count. */
	while (!rec->done && (r = gpioirq_dispatch(ctx, 0)) != 0)
		if (r < 0 && errno != EINTR)
			break;
	if (rec->oom) {
		irqctl_err("out of memory after %" PRIu64 " events: writing those", rec->events);
		return IRQCTL_EXIT_ERROR;
	}
	if (rec->chip_gone)
		return IRQCTL_EXIT_CHIP_GONE;
	if (timed_out && rec->count && rec->events < rec->count)
		return IRQCTL_EXIT_TIMEOUT;
	return IRQCTL_EXIT_OK;
}

int irqctl_record(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "num-events", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "chip", required_argument, NULL, 'c' },
		{ "ring", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static struct recording rec;
	const char *out = NULL, *format = NULL, *chip = NULL;
	struct gpioirq_line_settings set;
	uint64_t deadline_ns = 0;
	uint32_t ring = 0, u32;
	struct gpioirq *ctx;
	int c, ret, sfd, *initial = NULL;
	bool csv;
	FILE *f;
	size_t i;
	double sec;
	char *end;

	memset(&rec, 0, sizeof(rec));
	while ((c = getopt_long(argc, argv, "o:f:n:t:c:r:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "vcd") && strcmp(optarg, "csv"))
				return irqctl_usage_err("record", "--format: vcd or csv, not '%s'", optarg);
			format = optarg;
			break;
		case 'n':
			if (irqctl_parse_u32(optarg, 1, UINT32_MAX, &u32))
				return irqctl_usage_err("record", "--num-events: a number of events, not '%s'",
							optarg);
			rec.count = u32;
			break;
		case 't':
			errno = 0;
			sec = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(sec > 0) || sec > 1e6)
				return irqctl_usage_err("record", "--timeout: seconds, above 0, not '%s'", optarg);
			deadline_ns = (uint64_t)(sec * 1e9);
			break;
		case 'c':
			chip = optarg;
			break;
		case 'r':
			if (irqctl_parse_u32(optarg, GPIOIRQ_RING_MIN_ENTRIES, GPIOIRQ_RING_MAX_ENTRIES, &ring) ||
			    (ring & (ring - 1)))
				return irqctl_usage_err("record", "--ring: a power of two, %u to %u, not '%s'",
							GPIOIRQ_RING_MIN_ENTRIES, GPIOIRQ_RING_MAX_ENTRIES, optarg);
			break;
		case 'h':
			fputs(record_help, stdout);
			return IRQCTL_EXIT_OK;
		default:
			return irqctl_usage_err("record", "bad option");
		}
	}
	if (optind >= argc)
		return irqctl_usage_err("record", "name the lines: CHIP LINE..., -c CHIP LINE... or "
					"LINE-NAME...");
	csv = format ? !strcmp(format, "csv") :
	      out && strlen(out) > 4 && !strcmp(out + strlen(out) - 4, ".csv");

	ret = irqctl_resolve_lines("record", chip, argc - optind, argv + optind, false, false,
				   &rec.lines, &rec.nlines);
	if (ret)
		return ret;
	initial = calloc(rec.nlines, sizeof(*initial));
	if (!initial) {
		irqctl_err("%s", strerror(errno));
		ret = IRQCTL_EXIT_ERROR;
		goto out_free;
	}

	ctx = irqctl_open(ring, &ret);
	if (!ctx)
		goto out_free;
	the_rec = &rec;
	gpioirq_set_drop_callback(ctx, on_drop, &rec);
	sfd = irqctl_signalfd();
	if (sfd < 0) {
		ret = IRQCTL_EXIT_ERROR;
		goto out_close;
	}
	gpioirq_line_settings_init(&set);
	set.callback = on_event;
	set.consumer = "irqctl-record";
	for (i = 0; i < rec.nlines; i++) {
		set.user_data = &rec.lines[i];
		rec.lines[i].line = gpioirq_line_request(ctx, rec.lines[i].chip, rec.lines[i].offset,
							 &set);
		if (!rec.lines[i].line) {
			irqctl_err("%s line %u: %s ('irqctl watch' says more)", rec.lines[i].chip,
				   rec.lines[i].offset, strerror(errno));
			ret = errno == EBUSY ? IRQCTL_EXIT_BUSY : IRQCTL_EXIT_ERROR;
			goto out_sfd;
		}
		/* The level before the first edge; unknown (x) if unreadable. */
		initial[i] = gpioirq_line_get_value(rec.lines[i].line);
	}
	/* Held: a script may start the signal once it reads this. */
	fprintf(stderr, "irqctl record: recording %zu line%s\n", rec.nlines,
		rec.nlines == 1 ? "" : "s");

	if (deadline_ns)
		deadline_ns += now_ns();
	ret = run(&rec, ctx, sfd, deadline_ns);
	close(sfd);
	gpioirq_close(ctx);

	qsort(rec.rows, rec.nrows, sizeof(rec.rows[0]), by_time);
	f = out ? fopen(out, "w") : stdout;
	if (!f) {
		irqctl_err("%s: %s", out, strerror(errno));
		ret = IRQCTL_EXIT_ERROR;
		goto out_free;
	}
	if (csv)
		write_csv(f, &rec);
	else
		write_vcd(f, &rec, initial);
	if (fflush(f) || ferror(f) || (out && fclose(f))) {
		irqctl_err("writing %s: %s", out ? out : "standard output", strerror(errno));
		ret = IRQCTL_EXIT_ERROR;
	}
	fprintf(stderr, "irqctl record: %" PRIu64 " events\n", rec.events);
	goto out_free;

out_sfd:
	close(sfd);
out_close:
	gpioirq_close(ctx);
out_free:
	free(initial);
	free(rec.rows);
	free(rec.lines);
	return ret;
}
