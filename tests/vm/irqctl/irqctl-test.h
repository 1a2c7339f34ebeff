/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the irqctl VM tests share, all static (each test is one program):
 * running irqctl and capturing its output and exit status, driving the
 * simulator chip, awaiting a line held by gpioirq, and a strict JSON reader
 * for irqctl's JSON Lines output.
 *
 * Exit codes of a test: 0 pass, 1 fail, 77 skip.
 */
#ifndef IRQCTL_TEST_H
#define IRQCTL_TEST_H

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gpiochip.h"

#define SIM_DIR "/sys/kernel/debug/gpioirq-sim"
#define LINES_FILE "/sys/kernel/debug/gpioirq/lines"

/* Generous: the VM runs under TCG, on a shared machine. */
#define AWAIT_MS 20000

static const char *test_name __attribute__((unused)) = "test";

static inline void __attribute__((format(printf, 1, 2), noreturn)) fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: FAIL: ", test_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static inline void __attribute__((format(printf, 1, 2), noreturn)) skip(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: SKIP: ", test_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(77);
}

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
			fail(__VA_ARGS__);                                 \
		}                                                          \
	} while (0)

static inline uint64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---- files ---------------------------------------------------------- */

static inline int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

/* The whole file, NUL-terminated, malloc'ed; NULL when it cannot be read. */
static inline char *read_file(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	ssize_t n;
	int fd;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return NULL;
	}
	while ((n = read(fd, buf + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len < 2) {
			char *nb = realloc(buf, cap * 2);

			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* ---- running irqctl -------------------------------------------------- */

struct proc {
	const char *name; /* argv[0] */
	pid_t pid;
	int out_fd, err_fd;
	char *out, *err;
	size_t out_len, err_len;
	int status; /* exit code, or 128 + signal */
};

/* Start argv (argv[0] looked up in PATH) with stdout and stderr piped.
 * uid >= 0 drops to that uid (and gid) first. */
static inline void proc_start_as(struct proc *p, char *const argv[], int uid)
{
	int out[2], err[2];

	memset(p, 0, sizeof(*p));
	p->name = argv[0];
	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		fail("pipe: %s", strerror(errno));
	p->pid = fork();
	if (p->pid < 0)
		fail("fork: %s", strerror(errno));
	if (p->pid == 0) {
		dup2(out[1], 1);
		dup2(err[1], 2);
		if (uid >= 0 && (setgroups(0, NULL) || setgid((gid_t)uid) || setuid((uid_t)uid)))
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(out[1]);
	close(err[1]);
	p->out_fd = out[0];
	p->err_fd = err[0];
}

static inline void proc_start(struct proc *p, char *const argv[])
{
	proc_start_as(p, argv, -1);
}

static inline void append(char **buf, size_t *len, const char *data, size_t n)
{
	char *nb = realloc(*buf, *len + n + 1);

	if (!nb)
		fail("out of memory");
	memcpy(nb + *len, data, n);
	*len += n;
	nb[*len] = '\0';
	*buf = nb;
}

/* Read both pipes to their end, then reap; the child's exit status. */
static inline int proc_finish(struct proc *p)
{
	struct pollfd pfd[2] = {
		{ .fd = p->out_fd, .events = POLLIN },
		{ .fd = p->err_fd, .events = POLLIN },
	};
	int open_fds = 2, st;
	char buf[4096];

	if (!p->out)
		append(&p->out, &p->out_len, "", 0);
	if (!p->err)
		append(&p->err, &p->err_len, "", 0);
	while (open_fds) {
		int i;

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			fail("poll: %s", strerror(errno));
		}
		for (i = 0; i < 2; i++) {
			ssize_t n;

			if (pfd[i].fd < 0 || !pfd[i].revents)
				continue;
			n = read(pfd[i].fd, buf, sizeof(buf));
			if (n > 0) {
				if (i == 0)
					append(&p->out, &p->out_len, buf, (size_t)n);
				else
					append(&p->err, &p->err_len, buf, (size_t)n);
			} else {
				close(pfd[i].fd);
				pfd[i].fd = -1;
				open_fds--;
			}
		}
	}
	while (waitpid(p->pid, &st, 0) < 0)
		if (errno != EINTR)
			fail("waitpid: %s", strerror(errno));
	p->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return p->status;
}

/*
 * Read the child's stdout until it holds @n lines (proc_finish() reads the
 * rest later); fail after AWAIT_MS.
 */
static inline void proc_await_lines(struct proc *p, int n)
{
	struct pollfd pfd = { .fd = p->out_fd, .events = POLLIN };
	uint64_t end = mono_ms() + AWAIT_MS;
	char buf[4096];
	const char *c;
	int lines;
	ssize_t r;

	if (!p->out)
		append(&p->out, &p->out_len, "", 0);
	for (;;) {
		for (lines = 0, c = p->out; (c = strchr(c, '\n')); c++)
			lines++;
		if (lines >= n)
			return;
		if (mono_ms() >= end)
			fail("%s: %d lines of output, not %d: '%s'", p->name, lines, n, p->out);
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		r = read(p->out_fd, buf, sizeof(buf));
		if (r <= 0)
			fail("%s: output ended after %d lines, not %d: '%s'", p->name, lines, n, p->out);
		append(&p->out, &p->out_len, buf, (size_t)r);
	}
}

/* Run to completion; the exit status. p->out and p->err hold the output. */
static inline int run(struct proc *p, char *const argv[])
{
	proc_start(p, argv);
	return proc_finish(p);
}

static inline void proc_free(struct proc *p)
{
	free(p->out);
	free(p->err);
	p->out = p->err = NULL;
}

/* Show what a command printed, for the log of a failing test. */
static inline void show(const char *what, const struct proc *p)
{
	fprintf(stderr, "--- %s: exit %d\n--- stdout:\n%s--- stderr:\n%s---\n", what, p->status,
		p->out ? p->out : "", p->err ? p->err : "");
}

/*
 * The guest's gpiod tools: 1 for libgpiod 1.6's (gpiomon CHIP OFFSET), 2 for
 * 2.x's (gpiomon -c CHIP OFFSET, -F fields of their own), read at run time.
 */
static inline int gpiod_tools_version(void)
{
	char *argv[] = { "gpiomon", "--version", NULL };
	struct proc p;
	int v = 0;

	if (run(&p, argv) == 0)
		v = strstr(p.out, " v2.") ? 2 : strstr(p.out, " v1.") ? 1 : 0;
	if (!v)
		show("gpiomon --version", &p), fail("cannot tell gpiomon's version");
	proc_free(&p);
	return v;
}

/* Wait until gpiomon holds a line: gpiolib's debugfs names its consumer. */
static inline void await_gpiomon(void)
{
	uint64_t end = mono_ms() + AWAIT_MS;
	char *dbg;

	for (;;) {
		dbg = read_file("/sys/kernel/debug/gpio");
		if (dbg && strstr(dbg, "|gpiomon "))
			break;
		free(dbg);
		if (mono_ms() >= end)
			fail("gpiomon never held the line");
		usleep(2000);
	}
	free(dbg);
}

/* ---- the simulator chip ------------------------------------------------ */

/* Load the module and the simulator; the simulator's chip name into chip. */
static inline void sim_setup(char *chip, size_t size)
{
	char *s;

	if (system("modprobe gpioirq && modprobe gpioirq-sim"))
		fail("modprobe gpioirq, gpioirq-sim failed");
	s = read_file(SIM_DIR "/chip");
	if (!s)
		fail("%s: %s", SIM_DIR "/chip", strerror(errno));
	s[strcspn(s, "\n")] = '\0';
	snprintf(chip, size, "%s", s);
	free(s);
}

/* Write to lineN/FILE of the simulator (level: returns once the edge's
 * interrupt handler ran). */
static inline void sim_write(unsigned int line, const char *file, const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), SIM_DIR "/line%u/%s", line, file);
	if (write_file(path, value))
		fail("write '%s' to %s: %s", value, path, strerror(errno));
}

/* Put the line at rest at level 0 (no edge if it is there already). */
static inline void sim_rest_low(unsigned int line)
{
	sim_write(line, "burst", "0");
	sim_write(line, "level", "0");
}

/*
 * The debugfs record of CHIP line OFFSET held by process PID (pid <= 0:
 * any), copied into rec; false when there is none now.
 */
static inline bool held_record(const char *chip, unsigned int offset, pid_t pid, char *rec, size_t size)
{
	char *all = read_file(LINES_FILE), *line, *save = NULL;
	char want_chip[64], want_off[32], want_pid[32];
	bool found = false;

	if (!all)
		return false;
	snprintf(want_chip, sizeof(want_chip), " chip=%s ", chip);
	snprintf(want_off, sizeof(want_off), " offset=%u ", offset);
	snprintf(want_pid, sizeof(want_pid), " pid=%d ", (int)pid);
	for (line = strtok_r(all, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char padded[1024];

		snprintf(padded, sizeof(padded), " %s ", line);
		if (strstr(padded, want_chip) && strstr(padded, want_off) &&
		    (pid <= 0 || strstr(padded, want_pid))) {
			if (rec)
				snprintf(rec, size, "%s", line);
			found = true;
			break;
		}
	}
	free(all);
	return found;
}

/* Await the line held by PID (a count-free condition: poll it, bounded). */
static inline void await_held(const char *chip, unsigned int offset, pid_t pid)
{
	uint64_t end = mono_ms() + AWAIT_MS;

	while (!held_record(chip, offset, pid, NULL, 0)) {
		int st;

		if (pid > 0 && waitpid(pid, &st, WNOHANG) == pid)
			fail("process %d exited (status 0x%x) before holding %s line %u", (int)pid,
			     st, chip, offset);
		if (mono_ms() > end)
			fail("%s line %u not held by %d after %d ms", chip, offset, (int)pid,
			     AWAIT_MS);
		usleep(2000);
	}
}

/* The value of KEY=VALUE in a debugfs record, as a number; -1 if absent. */
static inline long long record_num(const char *rec, const char *key)
{
	char want[64];
	const char *p;

	snprintf(want, sizeof(want), " %s=", key);
	if (!strncmp(rec, want + 1, strlen(want + 1)))
		p = rec + strlen(want + 1); /* the record's first word */
	else if ((p = strstr(rec, want)))
		p += strlen(want);
	else
		return -1;
	return strtoll(p, NULL, 10);
}

/*
 * The line's name as libgpiod sees it (through the library's lib/gpiochip.h,
 * whichever libgpiod generation it was built with), into buf; "" when it has none.
 */
static inline const char *line_name(const char *chip, unsigned int offset, char *buf, size_t size)
{
	struct gpioirq_gpiochip *c = gpioirq_gpiochip_open(chip);
	struct gpioirq_gpiochip_line_info li;

	snprintf(buf, size, "%s", c && !gpioirq_gpiochip_line_info(c, offset, &li) ? li.name : "");
	gpioirq_gpiochip_close(c);
	return buf;
}

/* ---- JSON ----------------------------------------------------------- */

/*
 * A strict RFC 8259 reader, enough for one JSON Lines record: json_object()
 * checks that a line is exactly one object and remembers where each of its
 * top-level members' values is; json_str() and json_num() fetch them, and a
 * nested object or array can be read with json_object() on its text.
 */
#define JSON_MAX_MEMBERS 64

struct json_member {
	char key[64];
	const char *val; /* into the parsed text */
	size_t len;
};

struct json_obj {
	struct json_member m[JSON_MAX_MEMBERS];
	int n;
};

static inline const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static inline const char *json_value(const char *p, int depth);

/* A string; copied (escapes decoded, \u to '?' above ASCII) into out. */
static inline const char *json_string(const char *p, char *out, size_t size)
{
	size_t n = 0;

	if (*p++ != '"')
		return NULL;
	for (;;) {
		unsigned char c = (unsigned char)*p++;
		char d;

		if (c == '"')
			break;
		if (c < 0x20)
			return NULL; /* raw control characters are not allowed */
		if (c == '\\') {
			switch (*p++) {
			case '"': d = '"'; break;
			case '\\': d = '\\'; break;
			case '/': d = '/'; break;
			case 'b': d = '\b'; break;
			case 'f': d = '\f'; break;
			case 'n': d = '\n'; break;
			case 'r': d = '\r'; break;
			case 't': d = '\t'; break;
			case 'u': {
				unsigned int v = 0;
				int i;

				for (i = 0; i < 4; i++) {
					if (!isxdigit((unsigned char)p[i]))
						return NULL;
					v = v * 16 + (unsigned int)(isdigit((unsigned char)p[i]) ?
						p[i] - '0' : (tolower((unsigned char)p[i]) - 'a' + 10));
				}
				p += 4;
				d = v < 0x80 ? (char)v : '?';
				break;
			}
			default:
				return NULL;
			}
		} else {
			d = (char)c;
		}
		if (out && n + 1 < size)
			out[n++] = d;
	}
	if (out && size)
		out[n] = '\0';
	return p;
}

static inline const char *json_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (isdigit((unsigned char)*p))
			p++;
	else
		return NULL;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return p;
}

static inline const char *json_container(const char *p, int depth, char close, struct json_obj *obj)
{
	bool is_obj = close == '}';

	if (depth > 16)
		return NULL;
	p = json_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		char key[64];
		const char *v;

		if (is_obj) {
			p = json_string(p, key, sizeof(key));
			if (!p)
				return NULL;
			p = json_ws(p);
			if (*p++ != ':')
				return NULL;
			p = json_ws(p);
		}
		v = p;
		p = json_value(p, depth + 1);
		if (!p)
			return NULL;
		if (obj && is_obj) {
			int i;

			for (i = 0; i < obj->n; i++)
				if (!strcmp(obj->m[i].key, key))
					return NULL; /* irqctl never repeats a key */
			if (obj->n == JSON_MAX_MEMBERS)
				return NULL;
			snprintf(obj->m[obj->n].key, sizeof(obj->m[obj->n].key), "%s", key);
			obj->m[obj->n].val = v;
			obj->m[obj->n].len = (size_t)(p - v);
			obj->n++;
		}
		p = json_ws(p);
		if (*p == ',') {
			p = json_ws(p + 1);
			continue;
		}
		if (*p == close)
			return p + 1;
		return NULL;
	}
}

