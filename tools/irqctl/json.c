// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl's JSON writer: objects on one line each (JSON Lines), so the output
 * of 'watch --json' can be read a line, i.e. an event, at a time.
 */
#include <inttypes.h>

#include "irqctl.h"

#define JSON_MAX_DEPTH (int)(sizeof(((struct irqctl_json *)0)->need_comma))

static void put_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			/* Other control characters have no short escape. Bytes
			 * >= 0x80 pass through: names come from the kernel as
			 * UTF-8 or ASCII. */
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

/* Comma before every member but the first, then "key": when there is one. */
static void member(struct irqctl_json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->need_comma[j->depth - 1])
			fputc(',', j->f);
		j->need_comma[j->depth - 1] = true;
	}
	if (key) {
		put_string(j->f, key);
		fputc(':', j->f);
	}
}

static void open_nested(struct irqctl_json *j, const char *key, char c)
{
	member(j, key);
	fputc(c, j->f);
	/* Deeper than irqctl ever nests is a bug here, not bad input. */
	if (j->depth < JSON_MAX_DEPTH) {
		j->need_comma[j->depth] = false;
		j->closer[j->depth] = c == '{' ? '}' : ']';
	}
	j->depth++;
}

void irqctl_json_begin(struct irqctl_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	open_nested(j, NULL, '{');
}

void irqctl_json_object(struct irqctl_json *j, const char *key)
{
	open_nested(j, key, '{');
}

void irqctl_json_array(struct irqctl_json *j, const char *key)
{
	open_nested(j, key, '[');
}

void irqctl_json_close(struct irqctl_json *j)
{
	j->depth--;
	fputc(j->depth < JSON_MAX_DEPTH ? j->closer[j->depth] : '}', j->f);
}

void irqctl_json_end(struct irqctl_json *j)
{
	while (j->depth > 0)
		irqctl_json_close(j);
	fputc('\n', j->f);
	fflush(j->f);
}

void irqctl_json_str(struct irqctl_json *j, const char *key, const char *v)
{
	member(j, key);
	put_string(j->f, v);
}

void irqctl_json_u64(struct irqctl_json *j, const char *key, uint64_t v)
{
	member(j, key);
	fprintf(j->f, "%" PRIu64, v);
}

void irqctl_json_i64(struct irqctl_json *j, const char *key, int64_t v)
{
	member(j, key);
	fprintf(j->f, "%" PRId64, v);
}

void irqctl_json_bool(struct irqctl_json *j, const char *key, bool v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->f);
}

void irqctl_json_null(struct irqctl_json *j, const char *key)
{
	member(j, key);
	fputs("null", j->f);
}

void irqctl_json_f64(struct irqctl_json *j, const char *key, double v)
{
	/* Negative means unknown here; NaN and infinities are not JSON. */
	if (!(v >= 0) || v > 1e300) {
		irqctl_json_null(j, key);
		return;
	}
	member(j, key);
	fprintf(j->f, "%.6g", v);
}
