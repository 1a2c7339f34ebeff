// SPDX-License-Identifier: GPL-2.0-or-later
/* With gpioirq.ko unloaded, irqctl info, stats and watch exit 3 and say
 * how to load it; list still works. The module is loaded again after. */
#include "irqctl-test.h"

static void expect_missing(char *const argv[])
{
	struct proc p;

	if (run(&p, argv) != 3)
		show(argv[1], &p), fail("irqctl %s: exit %d, not 3", argv[1], p.status);
	CHECK(strstr(p.err, "/dev/gpioirq: No such file or directory"), "says what: %s", p.err);
	CHECK(strstr(p.err, "sudo insmod kmod/gpioirq.ko"), "says insmod: %s", p.err);
	CHECK(strstr(p.err, "modprobe gpioirq"), "says modprobe: %s", p.err);
	CHECK(p.out[0] == '\0', "nothing on stdout: %s", p.out);
	proc_free(&p);
}

int main(void)
{
	char *info[] = { "irqctl", "info", NULL };
	char *stats[] = { "irqctl", "stats", NULL };
	char *watch[] = { "irqctl", "watch", NULL, "5", NULL };
	char *list[] = { "irqctl", "list", NULL };
	char chip[32];
	struct proc p;

	test_name = "reports_a_missing_module_with_the_insmod_hint";
	sim_setup(chip, sizeof(chip));
	watch[2] = chip;
	if (system("rmmod gpioirq"))
		skip("gpioirq.ko is in use; cannot unload it");
	CHECK(access("/dev/gpioirq", F_OK) != 0, "/dev/gpioirq gone");

	expect_missing(info);
	expect_missing(stats);
	expect_missing(watch);
	if (run(&p, list) != 0)
		show("irqctl list", &p), fail("list without the module: exit %d", p.status);
	CHECK(strstr(p.out, "[gpioirq-sim]"), "list shows the chip:\n%s", p.out);

	if (system("modprobe gpioirq"))
		fail("modprobe gpioirq again");
	return 0;
}
