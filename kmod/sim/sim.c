// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq-sim: a simulated GPIO chip for gpioirq's tests, demo and
 * benchmarks, and for the kernel's GPIO character device (gpiomon) too.
 *
 * Every line ("sim-0", "sim-1", ...) is an input whose level user space sets
 * through debugfs (see debugfs.c), or an output that a consumer drives: its
 * level is then the value driven, and debugfs cannot change it (gpiolib
 * refuses interrupts on outputs, so none is raised). A level change raises
 * an edge from
 * hard-IRQ context, as a real interrupt controller would: through an
 * irq_work for a level written by user space, from a hard hrtimer for a
 * burst of pulses. With nested_threaded=1 the chip behaves as an I2C or SPI
 * expander does: it sleeps (can_sleep), its irq chip has a bus lock (a
 * mutex), and its edges reach their handlers through handle_nested_irq()
 * from a thread of its own, in the order they were raised. An edge reaches the
 * handler only when the line's interrupt is unmasked and enabled and its
 * trigger type includes that edge; lineN/edges counts exactly those edges.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/module.h>
#include <linux/pinctrl/pinconf-generic.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../compat.h"
#include "sim.h"

#define SIM_NAME	"gpioirq-sim"

static unsigned int nr_lines = 8;
module_param(nr_lines, uint, 0444);
MODULE_PARM_DESC(nr_lines, "Number of lines, 1-1024 (default 8)");

static bool can_sleep;
module_param(can_sleep, bool, 0444);
MODULE_PARM_DESC(can_sleep,
		 "Flag the chip as one that sleeps, like an I2C expander (default 0)");

static bool nested_threaded;
module_param(nested_threaded, bool, 0444);
MODULE_PARM_DESC(nested_threaded,
		 "Raise interrupts as a slow-bus expander does: nested-threaded, from a thread, with a bus lock (a mutex); implies can_sleep (default 0)");

static struct platform_device *sim_pdev;

static struct sim_line *sim_gc_line(struct gpio_chip *gc, unsigned int offset)
{
	struct sim_chip *sim = gpiochip_get_data(gc);

	return &sim->lines[offset];
}

static int sim_get(struct gpio_chip *gc, unsigned int offset)
{
	return READ_ONCE(sim_gc_line(gc, offset)->level);
}

static int sim_get_direction(struct gpio_chip *gc, unsigned int offset)
{
	return READ_ONCE(sim_gc_line(gc, offset)->output) ?
	       GPIO_LINE_DIRECTION_OUT : GPIO_LINE_DIRECTION_IN;
}

/* The line stops being driven; its level stays where the output left it. */
static void sim_line_undrive(struct sim_line *line)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&line->lock, flags);
	WRITE_ONCE(line->output, false);
	raw_spin_unlock_irqrestore(&line->lock, flags);
}

static int sim_direction_input(struct gpio_chip *gc, unsigned int offset)
{
	sim_line_undrive(sim_gc_line(gc, offset));
	return 0;
}

/*
 * A line becomes an output only while nothing else sets its level: not
 * during a burst (checked under the line lock, which burst starts take
 * too), nor while a waveform that sets it plays. The waveform check is made
 * without sim_chip.lock, a mutex this callback may not take (gpiolib may
 * call it in atomic context): a waveform started at the same moment may
 * still set the line's level while it is driven.
 */
static int sim_direction_output(struct gpio_chip *gc, unsigned int offset,
				int value)
{
	struct sim_line *line = sim_gc_line(gc, offset);
	unsigned long flags;
	int ret = 0;

	if (sim_wave_uses(line))
		return -EBUSY;
	raw_spin_lock_irqsave(&line->lock, flags);
	if (line->pulses_left) {
		ret = -EBUSY;
	} else {
		WRITE_ONCE(line->level, !!value);
		WRITE_ONCE(line->output, true);
	}
	raw_spin_unlock_irqrestore(&line->lock, flags);
	return ret;
}

