// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl info: the text form names the same values. */
#include "irqctl-test.h"

int main(void)
{
	char *argv[] = { "irqctl", "info", NULL };
	struct proc p;
	char chip[32];

	test_name = "info_prints_the_module_version_and_limits_as_text";
	sim_setup(chip, sizeof(chip));
	if (run(&p, argv) != 0)
		show("irqctl info", &p), fail("exit %d", p.status);
	CHECK(strstr(p.out, "ABI version:        1 (library: 1)\n"), "ABI line:\n%s", p.out);
	CHECK(strstr(p.out, "ring entries:       default 4096, min 2, max 1048576\n"), "ring line");
	CHECK(strstr(p.out, "lines per file:     64\n"), "lines line");
	CHECK(strstr(p.out, "module version:     "), "version line");
	return 0;
}
