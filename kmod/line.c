// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq: lines. Chip lookup, request, release, reconfigure, mask, value.
 * The handlers they install are in th.c (top half) and bh.c (bottom half).
 */
#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/gpio/machine.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pinctrl/pinconf-generic.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "internal.h"

#define GPIOIRQ_LINE_BIAS_FLAGS \
	(GPIOIRQ_LINE_BIAS_PULL_UP | GPIOIRQ_LINE_BIAS_PULL_DOWN | \
	 GPIOIRQ_LINE_BIAS_DISABLED)

static int gpioirq_config_check(const struct gpioirq_line_config *c)
{
	if (c->flags & ~GPIOIRQ_LINE_FLAGS_ALL)
		return -EINVAL;
	if (!(c->flags & GPIOIRQ_LINE_EDGE_BOTH))
		return -EINVAL;
	if (hweight32(c->flags & GPIOIRQ_LINE_BIAS_FLAGS) > 1)
		return -EINVAL;
	if (c->debounce_us > GPIOIRQ_DEBOUNCE_MAX_US)
		return -EINVAL;
	if (c->bh > GPIOIRQ_BH_DIRECT)
		return -EINVAL;
	if (c->clock > GPIOIRQ_CLOCK_BOOTTIME)
		return -EINVAL;
	if (c->padding || c->reserved[0] || c->reserved[1])
		return -EINVAL;
	return 0;
}

/* A line of the file, its chip gone or not. */
int gpioirq_line_find(struct gpioirq_file *f, u32 handle,
		      struct gpioirq_line **linep)
{
	if (handle >= GPIOIRQ_MAX_LINES)
		return -EINVAL;
	if (!f->lines[handle])
		return -ENOENT;
	*linep = f->lines[handle];
	return 0;
}

/* A line of the file whose chip is there: -ENODEV once it went (gone.c). */
int gpioirq_line_lookup(struct gpioirq_file *f, u32 handle,
			struct gpioirq_line **linep)
{
	int ret = gpioirq_line_find(f, handle, linep);

	if (!ret && (*linep)->gone)
		return -ENODEV;
	return ret;
}

/*
 * Chip lookup: by label, or by device name ("gpiochipN"). The gpio_device
 * is private before 6.7, so the name is found as the child of gc->parent
 * that bears it; it is only trusted when the parent has exactly one gpiochip
 * child (otherwise, and for chips without a parent, use the label).
 */
static int gpioirq_count_gpiochips(struct device *dev, void *data)
{
	if (dev->bus && !strcmp(dev->bus->name, "gpio") &&
	    !strncmp(dev_name(dev), "gpiochip", 8))
		(*(unsigned int *)data)++;
	return 0;
}

static int gpioirq_match_chip(struct gpio_chip *gc, const void *data)
{
	const char *name = data;
	struct device *dev;
	unsigned int n = 0;

	if (gc->label && !strcmp(gc->label, name))
		return 1;
	if (!gc->parent || strncmp(name, "gpiochip", 8))
		return 0;
	dev = device_find_child_by_name(gc->parent, name);
	if (!dev)
		return 0;
	put_device(dev);
	device_for_each_child(gc->parent, &n, gpioirq_count_gpiochips);
	return n == 1;
}

/*
 * Lines by descriptor, chips by reference. While a line is held:
 *  - line->gdev is the reference on the chip's gpio_device that
 *    gpio_device_find() took (6.7+; before, a handle without a reference,
 *    see compat.h). It keeps the gpio_device, and with it line->desc, valid
 *    memory even once the chip is removed.
 *  - line->owner is a reference on the chip driver's module, as
 *    gpiod_request() takes one for the GPIO character device: the module
 *    cannot be unloaded while the line is held. Before 6.7 it is all that
 *    keeps the chip: a chip unbound without unloading its module (a
 *    built-in driver) leaves line->desc dangling.
 *  - line->desc was requested with gpiochip_request_own_desc(), gpiolib's
 *    exported request by chip and offset (gpiod_request(), the request by
 *    descriptor the character device uses, is internal): no global GPIO
 *    number, no gc->base. It marks the line used by line->consumer, as an
 *    input, and is -EBUSY if anyone holds the line, the character device
 *    included (which gets -EBUSY from us the same way). It takes neither
 *    reference above: hence ours. It is freed with gpiochip_free_own_desc().
 * The gpio_chip itself is only used here, during the request.
 */
