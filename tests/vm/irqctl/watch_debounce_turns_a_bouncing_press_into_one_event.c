// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl watch --debounce 1000000 (1 s, far longer than the bounces take
 * under TCG): a press that bounces 1-0-1 gives one rising event, flagged
 * debounced, and the line's counters show the 2 swallowed edges.
 */
#include "irqctl-test.h"

#define LINE 3

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--json", "--debounce", "1000000", "--count", "1",
			  "--timeout", "20", NULL, "3", NULL };
	struct json_obj o[4], line;
	const struct json_member *lines;
	char chip[32];
	struct proc w;
	uint64_t v;

	test_name = "watch_debounce_turns_a_bouncing_press_into_one_event";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(LINE);
	watch[9] = chip;
	proc_start(&w, watch);
	await_held(chip, LINE, w.pid);
	sim_write(LINE, "level", "1");
	sim_write(LINE, "level", "0");
	sim_write(LINE, "level", "1");

	if (proc_finish(&w) != 0)
		show("irqctl watch --debounce", &w), fail("exit %d", w.status);
	CHECK(json_lines(w.out, o, 4) == 2, "one event and the summary:\n%s", w.out);
	CHECK(json_str_is(&o[0], "type", "event") && json_str_is(&o[0], "edge", "rising"), "rising");
	CHECK(json_is(&o[0], "debounced", "true"), "flagged debounced");
	CHECK(json_u64(&o[0], "level", &v) && v == 1, "level 1");
	CHECK(json_u64(&o[1], "events", &v) && v == 1, "summary: 1 event");
	/* The summary's only line: 3 interrupts, 1 edge, 2 debounced. */
	lines = json_get(&o[1], "lines");
	CHECK(lines && lines->val[0] == '[' && lines->val[1] == '{', "lines array");
	CHECK(json_object_n(lines->val + 1, lines->len - 2, &line), "one line object");
	CHECK(json_u64(&line, "interrupts", &v) && v == 3, "3 interrupts, not %llu",
	      (unsigned long long)v);
	CHECK(json_u64(&line, "edges", &v) && v == 1, "1 edge");
	CHECK(json_u64(&line, "debounced", &v) && v == 2, "2 debounced");
	return 0;
}
