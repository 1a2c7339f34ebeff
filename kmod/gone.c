// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq: a held line whose chip goes away.
 *
 * Each held line of a chip with a parent device gets a holder: a platform
 * device of ours ("gpioirq-holder.N"), bound to our driver, and a managed
 * device link from it (consumer) to the chip's parent (supplier), with
 * DL_FLAG_AUTOREMOVE_CONSUMER. Before the driver core unbinds a supplier
 * (sysfs unbind, its driver unregistered, hot-unplug: device_del() releases
 * the driver too) it unbinds every consumer, in
 * __device_release_driver() -> device_links_unbind_consumers(); so our
 * holder unbinds before the chip driver's remove() and its devres, which
 * calls gpiochip_remove(). There (a devres action of the holder)
 * gpioirq_line_teardown() stops the line for good while the chip is still
 * whole: irq freed, debounce timer and bottom half stopped, the GPIO and
 * gpiolib's gpio_device and module references given back (on 6.1 a
 * gpio_device still referenced when its chip goes makes the next chip
 * registration dereference NULL); then a GPIOIRQ_EVENT_CHIP_GONE event is
 * published after the line's last edge.
 *
 * Why this mechanism, on every kernel from 5.10 to 7.2: device links and
 * DL_FLAG_AUTOREMOVE_CONSUMER are exported and behave the same since 5.x.
 * The alternatives come too late or not everywhere: BUS_NOTIFY_DEL_DEVICE
 * of the gpio_device comes from gpiochip_remove() after the irq domain is
 * gone (free_irq() then meets no descriptor); BUS_NOTIFY_UNBIND_DRIVER on
 * the parent's bus comes early enough but needs a notifier per bus type
 * (platform, i2c, spi, usb...); gpiolib's own notifiers (the line-state
 * notifier of 6.7, the device notifier of later kernels) are not in 5.10 or
 * 6.1 and do not all report removal; a devres action on the chip's parent
 * runs after the driver's own remove(), too late for drivers that remove
 * their chip there.
 *
 * Locks: the holder's unbind action runs with the supplier's and the
 * holder's device locks held and takes f->lock; so nobody may wait for a
 * holder's device lock while holding f->lock. Holders are made under f->lock (a new device, whose
 * lock nobody else holds) but unregistered only after the line left the
 * file's table and f->lock was dropped (gpioirq_line_free()).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/platform_device.h>

#include "internal.h"

#define GPIOIRQ_HOLDER	"gpioirq-holder"

/* The chip's line went, under f->lock; called once, after its teardown. */
static void gpioirq_gone_publish(struct gpioirq_line *line)
{
	struct gpioirq_ring *ring = line->ring;
	struct gpioirq_event ev;
	unsigned long irqflags;
	u32 space;

	memset(&ev, 0, sizeof(ev));
	ev.timestamp_ns = ktime_get_ns();
	ev.handle = line->handle;
	ev.cookie = line->config.cookie;
	ev.type = GPIOIRQ_EVENT_CHIP_GONE;
	ev.level = GPIOIRQ_LEVEL_UNKNOWN;
	/* The bottom half is stopped: line_seqno is final. */
	ev.line_seqno = line->line_seqno;
	spin_lock_irqsave(&ring->lock, irqflags);
	space = gpioirq_ring_space(ring);
	ev.seqno = ++ring->seqno;
	gpioirq_ring_write(ring, &ev, &space);
	gpioirq_ring_commit(ring);
	spin_unlock_irqrestore(&ring->lock, irqflags);
	gpioirq_ring_wake(line->file, ring);
}

/*
 * The supplier (the chip's parent) is being unbound, or gpioirq_line_free()
 * unregisters the holder: either way the line is torn down here, once,
 * while the chip is whole. Only a line still in its file's table (not
 * being released) is marked gone and gets the event. A devres action of
 * the holder rather than its driver's .remove, whose type changed in 6.11.
 */
static void gpioirq_holder_unbind(void *data)
{
	struct gpioirq_line *line = data;
	struct gpioirq_file *f = line->file;

	mutex_lock(&f->lock);
	if (line->held) {
		gpioirq_line_teardown(line);
		if (!test_bit(GPIOIRQ_LINE_RELEASING, &line->state)) {
			WRITE_ONCE(line->gone, true);
			gpioirq_gone_publish(line);
			pr_info("%s line %u: its chip went away; handle %u answers ENODEV\n",
				line->chip_name, line->offset, line->handle);
		}
	}
	mutex_unlock(&f->lock);
}

static int gpioirq_holder_probe(struct platform_device *pdev)
{
	struct gpioirq_line **linep = dev_get_platdata(&pdev->dev);

	if (!linep)
		return -EINVAL;
	platform_set_drvdata(pdev, *linep);
	return devm_add_action(&pdev->dev, gpioirq_holder_unbind, *linep);
}

static struct platform_driver gpioirq_holder_driver = {
	.driver = {
		.name = GPIOIRQ_HOLDER,
		.suppress_bind_attrs = true,
	},
	.probe = gpioirq_holder_probe,
};

/*
 * Gives @line a holder linked to its chip's parent; called under f->lock
 * once the line is fully requested. A chip without a parent device (none of
 * the hot-pluggable kinds) gets none: nothing tells us it goes.
 */
int gpioirq_gone_attach(struct gpioirq_line *line)
{
	/* The chip is there: the request holds it (see gpioirq_chip_get()). */
	struct gpio_chip *gc = gpio_device_get_chip(line->gdev);
	struct device *supplier = gc ? gc->parent : NULL;
	struct platform_device *pdev;
	int ret;

	if (!supplier)
		return 0;
	pdev = platform_device_alloc(GPIOIRQ_HOLDER, PLATFORM_DEVID_AUTO);
	if (!pdev)
		return -ENOMEM;
	ret = platform_device_add_data(pdev, &line, sizeof(line));
	if (!ret)
		ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		return ret;
	}
	/* Probing is synchronous: not bound means it failed. */
	if (!platform_get_drvdata(pdev) ||
	    !device_link_add(&pdev->dev, supplier,
			     DL_FLAG_AUTOREMOVE_CONSUMER)) {
		platform_device_unregister(pdev);
		return -ENODEV;
	}
	line->holder = pdev;
	return 0;
}

/* Without f->lock (see above); the line is off the file's table. */
void gpioirq_gone_detach(struct gpioirq_line *line)
{
	if (!line->holder)
		return;
	set_bit(GPIOIRQ_LINE_RELEASING, &line->state);
	platform_device_unregister(line->holder);
	line->holder = NULL;
}

int gpioirq_gone_init(void)
{
	return platform_driver_register(&gpioirq_holder_driver);
}

void gpioirq_gone_exit(void)
{
	platform_driver_unregister(&gpioirq_holder_driver);
}
