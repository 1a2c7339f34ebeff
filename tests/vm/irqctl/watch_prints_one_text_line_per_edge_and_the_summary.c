// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl watch (text): a header, one line per edge, then the summary. */
#include "irqctl-test.h"

#define LINE 1
#define SUMMARY "--- 2 events, 0 dropped, 0 missed, 0 storms in "

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--count", "2", "--timeout", "20", NULL, "1", NULL };
	char chip[32], want[160], name[64], label[72];
	char *line, *save = NULL;
	struct proc w;
	int n = 0;

	test_name = "watch_prints_one_text_line_per_edge_and_the_summary";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(LINE);
	watch[6] = chip;
	proc_start(&w, watch);
	await_held(chip, LINE, w.pid);
	sim_write(LINE, "level", "1");
	sim_write(LINE, "level", "0");

	if (proc_finish(&w) != 0)
		show("irqctl watch", &w), fail("exit %d", w.status);
	for (line = strtok_r(w.out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		switch (n) {
		case 0:
			CHECK(!strcmp(line, "# timestamp_s line edge level pulse_us bh_delay_us cb_delay_us"),
			      "header: %s", line);
			break;
		case 1:
		case 2:
			line_name(chip, LINE, name, sizeof(name));
			snprintf(label, sizeof(label), name[0] ? " (%s)" : "%s", name);
			snprintf(want, sizeof(want), " %s %d%s %s %d ", chip, LINE, label,
				 n == 1 ? "rising " : "falling", n == 1 ? 1 : 0);
			CHECK(strstr(line, want), "event line '%s' has '%s'", line, want);
			break;
		case 3:
			CHECK(!strncmp(line, SUMMARY, strlen(SUMMARY)) &&
			      strstr(line, "(count)"), "summary: %s", line);
			break;
		case 4:
			CHECK(!strncmp(line, "edge to callback:", 17), "latency line: %s", line);
			break;
		case 5:
			CHECK(!strncmp(line, "top half to bottom half:", 24), "bh line: %s", line);
			break;
		default:
			fail("unexpected line: %s", line);
		}
	}
	CHECK(n == 6, "6 lines of output, not %d", n);
	return 0;
}
