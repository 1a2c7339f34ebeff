// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Chip and line lookups over lib/gpiochip.h's per-generation calls, written
 * once so that libgpiod 1.6 and 2.x find the same chips the same way. The
 * order is gpiomon v2's (path, name, number, label); libgpiod 1.6's own
 * gpiod_chip_open_lookup() tried the label first, which only differs when a
 * chip's label is another chip's device name.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpiochip.h"

static bool is_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static int is_chip_dirent(const struct dirent *d)
{
	return !strncmp(d->d_name, "gpiochip", 8);
}

int gpioirq_gpiochip_foreach(int (*fn)(struct gpioirq_gpiochip *chip, void *arg), void *arg)
{
	struct gpioirq_gpiochip *chip;
	struct dirent **ents;
	char path[16 + sizeof(ents[0]->d_name)];
	int n, i, ret = 0, open_err = 0, opened = 0;

	n = scandir("/dev", &ents, is_chip_dirent, versionsort);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (ret)
			goto next;
		snprintf(path, sizeof(path), "/dev/%s", ents[i]->d_name);
		chip = gpioirq_gpiochip_open_path(path);
		if (!chip) {
			if (!open_err)
				open_err = errno;
			goto next;
		}
		opened++;
		ret = fn(chip, arg);
		gpioirq_gpiochip_close(chip);
next:
		free(ents[i]);
	}
	free(ents);
	if (!opened) {
		errno = n ? open_err : ENOENT;
		return -1;
	}
	return ret;
}

struct by_label {
	const char *label;
	unsigned int count;
	char path[16 + GPIOIRQ_GPIOCHIP_NAME_SIZE];
};

static int count_label(struct gpioirq_gpiochip *chip, void *arg)
{
	struct by_label *bl = arg;

	if (!strcmp(chip->label, bl->label) && !bl->count++)
		snprintf(bl->path, sizeof(bl->path), "/dev/%s", chip->name);
	return 0;
}

unsigned int gpioirq_gpiochip_count_label(const char *label)
{
	struct by_label bl = { .label = label };

	if (gpioirq_gpiochip_foreach(count_label, &bl) < 0)
		return 0;
	return bl.count;
}

struct gpioirq_gpiochip *gpioirq_gpiochip_open(const char *spec)
{
	struct by_label bl = { .label = spec };
	char path[16 + GPIOIRQ_GPIOCHIP_NAME_SIZE];
	struct gpioirq_gpiochip *chip;

	if (!spec || !*spec) {
		errno = EINVAL;
		return NULL;
	}
	if (strchr(spec, '/'))
		return gpioirq_gpiochip_open_path(spec);
	if (strlen(spec) < GPIOIRQ_GPIOCHIP_NAME_SIZE) {
		if (is_number(spec))
			snprintf(path, sizeof(path), "/dev/gpiochip%s", spec);
		else
			snprintf(path, sizeof(path), "/dev/%s", spec);
		chip = gpioirq_gpiochip_open_path(path);
		/* A device we may not open is the answer; anything else may be a label. */
		if (chip || errno == EACCES || errno == EPERM)
			return chip;
	}
	if (gpioirq_gpiochip_foreach(count_label, &bl) < 0 && errno != ENOENT)
		return NULL;
	if (!bl.count) {
		errno = ENODEV;
		return NULL;
	}
	return gpioirq_gpiochip_open_path(bl.path);
}

struct by_line_name {
	const char *name;
	char *chip_name;
	unsigned int offset;
};

static int find_line(struct gpioirq_gpiochip *chip, void *arg)
{
	struct by_line_name *bn = arg;
	int off = gpioirq_gpiochip_find_line(chip, bn->name);

	if (off < 0)
		return 0;
	snprintf(bn->chip_name, GPIOIRQ_GPIOCHIP_NAME_SIZE, "%s", chip->name);
	bn->offset = (unsigned int)off;
	return 1;
}

int gpioirq_gpiochip_find_line_any(const char *name, char chip_name[GPIOIRQ_GPIOCHIP_NAME_SIZE],
				   unsigned int *offset)
{
	struct by_line_name bn = { .name = name, .chip_name = chip_name };
	int ret;

	if (!name || !*name) {
		errno = EINVAL;
		return -1;
	}
	ret = gpioirq_gpiochip_foreach(find_line, &bn);
	if (ret < 0)
		return errno == ENOENT ? 0 : -1;
	if (ret)
		*offset = bn.offset;
	return ret;
}
