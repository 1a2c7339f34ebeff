// SPDX-License-Identifier: GPL-2.0-or-later
/* A user outside group gpio on a 0660 root:root /dev/gpioirq: irqctl info
 * exits 4 and points to the udev rule and the gpio group. */
#include <sys/stat.h>

#include "irqctl-test.h"

int main(void)
{
	char *info[] = { "irqctl", "info", NULL };
	struct stat st;
	char chip[32];
	struct proc p;

	test_name = "reports_permission_denied_with_the_udev_rule_hint";
	sim_setup(chip, sizeof(chip));
	CHECK(stat("/dev/gpioirq", &st) == 0, "/dev/gpioirq: %s", strerror(errno));
	CHECK(chmod("/dev/gpioirq", 0660) == 0 && chown("/dev/gpioirq", 0, 0) == 0, "chmod");

	proc_start_as(&p, info, 65534);
	if (proc_finish(&p) != 4)
		show("irqctl info as nobody", &p), fail("exit %d, not 4", p.status);
	CHECK(strstr(p.err, "/dev/gpioirq: Permission denied"), "says what: %s", p.err);
	CHECK(strstr(p.err, "60-gpioirq.rules"), "names the udev rule: %s", p.err);
	CHECK(strstr(p.err, "usermod -aG gpio"), "says how to join the group: %s", p.err);

	chmod("/dev/gpioirq", st.st_mode & 07777);
	return 0;
}
