// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl info --json: one object whose values are the uAPI's. */
#include "irqctl-test.h"

#include <uapi/gpioirq.h>

int main(void)
{
	char *argv[] = { "irqctl", "info", "--json", NULL };
	struct json_obj o[4];
	struct proc p;
	uint64_t v;
	char chip[32];

	test_name = "info_json_reports_the_abi_and_the_ring_limits";
	sim_setup(chip, sizeof(chip));
	if (run(&p, argv) != 0)
		show("irqctl info --json", &p), fail("exit %d", p.status);
	CHECK(json_lines(p.out, o, 4) == 1, "one line of JSON");
	CHECK(json_str_is(&o[0], "type", "info"), "type info");
	CHECK(json_u64(&o[0], "abi_version", &v) && v == GPIOIRQ_ABI_VERSION, "abi_version");
	CHECK(json_u64(&o[0], "library_abi_version", &v) && v == GPIOIRQ_ABI_VERSION, "library ABI");
	CHECK(json_u64(&o[0], "event_size", &v) && v == sizeof(struct gpioirq_event), "event_size");
	CHECK(json_u64(&o[0], "ring_default_entries", &v) && v == GPIOIRQ_RING_DEFAULT_ENTRIES,
	      "ring_default_entries");
	CHECK(json_u64(&o[0], "ring_min_entries", &v) && v == GPIOIRQ_RING_MIN_ENTRIES, "ring_min");
	CHECK(json_u64(&o[0], "ring_max_entries", &v) && v == GPIOIRQ_RING_MAX_ENTRIES, "ring_max");
	CHECK(json_u64(&o[0], "max_lines", &v) && v == GPIOIRQ_MAX_LINES, "max_lines");
	CHECK(json_u64(&o[0], "debounce_max_us", &v) && v == GPIOIRQ_DEBOUNCE_MAX_US, "debounce");
	/* The module parameter's default. */
	CHECK(json_u64(&o[0], "storm_limit", &v) && v == 200000, "storm_limit %llu",
	      (unsigned long long)v);
	/* irqctl's own file. */
	CHECK(json_u64(&o[0], "files", &v) && v >= 1, "files");
	CHECK(json_str(&o[0], "module_version", chip, sizeof(chip)) && chip[0], "module_version");
	CHECK(p.err[0] == '\0', "nothing on stderr: %s", p.err);
	return 0;
}
