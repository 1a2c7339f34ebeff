// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/* lib/gpiochip.h's per-generation calls on libgpiod 2.x (Debian 13 on). */
#include <errno.h>
#include <gpiod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpiochip.h"

struct gpioirq_gpiochip *gpioirq_gpiochip_open_path(const char *path)
{
	struct gpioirq_gpiochip *chip;
	struct gpiod_chip_info *ci;
	struct gpiod_chip *gc;
	int err;

	chip = calloc(1, sizeof(*chip));
	if (!chip)
		return NULL;
	gc = gpiod_chip_open(path);
	if (!gc)
		goto err_free;
	ci = gpiod_chip_get_info(gc);
	if (!ci)
		goto err_close;
	snprintf(chip->name, sizeof(chip->name), "%s", gpiod_chip_info_get_name(ci));
	snprintf(chip->label, sizeof(chip->label), "%s", gpiod_chip_info_get_label(ci));
	chip->num_lines = (unsigned int)gpiod_chip_info_get_num_lines(ci);
	gpiod_chip_info_free(ci);
	chip->gpiod = gc;
	return chip;

err_close:
	err = errno;
	gpiod_chip_close(gc);
	errno = err;
err_free:
	free(chip);
	return NULL;
}

void gpioirq_gpiochip_close(struct gpioirq_gpiochip *chip)
{
	if (!chip)
		return;
	gpiod_chip_close(chip->gpiod);
	free(chip);
}

int gpioirq_gpiochip_find_line(struct gpioirq_gpiochip *chip, const char *name)
{
	int off = gpiod_chip_get_line_offset_from_name(chip->gpiod, name);

	if (off < 0)
		errno = ENOENT;
	return off;
}

int gpioirq_gpiochip_line_info(struct gpioirq_gpiochip *chip, unsigned int offset,
			       struct gpioirq_gpiochip_line_info *info)
{
	struct gpiod_line_info *li;

	if (offset >= chip->num_lines) {
		errno = EINVAL;
		return -1;
	}
	li = gpiod_chip_get_line_info(chip->gpiod, offset);
	if (!li)
		return -1;
	memset(info, 0, sizeof(*info));
	info->offset = offset;
	snprintf(info->name, sizeof(info->name), "%s", gpiod_line_info_get_name(li) ?: "");
	snprintf(info->consumer, sizeof(info->consumer), "%s",
		 gpiod_line_info_get_consumer(li) ?: "");
	info->used = gpiod_line_info_is_used(li);
	info->output = gpiod_line_info_get_direction(li) == GPIOD_LINE_DIRECTION_OUTPUT;
	info->active_low = gpiod_line_info_is_active_low(li);
	gpiod_line_info_free(li);
	return 0;
}

const char *gpioirq_gpiochip_gpiod_version(void)
{
	return gpiod_api_version();
}
