/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * irqctl: what the subcommands share. One file per subcommand (list.c,
 * watch.c, stats.c, info.c); this header, common.c, held.c and json.c are the
 * rest.
 */
#ifndef IRQCTL_H
#define IRQCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <uapi/gpioirq.h>

/* Exit codes; irqctl.1 documents them under EXIT STATUS. */
enum {
	IRQCTL_EXIT_OK = 0,
	IRQCTL_EXIT_ERROR = 1,      /* anything not below */
	IRQCTL_EXIT_USAGE = 2,      /* bad command line */
	IRQCTL_EXIT_NO_MODULE = 3,  /* /dev/gpioirq missing: module not loaded */
	IRQCTL_EXIT_PERMISSION = 4, /* /dev/gpioirq or a chip not accessible */
	IRQCTL_EXIT_BUSY = 5,       /* the line is held by another consumer */
	IRQCTL_EXIT_NO_LINE = 6,    /* no such chip, offset or line name */
	IRQCTL_EXIT_TIMEOUT = 7,    /* watch: --timeout before --count events */
	IRQCTL_EXIT_CHIP_GONE = 8,  /* watch: a watched line's chip went away */
};

extern const char *irqctl_prog;

/* A line of watch or record, as the operands named it. */
struct gpioirq_line;
struct watched {
	char chip[GPIOIRQ_NAME_SIZE];
	unsigned int offset;
	char name[GPIOIRQ_NAME_SIZE]; /* empty when the line has none */
	struct gpioirq_line *line;
	uint64_t events;
};

/*
 * The operands as gpiomon v2 takes them, CHIP LINE... or LINE-NAME... (a
 * LINE is an offset or a name; always a name with @by_name; with @strict a
 * name must be unique), or LINE... of @chip (-c CHIP; NULL when not given),
 * into a calloc'ed array (*out, free() it) of *n lines. Returns
 * IRQCTL_EXIT_OK, or the exit code after saying what is wrong (@cmd names
 * the subcommand in usage errors). watch.c.
 */
int irqctl_resolve_lines(const char *cmd, const char *chip, int argc, char **argv, bool by_name,
			 bool strict, struct watched **out, size_t *n);

/*
 * Say why line @l could not be requested (errno @err; @bh the bottom half
 * asked for, by name, for EINVAL's hint) and what to do; the exit code
 * that goes with it. watch.c.
 */
int irqctl_explain_request(const struct watched *l, const char *bh, int err);

/* Subcommands: argv[0] is the subcommand's name. Return an exit code. */
int irqctl_list(int argc, char **argv);
int irqctl_watch(int argc, char **argv);
int irqctl_stats(int argc, char **argv);
int irqctl_info(int argc, char **argv);
int irqctl_record(int argc, char **argv);
int irqctl_replay(int argc, char **argv);
int irqctl_bench(int argc, char **argv);

/* "irqctl: " + message + newline on stderr. */
void irqctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The usage error: message, a pointer to --help, and IRQCTL_EXIT_USAGE. */
int irqctl_usage_err(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Explain a failure to open /dev/gpioirq (errno @err) with what to do about
 * it, and return the exit code that goes with it.
 */
int irqctl_explain_open(int err);

/*
 * Open the device with a ring of @ring_entries events (0: the module's
 * default). On failure explain what to do, set *exit_code, return NULL.
 */
struct gpioirq;
struct gpioirq *irqctl_open(uint32_t ring_entries, int *exit_code);

/*
 * Blocks SIGINT and SIGTERM and returns a signalfd that reads them, so that
 * they end a poll() loop and never interrupt a callback; -1 with the error
 * printed.
 */
int irqctl_signalfd(void);

/*
 * The options of a subcommand that takes only --json and --help: sets *json,
 * prints @help for --help. Returns -1 to go on (optind at the first operand),
 * else the exit code: IRQCTL_EXIT_OK after --help, or the usage error.
 */
int irqctl_parse_json_opts(int argc, char **argv, const char *cmd, const char *help,
			   bool *json);

/*
 * GPIOIRQ_IOC_INFO through a context with a ring of @ring_entries events,
 * closed again before returning; info->version is NUL-terminated. Returns
 * IRQCTL_EXIT_OK, or the exit code after saying what went wrong.
 */
struct gpioirq_info;
int irqctl_get_info(uint32_t ring_entries, struct gpioirq_info *info);

/* A consumer name the module takes: 1 to GPIOIRQ_NAME_SIZE - 1 printable
 * characters, no space (struct gpioirq_line_request.consumer). */
bool irqctl_consumer_ok(const char *s);

/* Parse a decimal number in [min, max]; 0 on success, -1 if it is not one. */
int irqctl_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);