static int gpioirq_chip_get(struct gpioirq_line *line, const char *name,
			    unsigned int offset)
{
	struct gpio_desc *desc;
	struct gpio_chip *gc;
	int ret;

	line->gdev = gpio_device_find(name, gpioirq_match_chip);
	if (!line->gdev)
		return -ENODEV;
	/* NULL once the chip is removed, even with the reference held. */
	gc = gpio_device_get_chip(line->gdev);
	if (!gc) {
		ret = -ENODEV;
		goto err_put_gdev;
	}
	if (offset >= gc->ngpio) {
		ret = -EINVAL;
		goto err_put_gdev;
	}
	if (!try_module_get(gc->owner)) {
		ret = -ENODEV;
		goto err_put_gdev;
	}
	desc = gpiochip_request_own_desc(gc, offset, line->consumer,
					 GPIO_LOOKUP_FLAGS_DEFAULT, GPIOD_IN);
	if (IS_ERR(desc)) {
		ret = PTR_ERR(desc);
		goto err_put_module;
	}
	line->owner = gc->owner;
	line->desc = desc;
	/* For debugfs only: the global number is never used to reach it. */
	line->gpio = desc_to_gpio(desc);
	snprintf(line->irq_name, sizeof(line->irq_name), "gpioirq-%s-%u",
		 gc->label ?: "gpio", offset);
	return 0;

err_put_module:
	module_put(gc->owner);
err_put_gdev:
	gpio_device_put(line->gdev);
	line->gdev = NULL;
	return ret;
}

static void gpioirq_chip_put(struct gpioirq_line *line)
{
	gpiochip_free_own_desc(line->desc);
	module_put(line->owner);
	gpio_device_put(line->gdev);
	line->desc = NULL;
	line->gdev = NULL;
}

/* The IRQ trigger for a config: raw edges (active-low swaps them). */
static unsigned long gpioirq_trigger(u32 flags, bool sw_debounce)
{
	bool rising = flags & GPIOIRQ_LINE_EDGE_RISING;
	bool falling = flags & GPIOIRQ_LINE_EDGE_FALLING;
	unsigned long trig = 0;

	/* Software debounce follows the level: it needs both edges. */
	if (sw_debounce)
		return IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING;
	if (flags & GPIOIRQ_LINE_ACTIVE_LOW)
		swap(rising, falling);
	if (rising)
		trig |= IRQF_TRIGGER_RISING;
	if (falling)
		trig |= IRQF_TRIGGER_FALLING;
	return trig;
}

/* gpiolib says -ENOTSUPP, an internal errno; user space gets -EOPNOTSUPP. */
static int gpioirq_errno(int ret)
{
	return ret == -ENOTSUPP ? -EOPNOTSUPP : ret;
}

static int gpioirq_set_bias(struct gpioirq_line *line, u32 flags)
{
	unsigned long config;

	if (flags & GPIOIRQ_LINE_BIAS_PULL_UP)
		config = pinconf_to_config_packed(PIN_CONFIG_BIAS_PULL_UP, 1);
	else if (flags & GPIOIRQ_LINE_BIAS_PULL_DOWN)
		config = pinconf_to_config_packed(PIN_CONFIG_BIAS_PULL_DOWN, 1);
	else if (flags & GPIOIRQ_LINE_BIAS_DISABLED)
		config = pinconf_to_config_packed(PIN_CONFIG_BIAS_DISABLE, 0);
	else
		return 0;
	return gpioirq_errno(gpiod_set_config(line->desc, config));
}

/*
 * Debounce: the chip's where it has one, else software (which reads the
 * level from a hard timer, so it is refused with -EOPNOTSUPP on chips that
 * sleep). Sets hw_debounce and debounce_ns.
 */
