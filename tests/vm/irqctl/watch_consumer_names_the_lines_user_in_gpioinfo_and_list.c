// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl watch --consumer NAME (gpiomon v2's -C): the line shows as used
 * by NAME in the GPIO character device's line info (what gpioinfo reads)
 * and in irqctl list, which still knows it is gpioirq's, with its
 * settings; a name the module would refuse is a usage error (exit 2)
 * before any line is held.
 */
#include "irqctl-test.h"

int main(void)
{
	char *watch[] = { "irqctl", "watch", "-C", "doorbell", "--timeout", "20", NULL, "4", NULL };
	char *bad[] = { "irqctl", "watch", "--consumer", "two words", NULL, "4", NULL };
	char *list[] = { "irqctl", "list", NULL };
	struct gpioirq_gpiochip_line_info li;
	struct gpioirq_gpiochip *gc;
	char chip[32], want[256], name[64];
	struct proc w, p;

	test_name = "watch_consumer_names_the_lines_user_in_gpioinfo_and_list";
	sim_setup(chip, sizeof(chip));
	bad[4] = chip;
	if (run(&p, bad) != 2)
		show("irqctl watch --consumer 'two words'", &p), fail("exit %d, not 2", p.status);
	CHECK(strstr(p.err, "--consumer"), "says which option:\n%s", p.err);
	proc_free(&p);

	watch[6] = chip;
	proc_start(&w, watch);
	await_held(chip, 4, w.pid);
	gc = gpioirq_gpiochip_open(chip);
	if (!gc || gpioirq_gpiochip_line_info(gc, 4, &li))
		fail("line info of %s 4: %s", chip, strerror(errno));
	gpioirq_gpiochip_close(gc);
	CHECK(li.used && !strcmp(li.consumer, "doorbell"), "line 4 used by '%s'", li.consumer);

	if (run(&p, list) != 0)
		show("irqctl list", &p), fail("exit %d", p.status);
	line_name(chip, 4, name, sizeof(name));
	snprintf(want, sizeof(want), "    4: %-16s input    used by \"doorbell\" [gpioirq edge=both",
		 name[0] ? name : "-");
	CHECK(strstr(p.out, want), "held line '%s' in:\n%s", want, p.out);

	kill(w.pid, SIGTERM);
	if (proc_finish(&w) != 0)
		show("irqctl watch", &w), fail("watch exit %d after SIGTERM", w.status);
	return 0;
}
