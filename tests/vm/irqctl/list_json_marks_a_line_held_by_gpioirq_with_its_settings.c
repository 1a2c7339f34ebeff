// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl list --json: the simulator chip and its lines; the line an
 * 'irqctl watch' holds is marked gpioirq with the settings it asked for,
 * the others are not.
 */
#include "irqctl-test.h"

#define LINE 3

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--edge", "rising", "--bias", "pull-down",
			  "--bh", "workqueue", "--timeout", "20", NULL, "3", NULL };
	char *list[] = { "irqctl", "list", "--json", NULL, NULL };
	struct json_obj o[64];
	struct proc w, p;
	char chip[32], s[64], name[64];
	uint64_t v;
	int n, i, lines = 0;

	test_name = "list_json_marks_a_line_held_by_gpioirq_with_its_settings";
	sim_setup(chip, sizeof(chip));
	watch[10] = chip;
	list[3] = chip;
	proc_start(&w, watch);
	await_held(chip, LINE, w.pid);

	if (run(&p, list) != 0)
		show("irqctl list --json", &p), fail("exit %d", p.status);
	n = json_lines(p.out, o, 64);
	CHECK(n >= 1 && json_str_is(&o[0], "type", "chip"), "first a chip");
	CHECK(json_str_is(&o[0], "chip", chip), "chip name");
	CHECK(json_str_is(&o[0], "label", "gpioirq-sim"), "chip label");
	CHECK(json_u64(&o[0], "lines", &v) && v == (uint64_t)(n - 1), "lines %d", n - 1);
	for (i = 1; i < n; i++) {
		CHECK(json_str_is(&o[i], "type", "line"), "line %d type", i);
		CHECK(json_u64(&o[i], "offset", &v) && v == (uint64_t)(i - 1), "offset %d", i);
		line_name(chip, (unsigned int)v, name, sizeof(name));
		CHECK(name[0] ? json_str_is(&o[i], "name", name) : json_is(&o[i], "name", "null"),
		      "line %d's name is libgpiod's '%s'", i - 1, name);
		if (v != LINE) {
			CHECK(json_is(&o[i], "gpioirq", "false"), "line %d not ours", i - 1);
			continue;
		}
		lines++;
		CHECK(json_is(&o[i], "gpioirq", "true"), "held line marked");
		CHECK(json_is(&o[i], "used", "true"), "held line used");
		CHECK(json_str_is(&o[i], "consumer", "gpioirq"), "consumer gpioirq");
		CHECK(json_str_is(&o[i], "edge", "rising"), "edge rising");
		CHECK(json_str_is(&o[i], "bias", "pull-down"), "bias pull-down");
		CHECK(json_str_is(&o[i], "bh", "workqueue"), "bh workqueue");
		CHECK(json_str_is(&o[i], "masked", "no"), "not masked");
		CHECK(json_u64(&o[i], "pid", &v) && v == (uint64_t)w.pid, "pid of the watcher");
		CHECK(json_str(&o[i], "direction", s, sizeof(s)) && !strcmp(s, "input"), "input");
	}
	CHECK(lines == 1, "line %d listed once", LINE);
	proc_free(&p);

	kill(w.pid, SIGINT);
	if (proc_finish(&w) != 0)
		show("irqctl watch", &w), fail("watch exit %d after SIGINT", w.status);
	return 0;
}
