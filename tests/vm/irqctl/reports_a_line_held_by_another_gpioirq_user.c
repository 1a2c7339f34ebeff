// SPDX-License-Identifier: GPL-2.0-or-later
/* Two irqctl watch on one line: the second exits 5 and says gpioirq holds
 * it for another program. */
#include "irqctl-test.h"

#define LINE 7

int main(void)
{
	char *first[] = { "irqctl", "watch", "--quiet", "--timeout", "20", NULL, "7", NULL };
	char *second[] = { "irqctl", "watch", NULL, "7", NULL };
	char chip[32], want[96];
	struct proc w, p;

	test_name = "reports_a_line_held_by_another_gpioirq_user";
	sim_setup(chip, sizeof(chip));
	first[5] = chip;
	second[2] = chip;
	proc_start(&w, first);
	await_held(chip, LINE, w.pid);

	if (run(&p, second) != 5)
		show("second irqctl watch", &p), fail("exit %d, not 5", p.status);
	snprintf(want, sizeof(want), "%s line %d is busy: gpioirq holds it for another program", chip,
		 LINE);
	CHECK(strstr(p.err, want), "stderr has '%s':\n%s", want, p.err);

	kill(w.pid, SIGINT);
	if (proc_finish(&w) != 0)
		show("first irqctl watch", &w), fail("exit %d", w.status);
	return 0;
}
