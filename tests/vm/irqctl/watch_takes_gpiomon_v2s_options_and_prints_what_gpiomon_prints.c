// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The same command line, "-c CHIP --edges both -l -n 2 -F FORMAT LINE",
 * given to irqctl watch and to gpiomon: both print the same two lines for
 * the same two edges (active-low: a physical rise is a logical fall). With
 * libgpiod 1.6's gpiomon, whose options differ, irqctl alone is checked
 * against what gpiomon 2.x prints.
 */
#include "irqctl-test.h"

#define LINE 6
#define ARGS "-c", NULL, "--edges", "both", "-l", "-n", "2", "-F", "%c %o %l %e %E", "6"

static void watch_two_edges(char *const argv[], const char *chip, const char *want, bool gpiomon)
{
	struct proc p;

	sim_rest_low(LINE);
	proc_start(&p, argv);
	if (gpiomon)
		await_gpiomon();
	else
		await_held(chip, LINE, p.pid);
	sim_write(LINE, "level", "1");
	sim_write(LINE, "level", "0");
	if (proc_finish(&p) != 0)
		show(argv[0], &p), fail("%s exited %d", argv[0], p.status);
	if (strcmp(p.out, want))
		show(argv[0], &p), fail("%s printed:\n%s\nnot:\n%s", argv[0], p.out, want);
	proc_free(&p);
}

int main(void)
{
	char *watch[] = { "irqctl", "watch", ARGS, NULL };
	char *mon[] = { "gpiomon", ARGS, NULL };
	char chip[32], name[64], want[256];

	test_name = "watch_takes_gpiomon_v2s_options_and_prints_what_gpiomon_prints";
	sim_setup(chip, sizeof(chip));
	watch[3] = chip;
	mon[2] = chip;
	line_name(chip, LINE, name, sizeof(name));
	snprintf(want, sizeof(want), "%s %d %s 2 falling\n%s %d %s 1 rising\n", chip, LINE,
		 name[0] ? name : "unnamed", chip, LINE, name[0] ? name : "unnamed");

	watch_two_edges(watch, chip, want, false);
	if (gpiod_tools_version() == 2)
		watch_two_edges(mon, chip, want, true);
	else
		fprintf(stderr, "# gpiomon is libgpiod 1.6's: irqctl checked alone\n");
	return 0;
}