static inline const char *json_value(const char *p, int depth)
{
	switch (*p) {
	case '{':
		return json_container(p, depth, '}', NULL);
	case '[':
		return json_container(p, depth, ']', NULL);
	case '"':
		return json_string(p, NULL, 0);
	case 't':
		return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f':
		return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n':
		return strncmp(p, "null", 4) ? NULL : p + 4;
	default:
		return json_number(p);
	}
}

/* Parse text (up to end, or NUL) as exactly one object; false if it is not. */
static inline bool json_object_n(const char *text, size_t len, struct json_obj *obj)
{
	char *copy = strndup(text, len);
	const char *p;
	bool ok;

	/* Parse a NUL-terminated copy, then point the members into text. */
	if (!copy)
		return false;
	memset(obj, 0, sizeof(*obj));
	p = json_ws(copy);
	ok = *p == '{' && (p = json_container(p, 0, '}', obj)) && *json_ws(p) == '\0';
	for (int i = 0; ok && i < obj->n; i++)
		obj->m[i].val = text + (obj->m[i].val - copy);
	free(copy);
	return ok;
}

static inline bool json_object(const char *line, struct json_obj *obj)
{
	return json_object_n(line, strlen(line), obj);
}

static inline const struct json_member *json_get(const struct json_obj *o, const char *key)
{
	for (int i = 0; i < o->n; i++)
		if (!strcmp(o->m[i].key, key))
			return &o->m[i];
	return NULL;
}

