// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl stats --json: after 4 edges on a line an 'irqctl watch --quiet'
 * holds, that line's object counts 4 interrupts, edges and events, none
 * dropped, and the totals object follows with the module-wide sums.
 */
#include "irqctl-test.h"

#define LINE 4

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--quiet", "--timeout", "20", NULL, "4", NULL };
	char *stats[] = { "irqctl", "stats", "--json", NULL };
	char chip[32], rec[1024];
	struct json_obj o[70];
	uint64_t v, end;
	struct proc w, p;
	int n, i, found = 0;

	test_name = "stats_json_counts_the_edges_of_a_held_line";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(LINE);
	watch[5] = chip;
	proc_start(&w, watch);
	await_held(chip, LINE, w.pid);
	sim_write(LINE, "level", "1");
	sim_write(LINE, "level", "0");
	sim_write(LINE, "level", "1");
	sim_write(LINE, "level", "0");
	/* The level writes return after the top half; await the bottom half's
	 * count of events. */
	end = mono_ms() + AWAIT_MS;
	while (!held_record(chip, LINE, w.pid, rec, sizeof(rec)) || record_num(rec, "events") != 4) {
		CHECK(mono_ms() < end, "events never reached 4: %s", rec);
		usleep(2000);
	}

	if (run(&p, stats) != 0)
		show("irqctl stats --json", &p), fail("exit %d", p.status);
	n = json_lines(p.out, o, 70);
	CHECK(n >= 2, "lines and a total");
	for (i = 0; i < n - 1; i++) {
		CHECK(json_str_is(&o[i], "type", "line"), "type line");
		if (!json_str_is(&o[i], "chip", chip) || !json_u64(&o[i], "offset", &v) || v != LINE)
			continue;
		found++;
		CHECK(json_u64(&o[i], "pid", &v) && v == (uint64_t)w.pid, "pid");
		CHECK(json_u64(&o[i], "interrupts", &v) && v == 4, "interrupts %llu", (unsigned long long)v);
		CHECK(json_u64(&o[i], "edges", &v) && v == 4, "edges");
		CHECK(json_u64(&o[i], "events", &v) && v == 4, "events");
		CHECK(json_u64(&o[i], "dropped", &v) && v == 0, "dropped");
		CHECK(json_u64(&o[i], "missed", &v) && v == 0, "missed");
		CHECK(json_u64(&o[i], "debounced", &v) && v == 0, "debounced");
		CHECK(json_str_is(&o[i], "bh", "tasklet"), "bh");
		CHECK(json_str_is(&o[i], "edge", "both"), "edge");
	}
	CHECK(found == 1, "the line once, not %d times", found);
	CHECK(json_str_is(&o[n - 1], "type", "total"), "total last");
	CHECK(json_is(&o[n - 1], "per_line", "true"), "per_line");
	CHECK(json_u64(&o[n - 1], "lines", &v) && v >= 1, "lines held");
	CHECK(json_u64(&o[n - 1], "events", &v) && v >= 4, "total events");
	CHECK(json_u64(&o[n - 1], "interrupts", &v) && v >= 4, "total interrupts");

	kill(w.pid, SIGINT);
	if (proc_finish(&w) != 0)
		show("irqctl watch", &w), fail("watch exit %d", w.status);
	CHECK(strstr(w.out, "--- 4 events, 0 dropped, 0 missed, 0 storms in ") &&
	      strstr(w.out, "(interrupted)\n"), "the watcher's summary:\n%s", w.out);
	return 0;
}
