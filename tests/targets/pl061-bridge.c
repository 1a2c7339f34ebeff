// SPDX-License-Identifier: GPL-2.0
/*
 * pl061-bridge: run QEMU's arm64 virt machine and let the guest drive the
 * lines of its PL061 GPIO controller from the host.
 *
 *   pl061-bridge [DIR] -- qemu-system-aarch64 -M virt ...
 *
 * The bridge listens on three unix sockets in DIR (without DIR, in a new
 * folder under $TMPDIR that it removes at exit), starts QEMU with the
 * arguments after "--" plus the ones that connect it to them, and then serves
 * the guest:
 *   DIR/qmp.sock    QMP: finds the PL061's QOM path (it moves with options;
 *                   a wrong path makes QEMU abort), then stays idle.
 *   DIR/qtest.sock  qtest: "set_irq_in PATH unnamed-gpio-in LINE LEVEL" sets
 *                   the level at a PL061 input while the guest runs.
 *   DIR/guest.sock  a virtio-serial port named "pl061" in the guest; one
 *                   request per line, one reply per request (below).
 * QEMU connects to the sockets as a client while it starts, before the guest
 * runs, so nothing the guest sends can be lost to a race.
 *
 * Requests (LINES is a comma-separated list of offsets 0..7, all driven
 * together; times in microseconds):
 *   level LINES 0|1                 set the level and keep it
 *   pulse LINES WIDTH_US            invert the level for WIDTH_US, then back
 *   train LINES COUNT WIDTH_US PERIOD_US
 *                                   COUNT pulses, one every PERIOD_US
 *   ping                            answers "ok 0 0"
 * Replies, sent when the request is done:
 *   ok EDGES LATE_US [NS...]        EDGES edges per line driven; LATE_US the
 *                                   worst lateness of an edge, until QEMU
 *                                   had applied it: an interval between two
 *                                   edges is off by at most that. For pulse
 *                                   and train of at most TIMED_EDGES edges,
 *                                   the EDGES - 1 intervals between them as
 *                                   QEMU applied them, in ns (the host's
 *                                   clock; the guest's runs at the same rate)
 *   err MESSAGE
 * Edges are timed on the host with absolute CLOCK_MONOTONIC sleeps, so
 * errors do not accumulate along a train; an edge the host runs late delays
 * the rest of its train by as much (see drive_train()).
 *
 * Exits with QEMU's exit status (128 + signal if it was killed).
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#define PL061_LINES 8
#define MAX_EXTRA_ARGS 16
/* An edge later than this moves the rest of its train (drive_train()). */
#define SHIFT_AFTER_NS 1000000u
/* Trains of at most this many edges report when each one happened. */
#define TIMED_EDGES 64

static pid_t qemu_pid;
static char qmp_path[108], qtest_path[108], guest_path[108];
static char tmpdir[108];
static char pl061_path[256];
static int line_level[PL061_LINES];

static void cleanup(void)
{
	unlink(qmp_path);
	unlink(qtest_path);
	unlink(guest_path);
	if (*tmpdir)
		rmdir(tmpdir);
}

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("pl061-bridge: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (qemu_pid > 0)
		kill(qemu_pid, SIGKILL);
	cleanup();
	exit(125);
}

static void forward_signal(int sig)
{
	if (qemu_pid > 0)
		kill(qemu_pid, sig);
}

static int listen_at(const char *dir, const char *name, char *path, size_t len)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if ((size_t)snprintf(path, len, "%s/%s", dir, name) >= len ||
	    strlen(path) >= sizeof(sa.sun_path))
		die("socket path too long: %s/%s", dir, name);
	strcpy(sa.sun_path, path);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    listen(fd, 1))
		die("%s: %s", path, strerror(errno));
	return fd;
}

