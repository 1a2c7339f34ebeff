// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl bench -d 3 -r 1 --json LINE-NAME, edges from outside: while each
 * contender holds the line (gpioirq first in round 1, then the character
 * device), the simulator plays a burst of 50 pulses at 1000 edges/s.
 * Under gpioirq all 100 edges reach the interrupt handler, and gpioirq
 * gets them exactly, nothing lost, nothing wrong; the character device gets
 * between 1 and as many as reached its handler (its oneshot threaded
 * interrupt stays masked while its thread runs, and the simulator raises
 * no edge then), and its silent losses are its wrong directions (without
 * --drive they are the same pairs). Getting every edge that reached its
 * handler does not make its directions right: its thread reads the level
 * after an edge the mask hid may have changed it (seen on sid-amd64: every
 * edge, 1 wrong). Its visible losses are its seqno gaps, and there are none
 * when it got every edge. The JSON object has every member irqctl.1 names,
 * with these values.
 */
#include "irqctl-test.h"

#define LINE 6
#define PULSES 50
#define EDGES (2 * PULSES)

static long sim_num(const char *file)
{
	char path[128], *s;
	long v;

	snprintf(path, sizeof(path), SIM_DIR "/line%u/%s", LINE, file);
	s = read_file(path);
	if (!s)
		fail("%s: %s", path, strerror(errno));
	v = strtol(s, NULL, 10);
	free(s);
	return v;
}

/* Plays the burst and returns once every edge's interrupt handler ran. */
static void burst(void)
{
	uint64_t end = mono_ms() + AWAIT_MS;
	char arg[32];

	snprintf(arg, sizeof(arg), "%d 2000000", PULSES);
	sim_write(LINE, "burst", arg);
	while (sim_num("burst") != 0) {
		CHECK(mono_ms() < end, "the burst never ended");
		usleep(2000);
	}
}

/* gpiolib's debugfs shows the character device's request by its consumer. */
static void await_cdev(pid_t pid)
{
	uint64_t end = mono_ms() + AWAIT_MS;
	char *dbg;
	int st;

	for (;;) {
		dbg = read_file("/sys/kernel/debug/gpio");
		if (dbg && strstr(dbg, "|irqctl-bench"))
			break;
		free(dbg);
		if (waitpid(pid, &st, WNOHANG) == pid)
			fail("irqctl bench exited (status 0x%x) before the cdev-v2 round", st);
		CHECK(mono_ms() < end, "cdev-v2 never held the line");
		usleep(2000);
	}
	free(dbg);
}

/* The elements of a JSON array member, each an object, into objs. */
static int json_array_objects(const struct json_obj *o, const char *key, struct json_obj *objs,
			      int max)
{
	const struct json_member *m = json_get(o, key);
	const char *p, *end;
	int n = 0;

	CHECK(m && m->val[0] == '[', "%s is an array", key);
	p = json_ws(m->val + 1);
	while (*p != ']') {
		end = json_value(p, 1);
		CHECK(end && n < max, "element %d of %s", n, key);
		CHECK(json_object_n(p, (size_t)(end - p), &objs[n]), "%s[%d] is an object", key, n);
		n++;
		p = json_ws(end);
		if (*p == ',')
			p = json_ws(p + 1);
	}
	return n;
}

static void check_latency(const struct json_obj *c, const char *name)
{
	struct json_obj lat;
	uint64_t p50, p99, max;

	CHECK(json_sub(c, "latency_ns", &lat), "%s latency_ns", name);
	CHECK(json_u64(&lat, "p50", &p50) && json_u64(&lat, "p99", &p99) &&
	      json_u64(&lat, "max", &max), "%s p50, p99, max", name);
	CHECK(p50 > 0 && p50 <= p99 && p99 <= max, "%s: 0 < p50 %llu <= p99 %llu <= max %llu",
	      name, (unsigned long long)p50, (unsigned long long)p99, (unsigned long long)max);
}