static int gpioirq_set_debounce(struct gpioirq_line *line, u32 debounce_us,
				bool *hw, u64 *sw_ns)
{
	int ret;

	*hw = false;
	*sw_ns = 0;
	if (!debounce_us) {
		/* Undo the chip's debounce if we set it. */
		if (line->hw_debounce)
			gpiod_set_debounce(line->desc, 0);
		return 0;
	}
	ret = gpiod_set_debounce(line->desc, debounce_us);
	if (!ret) {
		*hw = true;
		return 0;
	}
	if (ret != -ENOTSUPP)
		return ret;
	if (line->cansleep)
		return -EOPNOTSUPP;
	*sw_ns = (u64)debounce_us * NSEC_PER_USEC;
	return 0;
}

static int gpioirq_read_raw(struct gpioirq_line *line)
{
	return gpiod_get_raw_value_cansleep(line->desc);
}

/* Resets the top half's view of the line; irq disabled or not requested. */
static void gpioirq_th_reset(struct gpioirq_line *line, int raw)
{
	unsigned long irqflags;

	raw_spin_lock_irqsave(&line->th_lock, irqflags);
	line->last_raw = raw < 0 ? -1 : raw;
	line->storm_window_ns = ktime_get_ns();
	line->storm_count = 0;
	raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
}

static u32 gpioirq_storm_resolve(u32 storm_limit)
{
	if (storm_limit == GPIOIRQ_STORM_DEFAULT)
		return READ_ONCE(gpioirq_storm_limit);
	if (storm_limit == GPIOIRQ_STORM_OFF)
		return 0;
	return storm_limit;
}

static int gpioirq_resolve_bh(const struct gpioirq_line_config *c,
			      bool cansleep, u32 *out)
{
	u32 bh = c->bh;

	if (bh == GPIOIRQ_BH_AUTO)
		bh = cansleep ? GPIOIRQ_BH_WORKQUEUE : GPIOIRQ_BH_TASKLET;
	/* No BH workqueue before 6.9 (compat.h). */
	if (bh == GPIOIRQ_BH_WORKQUEUE_BH && !system_bh_wq)
		return -EOPNOTSUPP;
	/* Hard-IRQ context must not take the ring's lock nor the wait
	 * queue's where they sleep (uapi/gpioirq.h).
	 */
	if (bh == GPIOIRQ_BH_DIRECT && IS_ENABLED(CONFIG_PREEMPT_RT))
		return -EOPNOTSUPP;
	/* Softirq or hard-IRQ context, where a chip that sleeps cannot run. */
	if ((bh == GPIOIRQ_BH_TASKLET || bh == GPIOIRQ_BH_WORKQUEUE_BH ||
	     bh == GPIOIRQ_BH_DIRECT) && cansleep)
		return -EINVAL;
	/* The top half is the direct line's only writer of records. */
	if (bh == GPIOIRQ_BH_DIRECT && c->debounce_us)
		return -EINVAL;
	*out = bh;
	return 0;
}

static int gpioirq_request_irq(struct gpioirq_line *line)
{
	unsigned long trig = gpioirq_trigger(line->config.flags,
					      line->debounce_ns);
	int ret;

	ret = request_irq(line->irq, gpioirq_top_half, IRQF_NO_THREAD | trig,
			  line->irq_name, line);
	if (ret != -EINVAL)
		return ret;
	/* A nested-threaded irq takes a thread function only. */
	if (request_threaded_irq(line->irq, NULL, gpioirq_thread_half,
				 IRQF_ONESHOT | trig, line->irq_name, line))
		return ret;
	line->threaded = true;
	return 0;
}

static struct gpioirq_line *gpioirq_line_alloc(void)
{
	struct gpioirq_line *line;

	/* Charged to the requesting process's memory cgroup, as its ring. */
	line = kzalloc(sizeof(*line), GFP_KERNEL_ACCOUNT);
	if (!line)
		return NULL;
	if (kfifo_alloc(&line->fifo, GPIOIRQ_LINE_FIFO_DEPTH,
			GFP_KERNEL_ACCOUNT)) {
		kfree(line);
		return NULL;
	}
	mutex_init(&line->mask_lock);
	raw_spin_lock_init(&line->th_lock);
	u64_stats_init(&line->th.syncp);
	u64_stats_init(&line->bhs.syncp);
	hrtimer_setup(&line->db_timer, gpioirq_debounce_fire, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_HARD);
	line->last_raw = -1;
	line->bh_last_raw = -1;
	return line;
}

