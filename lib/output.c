// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Output lines: a line held as an output through the GPIO character device,
 * by the generation's calls of lib/gpiochip.h (libgpiod 1.6 or 2.x), behind
 * a mutex, since libgpiod's objects are not thread-safe.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "gpiochip.h"
#include "internal.h"

struct gpioirq_output {
	pthread_mutex_t lock;	/* serialises the calls on @gen */
	struct gpioirq_gpiochip_output *gen;
};

GPIOIRQ_API struct gpioirq_output *gpioirq_output_request(const char *chip, unsigned int offset,
							  int value, const char *consumer)
{
	struct gpioirq_gpiochip *gc;
	struct gpioirq_output *out;
	int err;

	if (!chip || !*chip || (value != 0 && value != 1)) {
		errno = EINVAL;
		return NULL;
	}
	gc = gpioirq_gpiochip_open(chip);
	if (!gc)
		return NULL;
	if (offset >= gc->num_lines) {
		gpioirq_gpiochip_close(gc);
		errno = EINVAL;
		return NULL;
	}
	out = calloc(1, sizeof(*out));
	if (!out) {
		gpioirq_gpiochip_close(gc);
		errno = ENOMEM;
		return NULL;
	}
	/* Takes gc over, on failure too. */
	out->gen = gpioirq_gpiochip_output_request(gc, offset, value, false,
						   consumer ? consumer : "gpioirq");
	if (!out->gen) {
		err = errno;
		free(out);
		errno = err;
		return NULL;
	}
	pthread_mutex_init(&out->lock, NULL);
	return out;
}

GPIOIRQ_API struct gpioirq_output *gpioirq_output_request_by_name(const char *name, int value,
								  const char *consumer)
{
	char chip[GPIOIRQ_GPIOCHIP_NAME_SIZE];
	unsigned int offset;
	int ret;

	if (!name || !*name || (value != 0 && value != 1)) {
		errno = EINVAL;
		return NULL;
	}
	ret = gpioirq_gpiochip_find_line_any(name, chip, &offset);
	if (ret < 0)
		return NULL;
	if (ret == 0) {
		errno = ENOENT;
		return NULL;
	}
	return gpioirq_output_request(chip, offset, value, consumer);
}

GPIOIRQ_API int gpioirq_output_set_value(struct gpioirq_output *out, int value)
{
	int ret;

	if (!out || (value != 0 && value != 1)) {
		errno = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&out->lock);
	ret = gpioirq_gpiochip_output_set(out->gen, value);
	pthread_mutex_unlock(&out->lock);
	return ret ? -1 : 0;
}

GPIOIRQ_API int gpioirq_output_get_value(struct gpioirq_output *out)
{
	int ret;

	if (!out) {
		errno = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&out->lock);
	ret = gpioirq_gpiochip_output_get(out->gen);
	pthread_mutex_unlock(&out->lock);
	return ret;
}

GPIOIRQ_API void gpioirq_output_release(struct gpioirq_output *out)
{
	if (!out)
		return;
	gpioirq_gpiochip_output_release(out->gen);
	pthread_mutex_destroy(&out->lock);
	free(out);
}
