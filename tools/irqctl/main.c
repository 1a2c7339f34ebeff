// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl: list, watch and count GPIO interrupts through gpioirq. */
#include <stdio.h>
#include <string.h>

#include <gpioirq.h>

#include "irqctl.h"

const char *irqctl_prog = "irqctl";

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *what;
} commands[] = {
	{ "list", irqctl_list, "chips and lines; lines held by gpioirq are marked" },
	{ "watch", irqctl_watch, "print each edge of some lines, then a latency summary" },
	{ "stats", irqctl_stats, "the module's counters, per held line and in total" },
	{ "info", irqctl_info, "module and ABI version, ring sizes, limits" },
	{ "record", irqctl_record, "record lines' edges to a VCD or CSV file" },
	{ "replay", irqctl_replay, "play a VCD file on the simulator's lines" },
	{ "bench", irqctl_bench, "gpioirq against the GPIO character device on a line" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "Usage: %s COMMAND [OPTION]... [ARG]...\n\nCommands:\n", irqctl_prog);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-6s %s\n", commands[i].name, commands[i].what);
	fprintf(f, "\n'%s COMMAND --help' describes a command; 'man irqctl' all of them.\n",
		irqctl_prog);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return IRQCTL_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return IRQCTL_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("irqctl %s (libgpioirq %s, ABI %d)\n", GPIOIRQ_VERSION_STRING,
		       gpioirq_version_string(), GPIOIRQ_ABI_VERSION);
		return IRQCTL_EXIT_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	irqctl_err("unknown command '%s'", argv[1]);
	usage(stderr);
	return IRQCTL_EXIT_USAGE;
}