static void gpioirq_line_dealloc(struct gpioirq_line *line)
{
	mutex_destroy(&line->mask_lock);
	kfifo_free(&line->fifo);
	kfree(line);
}

/**
 * gpioirq_consumer_copy() - the consumer name of a line request
 * @buf: out, GPIOIRQ_NAME_SIZE bytes
 * @uptr: struct gpioirq_line_request.consumer: 0, or a user pointer
 *
 * Called before any lock is taken: the copy may fault and sleep. The name
 * must be printable with no space, so debugfs' KEY=VALUE records and
 * gpioinfo's columns stay parseable.
 * Return: 0; -EFAULT bad pointer; -EINVAL empty, too long or a character
 * that is not printable or is a space.
 */
int gpioirq_consumer_copy(char *buf, u64 uptr)
{
	long len, i;

	if (!uptr) {
		strscpy(buf, GPIOIRQ_CONSUMER, GPIOIRQ_NAME_SIZE);
		return 0;
	}
	len = strncpy_from_user(buf, u64_to_user_ptr(uptr), GPIOIRQ_NAME_SIZE);
	if (len < 0)
		return -EFAULT;
	if (len == 0 || len == GPIOIRQ_NAME_SIZE)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (!isgraph(buf[i]))
			return -EINVAL;
	return 0;
}

/*
 * Called with f->lock held; @ring is the ring the line publishes into (the
 * file's, or the default ring the caller publishes once the request is
 * done). On error nothing is left behind.
 */
int gpioirq_line_request(struct gpioirq_file *f,
			 struct gpioirq_line_request *req, const char *consumer,
			 struct gpioirq_ring *ring)
{
	struct gpioirq_line *line;
	struct gpio_desc *desc;
	unsigned int handle;
	int ret, raw;
	bool hw;
	u64 sw_ns;

	if (req->reserved[0])
		return -EINVAL;
	ret = gpioirq_config_check(&req->config);
	if (ret)
		return ret;
	if (!memchr(req->chip, '\0', sizeof(req->chip)))
		return -EINVAL;
	for (handle = 0; handle < GPIOIRQ_MAX_LINES; handle++) {
		if (!f->lines[handle])
			break;
	}
	if (handle == GPIOIRQ_MAX_LINES)
		return -ENOSPC;


	line = gpioirq_line_alloc();
	if (!line)
		return -ENOMEM;
	line->file = f;
	line->ring = ring;
	line->handle = handle;
	line->offset = req->offset;
	line->config = req->config;
	strscpy(line->chip_name, req->chip, sizeof(line->chip_name));
	strscpy(line->consumer, consumer, sizeof(line->consumer));

	ret = gpioirq_chip_get(line, req->chip, req->offset);
	if (ret)
		goto err_dealloc;
	desc = line->desc;
	line->cansleep = gpiod_cansleep(desc);
	ret = gpioirq_resolve_bh(&req->config, line->cansleep, &line->bh);
	if (ret)
		goto err_chip_put;
	gpioirq_bh_init(line);
	ret = gpioirq_set_bias(line, req->config.flags);
	if (ret)
		goto err_chip_put;
	ret = gpioirq_set_debounce(line, req->config.debounce_us, &hw, &sw_ns);
	if (ret)
		goto err_chip_put;
	line->hw_debounce = hw;
	line->debounce_ns = sw_ns;
	line->storm_limit = gpioirq_storm_resolve(req->config.storm_limit);

	line->irq = gpiod_to_irq(desc);
	if (line->irq < 0) {
		ret = line->irq;
		goto err_debounce;
	}
	if (!line->irq) {
		ret = -ENXIO;
		goto err_debounce;
	}
	raw = gpioirq_read_raw(line);
	gpioirq_th_reset(line, raw);
	line->bh_last_raw = raw < 0 ? -1 : raw;

