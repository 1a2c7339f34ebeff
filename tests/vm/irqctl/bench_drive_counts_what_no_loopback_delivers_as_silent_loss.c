// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl bench --drive OUT-LINE: the simulator cannot wire an output to an
 * input (an output only sets its own level), so a bench that drives
 * sim-7 and watches sim-6 sees no event: every edge driven is a silent
 * loss for both contenders, nothing visible, nothing wrong. The count of
 * edges driven is exact: sim-7 is left at its parity. The output is
 * released at the end. The text table says the same. Bad --drive and
 * --rate arguments exit 2, 5 or 6 before anything is driven.
 */
#include "irqctl-test.h"

#define IN 6
#define OUT 7

static void expect(char *const argv[], int code, const char *msg)
{
	struct proc p;

	if (run(&p, argv) != code)
		show(argv[2], &p), fail("exit %d, not %d", p.status, code);
	CHECK(strstr(p.err, msg), "stderr has '%s':\n%s", msg, p.err);
	CHECK(p.out[0] == '\0', "nothing on stdout: %s", p.out);
	proc_free(&p);
}

static long sim_level(unsigned int line)
{
	char path[128], *s;
	long v;

	snprintf(path, sizeof(path), SIM_DIR "/line%u/level", line);
	s = read_file(path);
	if (!s)
		fail("%s: %s", path, strerror(errno));
	v = strtol(s, NULL, 10);
	free(s);
	return v;
}

static bool cdev_consumer_left(void)
{
	char *dbg = read_file("/sys/kernel/debug/gpio");
	bool left;

	if (!dbg)
		fail("/sys/kernel/debug/gpio: %s", strerror(errno));
	left = strstr(dbg, "|irqctl-bench") != NULL;
	free(dbg);
	return left;
}

int main(void)
{
	char in[64], out[64], chip[32], off[16], held_arg[16];
	char *json[] = { "irqctl", "bench", "-d", "1", "-r", "1", "--drive", out, "--rate", "200",
			 "--json", in, NULL };
	char *text[] = { "irqctl", "bench", "-d", "1", "-r", "1", "--drive", out, "--rate", "100",
			 in, NULL };
	char *rate_alone[] = { "irqctl", "bench", "--rate", "100", in, NULL };
	char *rate_zero[] = { "irqctl", "bench", "--drive", out, "--rate", "0", in, NULL };
	char *itself[] = { "irqctl", "bench", "--drive", in, in, NULL };
	char *itself_off[] = { "irqctl", "bench", "-c", chip, "--drive", off, in, NULL };
	char *no_out[] = { "irqctl", "bench", "--drive", "no-such-line", in, NULL };
	char *busy[] = { "irqctl", "bench", "--drive", held_arg, in, NULL };
	char *watch[] = { "irqctl", "watch", "--quiet", "--timeout", "30", chip, "5", NULL };
	struct json_obj o, c;
	const struct json_member *m;
	const char *p, *end;
	uint64_t v, driven = 0, total = 0;
	struct proc pr, w;
	int i;

	test_name = "bench_drive_counts_what_no_loopback_delivers_as_silent_loss";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(IN);
	sim_rest_low(OUT);
	line_name(chip, IN, in, sizeof(in));
	line_name(chip, OUT, out, sizeof(out));
	line_name(chip, 5, held_arg, sizeof(held_arg));
	CHECK(*in && *out && *held_arg, "the simulator names its lines");
	snprintf(off, sizeof(off), "%d", IN);

	expect(rate_alone, 2, "--rate needs --drive");
	expect(rate_zero, 2, "--rate takes 1 to 1000000 edges/s, not '0'");
	expect(itself, 2, "--drive names LINE itself");
	expect(itself_off, 2, "--drive names LINE itself");
	expect(no_out, 6, "no GPIO line named 'no-such-line'");
	proc_start(&w, watch);
	await_held(chip, 5, w.pid);
	expect(busy, 5, "(--drive) is busy");
	kill(w.pid, SIGINT);
	if (proc_finish(&w) != 0)
		show("irqctl watch", &w), fail("watch exit %d", w.status);
	proc_free(&w);

	if (run(&pr, json) != 0)
		show("irqctl bench --json", &pr), fail("exit %d", pr.status);
	CHECK(json_lines(pr.out, &o, 1) == 1, "one object");
	CHECK(json_sub(&o, "drive", &c), "drive is an object");
	CHECK(json_str_is(&c, "chip", chip) && json_u64(&c, "offset", &v) && v == OUT &&
	      json_str_is(&c, "name", out), "drive names the output");
	CHECK(json_u64(&c, "rate_hz", &v) && v == 200, "rate_hz");
	m = json_get(&o, "contenders");
	CHECK(m && m->val[0] == '[', "contenders");
	p = json_ws(m->val + 1);
	for (i = 0; i < 2; i++) {
		end = json_value(p, 1);
		CHECK(end && json_object_n(p, (size_t)(end - p), &c), "contender %d", i);
		CHECK(json_str_is(&c, "name", i ? "cdev-v2" : "gpioirq"), "contender %d's name", i);
		CHECK(json_u64(&c, "events", &v) && v == 0, "no event");
		CHECK(json_u64(&c, "driven", &driven) && driven >= 1 && driven <= 200 * 2,
		      "driven %llu in 1..400 (one second at 200/s)", (unsigned long long)driven);
		CHECK(json_u64(&c, "lost_silent", &v) && v == driven,
		      "every edge driven is a silent loss: %llu of %llu", (unsigned long long)v,
		      (unsigned long long)driven);
		CHECK(json_u64(&c, "lost_visible", &v) && v == 0, "nothing visible");
		CHECK(json_u64(&c, "wrong", &v) && v == 0, "nothing wrong");
		CHECK(json_is(&c, "cpu_ns_per_event", "null") &&
		      json_is(&c, "syscalls_per_event", "null"), "no per-event figures");
		total += driven;
		p = json_ws(end);
		if (*p == ',')
			p = json_ws(p + 1);
	}
	CHECK(*p == ']', "two contenders");
	CHECK(sim_level(OUT) == (long)(total % 2), "%s left at %llu %% 2 after %llu edges", out,
	      (unsigned long long)total, (unsigned long long)total);
	CHECK(!cdev_consumer_left(), "the output is released");
	proc_free(&pr);

	sim_rest_low(OUT);
	if (run(&pr, text) != 0)
		show("irqctl bench", &pr), fail("exit %d", pr.status);
	CHECK(strstr(pr.out, " (") && strstr(pr.out, "1 round of 1 s per contender, driven by ") &&
	      strstr(pr.out, " at 100 edges/s\n"), "the heading:\n%s", pr.out);
	CHECK(strstr(pr.out, "\ncontender    events    driven visible  silent  wrong   lat p50"),
	      "the table's header:\n%s", pr.out);
	CHECK(strstr(pr.out, "\ngpioirq           0 ") && strstr(pr.out, "\ncdev-v2           0 "),
	      "a row per contender, no event:\n%s", pr.out);
	CHECK(strstr(pr.out, "\nevents per round: gpioirq 0; cdev-v2 0\n"), "events per round:\n%s",
	      pr.out);
	proc_free(&pr);
	return 0;
}
