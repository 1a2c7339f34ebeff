// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl: a reader of Value Change Dump files (IEEE 1364-2005, clause 18),
 * the subset that waveform recorders write: what irqctl record writes, and
 * sigrok/PulseView's and GTKWave's exports ($scope, several $var, #time,
 * scalar changes such as 0! and 1!, $dumpvars). Vector and real changes are
 * read and left out; anything else is an error with its line number.
 *
 * No I/O but the stream it is given, so that tests/unit tests it alone.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "irqctl.h"

#define VCD_TOKEN_MAX 256

struct vcd_reader {
	FILE *f;
	unsigned long line;	/* the line the reader is on */
	unsigned long tok_line;	/* the line of the last token: errors name it */
	char tok[VCD_TOKEN_MAX];
	struct irqctl_vcd *vcd;
};

static int vcd_err(struct vcd_reader *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int vcd_err(struct vcd_reader *r, const char *fmt, ...)
{
	size_t n;
	va_list ap;

	n = (size_t)snprintf(r->vcd->err, sizeof(r->vcd->err), "line %lu: ", r->tok_line);
	if (n >= sizeof(r->vcd->err))
		return -1;
	va_start(ap, fmt);
	vsnprintf(r->vcd->err + n, sizeof(r->vcd->err) - n, fmt, ap);
	va_end(ap);
	return -1;
}

/* The next whitespace-separated token into r->tok: 1, 0 at the end, -1. */
static int vcd_token(struct vcd_reader *r)
{
	size_t n = 0;
	int c;

	do {
		c = getc(r->f);
		if (c == '\n')
			r->line++;
	} while (c != EOF && isspace(c));
	r->tok_line = r->line;
	if (c == EOF)
		return ferror(r->f) ? vcd_err(r, "read: %s", strerror(errno)) : 0;
	while (c != EOF && !isspace(c)) {
		if (n == sizeof(r->tok) - 1)
			return vcd_err(r, "a token longer than %d characters", VCD_TOKEN_MAX - 1);
		r->tok[n++] = (char)c;
		c = getc(r->f);
	}
	if (c == '\n')
		r->line++;
	r->tok[n] = '\0';
	return 1;
}

/* Skips to the $end of a section; 0, or -1 when the file ends first. */
static int vcd_skip_section(struct vcd_reader *r, const char *what)
{
	char name[32];
	int ret;

	/* @what may be r->tok, which the next token overwrites. */
	snprintf(name, sizeof(name), "%s", what);
	what = name;
	while ((ret = vcd_token(r)) == 1)
		if (!strcmp(r->tok, "$end"))
			return 0;
	return ret ? ret : vcd_err(r, "%s without $end", what);
}

/* "1 ns", "10us", "100 ps": the timescale in femtoseconds. */
static int vcd_timescale(struct vcd_reader *r)
{
	static const struct {
		const char *unit;
		uint64_t fs;
	} units[] = {
		{ "s", 1000000000000000ull }, { "ms", 1000000000000ull }, { "us", 1000000000ull },
		{ "ns", 1000000ull },         { "ps", 1000ull },          { "fs", 1ull },
	};
	char text[64] = "";
	char *unit;
	unsigned long mult;
	size_t i;
	int ret;

	while ((ret = vcd_token(r)) == 1 && strcmp(r->tok, "$end"))
		if (strlen(text) + strlen(r->tok) < sizeof(text))
			strcat(text, r->tok);
	if (ret != 1)
		return ret ? ret : vcd_err(r, "$timescale without $end");
	errno = 0;
	mult = strtoul(text, &unit, 10);
	if (errno || (mult != 1 && mult != 10 && mult != 100))
		return vcd_err(r, "$timescale '%s': 1, 10 or 100 and a unit", text);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (!strcmp(unit, units[i].unit)) {
			r->vcd->timescale_fs = mult * units[i].fs;
			return 0;
		}
	}
	return vcd_err(r, "$timescale '%s': the unit is s, ms, us, ns, ps or fs", text);
}

/* $var TYPE SIZE ID REFERENCE [BIT-SELECT] $end */
static int vcd_var(struct vcd_reader *r)
{
	struct irqctl_vcd *v = r->vcd;
	struct irqctl_vcd_var var;
	char *end;
	int i, ret;

	memset(&var, 0, sizeof(var));
	for (i = 0; (ret = vcd_token(r)) == 1 && strcmp(r->tok, "$end"); i++) {
		switch (i) {
		case 0:
			break; /* wire, reg, ...: any type */
		case 1:
			errno = 0;
			var.width = (unsigned int)strtoul(r->tok, &end, 10);
			if (errno || *end || !var.width)
				return vcd_err(r, "$var size '%s'", r->tok);
			break;
		case 2:
			if (strlen(r->tok) >= sizeof(var.id))
				return vcd_err(r, "$var identifier '%s' too long", r->tok);
			strcpy(var.id, r->tok);
			break;
		case 3:
			if (strlen(r->tok) >= sizeof(var.name))
				return vcd_err(r, "$var name '%s' too long", r->tok);
			strcpy(var.name, r->tok);
			break;
		default:
			break; /* a bit select such as [7:0] */
		}
	}
	if (ret != 1)
		return ret ? ret : vcd_err(r, "$var without $end");
	if (i < 4)
		return vcd_err(r, "$var needs a type, a size, an identifier and a name");
	/* Several $var may share an identifier: the same signal. */
	for (i = 0; (size_t)i < v->nvars; i++)
		if (!strcmp(v->vars[i].id, var.id))
			return 0;
	if (v->nvars % 16 == 0) {
		struct irqctl_vcd_var *vars = realloc(v->vars, (v->nvars + 16) * sizeof(*vars));

		if (!vars)
			return vcd_err(r, "%s", strerror(errno));
		v->vars = vars;
	}
	v->vars[v->nvars++] = var;
	return 0;
}