	ret = gpioirq_request_irq(line);
	if (ret)
		goto err_debounce;
	/* Held before the holder exists: its unbind tears down held lines. */
	line->held = true;
	ret = gpioirq_gone_attach(line);
	if (ret) {
		line->held = false;
		free_irq(line->irq, line);
		goto err_debounce;
	}
	f->lines[handle] = line;
	f->nr_lines++;
	req->handle = handle;
	return 0;

err_debounce:
	if (line->hw_debounce)
		gpiod_set_debounce(desc, 0);
err_chip_put:
	gpioirq_chip_put(line);
err_dealloc:
	gpioirq_line_dealloc(line);
	return ret;
}

/**
 * gpioirq_line_teardown() - stop a line and give back all it holds
 * @line: the line
 *
 * Stops everything that can write to the ring, in the order that keeps each
 * stopped thing from restarting the next: the irq (free_irq waits for a
 * running top half), the debounce timer, then the bottom half, which runs
 * once more if it was scheduled so that edges == events + dropped holds.
 * Then frees the descriptor and drops the chip's references (see
 * gpioirq_chip_get()). After it the line touches neither its chip nor the
 * ring; its counters stay readable until gpioirq_line_free(). For a chip
 * that goes away, call it before the chip is removed (gone.c does). The
 * caller serialises calls: f->lock, or, in gpioirq_line_free(), the line's
 * holder unregistered first; every call after the first does nothing.
 * Sleeps.
 */
void gpioirq_line_teardown(struct gpioirq_line *line)
{
	if (!line->held)
		return;
	line->held = false;
	free_irq(line->irq, line);
	gpioirq_debounce_stop(line);
	gpioirq_bh_sync(line);
	if (line->hw_debounce)
		gpiod_set_debounce(line->desc, 0);
	gpioirq_chip_put(line);
}

/*
 * Frees a line gpioirq_line_take() took off its file's table, tearing it
 * down if that was not done yet. Without f->lock: unregistering the line's
 * holder waits for its unbind action that may be running, which takes
 * f->lock (gone.c); once it is unregistered nothing else tears it down.
 */
void gpioirq_line_free(struct gpioirq_line *line)
{
	gpioirq_gone_detach(line);
	gpioirq_line_teardown(line);
	gpioirq_stats_retire(line);
	gpioirq_line_dealloc(line);
}

/*
 * Takes a line, its chip gone or not, off the file's table; f->lock held.
 * The caller frees it with gpioirq_line_free() once f->lock is dropped.
 */
int gpioirq_line_take(struct gpioirq_file *f, u32 handle,
		      struct gpioirq_line **linep)
{
	struct gpioirq_line *line;
	int ret;

	ret = gpioirq_line_find(f, handle, &line);
	if (ret)
		return ret;
	/* Off the table first: debugfs reads it under f->lock. */
	f->lines[handle] = NULL;
	f->nr_lines--;
	set_bit(GPIOIRQ_LINE_RELEASING, &line->state);
	*linep = line;
	return 0;
}

/*
 * Reconfigure: the irq is disabled, the debounce timer stopped and the
 * bottom half drained while the config changes, so the top and bottom halves
 * only ever see one config. On error the line keeps its old config (the
 * chip's settings are put back as far as the chip lets us).
 */
