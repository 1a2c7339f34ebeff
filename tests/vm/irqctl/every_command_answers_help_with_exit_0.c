// SPDX-License-Identifier: GPL-2.0-or-later
/* --help on irqctl and on each command: usage on stdout, exit 0, even
 * without the module (help needs nothing). */
#include "irqctl-test.h"

int main(void)
{
	static const char *const cmds[] = { "list", "watch", "stats", "info", "record",
					    "replay", "bench" };
	char *top[] = { "irqctl", "--help", NULL };
	char *argv[] = { "irqctl", NULL, "--help", NULL };
	char want[64];
	struct proc p;
	size_t i;

	test_name = "every_command_answers_help_with_exit_0";
	if (run(&p, top) != 0)
		show("irqctl --help", &p), fail("exit %d", p.status);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		CHECK(strstr(p.out, cmds[i]), "top help names %s", cmds[i]);
	proc_free(&p);

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		argv[1] = (char *)cmds[i];
		if (run(&p, argv) != 0)
			show(cmds[i], &p), fail("irqctl %s --help: exit %d", cmds[i], p.status);
		snprintf(want, sizeof(want), "Usage: irqctl %s ", cmds[i]);
		CHECK(!strncmp(p.out, want, strlen(want)), "%s help starts '%s': %s", cmds[i], want, p.out);
		CHECK(p.err[0] == '\0', "nothing on stderr");
		proc_free(&p);
	}
	return 0;
}
