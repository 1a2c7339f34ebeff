// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl list (text): a header per chip, a line per line, the held one
 * with its settings in brackets. */
#include "irqctl-test.h"

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--debounce", "3000", "--timeout", "20", NULL, "2",
			  NULL };
	char *list[] = { "irqctl", "list", NULL };
	char chip[32], want[128];
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
	CHECK(strstr(p.out, "    1: -                input    unused\n"), "line 1 unused:\n%s", p.out);
	snprintf(want, sizeof(want), "    2: -                input    used [gpioirq edge=both bh=tasklet "
		 "debounce=3000us(sw) pid=%d]\n", (int)w.pid);
	CHECK(strstr(p.out, want), "held line '%s' in:\n%s", want, p.out);

	kill(w.pid, SIGTERM);
	if (proc_finish(&w) != 0)
		show("irqctl watch", &w), fail("watch exit %d after SIGTERM", w.status);
	CHECK(strstr(w.out, "(terminated)\n"), "summary says terminated:\n%s", w.out);
	return 0;
}
