// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl list (text): a header per chip, a line per line, the held one
 * with its settings in brackets. */
#include "irqctl-test.h"

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--debounce", "3000", "--timeout", "20", NULL, "2",
			  NULL };
	char *list[] = { "irqctl", "list", NULL };
	char chip[32], want[256], name[64];
	struct proc w, p;

	test_name = "list_prints_each_line_and_marks_the_held_one";
	sim_setup(chip, sizeof(chip));
	watch[6] = chip;
	proc_start(&w, watch);
	await_held(chip, 2, w.pid);

	if (run(&p, list) != 0)
		show("irqctl list", &p), fail("exit %d", p.status);
	snprintf(want, sizeof(want), "%s [gpioirq-sim] 8 lines\n", chip);
	CHECK(strstr(p.out, want), "chip header '%s' in:\n%s", want, p.out);
	line_name(chip, 1, name, sizeof(name));
	snprintf(want, sizeof(want), "    1: %-16s input    unused\n", name[0] ? name : "-");
	CHECK(strstr(p.out, want), "line 1 unused '%s' in:\n%s", want, p.out);
	line_name(chip, 2, name, sizeof(name));
	snprintf(want, sizeof(want), "    2: %-16s input    used [gpioirq edge=both bh=tasklet "
		 "debounce=3000us(sw) pid=%d]\n", name[0] ? name : "-", (int)w.pid);
	CHECK(strstr(p.out, want), "held line '%s' in:\n%s", want, p.out);

	kill(w.pid, SIGTERM);
	if (proc_finish(&w) != 0)
		show("irqctl watch", &w), fail("watch exit %d after SIGTERM", w.status);
	CHECK(strstr(w.out, "(terminated)\n"), "summary says terminated:\n%s", w.out);
	return 0;
}
