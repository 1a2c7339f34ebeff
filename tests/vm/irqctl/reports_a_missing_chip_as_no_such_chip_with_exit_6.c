// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl watch with a chip that does not exist, given as the first operand
 * or with -c, names the chip as the cause (not a line name) and exits 6;
 * with -c, a line name on a missing chip does too.
 */
#include "irqctl-test.h"

static void expect(char *const argv[])
{
	const char *msg = "irqctl: no GPIO chip 'nosuchchip' ('irqctl list' shows the chips)";
	struct proc p;

	if (run(&p, argv) != 6)
		show("irqctl watch", &p), fail("exit %d, not 6", p.status);
	CHECK(strstr(p.err, msg), "stderr has '%s':\n%s", msg, p.err);
	CHECK(!strstr(p.err, "line named"), "no word of line names: %s", p.err);
	CHECK(p.out[0] == '\0', "nothing on stdout: %s", p.out);
	proc_free(&p);
}

int main(void)
{
	char *operand[] = { "irqctl", "watch", "nosuchchip", "0", NULL };
	char *option[] = { "irqctl", "watch", "-c", "nosuchchip", "0", "1", NULL };
	char *named[] = { "irqctl", "watch", "-c", "nosuchchip", "sim-0", NULL };
	char chip[32];

	test_name = "reports_a_missing_chip_as_no_such_chip_with_exit_6";
	sim_setup(chip, sizeof(chip));
	expect(operand);
	expect(option);
	expect(named);
	return 0;
}
