// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/* lib/gpiochip.h's per-generation calls on libgpiod 1.6 (Debian 12). */
#include <errno.h>
#include <gpiod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gpiochip.h"

struct gpioirq_gpiochip *gpioirq_gpiochip_open_path(const char *path)
{
	struct gpioirq_gpiochip *chip;
	struct gpiod_chip *gc;

	chip = calloc(1, sizeof(*chip));
	if (!chip)
		return NULL;
	gc = gpiod_chip_open(path);
	if (!gc) {
		free(chip);
		return NULL;
	}
	snprintf(chip->name, sizeof(chip->name), "%s", gpiod_chip_name(gc));
	snprintf(chip->label, sizeof(chip->label), "%s", gpiod_chip_label(gc));
	chip->num_lines = gpiod_chip_num_lines(gc);
	chip->gpiod = gc;
	return chip;
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
	struct gpiod_line *line = gpiod_chip_find_line(chip->gpiod, name);

	if (!line) {
		errno = ENOENT;
		return -1;
	}
	return (int)gpiod_line_offset(line);
}

int gpioirq_gpiochip_line_info(struct gpioirq_gpiochip *chip, unsigned int offset,
			       struct gpioirq_gpiochip_line_info *info)
{
	struct gpiod_line *line;

	if (offset >= chip->num_lines) {
		errno = EINVAL;
		return -1;
	}
	/* Owned by the chip; the update reads the kernel's info now, not as cached. */
	line = gpiod_chip_get_line(chip->gpiod, offset);
	if (!line || gpiod_line_update(line))
		return -1;
	memset(info, 0, sizeof(*info));
	info->offset = offset;
	snprintf(info->name, sizeof(info->name), "%s", gpiod_line_name(line) ?: "");
	snprintf(info->consumer, sizeof(info->consumer), "%s", gpiod_line_consumer(line) ?: "");
	info->used = gpiod_line_is_used(line);
	info->output = gpiod_line_direction(line) == GPIOD_LINE_DIRECTION_OUTPUT;
	info->active_low = gpiod_line_active_state(line) == GPIOD_LINE_ACTIVE_STATE_LOW;
	return 0;
}

struct gpioirq_gpiochip_output {
	struct gpioirq_gpiochip *chip;	/* owns @line: open while it is held */
	struct gpiod_line *line;
};

struct gpioirq_gpiochip_output *
gpioirq_gpiochip_output_request(struct gpioirq_gpiochip *chip, unsigned int offset, int value,
				bool active_low, const char *consumer)
{
	struct gpioirq_gpiochip_output *out;
	int flags = active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
	int err;

	out = calloc(1, sizeof(*out));
	if (!out)
		goto err_close;
	out->chip = chip;
	out->line = gpiod_chip_get_line(chip->gpiod, offset);
	if (!out->line || gpiod_line_request_output_flags(out->line, consumer, flags, value))
		goto err_free;
	return out;

err_free:
	err = errno;
	free(out);
	errno = err;
err_close:
	err = errno;
	gpioirq_gpiochip_close(chip);
	errno = err;
	return NULL;
}

int gpioirq_gpiochip_output_set(struct gpioirq_gpiochip_output *out, int value)
{
	return gpiod_line_set_value(out->line, value);
}

int gpioirq_gpiochip_output_get(struct gpioirq_gpiochip_output *out)
{
	return gpiod_line_get_value(out->line);
}

void gpioirq_gpiochip_output_release(struct gpioirq_gpiochip_output *out)
{
	if (!out)
		return;
	gpiod_line_release(out->line);
	gpioirq_gpiochip_close(out->chip);
	free(out);
}

const char *gpioirq_gpiochip_gpiod_version(void)
{
	return gpiod_version_string();
}
