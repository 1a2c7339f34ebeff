// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl info: what the loaded module is and what it allows. */
#include <getopt.h>

#include <gpioirq.h>

#include "irqctl.h"

static const char info_help[] =
	"Usage: irqctl info [--json]\n"
	"Show the module's version and ABI, ring sizes and limits, and the\n"
	"library's version.\n"
	"\n"
	"  -j, --json   one JSON object on one line\n"
	"  -h, --help   this text\n";

int irqctl_info(int argc, char **argv)
{
	struct gpioirq_info info;
	bool json = false;
	int ret;

	ret = irqctl_parse_json_opts(argc, argv, "info", info_help, &json);
	if (ret >= 0)
		return ret;
	if (optind < argc)
		return irqctl_usage_err("info", "unexpected argument '%s'", argv[optind]);

	ret = irqctl_get_info(0, &info);
	if (ret)
		return ret;

	if (json) {
		struct irqctl_json j;

		irqctl_json_begin(&j, stdout);
		irqctl_json_str(&j, "type", "info");
		irqctl_json_str(&j, "module_version", info.version);
		irqctl_json_u64(&j, "abi_version", info.abi_version);
		irqctl_json_str(&j, "library_version", gpioirq_version_string());
		irqctl_json_u64(&j, "library_abi_version", GPIOIRQ_ABI_VERSION);
		irqctl_json_u64(&j, "event_size", info.event_size);
		irqctl_json_u64(&j, "ring_min_entries", GPIOIRQ_RING_MIN_ENTRIES);
		irqctl_json_u64(&j, "ring_default_entries", info.ring_default_entries);
		irqctl_json_u64(&j, "ring_max_entries", info.ring_max_entries);
		irqctl_json_u64(&j, "max_lines", info.max_lines);
		irqctl_json_u64(&j, "debounce_max_us", GPIOIRQ_DEBOUNCE_MAX_US);
		irqctl_json_u64(&j, "storm_limit", info.storm_limit);
		irqctl_json_u64(&j, "files", info.files);
		irqctl_json_u64(&j, "lines", info.lines);
		irqctl_json_end(&j);
	} else {
		printf("module version:     %s\n", info.version);
		printf("ABI version:        %u (library: %d)\n", info.abi_version,
		       GPIOIRQ_ABI_VERSION);
		printf("library version:    %s\n", gpioirq_version_string());
		printf("event size:         %u bytes\n", info.event_size);
		printf("ring entries:       default %u, min %u, max %u\n",
		       info.ring_default_entries, GPIOIRQ_RING_MIN_ENTRIES, info.ring_max_entries);
		printf("lines per file:     %u\n", info.max_lines);
		printf("debounce max:       %u us\n", GPIOIRQ_DEBOUNCE_MAX_US);
		printf("storm limit:        %u edges/s (default)\n", info.storm_limit);
		printf("open files, lines:  %u, %u\n", info.files, info.lines);
	}
	return IRQCTL_EXIT_OK;
}