/* Drives an output's level; no edge (gpiolib allows no irq on an output). */
static int sim_set(struct gpio_chip *gc, unsigned int offset, int value)
{
	struct sim_line *line = sim_gc_line(gc, offset);
	unsigned long flags;

	raw_spin_lock_irqsave(&line->lock, flags);
	if (line->output)
		WRITE_ONCE(line->level, !!value);
	raw_spin_unlock_irqrestore(&line->lock, flags);
	return 0;
}
GPIO_CHIP_SET_CALLBACK(sim_gc_set, sim_set);

/*
 * A released line is an input again, so that debugfs sets its level: as a
 * real pin a driver stops driving. gpiolib leaves the direction as it was.
 */
static void sim_free(struct gpio_chip *gc, unsigned int offset)
{
	sim_line_undrive(sim_gc_line(gc, offset));
}

/*
 * Bias is recorded, not simulated: it does not change the level, so that a
 * consumer's request never raises an edge by itself. Debounce is not
 * supported, so consumers debounce in software.
 */
static int sim_set_config(struct gpio_chip *gc, unsigned int offset,
			  unsigned long config)
{
	struct sim_line *line = sim_gc_line(gc, offset);

	switch (pinconf_to_config_param(config)) {
	case PIN_CONFIG_BIAS_PULL_UP:
		WRITE_ONCE(line->pull, SIM_PULL_UP);
		return 0;
	case PIN_CONFIG_BIAS_PULL_DOWN:
		WRITE_ONCE(line->pull, SIM_PULL_DOWN);
		return 0;
	case PIN_CONFIG_BIAS_DISABLE:
		WRITE_ONCE(line->pull, SIM_PULL_NONE);
		return 0;
	default:
		return -ENOTSUPP;
	}
}

static struct sim_line *sim_irqd_line(struct irq_data *d)
{
	return sim_gc_line(irq_data_get_irq_chip_data(d), irqd_to_hwirq(d));
}

static void sim_irq_mask(struct irq_data *d)
{
	struct sim_line *line = sim_irqd_line(d);

	WRITE_ONCE(line->unmasked, false);
	gpiochip_disable_irq(&line->sim->gc, line->offset);
}

static void sim_irq_unmask(struct irq_data *d)
{
	struct sim_line *line = sim_irqd_line(d);

	gpiochip_enable_irq(&line->sim->gc, line->offset);
	WRITE_ONCE(line->unmasked, true);
}

