/* SPDX-License-Identifier: LGPL-2.1-or-later OR MIT */
/*
 * GPIO chips and lines as libgpiod shows them, whatever its API generation:
 * libgpiod 1.6 (Debian 12) and 2.x (Debian 13 on) share no function, so
 * lib/gpiod1.c and lib/gpiod2.c each implement the few calls marked "per
 * generation" below, and lib/lib.mk builds the one pkg-config names. The
 * lookups on top of them (chip by path, name, number or label; a line by
 * name over every chip) live once, in lib/gpiochip.c, so they behave the
 * same with both. The library and irqctl use nothing else of libgpiod.
 *
 * Internal: irqctl links the static library, where these hidden symbols are
 * visible; the shared library does not export them.
 */
#ifndef GPIOIRQ_LIB_GPIOCHIP_H
#define GPIOIRQ_LIB_GPIOCHIP_H

#include <stdbool.h>
#include <stddef.h>

#define GPIOIRQ_GPIOCHIP_API __attribute__((visibility("hidden")))

/* The kernel's GPIO_MAX_NAME_SIZE: names, labels and consumers fit in it. */
#define GPIOIRQ_GPIOCHIP_NAME_SIZE 32

/* An open chip; name, label and num_lines are read once at open. */
struct gpioirq_gpiochip {
	char name[GPIOIRQ_GPIOCHIP_NAME_SIZE];	/* device name: "gpiochip0" */
	char label[GPIOIRQ_GPIOCHIP_NAME_SIZE];	/* driver's label: "gpio-sim.0-node0" */
	unsigned int num_lines;
	void *gpiod;		/* the generation's own chip object */
};

/* What gpioinfo shows of a line. Strings are "" when the kernel has none. */
struct gpioirq_gpiochip_line_info {
	unsigned int offset;
	char name[GPIOIRQ_GPIOCHIP_NAME_SIZE];
	char consumer[GPIOIRQ_GPIOCHIP_NAME_SIZE];
	bool used;
	bool output;
	bool active_low;
};

/* Per generation: open the chip device at @path. NULL with errno (ENOENT, EACCES, ENOTTY...). */
GPIOIRQ_GPIOCHIP_API struct gpioirq_gpiochip *gpioirq_gpiochip_open_path(const char *path);

/* Per generation: close @chip; NULL does nothing. */
GPIOIRQ_GPIOCHIP_API void gpioirq_gpiochip_close(struct gpioirq_gpiochip *chip);

/* Per generation: the offset of the first line named @name on @chip, or -1 with errno ENOENT. */
GPIOIRQ_GPIOCHIP_API int gpioirq_gpiochip_find_line(struct gpioirq_gpiochip *chip,
						    const char *name);

/* Per generation: the line's info now. 0, or -1 with errno (EINVAL: no such offset). */
GPIOIRQ_GPIOCHIP_API int gpioirq_gpiochip_line_info(struct gpioirq_gpiochip *chip,
						    unsigned int offset,
						    struct gpioirq_gpiochip_line_info *info);

/* Per generation: "1.6.3", "2.2.1": the libgpiod this was built and runs with. */
GPIOIRQ_GPIOCHIP_API const char *gpioirq_gpiochip_gpiod_version(void);

/*
 * An output line held through the GPIO character device (lib/output.c's
 * struct gpioirq_output wraps it); each generation defines its own. Not
 * thread-safe: the caller serialises the calls on one output.
 */
struct gpioirq_gpiochip_output;

/*
 * Per generation: request line @offset of @chip (below chip->num_lines) as
 * an output driving @value (0/1, logical: inverted when @active_low), for
 * @consumer. Takes @chip over: the output keeps it open as long as the
 * generation needs it (libgpiod 1.6's lines live in their chip) and closes
 * it, on failure too. NULL with errno as libgpiod's request sets it
 * (1.6: gpiod_line_request_output_flags(); 2.x: gpiod_chip_request_lines()):
 * EBUSY the line is held; EPERM, EIO and others from the kernel.
 */
GPIOIRQ_GPIOCHIP_API struct gpioirq_gpiochip_output *
gpioirq_gpiochip_output_request(struct gpioirq_gpiochip *chip, unsigned int offset, int value,
				bool active_low, const char *consumer);

/* Per generation: drive @value (0/1, logical). 0, or -1 with errno from the kernel. */
GPIOIRQ_GPIOCHIP_API int gpioirq_gpiochip_output_set(struct gpioirq_gpiochip_output *out, int value);

/* Per generation: the value driven (0/1, logical), or -1 with errno from the kernel. */
GPIOIRQ_GPIOCHIP_API int gpioirq_gpiochip_output_get(struct gpioirq_gpiochip_output *out);

/* Per generation: release the line and its chip; NULL does nothing. */
GPIOIRQ_GPIOCHIP_API void gpioirq_gpiochip_output_release(struct gpioirq_gpiochip_output *out);

/*
 * Open a chip as gpiomon's -c takes it: a path ("/dev/gpiochip0"), a device
 * name ("gpiochip0"), a number ("0") or a label ("gpio-sim.0-node0"), tried
 * in that order. NULL with errno: ENODEV no chip matches; EACCES and others
 * as open(2) on the device that matched.
 */
GPIOIRQ_GPIOCHIP_API struct gpioirq_gpiochip *gpioirq_gpiochip_open(const char *spec);

/*
 * Call @fn for every chip, in device-number order, each open only during its
 * call; stop when @fn returns non-zero. Chips that cannot be opened are
 * skipped. Return: what @fn returned last (0 when every chip was seen), or
 * -1 with errno: ENOENT there is no chip; EACCES (or the like) there are
 * chips and none could be opened.
 */
GPIOIRQ_GPIOCHIP_API int gpioirq_gpiochip_foreach(int (*fn)(struct gpioirq_gpiochip *chip,
							    void *arg),
						  void *arg);

/* How many chips carry @label: 1 means a lookup by label finds @label's chip. */
GPIOIRQ_GPIOCHIP_API unsigned int gpioirq_gpiochip_count_label(const char *label);

/*
 * The first line named @name over every chip, in device-number order.
 * Return: 1 and @chip_name (the device name), *@offset set; 0 no line has
 * that name; -1 with errno.
 */
GPIOIRQ_GPIOCHIP_API int gpioirq_gpiochip_find_line_any(const char *name,
							char chip_name[GPIOIRQ_GPIOCHIP_NAME_SIZE],
							unsigned int *offset);

#endif /* GPIOIRQ_LIB_GPIOCHIP_H */
