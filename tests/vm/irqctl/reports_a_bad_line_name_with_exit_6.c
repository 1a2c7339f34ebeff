// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl watch with a line name no chip has, a name the chip lacks, and an
 * offset past the chip's last line: exit 6 and a message for each. */
#include "irqctl-test.h"

static void expect(char *const argv[], const char *msg)
{
	struct proc p;

	if (run(&p, argv) != 6)
		show("irqctl watch", &p), fail("exit %d, not 6", p.status);
	CHECK(strstr(p.err, msg), "stderr has '%s':\n%s", msg, p.err);
	CHECK(p.out[0] == '\0', "nothing on stdout: %s", p.out);
	proc_free(&p);
}

int main(void)
{
	char *by_name[] = { "irqctl", "watch", "no-such-line", NULL };
	char *on_chip[] = { "irqctl", "watch", NULL, "no-such-line", NULL };
	char *offset[] = { "irqctl", "watch", NULL, "8", NULL };
	char chip[32], want[128];

	test_name = "reports_a_bad_line_name_with_exit_6";
	sim_setup(chip, sizeof(chip));
	on_chip[2] = chip;
	offset[2] = chip;
	expect(by_name, "irqctl: no GPIO line named 'no-such-line' ('irqctl list' shows the names");
	snprintf(want, sizeof(want), "irqctl: %s has no line named 'no-such-line'", chip);
	expect(on_chip, want);
	snprintf(want, sizeof(want), "irqctl: %s has 8 lines (0..7): no line 8", chip);
	expect(offset, want);
	return 0;
}
