// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Line info without a context: what gpioinfo shows, through the same
 * libgpiod calls the requests use (lib/gpiochip.h), so a caller refused
 * with EBUSY can say who holds the line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "gpiochip.h"
#include "internal.h"

GPIOIRQ_API int gpioirq_line_get_info(const char *chip, unsigned int offset,
				      struct gpioirq_line_info *info)
{
	struct gpioirq_gpiochip_line_info li;
	struct gpioirq_gpiochip *gc;
	int ret;

	if (!chip || !*chip || !info) {
		errno = EINVAL;
		return -1;
	}
	gc = gpioirq_gpiochip_open(chip);
	if (!gc)
		return -1;
	ret = gpioirq_gpiochip_line_info(gc, offset, &li);
	if (!ret) {
		memset(info, 0, sizeof(*info));
		snprintf(info->chip, sizeof(info->chip), "%s", gc->name);
		snprintf(info->name, sizeof(info->name), "%s", li.name);
		snprintf(info->consumer, sizeof(info->consumer), "%s", li.consumer);
		info->offset = offset;
		info->used = li.used;
		info->output = li.output;
		info->active_low = li.active_low;
	}
	gpioirq_gpiochip_close(gc);
	return ret;
}

GPIOIRQ_API int gpioirq_line_get_info_by_name(const char *name, struct gpioirq_line_info *info)
{
	char chip[GPIOIRQ_GPIOCHIP_NAME_SIZE];
	unsigned int offset;
	int ret;

	if (!name || !*name || !info) {
		errno = EINVAL;
		return -1;
	}
	ret = gpioirq_gpiochip_find_line_any(name, chip, &offset);
	if (ret < 0)
		return -1;
	if (ret == 0) {
		errno = ENOENT;
		return -1;
	}
	return gpioirq_line_get_info(chip, offset, info);
}
