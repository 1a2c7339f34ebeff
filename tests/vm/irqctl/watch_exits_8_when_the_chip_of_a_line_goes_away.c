// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl watch --json on a line that sees two edges, then its chip's device
 * is unbound: the two events, then a summary that says "chip gone", a
 * message naming the line and its edge count, and exit 8. */
#include "irqctl-test.h"

#define DRV "/sys/bus/platform/drivers/gpioirq-sim"

int main(void)
{
	char *argv[] = { "irqctl", "watch", "--json", NULL, "3", NULL };
	struct json_obj o[4];
	char chip[32];
	struct proc p;
	uint64_t v;

	test_name = "watch_exits_8_when_the_chip_of_a_line_goes_away";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(3);
	argv[3] = chip;
	proc_start(&p, argv);
	await_held(chip, 3, p.pid);
	sim_write(3, "level", "1");
	sim_write(3, "level", "0");
	if (write_file(DRV "/unbind", "gpioirq-sim"))
		fail("unbind: %s", strerror(errno));
	if (proc_finish(&p) != 8)
		show("irqctl watch", &p), fail("exit %d, not 8", p.status);
	CHECK(json_lines(p.out, o, 4) == 3, "two events and the summary:\n%s", p.out);
	CHECK(json_str_is(&o[0], "type", "event") && json_str_is(&o[1], "type", "event"),
	      "two events first");
	CHECK(json_str_is(&o[2], "type", "summary") && json_str_is(&o[2], "ended", "chip gone"),
	      "ended by the chip going:\n%s", p.out);
	CHECK(json_u64(&o[2], "events", &v) && v == 2, "2 events in the summary");
	CHECK(strstr(p.err, "the chip went away") && strstr(p.err, "after 2 edges"),
	      "message: %s", p.err);
	printf("%s", p.err);
	if (write_file(DRV "/bind", "gpioirq-sim"))
		fail("bind: %s", strerror(errno));
	proc_free(&p);
	return 0;
}