int gpioirq_line_reconfig(struct gpioirq_file *f,
			  const struct gpioirq_line_reconfig *rc)
{
	const struct gpioirq_line_config *c = &rc->config;
	struct gpioirq_line *line;
	unsigned long old_trig, new_trig;
	unsigned long irqflags;
	u32 bh, old_flags;
	bool hw, old_hw;
	u64 sw_ns;
	int ret, raw;

	ret = gpioirq_line_lookup(f, rc->handle, &line);
	if (ret)
		return ret;
	ret = gpioirq_config_check(c);
	if (ret)
		return ret;
	ret = gpioirq_resolve_bh(c, line->cansleep, &bh);
	if (ret)
		return ret;
	if (bh != line->bh)
		return -EINVAL;

	disable_irq(line->irq);
	gpioirq_debounce_stop(line);
	gpioirq_bh_sync(line);

	old_flags = line->config.flags;
	old_hw = line->hw_debounce;
	old_trig = gpioirq_trigger(old_flags, line->debounce_ns);

	ret = gpioirq_set_debounce(line, c->debounce_us, &hw, &sw_ns);
	if (ret)
		goto out_enable;
	if ((c->flags ^ old_flags) & GPIOIRQ_LINE_BIAS_FLAGS) {
		ret = gpioirq_set_bias(line, c->flags);
		if (ret)
			goto err_debounce;
	}
	new_trig = gpioirq_trigger(c->flags, sw_ns);
	if (new_trig != old_trig) {
		ret = irq_set_irq_type(line->irq, new_trig);
		if (ret)
			goto err_bias;
	}

	raw = gpioirq_read_raw(line);
	raw_spin_lock_irqsave(&line->th_lock, irqflags);
	line->config = *c;
	line->config.bh = line->bh;
	line->hw_debounce = hw;
	line->debounce_ns = sw_ns;
	line->storm_limit = gpioirq_storm_resolve(c->storm_limit);
	raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
	gpioirq_th_reset(line, raw);
	line->bh_last_raw = raw < 0 ? -1 : raw;
	goto out_enable;

err_bias:
	/* Best effort: a line that had no bias flag keeps the new bias. */
	gpioirq_set_bias(line, old_flags);
err_debounce:
	if (hw || old_hw)
		gpiod_set_debounce(line->desc,
				   old_hw ? line->config.debounce_us : 0);
out_enable:
	enable_irq(line->irq);
	return ret;
}

/*
 * MASK and UNMASK: the user's critical section. MASK on a line the user
 * already masked, and UNMASK on a line nobody masked, are -EALREADY. UNMASK
 * also lifts a mask set by the storm guard. Called with f->lock held, which
 * keeps them from racing each other.
 */
int gpioirq_line_mask(struct gpioirq_file *f, u32 handle)
{
	struct gpioirq_line *line;
	unsigned long irqflags;
	bool disable;
	int ret;

	ret = gpioirq_line_lookup(f, handle, &line);
	if (ret)
		return ret;
	mutex_lock(&line->mask_lock);
	raw_spin_lock_irqsave(&line->th_lock, irqflags);
	if (line->user_masked) {
		raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
		mutex_unlock(&line->mask_lock);
		return -EALREADY;
	}
	/* From here the storm guard leaves the irq to us. */
	line->user_masked = true;
	disable = !line->storm_masked;
	raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
	if (disable)
		disable_irq_nosync(line->irq);
	mutex_unlock(&line->mask_lock);
	/* Outside mask_lock, which a running thread half may wait for. */
	if (disable)
		synchronize_irq(line->irq);
	return 0;
}

int gpioirq_line_unmask(struct gpioirq_file *f, u32 handle)
{
	struct gpioirq_line *line;
	unsigned long irqflags;
	int ret;

	ret = gpioirq_line_lookup(f, handle, &line);
	if (ret)
		return ret;
	mutex_lock(&line->mask_lock);
	raw_spin_lock_irqsave(&line->th_lock, irqflags);
	if (!line->user_masked && !line->storm_masked) {
		raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
		mutex_unlock(&line->mask_lock);
		return -EALREADY;
	}
	line->user_masked = false;
	line->storm_masked = false;
	line->storm_window_ns = ktime_get_ns();
	line->storm_count = 0;
	raw_spin_unlock_irqrestore(&line->th_lock, irqflags);
	enable_irq(line->irq);
	mutex_unlock(&line->mask_lock);
	return 0;
}

int gpioirq_line_get_value(struct gpioirq_file *f,
			   struct gpioirq_line_value *val)
{
	struct gpioirq_line *line;
	int ret;

	ret = gpioirq_line_lookup(f, val->handle, &line);
	if (ret)
		return ret;
	ret = gpioirq_read_raw(line);
	if (ret < 0)
		return ret;
	val->value = ret ^ !!(line->config.flags & GPIOIRQ_LINE_ACTIVE_LOW);
	return 0;
}