int main(void)
{
	char *bench[] = { "irqctl", "bench", "-d", "3", "-r", "1", "--json", NULL, NULL };
	char chip[32], name[64];
	struct json_obj o, c[4], r[4];
	uint64_t v, ev, wrong, silent, vis;
	long edges0, edges1, edges2;
	struct proc p;

	test_name = "bench_json_counts_a_simulated_burst_for_each_contender";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(LINE);
	line_name(chip, LINE, name, sizeof(name));
	CHECK(*name, "the simulator names its lines");
	bench[7] = name;
	edges0 = sim_num("edges");

	proc_start(&p, bench);
	await_held(chip, LINE, p.pid);
	burst();
	/* Every edge of the burst reached the interrupt handler. */
	edges1 = sim_num("edges");
	CHECK(edges1 - edges0 == EDGES, "the simulator raised %ld edges under gpioirq, not %d",
	      edges1 - edges0, EDGES);
	await_cdev(p.pid);
	burst();
	edges2 = sim_num("edges");
	if (proc_finish(&p) != 0)
		show("irqctl bench", &p), fail("exit %d", p.status);

	CHECK(json_lines(p.out, &o, 1) == 1, "one object");
	CHECK(p.err[0] == '\0', "nothing on stderr: %s", p.err);
	CHECK(json_str_is(&o, "type", "bench"), "type");
	CHECK(json_str_is(&o, "chip", chip), "chip");
	CHECK(json_u64(&o, "offset", &v) && v == LINE, "offset");
	CHECK(json_str_is(&o, "name", name), "name");
	CHECK(json_u64(&o, "seconds", &v) && v == 3, "seconds");
	CHECK(json_u64(&o, "rounds", &v) && v == 1, "rounds");
	CHECK(json_is(&o, "drive", "null"), "drive null");
	CHECK(json_array_objects(&o, "contenders", c, 4) == 2, "two contenders");

	CHECK(json_str_is(&c[0], "name", "gpioirq"), "gpioirq first");
	CHECK(json_u64(&c[0], "events", &v) && v == EDGES, "gpioirq events %llu, not %d",
	      (unsigned long long)v, EDGES);
	CHECK(json_is(&c[0], "driven", "null"), "gpioirq driven null");
	CHECK(json_u64(&c[0], "lost_visible", &v) && v == 0, "gpioirq lost_visible");
	CHECK(json_u64(&c[0], "lost_silent", &v) && v == 0, "gpioirq lost_silent");
	CHECK(json_u64(&c[0], "wrong", &v) && v == 0, "gpioirq wrong");
	CHECK(json_u64(&c[0], "seqno_gaps", &v) && v == 0, "gpioirq seqno_gaps");
	CHECK(json_u64(&c[0], "missed_flags", &v) && v == 0, "gpioirq missed_flags");
	CHECK(json_u64(&c[0], "counted", &v) && v == 0, "gpioirq counted");
	CHECK(json_u64(&c[0], "ring_dropped", &v) && v == 0, "gpioirq ring_dropped");
	check_latency(&c[0], "gpioirq");
	CHECK(json_u64(&c[0], "syscalls", &v) && v >= 1, "gpioirq slept at least once");
	CHECK(json_get(&c[0], "cpu_ns_per_event") && json_get(&c[0], "syscalls_per_event") &&
	      json_u64(&c[0], "cpu_ns", &v), "gpioirq cpu and syscall members");
	CHECK(json_array_objects(&c[0], "rounds", r, 4) == 1, "gpioirq: one round");
	CHECK(json_u64(&r[0], "events", &v) && v == EDGES, "gpioirq round 1 events");
	CHECK(json_u64(&r[0], "lost_silent", &v) && v == 0, "gpioirq round 1 lost_silent");

	CHECK(json_str_is(&c[1], "name", "cdev-v2"), "cdev-v2 second");
	/* The character device's interrupts may miss edges of the burst: it
	 * gets at most those that reached its handler. */
	CHECK(edges2 - edges1 >= 1 && edges2 - edges1 <= EDGES, "%ld edges raised under cdev-v2",
	      edges2 - edges1);
	CHECK(json_u64(&c[1], "events", &ev) && ev >= 1 && ev <= (uint64_t)(edges2 - edges1),
	      "cdev-v2 events %llu in 1..%ld", (unsigned long long)ev, edges2 - edges1);
	CHECK(json_is(&c[1], "driven", "null"), "cdev-v2 driven null");
	CHECK(json_u64(&c[1], "wrong", &wrong) && json_u64(&c[1], "lost_silent", &silent) &&
	      silent == wrong, "cdev-v2: silent %llu == wrong %llu", (unsigned long long)silent,
	      (unsigned long long)wrong);
	CHECK(json_u64(&c[1], "lost_visible", &vis) && json_u64(&c[1], "seqno_gaps", &v) &&
	      vis == v, "cdev-v2: visible is its seqno gaps");
	CHECK(ev < (uint64_t)(edges2 - edges1) || vis == 0,
	      "cdev-v2 got every edge, yet shows %llu visible losses", (unsigned long long)vis);
	CHECK(!json_get(&c[1], "missed_flags") && !json_get(&c[1], "counted"),
	      "cdev-v2 has no gpioirq counters");
	check_latency(&c[1], "cdev-v2");
	CHECK(json_u64(&c[1], "syscalls", &v) && v >= 2, "cdev-v2 polled and read");
	CHECK(json_array_objects(&c[1], "rounds", r, 4) == 1, "cdev-v2: one round");
	CHECK(json_u64(&r[0], "events", &v) && v == ev, "cdev-v2 round 1 events");
	return 0;
}
