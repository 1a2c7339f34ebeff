// SPDX-License-Identifier: GPL-2.0-or-later
/* Bad command lines exit 2 with a message and a pointer to --help. */
#include "irqctl-test.h"

static void expect(char *const argv[], const char *msg)
{
	struct proc p;

	if (run(&p, argv) != 2)
		show(argv[1] ? argv[1] : "irqctl", &p), fail("exit %d, not 2", p.status);
	CHECK(strstr(p.err, msg), "stderr has '%s':\n%s", msg, p.err);
	proc_free(&p);
}

int main(void)
{
	char *none[] = { "irqctl", NULL };
	char *unknown[] = { "irqctl", "frobnicate", NULL };
	char *no_lines[] = { "irqctl", "watch", NULL };
	char *edge[] = { "irqctl", "watch", "--edge", "sideways", "gpiochip0", "0", NULL };
	char *debounce[] = { "irqctl", "watch", "--debounce", "1000001", "gpiochip0", "0", NULL };
	char *ring[] = { "irqctl", "watch", "--ring", "1000", "gpiochip0", "0", NULL };
	char *timeout[] = { "irqctl", "watch", "--timeout", "-1", "gpiochip0", "0", NULL };
	char *period[] = { "irqctl", "watch", "-p", "2s", "-c", "gpiochip0", "0", NULL };
	char *unit[] = { "irqctl", "watch", "-p", "10ns", "-c", "gpiochip0", "0", NULL };
	char *idle[] = { "irqctl", "watch", "--idle-timeout", "0", "-c", "gpiochip0", "0", NULL };
	char *format_json[] = { "irqctl", "watch", "-F", "%o", "-j", "-c", "gpiochip0", "0", NULL };
	char *extra[] = { "irqctl", "info", "extra", NULL };
	char *rec_lines[] = { "irqctl", "record", "-o", "x.vcd", NULL };
	char *rec_format[] = { "irqctl", "record", "--format", "json", "gpiochip0", "0", NULL };
	char *rec_count[] = { "irqctl", "record", "-n", "0", "gpiochip0", "0", NULL };
	char *replay_file[] = { "irqctl", "replay", NULL };
	char *replay_two[] = { "irqctl", "replay", "a.vcd", "b.vcd", NULL };
	char *replay_map[] = { "irqctl", "replay", "--map", "D0", "a.vcd", NULL };
	char *replay_line[] = { "irqctl", "replay", "--map", "D0=1024", "a.vcd", NULL };
	char *replay_speed[] = { "irqctl", "replay", "--speed", "0", "a.vcd", NULL };
	char *replay_repeat[] = { "irqctl", "replay", "--repeat", "0", "a.vcd", NULL };

	test_name = "rejects_bad_usage_with_exit_2";
	expect(none, "Usage: irqctl COMMAND");
	expect(unknown, "irqctl: unknown command 'frobnicate'");
	expect(no_lines, "irqctl watch: name the lines");
	expect(edge, "--edges: rising, falling or both, not 'sideways'\nTry 'irqctl watch --help'.");
	expect(debounce, "--debounce: microseconds, 0 to 1000000, not '1000001'");
	expect(ring, "--ring: a power of two");
	expect(timeout, "--timeout: seconds, above 0");
	expect(period, "--debounce-period: a period up to 1s (10ms, 500us, 1s; no unit: ms), not '2s'");
	expect(unit, "--debounce-period: a period up to 1s (10ms, 500us, 1s; no unit: ms), not '10ns'");
	expect(idle, "--idle-timeout: a period above 0 (10ms, 2s, 1m; no unit: ms), not '0'");
	expect(format_json, "irqctl watch: --format or --json, not both");
	expect(extra, "irqctl info: unexpected argument 'extra'");
	expect(rec_lines, "irqctl record: name the lines");
	expect(rec_format, "--format: vcd or csv, not 'json'");
	expect(rec_count, "--num-events: a number of events, not '0'");
	expect(replay_file, "irqctl replay: name one VCD file");
	expect(replay_two, "irqctl replay: name one VCD file");
	expect(replay_map, "--map: VAR=LINE, LINE 0 to 1023, not 'D0'");
	expect(replay_line, "--map: VAR=LINE, LINE 0 to 1023, not 'D0=1024'");
	expect(replay_speed, "--speed: percent, 1 to 10000, not '0'");
	expect(replay_repeat, "--repeat: 1 or more, not '0'");
	return 0;
}
