// SPDX-License-Identifier: GPL-2.0-or-later
/* A line gpiomon holds: irqctl watch exits 5 and names "gpiomon". */
#include "irqctl-test.h"

#define LINE 5

int main(void)
{
	/* libgpiod 1.6: gpiomon CHIP 5; 2.x: gpiomon -c CHIP 5. */
	char *mon[] = { "gpiomon", "-c", NULL, "5", NULL };
	char *watch[] = { "irqctl", "watch", NULL, "5", NULL };
	char chip[32], want[96];
	struct proc m, p;

	test_name = "reports_a_line_held_by_another_program_by_its_name";
	sim_setup(chip, sizeof(chip));
	mon[2] = chip;
	watch[2] = chip;
	proc_start(&m, gpiod_tools_version() == 2 ? mon : (mon[1] = "gpiomon", mon + 1));
	await_gpiomon();

	if (run(&p, watch) != 5)
		show("irqctl watch", &p), fail("exit %d, not 5", p.status);
	snprintf(want, sizeof(want), "%s line %d is busy: held by \"gpiomon\"", chip, LINE);
	CHECK(strstr(p.err, want), "stderr has '%s':\n%s", want, p.err);
	CHECK(strstr(p.err, "irqctl list"), "points to irqctl list: %s", p.err);

	kill(m.pid, SIGTERM);
	proc_finish(&m);
	return 0;
}
