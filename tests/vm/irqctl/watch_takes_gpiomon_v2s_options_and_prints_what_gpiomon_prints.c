// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The same command line, "--banner -c CHIP --edges both -l -n 2 -F FORMAT
 * LINE", given to irqctl watch and to gpiomon: both print the same banner
 * once the line is held (the edges start then), and the same two lines for
 * the same two edges (active-low: a physical rise is a logical fall). Each
 * edge waits for the one before it to be printed: the GPIO character
 * device reads the level in its IRQ thread, and two quick edges could make
 * it report one. With
 * libgpiod 1.6's gpiomon, whose options differ, irqctl alone is checked
 * against what gpiomon 2.x prints.
 */
#include "irqctl-test.h"

#define LINE 6
#define ARGS "--banner", "-c", NULL, "--edges", "both", "-l", "-n", "2", "-F", "%c %o %l %e %E", "6"

static void watch_two_edges(char *const argv[], const char *want)
{
	struct proc p;

	sim_rest_low(LINE);
	proc_start(&p, argv);
	proc_await_lines(&p, 1);
	sim_write(LINE, "level", "1");
	proc_await_lines(&p, 2);
	sim_write(LINE, "level", "0");
	proc_await_lines(&p, 3);
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
	watch[4] = chip;
	mon[3] = chip;
	line_name(chip, LINE, name, sizeof(name));
	snprintf(want, sizeof(want),
		 "Monitoring line '%d'...\n%s %d %s 2 falling\n%s %d %s 1 rising\n", LINE, chip,
		 LINE, name[0] ? name : "unnamed", chip, LINE, name[0] ? name : "unnamed");

	watch_two_edges(watch, want);
	if (gpiod_tools_version() == 2)
		watch_two_edges(mon, want);
	else
		fprintf(stderr, "# gpiomon is libgpiod 1.6's: irqctl checked alone\n");
	return 0;
}
