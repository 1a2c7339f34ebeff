// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * gpiomon v2's --by-name, -s/--strict, --utc and --unquoted, as irqctl
 * watch takes them: with --by-name, "-c CHIP 3" names a line "3", which
 * the simulator has not (exit 6), where without it 3 is an offset; a unique
 * name passes --strict; --utc stamps with the realtime clock and prints
 * each timestamp as a UTC date (this year's, ending in Z), and --unquoted
 * changes nothing in irqctl's lines.
 */
#include <time.h>

#include "irqctl-test.h"

#define LINE 3

int main(void)
{
	char *by_name[] = { "irqctl", "watch", "--by-name", "-c", NULL, "3", "-n", "1",
			    "--timeout", "20", NULL };
	char *watch[] = { "irqctl", "watch", "-s", "--utc", "--unquoted", "-n", "1",
			  "--timeout", "20", NULL, NULL };
	char chip[32], name[64], year[16];
	struct proc p;
	const char *ev;
	struct tm tm;
	time_t now;

	test_name = "watch_takes_gpiomon_v2s_by_name_strict_and_date_options";
	sim_setup(chip, sizeof(chip));
	if (!line_name(chip, LINE, name, sizeof(name))[0])
		skip("the simulator's line %d has no name", LINE);

	by_name[4] = chip;
	if (run(&p, by_name) != 6)
		show("irqctl watch --by-name", &p), fail("exit %d, not 6", p.status);
	CHECK(strstr(p.err, "no line named '3'"), "says there is no line named 3:\n%s", p.err);
	proc_free(&p);

	sim_rest_low(LINE);
	watch[9] = name;
	proc_start(&p, watch);
	await_held(chip, LINE, p.pid);
	sim_write(LINE, "level", "1");
	if (proc_finish(&p) != 0)
		show("irqctl watch -s --utc", &p), fail("exit %d", p.status);
	now = time(NULL);
	gmtime_r(&now, &tm);
	snprintf(year, sizeof(year), "%04d-", tm.tm_year + 1900);
	/* After the header, YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ, then the chip,
	 * offset and name. */
	ev = strchr(p.out, '\n');
	CHECK(!strncmp(p.out, "# timestamp_utc line ", 21) && ev, "the header:\n%s", p.out);
	ev++;
	CHECK(!strncmp(ev, year, 5) && ev[10] == 'T' && ev[19] == '.' && ev[29] == 'Z' &&
	      ev[30] == ' ', "a UTC date of %.4s first:\n%s", year, p.out);
	CHECK(strstr(p.out, " rising "), "the rising edge:\n%s", p.out);
	CHECK(strstr(p.out, "(sim-3)") || strstr(p.out, name), "the name:\n%s", p.out);
	return 0;
}
