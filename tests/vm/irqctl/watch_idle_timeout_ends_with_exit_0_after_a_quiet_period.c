// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --idle-timeout, as gpiomon's: a period (here 200ms) without events ends
 * the watch with exit 0, no sooner, and the summary (on stderr, with -F)
 * says so.
 */
#include "irqctl-test.h"

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--idle-timeout", "200ms", "-F", "%o %E", "-c", NULL,
			  "2", NULL };
	char chip[32];
	struct proc w;
	uint64_t t0;

	test_name = "watch_idle_timeout_ends_with_exit_0_after_a_quiet_period";
	sim_setup(chip, sizeof(chip));
	watch[7] = chip;
	t0 = mono_ms();
	if (run(&w, watch) != 0)
		show("irqctl watch", &w), fail("exit %d, not 0", w.status);
	CHECK(mono_ms() - t0 >= 200, "ended after %llu ms", (unsigned long long)(mono_ms() - t0));
	CHECK(w.out[0] == '\0', "stdout: '%s'", w.out);
	CHECK(strstr(w.err, "--- 0 events, 0 dropped, 0 missed, 0 storms in ") &&
	      strstr(w.err, "(idle-timeout)"), "summary on stderr: %s", w.err);
	return 0;
}
