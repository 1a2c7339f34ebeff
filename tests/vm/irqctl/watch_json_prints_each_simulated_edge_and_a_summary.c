// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl watch --json --count 6: a burst of 3 pulses on the simulator gives
 * 6 events, rising and falling in turn with the level after each, seqnos
 * from 1 without gaps, then a summary that adds up.
 */
#include "irqctl-test.h"

#define LINE 0

int main(void)
{
	char *watch[] = { "irqctl", "watch", "--json", "--count", "6", "--timeout", "20",
			  NULL, "0", NULL };
	struct json_obj o[16], sub;
	char chip[32], s[32], name[64];
	uint64_t v, p50, p99, max, ts, prev_ts = 0;
	struct proc w;
	int n, i;

	test_name = "watch_json_prints_each_simulated_edge_and_a_summary";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(LINE);
	watch[7] = chip;
	proc_start(&w, watch);
	await_held(chip, LINE, w.pid);
	/* 3 pulses, 2 ms apart, 1 ms high. */
	sim_write(LINE, "burst", "3 2000000 1000000");

	if (proc_finish(&w) != 0)
		show("irqctl watch", &w), fail("exit %d", w.status);
	n = json_lines(w.out, o, 16);
	CHECK(n == 7, "6 events and a summary, not %d lines", n);
	for (i = 0; i < 6; i++) {
		CHECK(json_str_is(&o[i], "type", "event"), "event %d type", i);
		CHECK(json_u64(&o[i], "seqno", &v) && v == (uint64_t)i + 1, "seqno %d", i);
		CHECK(json_u64(&o[i], "line_seqno", &v) && v == (uint64_t)i + 1, "line_seqno %d", i);
		CHECK(json_str_is(&o[i], "chip", chip), "chip");
		CHECK(json_u64(&o[i], "offset", &v) && v == LINE, "offset");
		line_name(chip, LINE, name, sizeof(name));
		CHECK(name[0] ? json_str_is(&o[i], "name", name) : json_is(&o[i], "name", "null"),
		      "the line's name '%s'", name);
		CHECK(json_str(&o[i], "edge", s, sizeof(s)) &&
		      !strcmp(s, i % 2 ? "falling" : "rising"), "event %d edge %s", i, s);
		CHECK(json_u64(&o[i], "level", &v) && v == (uint64_t)(i % 2 ? 0 : 1), "level");
		CHECK(json_u64(&o[i], "timestamp_ns", &ts) && ts > prev_ts, "timestamps rise");
		CHECK(json_u64(&o[i], "pulse_ns", &v), "pulse_ns");
		/* The first edge the line saw since its request has no pulse. */
		CHECK(i == 0 ? v == 0 : v == ts - prev_ts, "pulse_ns %llu is the time since the last edge",
		      (unsigned long long)v);
		prev_ts = ts;
		CHECK(json_u64(&o[i], "bh_delay_ns", &v), "bh_delay_ns");
		CHECK(json_u64(&o[i], "cb_delay_ns", &v) && v > 0, "cb_delay_ns");
		CHECK(json_is(&o[i], "missed", "false"), "not missed");
		CHECK(json_is(&o[i], "debounced", "false"), "not debounced");
	}
	CHECK(json_str_is(&o[6], "type", "summary"), "summary last");
	CHECK(json_str_is(&o[6], "ended", "count"), "ended by the count");
	CHECK(json_u64(&o[6], "events", &v) && v == 6, "6 events");
	CHECK(json_u64(&o[6], "dropped", &v) && v == 0, "none dropped");
	CHECK(json_u64(&o[6], "missed", &v) && v == 0, "none missed");
	CHECK(json_u64(&o[6], "storms", &v) && v == 0, "no storm");
	CHECK(json_sub(&o[6], "cb_delay_ns", &sub), "cb_delay_ns object");
	CHECK(json_u64(&sub, "p50", &p50) && json_u64(&sub, "p99", &p99) &&
	      json_u64(&sub, "max", &max) && p50 > 0 && p50 <= p99 && p99 <= max,
	      "p50 <= p99 <= max");
	CHECK(json_sub(&o[6], "bh_delay_ns", &sub) && json_u64(&sub, "max", &v), "bh_delay_ns");
	CHECK(json_get(&o[6], "lines") && json_get(&o[6], "lines")->val[0] == '[', "lines array");
	return 0;
}