#define GPIOIRQ_LINE_BIAS_FLAGS \
	(GPIOIRQ_LINE_BIAS_PULL_UP | GPIOIRQ_LINE_BIAS_PULL_DOWN | GPIOIRQ_LINE_BIAS_DISABLED)

/* Names of uAPI values, for printing ("rising", "tasklet", ...). */
/*
 * A period as gpiomon v2 takes one: digits with a unit, us, ms, s or m, or
 * none for ms. 0 and *@out in µs, or -1 when malformed or above @max_us.
 */
int irqctl_parse_period_us(const char *s, uint64_t max_us, uint64_t *out);
const char *irqctl_edge_name(unsigned int edge);
const char *irqctl_edges_name(uint32_t flags);
const char *irqctl_bias_name(uint32_t flags);
const char *irqctl_bh_name(unsigned int bh);
const char *irqctl_clock_name(unsigned int clock);

/*
 * Lines the module holds, from its debugfs file (all open files of all
 * processes). Fields the file does not give stay zero; has_counters says
 * whether the counters were there.
 */
#define IRQCTL_DEBUGFS_LINES "/sys/kernel/debug/gpioirq/lines"

struct irqctl_held_line {
	char chip[GPIOIRQ_NAME_SIZE];
	uint32_t offset;
	uint32_t flags; /* GPIOIRQ_LINE_*: edges, active-low, bias */
	uint32_t bh;    /* GPIOIRQ_BH_*, as chosen (never AUTO once known) */
	uint32_t debounce_us;
	char debounce_by[4]; /* "hw", "sw" or "" */
	uint32_t clock; /* GPIOIRQ_CLOCK_* */
	uint32_t storm_limit; /* resolved: 0 never masks */
	uint32_t handle;
	uint32_t file;  /* the module's id of the open file */
	int32_t pid;    /* -1 when not given */
	int32_t irq;
	bool threaded;  /* nested threaded interrupt (a chip that sleeps) */
	bool has_counters;
	bool masked;
	char masked_by[8]; /* "user", "storm" or "" */
	uint64_t interrupts, edges, events, dropped, missed, debounced,
		storm_masks, bh_delay_max_ns;
};

/*
 * Read the held lines into a malloc'ed array (*out, free() it) of *n
 * entries. -1 with errno set when the file cannot be read (ENOENT: module
 * not loaded or debugfs not mounted; EACCES: debugfs is root-only).
 */
int irqctl_held_lines(struct irqctl_held_line **out, size_t *n);
/* The same from an open file (the parser, on its own for the unit tests). */
int irqctl_held_parse(FILE *f, struct irqctl_held_line **out, size_t *n);

/*
 * Latencies go into a log-linear histogram: 64 buckets per power of two, so
 * a percentile is known to 1/64 (1.6%) of its value, and never below it, in
 * bounded memory however long the watch. Values below 64 are exact; so is
 * max.
 */
#define IRQCTL_HIST_SUB_BITS 6
#define IRQCTL_HIST_SUB (1u << IRQCTL_HIST_SUB_BITS)
#define IRQCTL_HIST_BUCKETS (IRQCTL_HIST_SUB * (64 - IRQCTL_HIST_SUB_BITS + 1))

struct irqctl_hist {
	uint64_t count, max;
	uint64_t bucket[IRQCTL_HIST_BUCKETS];
};

void irqctl_hist_add(struct irqctl_hist *h, uint64_t v);
/* The smallest bucket top with at least p% (0 < p <= 100) of the values at
 * or below it, clamped to max; 0 when empty. */
uint64_t irqctl_hist_percentile(const struct irqctl_hist *h, unsigned int p);
/*
 * Draws @h to @f as text: a line per power of two of microseconds that holds
 * values, "[lo, hi) us  count |@@@@  |" with bars scaled to the fullest, as
 * bpftrace's hist() does, under @title. A value is binned by the top of its
 * fine bucket (within 1.6 % of it). Prints "(no values)" when empty.
 */
void irqctl_hist_print(FILE *f, const struct irqctl_hist *h, const char *title);

/*
 * A small JSON writer, one value per line (JSON Lines): irqctl prints each
 * event, each line's stats, the summary as one object on one line, which a
 * line-oriented reader can take apart. Strings are escaped per RFC 8259.
 */
