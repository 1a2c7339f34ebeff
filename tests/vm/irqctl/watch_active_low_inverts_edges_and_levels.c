// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl watch --active-low: the line going high is a falling edge to
 * level 0, going low again a rising edge to level 1. */
#include "irqctl-test.h"

#define LINE 5

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--json", "--active-low", "--count", "2",
			  "--timeout", "20", NULL, "5", NULL };
	struct json_obj o[4];
	char chip[32];
	struct proc w;
	uint64_t v;

	test_name = "watch_active_low_inverts_edges_and_levels";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(LINE);
	watch[8] = chip;
	proc_start(&w, watch);
	await_held(chip, LINE, w.pid);
	sim_write(LINE, "level", "1");
	sim_write(LINE, "level", "0");

	if (proc_finish(&w) != 0)
		show("irqctl watch --active-low", &w), fail("exit %d", w.status);
	CHECK(json_lines(w.out, o, 4) == 3, "2 events and the summary:\n%s", w.out);
	CHECK(json_str_is(&o[0], "edge", "falling") && json_u64(&o[0], "level", &v) && v == 0,
	      "physical high: falling to 0");
	CHECK(json_str_is(&o[1], "edge", "rising") && json_u64(&o[1], "level", &v) && v == 1,
	      "physical low: rising to 1");
	CHECK(json_u64(&o[2], "events", &v) && v == 2, "2 events");
	return 0;
}
