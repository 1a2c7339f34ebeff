// SPDX-License-Identifier: GPL-2.0-or-later
/* irqctl: error messages that say what to do, number parsing, value names. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>

#include <gpioirq.h>

#include "irqctl.h"

void irqctl_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", irqctl_prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int irqctl_usage_err(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", irqctl_prog, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s %s --help'.\n", irqctl_prog, cmd);
	return IRQCTL_EXIT_USAGE;
}

int irqctl_explain_open(int err)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		irqctl_err("%s: %s", GPIOIRQ_DEVICE_PATH, strerror(err));
		fprintf(stderr,
			"The gpioirq module is not loaded. Load it with:\n"
			"    sudo insmod kmod/gpioirq.ko    (in the gpioirq source tree, after 'make')\n"
			"or, after 'make install' or DKMS:\n"
			"    sudo modprobe gpioirq\n");
		return IRQCTL_EXIT_NO_MODULE;
	case EACCES:
	case EPERM:
		irqctl_err("%s: %s", GPIOIRQ_DEVICE_PATH, strerror(err));
		fprintf(stderr,
			"The device belongs to group 'gpio' (mode 0660) through the udev rule\n"
			"60-gpioirq.rules ('sudo make install-udev' installs it). Add yourself:\n"
			"    sudo usermod -aG gpio $USER    (then log in again)\n"
			"or run irqctl as root.\n");
		return IRQCTL_EXIT_PERMISSION;
	case ENOTTY:
		irqctl_err("%s is not a gpioirq device", GPIOIRQ_DEVICE_PATH);
		return IRQCTL_EXIT_ERROR;
	case EPROTO:
		irqctl_err("the loaded gpioirq module does not speak ABI %d, as this irqctl does:\n"
			   "rebuild and load the module and irqctl from the same source\n"
			   "('irqctl info' of a matching build shows the module's version)",
			   GPIOIRQ_ABI_VERSION);
		return IRQCTL_EXIT_ERROR;
	default:
		irqctl_err("%s: %s", GPIOIRQ_DEVICE_PATH, strerror(err));
		return IRQCTL_EXIT_ERROR;
	}
}

struct gpioirq *irqctl_open(uint32_t ring_entries, int *exit_code)
{
	struct gpioirq *ctx = gpioirq_open_ring(NULL, ring_entries);

	if (!ctx)
		*exit_code = irqctl_explain_open(errno);
	return ctx;
}

int irqctl_parse_json_opts(int argc, char **argv, const char *cmd, const char *help,
			   bool *json)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			*json = true;
			break;
		case 'h':
			fputs(help, stdout);
			return IRQCTL_EXIT_OK;
		default:
			return irqctl_usage_err(cmd, "bad option");
		}
	}
	return -1;
}

int irqctl_get_info(uint32_t ring_entries, struct gpioirq_info *info)
{
	struct gpioirq *ctx;
	int ret;

	ctx = irqctl_open(ring_entries, &ret);
	if (!ctx)
		return ret;
	if (gpioirq_get_info(ctx, info) < 0) {
		irqctl_err("GPIOIRQ_IOC_INFO: %s", strerror(errno));
		gpioirq_close(ctx);
		return IRQCTL_EXIT_ERROR;
	}
	gpioirq_close(ctx);
	/* The module may hand back a string that fills the array. */
	info->version[sizeof(info->version) - 1] = '\0';
	return IRQCTL_EXIT_OK;
}

bool irqctl_consumer_ok(const char *s)
{
	size_t len = strlen(s), i;

	if (!len || len >= GPIOIRQ_NAME_SIZE)
		return false;
	for (i = 0; i < len; i++)
		if (!isgraph((unsigned char)s[i]))
			return false;
	return true;
}

int irqctl_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int irqctl_parse_period_us(const char *s, uint64_t max_us, uint64_t *out)
{
	static const struct {
		const char *suffix;
		uint64_t us;
	} units[] = { { "us", 1 }, { "ms", 1000 }, { "s", 1000000 }, { "m", 60000000 }, { "", 1000 } };
	unsigned long long v;
	size_t i;
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].suffix))
			continue;
		if (v > max_us / units[i].us)
			return -1;
		*out = v * units[i].us;
		return 0;
	}
	return -1;
}

const char *irqctl_edge_name(unsigned int edge)
{
	switch (edge) {
	case GPIOIRQ_EDGE_RISING:
		return "rising";
	case GPIOIRQ_EDGE_FALLING:
		return "falling";
	default:
		return "unknown";
	}
}

const char *irqctl_edges_name(uint32_t flags)
{
	switch (flags & GPIOIRQ_LINE_EDGE_BOTH) {
	case GPIOIRQ_LINE_EDGE_BOTH:
		return "both";
	case GPIOIRQ_LINE_EDGE_RISING:
		return "rising";
	case GPIOIRQ_LINE_EDGE_FALLING:
		return "falling";
	default:
		return "none";
	}
}

const char *irqctl_bias_name(uint32_t flags)
{
	if (flags & GPIOIRQ_LINE_BIAS_PULL_UP)
		return "pull-up";
	if (flags & GPIOIRQ_LINE_BIAS_PULL_DOWN)
		return "pull-down";
	if (flags & GPIOIRQ_LINE_BIAS_DISABLED)
		return "disabled";
	return "as-is";
}

const char *irqctl_bh_name(unsigned int bh)
{
	switch (bh) {
	case GPIOIRQ_BH_AUTO:
		return "auto";
	case GPIOIRQ_BH_TASKLET:
		return "tasklet";
	case GPIOIRQ_BH_WORKQUEUE:
		return "workqueue";
	case GPIOIRQ_BH_WORKQUEUE_BH:
		return "workqueue-bh";
	case GPIOIRQ_BH_DIRECT:
		return "direct";
	default:
		return "unknown";
	}
}

const char *irqctl_clock_name(unsigned int clock)
{
	switch (clock) {
	case GPIOIRQ_CLOCK_MONOTONIC:
		return "monotonic";
	case GPIOIRQ_CLOCK_REALTIME:
		return "realtime";
	case GPIOIRQ_CLOCK_BOOTTIME:
		return "boottime";
	default:
		return "unknown";
	}
}

int irqctl_signalfd(void)
{
	sigset_t sigs;
	int sfd;

	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	if (sfd < 0)
		irqctl_err("signalfd: %s", strerror(errno));
	return sfd;
}