static int sim_irq_set_type(struct irq_data *d, unsigned int type)
{
	struct sim_line *line = sim_irqd_line(d);

	type &= IRQ_TYPE_SENSE_MASK;
	switch (type) {
	case IRQ_TYPE_EDGE_RISING:
	case IRQ_TYPE_EDGE_FALLING:
	case IRQ_TYPE_EDGE_BOTH:
		WRITE_ONCE(line->irq_type, type);
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * Nested-threaded mode: the irq chip's bus lock, taken by the irq core
 * around mask, unmask and set_type (enable_irq(), disable_irq_nosync(),
 * request_irq()...). A real expander's is a mutex and its sync_unlock writes
 * the bus, which sleeps: whoever calls into the irq core for such a line
 * from atomic context is wrong. might_sleep() only reports that with
 * CONFIG_DEBUG_ATOMIC_SLEEP, which Debian's kernels lack, so the simulator
 * says it itself, as loudly.
 */
static void sim_irq_bus_lock(struct irq_data *d)
{
	struct sim_chip *sim = gpiochip_get_data(irq_data_get_irq_chip_data(d));

	/* preemptible() is 0 whenever the kernel keeps no preempt count
	 * (5.10's voluntary preemption): there only irqs_disabled() tells.
	 */
	WARN_ONCE(irqs_disabled() ||
		  (IS_ENABLED(CONFIG_PREEMPT_COUNT) && !preemptible()),
		  "gpioirq-sim: irq bus lock of hwirq %lu taken in atomic context\n",
		  irqd_to_hwirq(d));
	mutex_lock(&sim->bus_lock);
}

static void sim_irq_bus_sync_unlock(struct irq_data *d)
{
	struct sim_chip *sim = gpiochip_get_data(irq_data_get_irq_chip_data(d));

	mutex_unlock(&sim->bus_lock);
}

/* Templates: each bound instance gets its copy, sim_chip.irqc. */
static const struct irq_chip sim_irq_chip_nested = {
	.name = SIM_NAME,
	.irq_mask = sim_irq_mask,
	.irq_unmask = sim_irq_unmask,
	.irq_set_type = sim_irq_set_type,
	.irq_bus_lock = sim_irq_bus_lock,
	.irq_bus_sync_unlock = sim_irq_bus_sync_unlock,
	.flags = IRQCHIP_IMMUTABLE | IRQCHIP_SKIP_SET_WAKE,
	GPIOCHIP_IRQ_RESOURCE_HELPERS,
};

static const struct irq_chip sim_irq_chip = {
	.name = SIM_NAME,
	.irq_mask = sim_irq_mask,
	.irq_unmask = sim_irq_unmask,
	.irq_set_type = sim_irq_set_type,
	.flags = IRQCHIP_IMMUTABLE | IRQCHIP_SKIP_SET_WAKE,
	GPIOCHIP_IRQ_RESOURCE_HELPERS,
};

/*
 * Whether an edge in direction @rising reaches a handler now; counts it if
 * so and returns its virq, else 0.
 */
static unsigned int sim_edge_virq(struct sim_line *line, bool rising)
{
	struct irq_domain *domain = line->sim->gc.irq.domain;
	unsigned int want = rising ? IRQ_TYPE_EDGE_RISING : IRQ_TYPE_EDGE_FALLING;
	unsigned int virq;

	if (!READ_ONCE(line->unmasked) || !(READ_ONCE(line->irq_type) & want))
		return 0;
	/*
	 * disable_irq() is lazy: the chip is only masked at the next
	 * interrupt. Treat a disabled line as masked, so that the core never
	 * keeps an edge pending to replay it later and lineN/edges counts
	 * exactly the edges a handler saw.
	 */
	virq = irq_find_mapping(domain, line->offset);
	if (!virq || irqd_irq_disabled(irq_get_irq_data(virq)))
		return 0;
	atomic_long_inc(&line->edges);
	return virq;
}

/*
 * Deliver an edge to the line's interrupt handler. Hard-IRQ context only.
 * The line lock is not held: the handler may mask the line, which calls
 * back into the irq chip. In nested-threaded mode the edge is queued for
 * the bus thread instead (a full queue loses it, counted in nested_lost).
 */
void sim_raise(struct sim_line *line, bool rising)
{
	unsigned int virq;
	u8 dir = rising;

	lockdep_assert_irqs_disabled();
	if (nested_threaded) {
		raw_spin_lock(&line->lock);
		if (!kfifo_put(&line->nested, dir))
			atomic_long_inc(&line->nested_lost);
		raw_spin_unlock(&line->lock);
		queue_work(line->sim->bus, &line->nested_work);
		return;
	}
	virq = sim_edge_virq(line, rising);
	if (virq)
		generic_handle_irq(virq);
}

/* Nested-threaded mode: the bus thread raises the queued edges in order,
 * one batch per line in turn, as an expander's thread serves its lines.
 */
static void sim_nested_work(struct work_struct *work)
{
	struct sim_line *line = container_of(work, struct sim_line,
					     nested_work);
	unsigned int virq, n;
	u8 dir;

	/*
	 * Only the edges queued so far: a line whose burst outpaces the bus
	 * would otherwise keep this work running and starve the other lines'
	 * work queued behind it. sim_raise() queued it again for the rest.
	 */
	raw_spin_lock_irq(&line->lock);
	n = kfifo_len(&line->nested);
	raw_spin_unlock_irq(&line->lock);
	while (n--) {
		raw_spin_lock_irq(&line->lock);
		if (!kfifo_get(&line->nested, &dir)) {
			raw_spin_unlock_irq(&line->lock);
			return;
		}
		raw_spin_unlock_irq(&line->lock);
		virq = sim_edge_virq(line, dir);
		if (virq)
			handle_nested_irq(virq);
	}
}

static void sim_level_work(struct irq_work *work)
{
	struct sim_line *line = container_of(work, struct sim_line, work);

	sim_raise(line, READ_ONCE(line->pending_rising));
}

/**
 * sim_set_level() - set a line's input level, raising the edge if it changes
 * @line: the line
 * @level: 0 or 1
 *
 * Returns once the interrupt handler of the edge, if any, has run.
 * Return: 0, or -EBUSY while a burst or a waveform plays on the line or a
 * consumer drives it as an output.
 */
int sim_set_level(struct sim_line *line, int level)
{
	bool changed = false;

	lockdep_assert_held(&line->sim->lock);
	if (sim_wave_uses(line))
		return -EBUSY;
	raw_spin_lock_irq(&line->lock);
	if (line->pulses_left || line->output) {
		raw_spin_unlock_irq(&line->lock);
		return -EBUSY;
	}
	if (line->level != level) {
		WRITE_ONCE(line->level, level);
		WRITE_ONCE(line->pending_rising, level);
		changed = true;
	}
	raw_spin_unlock_irq(&line->lock);

	if (changed) {
		irq_work_queue(&line->work);
		irq_work_sync(&line->work);
		if (nested_threaded)
			flush_work(&line->nested_work);
	}
	return 0;
}

/*
 * One burst step: leave the resting level (first half of a pulse) or come
 * back to it (second half, which completes the pulse). pulses_left drops only
 * after the edge's handler ran, so that a reader who sees 0 also sees every
 * edge of the burst counted (in nested-threaded mode: raised, and queued for
 * the bus thread).
 */
static enum hrtimer_restart sim_burst_fn(struct hrtimer *timer)
{
	struct sim_line *line = container_of(timer, struct sim_line, timer);
	unsigned int left;
	bool rising;
	u64 next_ns;

	raw_spin_lock(&line->lock);
	if (!line->pulses_left) {
		raw_spin_unlock(&line->lock);
		return HRTIMER_NORESTART;
	}
	rising = !line->level;
	WRITE_ONCE(line->level, rising);
	line->away = !line->away;
	next_ns = line->away ? line->high_ns : line->low_ns;
	raw_spin_unlock(&line->lock);

	sim_raise(line, rising);

	raw_spin_lock(&line->lock);
	if (!line->away && line->pulses_left)
		WRITE_ONCE(line->pulses_left, line->pulses_left - 1);
	left = line->pulses_left;
	raw_spin_unlock(&line->lock);

	if (!left)
		return HRTIMER_NORESTART;
	/* Late under load (or TCG): skip ahead rather than fire in a loop. */
	hrtimer_forward_now(timer, ns_to_ktime(next_ns));
	return HRTIMER_RESTART;
}

/**
 * sim_burst_start() - start a burst of pulses on a line
 * @line: the line
 * @pulses: pulses to generate, at least 1
 * @period_ns: pulse period, at least SIM_BURST_MIN_PERIOD_NS
 * @high_ns: time away from the resting level in each pulse, in (0, period)
 *
 * A pulse leaves the line's present level and comes back to it: rising then
 * falling from low, falling then rising from high. The first edge comes
 * after period_ns - high_ns.
 * Return: 0, -EBUSY if a burst already runs on the line, a waveform that
 * sets it plays or a consumer drives it as an output.
 */
int sim_burst_start(struct sim_line *line, unsigned int pulses, u64 period_ns,
		    u64 high_ns)
{
	lockdep_assert_held(&line->sim->lock);
	if (READ_ONCE(line->pulses_left) || sim_wave_uses(line))
		return -EBUSY;
	/* Let the callback of a burst that just ended return. */
	hrtimer_cancel(&line->timer);

	raw_spin_lock_irq(&line->lock);
	if (line->output) {
		raw_spin_unlock_irq(&line->lock);
		return -EBUSY;
	}
	line->high_ns = high_ns;
	line->low_ns = period_ns - high_ns;
	line->away = false;
	WRITE_ONCE(line->pulses_left, pulses);
	raw_spin_unlock_irq(&line->lock);

	hrtimer_start(&line->timer, ns_to_ktime(line->low_ns),
		      HRTIMER_MODE_REL_HARD);
	return 0;
}

/**
 * sim_burst_stop() - stop a line's burst, if one runs
 * @line: the line
 *
 * The level stays where the burst left it. Returns once the burst timer no
 * longer runs.
 */
void sim_burst_stop(struct sim_line *line)
{
	raw_spin_lock_irq(&line->lock);
	WRITE_ONCE(line->pulses_left, 0);
	raw_spin_unlock_irq(&line->lock);
	hrtimer_cancel(&line->timer);
}

struct sim_name_buf {
	char *buf;
	size_t size;
};

/* Copies the first "gpiochipN" child's name and stops the walk. */
static int sim_copy_gpiochip_name(struct device *dev, void *data)
{
	struct sim_name_buf *name = data;

	if (strncmp(dev_name(dev), "gpiochip", 8))
		return 0;
	strscpy(name->buf, dev_name(dev), name->size);
	return 1;
}

/**
 * sim_chip_dev_name() - the chip's GPIO device name, "gpiochipN"
 * @sim: the simulator
 * @buf: where to write the name
 * @size: size of @buf
 *
 * Return: @buf, or NULL if the GPIO device is not found.
 */
const char *sim_chip_dev_name(struct sim_chip *sim, char *buf, size_t size)
{
	struct sim_name_buf name = { .buf = buf, .size = size };

	/* The walk holds the child while the callback copies its name. */
	if (!device_for_each_child(sim->dev, &name, sim_copy_gpiochip_name))
		return NULL;
	return buf;
}

/*
 * Stops the lines, as a devm action registered after the GPIO chip was
 * added: devres runs it first on unbind, before it removes the chip (an
 * action rather than .remove, whose type changed in 6.11).
 */
static void sim_stop(void *data)
{
	struct sim_chip *sim = data;
	unsigned int i;

	/* Waits for debugfs writers: no burst or level change starts after. */
	sim_debugfs_remove(sim);
	sim_wave_stop(sim);
	sim_wave_free(sim);
	for (i = 0; i < sim->nr_lines; i++) {
		sim_burst_stop(&sim->lines[i]);
		irq_work_sync(&sim->lines[i].work);
		if (sim->bus)
			flush_work(&sim->lines[i].nested_work);
	}
}

/* devres: after the GPIO chip (added later, removed earlier) is gone. */
static void sim_bus_destroy(void *bus)
{
	destroy_workqueue(bus);
}

static int sim_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct gpio_irq_chip *girq;
	struct gpio_chip *gc;
	struct sim_chip *sim;
	const char **names;
	unsigned int i;
	int ret;

	sim = devm_kzalloc(dev, struct_size(sim, lines, nr_lines), GFP_KERNEL);
	names = devm_kcalloc(dev, nr_lines, sizeof(*names), GFP_KERNEL);
	if (!sim || !names)
		return -ENOMEM;
	sim->dev = dev;
	sim->nr_lines = nr_lines;
	mutex_init(&sim->lock);
	mutex_init(&sim->bus_lock);
	sim_wave_init(sim);
	if (nested_threaded) {
		/* The expander's interrupt thread: one edge at a time, in
		 * order. A workqueue rather than a kthread_worker, whose API
		 * differs between the kernels we build for.
		 */
		sim->bus = alloc_ordered_workqueue("%s-bus", WQ_HIGHPRI,
						   SIM_NAME);
		if (!sim->bus)
			return -ENOMEM;
		ret = devm_add_action_or_reset(dev, sim_bus_destroy, sim->bus);
		if (ret)
			return ret;
	}

	for (i = 0; i < nr_lines; i++) {
		struct sim_line *line = &sim->lines[i];

		line->sim = sim;
		line->offset = i;
		raw_spin_lock_init(&line->lock);
		line->work = IRQ_WORK_INIT_HARD(sim_level_work);
		hrtimer_setup(&line->timer, sim_burst_fn, CLOCK_MONOTONIC,
			      HRTIMER_MODE_REL_HARD);
		line->pull = SIM_PULL_NONE;
		atomic_long_set(&line->edges, 0);
		INIT_KFIFO(line->nested);
		INIT_WORK(&line->nested_work, sim_nested_work);
		atomic_long_set(&line->nested_lost, 0);
		/* Line names "sim-0".., for consumers that look lines up by name. */
		names[i] = devm_kasprintf(dev, GFP_KERNEL, "sim-%u", i);
		if (!names[i])
			return -ENOMEM;
	}

	gc = &sim->gc;
	gc->label = SIM_NAME;
	gc->parent = dev;
	gc->owner = THIS_MODULE;
	gc->base = -1;
	gc->ngpio = nr_lines;
	gc->names = names;
	gc->can_sleep = can_sleep || nested_threaded;
	gc->get = sim_get;
	gc->get_direction = sim_get_direction;
	gc->direction_input = sim_direction_input;
	gc->direction_output = sim_direction_output;
	gc->set = sim_gc_set;
	gc->free = sim_free;
	gc->set_config = sim_set_config;

	girq = &gc->irq;
	sim->irqc = nested_threaded ? sim_irq_chip_nested : sim_irq_chip;
	gpio_irq_chip_set_chip(girq, &sim->irqc);
	girq->handler = handle_simple_irq;
	/* gpiolib marks each mapped irq nested-threaded. */
	girq->threaded = nested_threaded;
	girq->default_type = IRQ_TYPE_NONE;

	ret = devm_gpiochip_add_data(dev, gc, sim);
	if (ret)
		return dev_err_probe(dev, ret, "adding the GPIO chip\n");

	sim_debugfs_create(sim);
	ret = devm_add_action_or_reset(dev, sim_stop, sim);
	if (ret)
		return ret;
	platform_set_drvdata(pdev, sim);
	return 0;
}

static struct platform_driver sim_driver = {
	.driver = {
		.name = SIM_NAME,
	},
	.probe = sim_probe,
};

static int __init sim_init(void)
{
	int ret;

	if (!nr_lines || nr_lines > SIM_MAX_LINES) {
		pr_err("nr_lines must be 1-%d\n", SIM_MAX_LINES);
		return -EINVAL;
	}

	ret = platform_driver_register(&sim_driver);
	if (ret)
		return ret;

	sim_pdev = platform_device_register_simple(SIM_NAME, PLATFORM_DEVID_NONE,
						   NULL, 0);
	if (IS_ERR(sim_pdev)) {
		ret = PTR_ERR(sim_pdev);
		goto err_driver;
	}
	/* Probing is synchronous: no driver data means it failed. */
	if (!platform_get_drvdata(sim_pdev)) {
		ret = -ENODEV;
		goto err_device;
	}
	return 0;

err_device:
	platform_device_unregister(sim_pdev);
err_driver:
	platform_driver_unregister(&sim_driver);
	return ret;
}
module_init(sim_init);

static void __exit sim_exit(void)
{
	platform_device_unregister(sim_pdev);
	platform_driver_unregister(&sim_driver);
}
module_exit(sim_exit);

MODULE_DESCRIPTION("Simulated GPIO chip raising edges in hard-IRQ context, for gpioirq");
MODULE_LICENSE("GPL");