static int vcd_find_var(const struct irqctl_vcd *v, const char *id)
{
	size_t i;

	for (i = 0; i < v->nvars; i++)
		if (!strcmp(v->vars[i].id, id))
			return (int)i;
	return -1;
}

static int vcd_add_change(struct vcd_reader *r, uint64_t time_ns, unsigned int var, char value)
{
	struct irqctl_vcd *v = r->vcd;

	if (v->nchanges == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 256;
		struct irqctl_vcd_change *c = realloc(v->changes, cap * sizeof(*c));

		if (!c)
			return vcd_err(r, "%s", strerror(errno));
		v->changes = c;
		v->cap = cap;
	}
	v->changes[v->nchanges++] = (struct irqctl_vcd_change){
		.time_ns = time_ns, .var = var, .value = value,
	};
	return 0;
}

int irqctl_vcd_parse(FILE *f, struct irqctl_vcd *v)
{
	struct vcd_reader r = { .f = f, .line = 1, .tok_line = 1, .vcd = v };
	uint64_t time = 0, time_ns = 0;
	bool defined = false;
	char *end;
	int ret, var;

	memset(v, 0, sizeof(*v));
	v->timescale_fs = 1000000; /* 1 ns when the file says nothing */
	while ((ret = vcd_token(&r)) == 1) {
		const char *t = r.tok;

		if (t[0] == '$') {
			if (!strcmp(t, "$timescale"))
				ret = vcd_timescale(&r);
			else if (!strcmp(t, "$var"))
				ret = vcd_var(&r);
			else if (!strcmp(t, "$enddefinitions")) {
				ret = vcd_skip_section(&r, t);
				defined = true;
			} else if (!strcmp(t, "$dumpvars") || !strcmp(t, "$dumpall") ||
				   !strcmp(t, "$dumpon") || !strcmp(t, "$dumpoff") || !strcmp(t, "$end"))
				ret = 0; /* the changes inside are changes at the present time */
			else
				ret = vcd_skip_section(&r, t); /* $comment, $date, $scope... */
			if (ret)
				goto fail;
			continue;
		}
		if (!defined) {
			vcd_err(&r, "'%s' before $enddefinitions", t);
			goto fail;
		}
		if (t[0] == '#') {
			uint64_t next;

			errno = 0;
			next = strtoull(t + 1, &end, 10);
			if (errno || end == t + 1 || *end || t[1] == '-') {
				vcd_err(&r, "bad time '%s'", t);
				goto fail;
			}
			if (next < time) {
				vcd_err(&r, "time going back, from #%llu to %s",
					(unsigned long long)time, t);
				goto fail;
			}
			if (next > UINT64_MAX / v->timescale_fs) {
				vcd_err(&r, "time %s too large", t);
				goto fail;
			}
			time = next;
			time_ns = (uint64_t)((unsigned __int128)time * v->timescale_fs / 1000000);
			continue;
		}
		if (strchr("01xXzZ", t[0])) {
			var = vcd_find_var(v, t + 1);
			if (var < 0) {
				vcd_err(&r, "'%s': no $var has identifier '%s'", t, t + 1);
				goto fail;
			}
			if (vcd_add_change(&r, time_ns, (unsigned int)var, (char)tolower(t[0])))
				goto fail;
			continue;
		}
		if (strchr("bBrR", t[0])) {
			char value[VCD_TOKEN_MAX];
			unsigned long line = r.tok_line;

			/* A vector or real value: its identifier follows; left out. */
			strcpy(value, t);
			if (vcd_token(&r) != 1 || vcd_find_var(v, r.tok) < 0) {
				r.tok_line = line;
				vcd_err(&r, "'%s' without a known identifier", value);
				goto fail;
			}
			continue;
		}
		vcd_err(&r, "unexpected '%s'", t);
		goto fail;
	}
	if (ret < 0)
		goto fail;
	if (!defined) {
		vcd_err(&r, "no $enddefinitions: not a VCD file");
		goto fail;
	}
	return 0;

fail:
	irqctl_vcd_free(v);
	return -1;
}

void irqctl_vcd_free(struct irqctl_vcd *v)
{
	free(v->vars);
	free(v->changes);
	v->vars = NULL;
	v->changes = NULL;
	v->nvars = v->nchanges = v->cap = 0;
}
