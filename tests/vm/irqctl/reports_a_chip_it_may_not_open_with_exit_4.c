// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A user who may not open the chip's /dev/gpiochipN (0600 root:root):
 * irqctl watch -c CHIP exits 4, says permission denied for that chip and
 * how to get access, and never claims the chip or line does not exist.
 */
#include <sys/stat.h>

#include "irqctl-test.h"

int main(void)
{
	char *watch[] = { "irqctl", "watch", "-c", NULL, "0", NULL };
	char chip[32], dev[48], want[96];
	struct stat st;
	struct proc p;

	test_name = "reports_a_chip_it_may_not_open_with_exit_4";
	sim_setup(chip, sizeof(chip));
	snprintf(dev, sizeof(dev), "/dev/%s", chip);
	CHECK(stat(dev, &st) == 0, "%s: %s", dev, strerror(errno));
	CHECK(chmod(dev, 0600) == 0 && chown(dev, 0, 0) == 0, "chmod %s", dev);
	watch[3] = chip;

	proc_start_as(&p, watch, 65534);
	if (proc_finish(&p) != 4)
		show("irqctl watch as nobody", &p), fail("exit %d, not 4", p.status);
	snprintf(want, sizeof(want), "GPIO chip '%s': Permission denied", chip);
	CHECK(strstr(p.err, want), "stderr has '%s': %s", want, p.err);
	CHECK(strstr(p.err, "usermod -aG"), "says how to join the group: %s", p.err);
	CHECK(!strstr(p.err, "no GPIO"), "no 'no such' message: %s", p.err);

	chmod(dev, st.st_mode & 07777);
	return 0;
}
