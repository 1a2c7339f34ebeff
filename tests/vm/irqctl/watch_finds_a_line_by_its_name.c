// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl watch LINE-NAME: the line is found on whichever chip has it, and
 * its events carry the chip, the offset and the name. Skips when the
 * simulator's lines have no names. */
#include "irqctl-test.h"

#define LINE 6

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--json", "--count", "1", "--timeout", "20", NULL,
			  NULL };
	struct json_obj o[4];
	char chip[32], name[64];
	struct proc w;
	uint64_t v;

	test_name = "watch_finds_a_line_by_its_name";
	sim_setup(chip, sizeof(chip));
	if (!line_name(chip, LINE, name, sizeof(name))[0])
		skip("the simulator's line %d has no name", LINE);
	sim_rest_low(LINE);
	watch[7] = name;
	proc_start(&w, watch);
	await_held(chip, LINE, w.pid);
	sim_write(LINE, "level", "1");

	if (proc_finish(&w) != 0)
		show("irqctl watch NAME", &w), fail("exit %d", w.status);
	CHECK(json_lines(w.out, o, 4) == 2, "an event and the summary:\n%s", w.out);
	CHECK(json_str_is(&o[0], "chip", chip), "the chip");
	CHECK(json_u64(&o[0], "offset", &v) && v == LINE, "the offset");
	CHECK(json_str_is(&o[0], "name", name), "the name %s", name);
	CHECK(json_str_is(&o[0], "edge", "rising"), "rising");
	return 0;
}