/* The member's string value into out; false when absent or not a string. */
static inline bool json_str(const struct json_obj *o, const char *key, char *out, size_t size)
{
	const struct json_member *m = json_get(o, key);

	return m && m->val[0] == '"' && json_string(m->val, out, size);
}

/* The member as an unsigned integer; false when absent or not one. */
static inline bool json_u64(const struct json_obj *o, const char *key, uint64_t *out)
{
	const struct json_member *m = json_get(o, key);
	char *end;

	if (!m || !isdigit((unsigned char)m->val[0]))
		return false;
	errno = 0;
	*out = strtoull(m->val, &end, 10);
	return !errno && (size_t)(end - m->val) == m->len;
}

static inline bool json_is(const struct json_obj *o, const char *key, const char *literal)
{
	const struct json_member *m = json_get(o, key);

	return m && m->len == strlen(literal) && !strncmp(m->val, literal, m->len);
}

/* A string member equal to want. */
static inline bool json_str_is(const struct json_obj *o, const char *key, const char *want)
{
	char buf[256];

	return json_str(o, key, buf, sizeof(buf)) && !strcmp(buf, want);
}

/* A nested object member, parsed into sub. */
static inline bool json_sub(const struct json_obj *o, const char *key, struct json_obj *sub)
{
	const struct json_member *m = json_get(o, key);

	return m && m->val[0] == '{' && json_object_n(m->val, m->len, sub);
}

/* Split out into lines (in place); every line must be one JSON object.
 * Returns the number of lines, objects in objs[0..n). */
static inline int json_lines(char *out, struct json_obj *objs, int max)
{
	char *save = NULL, *line;
	int n = 0;

	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (n == max)
			fail("more than %d lines of output", max);
		if (!json_object(line, &objs[n]))
			fail("line %d is not one JSON object: %s", n + 1, line);
		n++;
	}
	return n;
}

#endif /* IRQCTL_TEST_H */
