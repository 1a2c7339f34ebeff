// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl watch --storm-limit 10 --json: a burst of 50 pulses masks the line
 * at its 11th interrupt; watch prints the 11 events, then one storm object,
 * and its summary counts the storm.
 */
#include "irqctl-test.h"

#define LINE 2

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--json", "--storm-limit", "10", "--timeout", "20",
			  NULL, "2", NULL };
	char chip[32], rec[1024];
	struct json_obj o[64];
	struct proc w;
	uint64_t v, end;
	int n, i;

	test_name = "watch_reports_a_storm_when_a_line_passes_its_storm_limit";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(LINE);
	watch[7] = chip;
	proc_start(&w, watch);
	await_held(chip, LINE, w.pid);
	sim_write(LINE, "burst", "50 100000");
	/* Await the mask and the bottom half's last event, then end the watch. */
	end = mono_ms() + AWAIT_MS;
	while (!held_record(chip, LINE, w.pid, rec, sizeof(rec)) ||
	       record_num(rec, "storm_masks") != 1 || record_num(rec, "events") != 11) {
		CHECK(mono_ms() < end, "no storm: %s", rec);
		usleep(2000);
	}
	CHECK(strstr(rec, " masked=storm "), "masked by the storm guard: %s", rec);
	sim_write(LINE, "burst", "0");
	kill(w.pid, SIGINT);

	if (proc_finish(&w) != 0)
		show("irqctl watch --storm-limit 10", &w), fail("exit %d", w.status);
	n = json_lines(w.out, o, 64);
	CHECK(n == 13, "11 events, a storm, a summary: %d lines", n);
	for (i = 0; i < 11; i++)
		CHECK(json_str_is(&o[i], "type", "event"), "event %d", i);
	CHECK(json_str_is(&o[11], "type", "storm"), "then the storm");
	CHECK(json_str_is(&o[11], "chip", chip) && json_u64(&o[11], "offset", &v) && v == LINE,
	      "the storm's line");
	CHECK(json_str_is(&o[12], "type", "summary"), "summary");
	CHECK(json_str_is(&o[12], "ended", "interrupted"), "ended by SIGINT");
	CHECK(json_u64(&o[12], "events", &v) && v == 11, "11 events");
	CHECK(json_u64(&o[12], "storms", &v) && v == 1, "1 storm");
	return 0;
}