/* Accept on @lfd, giving up when QEMU exits first (bad options). */
static int accept_or_exit(int lfd, const char *what)
{
	struct pollfd p = { .fd = lfd, .events = POLLIN };
	int status, fd;

	for (;;) {
		int n = poll(&p, 1, 200);

		if (n > 0)
			break;
		if (n < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		if (waitpid(qemu_pid, &status, WNOHANG) == qemu_pid) {
			qemu_pid = 0;
			die("QEMU exited before connecting %s", what);
		}
	}
	fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		die("accept %s: %s", what, strerror(errno));
	close(lfd);
	return fd;
}

/* Buffered line reader over a socket. */
struct conn {
	int fd;
	size_t len;
	char buf[1 << 16];
};

/* Returns the next line without its newline, or NULL at EOF. */
static char *conn_line(struct conn *c)
{
	static char line[1 << 16];

	for (;;) {
		char *nl = memchr(c->buf, '\n', c->len);
		ssize_t n;

		if (nl) {
			size_t l = (size_t)(nl - c->buf);

			memcpy(line, c->buf, l);
			line[l] = '\0';
			memmove(c->buf, nl + 1, c->len - l - 1);
			c->len -= l + 1;
			return line;
		}
		if (c->len == sizeof(c->buf))
			die("line too long");
		n = read(c->fd, c->buf + c->len, sizeof(c->buf) - c->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NULL;
		c->len += (size_t)n;
	}
}

static void conn_write(struct conn *c, const char *s)
{
	size_t len = strlen(s);

	while (len) {
		ssize_t n = write(c->fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("write: %s", strerror(errno));
		s += n;
		len -= (size_t)n;
	}
}

static struct conn qmp, qtest, guest;

/* Send a QMP command and return its reply line, skipping events. */
static char *qmp_cmd(const char *json)
{
	char *l;

	conn_write(&qmp, json);
	while ((l = conn_line(&qmp))) {
		if (strstr(l, "\"return\""))
			return l;
		if (strstr(l, "\"error\""))
			die("QMP %s: %s", json, l);
	}
	die("QMP closed");
	return NULL;
}

/* Finds the child of /machine/unattached whose type is child<pl061>. */
static void find_pl061(void)
{
	char *r, *t;

	if (!conn_line(&qmp))
		die("no QMP greeting");
	qmp_cmd("{\"execute\":\"qmp_capabilities\"}\n");
	r = qmp_cmd("{\"execute\":\"qom-list\",\"arguments\":"
		    "{\"path\":\"/machine/unattached\"}}\n");
	/* Objects read {"name": "device[7]", "type": "child<pl061>"}. */
	t = strstr(r, "\"child<pl061>\"");
	if (!t)
		die("no PL061 in /machine/unattached (is this -M virt?)");
	for (; t > r; t--) {
		if (*t == '{') {
			char name[128];

			if (sscanf(t, "{\"name\": \"%127[^\"]\"", name) != 1)
				die("cannot parse QMP reply: %s", t);
			snprintf(pl061_path, sizeof(pl061_path),
				 "/machine/unattached/%s", name);
			return;
		}
	}
	die("cannot parse QMP reply: %s", r);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void sleep_until(uint64_t t_ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(t_ns / 1000000000u),
		.tv_nsec = (long)(t_ns % 1000000000u),
	};

	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	       EINTR)
		;
}

static void set_line(unsigned int line, int level)
{
	char cmd[400];
	char *r;

	snprintf(cmd, sizeof(cmd), "set_irq_in %s unnamed-gpio-in %u %d\n",
		 pl061_path, line, level);
	conn_write(&qtest, cmd);
	r = conn_line(&qtest);
	if (!r || strncmp(r, "OK", 2))
		die("qtest %s: %s", cmd, r ? r : "closed");
	line_level[line] = level;
}

/* Parses "2,5,7" into a bit mask of lines; 0 when invalid. */
static unsigned int parse_lines(const char *s)
{
	unsigned int mask = 0;

	for (;;) {
		char *end;
		unsigned long l = strtoul(s, &end, 10);

		if (end == s || l >= PL061_LINES)
			return 0;
		mask |= 1u << l;
		if (*end == '\0')
			return mask;
		if (*end != ',')
			return 0;
		s = end + 1;
	}
}

/*
 * Drives COUNT pulses of WIDTH_US on every line of @mask, one every
 * PERIOD_US, each edge at an absolute time from @t0. An edge is late by the
 * time from its schedule to QEMU's answer that the PL061's inputs changed
 * (the host did not run us in time, or QEMU's main loop was slow). The rest
 * of the train then moves by as much: the spacing after a late edge is kept,
 * so a late edge lengthens one interval and never crowds two edges together
 * faster than the guest could see them (below SHIFT_AFTER_NS it is only
 * QEMU's usual answer time, which two edges share). *late_us gets the worst
 * lateness of one edge.
 */
static void drive_train(unsigned int mask, unsigned long count,
			unsigned long width_us, unsigned long period_us,
			unsigned long *late_us, uint64_t *applied_ns)
{
	uint64_t t0 = now_ns() + 1000000; /* 1 ms to settle */
	uint64_t late = 0;
	unsigned long k = 0;

	for (unsigned long i = 0; i < count; i++) {
		for (int edge = 0; edge < 2; edge++) {
			uint64_t at = t0 + (i * period_us + edge * width_us) * 1000;
			uint64_t t;

			sleep_until(at);
			for (unsigned int l = 0; l < PL061_LINES; l++)
				if (mask & (1u << l))
					set_line(l, !line_level[l]);
			/* QEMU has answered: the PL061's inputs have changed. */
			t = now_ns();
			if (k < TIMED_EDGES)
				applied_ns[k++] = t;
			if (t - at > late)
				late = t - at;
			/* QEMU's usual answer time cancels out between two
			 * edges: move the schedule only for a real delay. */
			if (t - at > SHIFT_AFTER_NS)
				t0 += t - at;
		}
	}
	*late_us = late / 1000;
}

/* Replies "ok EDGES LATE_US" and, for a short train, the intervals. */
static void reply_ok(unsigned long edges, unsigned long late_us,
		     const uint64_t *applied_ns)
{
	char reply[64 + 24 * TIMED_EDGES];
	size_t len;

	len = (size_t)snprintf(reply, sizeof(reply), "ok %lu %lu", edges,
			       late_us);
	if (edges <= TIMED_EDGES)
		for (unsigned long k = 1; k < edges; k++)
			len += (size_t)snprintf(reply + len, sizeof(reply) - len,
						" %llu", (unsigned long long)
						(applied_ns[k] - applied_ns[k - 1]));
	snprintf(reply + len, sizeof(reply) - len, "\n");
	conn_write(&guest, reply);
}

static void serve(char *req)
{
	uint64_t applied_ns[TIMED_EDGES];
	char lines[64], reply[128];
	unsigned long a = 0, b = 0, c = 0, late = 0;
	unsigned int mask;
	int n;

	if (!strcmp(req, "ping")) {
		conn_write(&guest, "ok 0 0\n");
		return;
	}
	if (sscanf(req, "level %63s %lu%n", lines, &a, &n) == 2 && !req[n] &&
	    (mask = parse_lines(lines)) && a <= 1) {
		for (unsigned int l = 0; l < PL061_LINES; l++)
			if ((mask & (1u << l)) && line_level[l] != (int)a)
				set_line(l, (int)a);
		conn_write(&guest, "ok 0 0\n");
		return;
	}
	if (sscanf(req, "pulse %63s %lu%n", lines, &a, &n) == 2 && !req[n] &&
	    (mask = parse_lines(lines)) && a > 0) {
		drive_train(mask, 1, a, a, &late, applied_ns);
		reply_ok(2, late, applied_ns);
		return;
	}
	if (sscanf(req, "train %63s %lu %lu %lu%n", lines, &a, &b, &c, &n) ==
		    4 && !req[n] && (mask = parse_lines(lines)) && a > 0 &&
	    b > 0 && c > b && a <= 1000000) {
		drive_train(mask, a, b, c, &late, applied_ns);
		reply_ok(2 * a, late, applied_ns);
		return;
	}
	snprintf(reply, sizeof(reply), "err bad request: %.80s\n", req);
	conn_write(&guest, reply);
}

int main(int argc, char **argv)
{
	char a_qmp[128], a_qtest[128], a_chardev[160];
	int lqmp, lqtest, lguest, status;
	const char *dir;
	char **qargv;
	int qargc = 0, first;
	char *req;

	if (argc >= 3 && !strcmp(argv[1], "--")) {
		const char *t = getenv("TMPDIR");

		snprintf(tmpdir, sizeof(tmpdir), "%s/pl061.XXXXXX",
			 t && *t ? t : "/tmp");
		if (!mkdtemp(tmpdir))
			die("mkdtemp %s: %s", tmpdir, strerror(errno));
		dir = tmpdir;
		first = 2;
	} else if (argc >= 4 && !strcmp(argv[2], "--")) {
		dir = argv[1];
		first = 3;
	} else {
		fprintf(stderr, "usage: %s [DIR] -- QEMU [ARG...]\n", argv[0]);
		return 125;
	}
	lqmp = listen_at(dir, "qmp.sock", qmp_path, sizeof(qmp_path));
	lqtest = listen_at(dir, "qtest.sock", qtest_path, sizeof(qtest_path));
	lguest = listen_at(dir, "guest.sock", guest_path, sizeof(guest_path));

	snprintf(a_qmp, sizeof(a_qmp), "unix:%s", qmp_path);
	snprintf(a_qtest, sizeof(a_qtest), "unix:%s", qtest_path);
	snprintf(a_chardev, sizeof(a_chardev), "socket,id=pl061,path=%s",
		 guest_path);
	qargv = calloc((size_t)argc + MAX_EXTRA_ARGS, sizeof(*qargv));
	if (!qargv)
		die("out of memory");
	for (int i = first; i < argc; i++)
		qargv[qargc++] = argv[i];
	qargv[qargc++] = "-qmp";
	qargv[qargc++] = a_qmp;
	qargv[qargc++] = "-qtest";
	qargv[qargc++] = a_qtest;
	qargv[qargc++] = "-qtest-log";
	qargv[qargc++] = "/dev/null";
	qargv[qargc++] = "-chardev";
	qargv[qargc++] = a_chardev;
	qargv[qargc++] = "-device";
	qargv[qargc++] = "virtio-serial-device";
	qargv[qargc++] = "-device";
	qargv[qargc++] = "virtserialport,chardev=pl061,name=pl061";

	signal(SIGTERM, forward_signal);
	signal(SIGINT, forward_signal);
	signal(SIGHUP, forward_signal);
	signal(SIGPIPE, SIG_IGN);
	qemu_pid = fork();
	if (qemu_pid < 0)
		die("fork: %s", strerror(errno));
	if (qemu_pid == 0) {
		execvp(qargv[0], qargv);
		fprintf(stderr, "pl061-bridge: %s: %s\n", qargv[0],
			strerror(errno));
		_exit(127);
	}

	qmp.fd = accept_or_exit(lqmp, "QMP");
	qtest.fd = accept_or_exit(lqtest, "qtest");
	guest.fd = accept_or_exit(lguest, "the guest channel");
	find_pl061();

	/* The guest closes its end at power-off: QEMU is about to exit. */
	while ((req = conn_line(&guest)))
		serve(req);

	while (waitpid(qemu_pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	cleanup();
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