struct irqctl_json {
	FILE *f;
	int depth;
	bool need_comma[8];
	char closer[8];
};

void irqctl_json_begin(struct irqctl_json *j, FILE *f);  /* '{' */
void irqctl_json_end(struct irqctl_json *j);             /* '}' and '\n' */
/* "key":{ and "key":[ -- key NULL for an element of an array */
void irqctl_json_object(struct irqctl_json *j, const char *key);
void irqctl_json_array(struct irqctl_json *j, const char *key);
void irqctl_json_close(struct irqctl_json *j);           /* '}' or ']' */
void irqctl_json_str(struct irqctl_json *j, const char *key, const char *v);
void irqctl_json_u64(struct irqctl_json *j, const char *key, uint64_t v);
void irqctl_json_i64(struct irqctl_json *j, const char *key, int64_t v);
void irqctl_json_bool(struct irqctl_json *j, const char *key, bool v);
void irqctl_json_null(struct irqctl_json *j, const char *key);
/* A number with 6 significant digits; null when negative (none known). */
void irqctl_json_f64(struct irqctl_json *j, const char *key, double v);

/*
 * irqctl bench's accounting of one contender's round (bench-tally.c, on
 * its own for the unit tests): what the events' line_seqno, direction and
 * missed flag show, and the losses worked out from them at the end.
 */
struct irqctl_bench_tally {
	uint64_t events;
	uint64_t driven;	/* --drive: edges the thread drove */
	uint64_t gaps;		/* edges the line_seqno gaps skip */
	uint64_t missed_flags;	/* gpioirq: events flagged F_MISSED */
	uint64_t counted;	/* gpioirq: the line's dropped + missed */
	uint64_t ring_dropped;	/* gpioirq: the library's ring_dropped */
	uint64_t wrong;		/* same direction as the previous event with
				 * no visible loss between */
	uint64_t visible, silent;	/* irqctl_bench_tally_settle() */
	uint64_t cpu_ns;	/* the consuming thread's user + system time */
	uint64_t syscalls;
	uint64_t prev_seqno;	/* 0 before the first event */
	unsigned int prev_edge;	/* GPIOIRQ_EDGE_*; 0 before the first event */
};

/*
 * One edge event: @line_seqno counts the line's edges from 1 at the
 * request (a jump is a visible loss), @edge GPIOIRQ_EDGE_RISING or
 * _FALLING, @missed the event's GPIOIRQ_EVENT_F_MISSED. An event of the
 * previous event's direction with no loss shown between is wrong; the
 * first event is never.
 */
void irqctl_bench_tally_event(struct irqctl_bench_tally *t, uint64_t line_seqno,
			      unsigned int edge, bool missed);
/*
 * At the round's end, after driven and counted are set: visible = seqno
 * gaps or counted, whichever says more. With @driven_known (--drive), the
 * edges lost are driven - events; visible is at most those, silent the
 * rest. Without, silent = wrong: each such pair hides an odd number of lost
 * edges or a wrong direction, and an even number leaves no trace.
 */
void irqctl_bench_tally_settle(struct irqctl_bench_tally *t, bool driven_known);
/* Adds the counts of @t to @sum (not prev_*). */
void irqctl_bench_tally_add(struct irqctl_bench_tally *sum, const struct irqctl_bench_tally *t);

/*
 * A Value Change Dump file as vcd.c reads it: its variables and their scalar
 * changes, in file order, times in ns from the file's #0 (timescale
 * applied, rounded down).
 */
struct irqctl_vcd_var {
	char id[16];	/* the identifier code, "!" */
	char name[64];	/* the reference, "sim-0" (scope left out) */
	unsigned int width;	/* bits; only 1-bit variables have changes here */
};

struct irqctl_vcd_change {
	uint64_t time_ns;
	unsigned int var;	/* index into vars */
	char value;		/* '0', '1', 'x' or 'z' */
};

struct irqctl_vcd {
	uint64_t timescale_fs;	/* 1 ns (1000000) when the file gives none */
	struct irqctl_vcd_var *vars;
	size_t nvars;
	struct irqctl_vcd_change *changes;
	size_t nchanges, cap;
	char err[160];		/* why parsing failed: "line N: ..." */
};

/*
 * Reads a VCD file from @f into @v (free it with irqctl_vcd_free()). 0, or
 * -1 with v->err saying why and the line (nothing to free then).
 */
int irqctl_vcd_parse(FILE *f, struct irqctl_vcd *v);
void irqctl_vcd_free(struct irqctl_vcd *v);

#endif /* IRQCTL_H */
