// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl watch --count 5 --timeout 0.5 on a quiet line: exit 7 and a
 * summary that says timeout; without --count a timeout is a normal end. */
#include "irqctl-test.h"

int main(void)
{
	char *with_count[] = { "irqctl", "watch", "--json", "--count", "5", "--timeout", "0.5",
			       NULL, "6", NULL };
	char *no_count[] = { "irqctl", "watch", "--quiet", "--timeout", "0.2", NULL, "6", NULL };
	struct json_obj o[4];
	char chip[32];
	struct proc p;
	uint64_t v;

	test_name = "watch_exits_7_when_the_timeout_comes_before_the_count";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(6);
	with_count[7] = chip;
	no_count[5] = chip;
	if (run(&p, with_count) != 7)
		show("irqctl watch --count 5 --timeout 0.5", &p), fail("exit %d, not 7", p.status);
	CHECK(json_lines(p.out, o, 4) == 1, "only the summary");
	CHECK(json_str_is(&o[0], "type", "summary") && json_str_is(&o[0], "ended", "timeout"),
	      "ended by the timeout");
	CHECK(json_u64(&o[0], "events", &v) && v == 0, "no events");
	CHECK(json_u64(&o[0], "duration_ns", &v) && v >= 500000000, "ran 0.5 s at least");
	proc_free(&p);

	if (run(&p, no_count) != 0)
		show("irqctl watch --timeout 0.2", &p), fail("exit %d, not 0", p.status);
	CHECK(strstr(p.out, "--- 0 events, 0 dropped, 0 missed, 0 storms in ") &&
	      strstr(p.out, "(timeout)\n"), "summary:\n%s", p.out);
	return 0;
}
