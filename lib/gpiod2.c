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

struct gpioirq_gpiochip_output {
	struct gpiod_line_request *req;	/* holds the line; outlives its chip */
	unsigned int offset;
};

struct gpioirq_gpiochip_output *
gpioirq_gpiochip_output_request(struct gpioirq_gpiochip *chip, unsigned int offset, int value,
				bool active_low, const char *consumer)
{
	struct gpiod_request_config *rcfg = NULL;
	struct gpiod_line_settings *ls = NULL;
	struct gpiod_line_config *lcfg = NULL;
	struct gpioirq_gpiochip_output *out;
	int err;

	out = calloc(1, sizeof(*out));
	ls = gpiod_line_settings_new();
	lcfg = gpiod_line_config_new();
	rcfg = gpiod_request_config_new();
	if (!out || !ls || !lcfg || !rcfg)
		goto err;
	out->offset = offset;
	if (gpiod_line_settings_set_direction(ls, GPIOD_LINE_DIRECTION_OUTPUT) ||
	    gpiod_line_settings_set_output_value(ls, value ? GPIOD_LINE_VALUE_ACTIVE :
							     GPIOD_LINE_VALUE_INACTIVE))
		goto err;
	gpiod_line_settings_set_active_low(ls, active_low);
	if (gpiod_line_config_add_line_settings(lcfg, &offset, 1, ls))
		goto err;
	gpiod_request_config_set_consumer(rcfg, consumer);
	out->req = gpiod_chip_request_lines(chip->gpiod, rcfg, lcfg);
	if (!out->req)
		goto err;
	gpiod_request_config_free(rcfg);
	gpiod_line_config_free(lcfg);
	gpiod_line_settings_free(ls);
	gpioirq_gpiochip_close(chip);
	return out;

err:
	err = errno;
	gpiod_request_config_free(rcfg);
	gpiod_line_config_free(lcfg);
	gpiod_line_settings_free(ls);
	free(out);
	gpioirq_gpiochip_close(chip);
	errno = err;
	return NULL;
}

int gpioirq_gpiochip_output_set(struct gpioirq_gpiochip_output *out, int value)
{
	return gpiod_line_request_set_value(out->req, out->offset,
					    value ? GPIOD_LINE_VALUE_ACTIVE :
						    GPIOD_LINE_VALUE_INACTIVE);
}

int gpioirq_gpiochip_output_get(struct gpioirq_gpiochip_output *out)
{
	enum gpiod_line_value v = gpiod_line_request_get_value(out->req, out->offset);

	if (v == GPIOD_LINE_VALUE_ERROR)
		return -1;
	return v == GPIOD_LINE_VALUE_ACTIVE;
}

void gpioirq_gpiochip_output_release(struct gpioirq_gpiochip_output *out)
{
	if (!out)
		return;
	gpiod_line_request_release(out->req);
	free(out);
}

const char *gpioirq_gpiochip_gpiod_version(void)
{
	return gpiod_api_version();
}
