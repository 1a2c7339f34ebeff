/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpioirq: one source for every kernel from 5.10 to 7.x.
 *
 * The only file that tests LINUX_VERSION_CODE. Each entry gives an older
 * kernel the interface a newer one has, under the newer name, so the other
 * files (gpioirq.ko and gpioirq-sim.ko alike) call the new interface. Each
 * entry names the release and the upstream change.
 *
 * Changes met without an entry, because one form works on every kernel:
 *  - no_llseek, removed in 6.12 ("fs: remove no_llseek"): a NULL .llseek
 *    already meant "no seeking" (-ESPIPE) before; the fops leave it NULL.
 *  - platform_driver.remove returning void, 6.11 ("platform: Make
 *    platform_driver::remove() return void"): the simulator has no .remove;
 *    it stops its lines from a devm action, which every kernel runs.
 *  - device_find_child()'s const match callback ("driver core: Constify
 *    API device_find_child()", after 6.12: 6.12's headers have the old
 *    callback, 7.2's the new): device_find_child_by_name() (5.3) and
 *    device_for_each_child(), the same on every kernel here, do the lookups.
 */
#ifndef GPIOIRQ_COMPAT_H
#define GPIOIRQ_COMPAT_H

#include <linux/gpio/driver.h>
#include <linux/hrtimer.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/irq_work.h>
#include <linux/mm.h>
#include <linux/u64_stats_sync.h>
#include <linux/version.h>
#include <linux/workqueue.h>

/* The kernel built against is older than release MAJOR.MINOR. */
#define GPIOIRQ_KERNEL_BEFORE(major, minor) \
	(KERNEL_VERSION(major, minor, 0) > LINUX_VERSION_CODE)

/*
 * 5.11, "irq_work: Cleanup" (IRQ_WORK_INIT, _LAZY and _HARD): an irq_work
 * initialiser; _HARD runs the work in hard-IRQ context on PREEMPT_RT too.
 * Before, the same flag set by hand.
 */
#if GPIOIRQ_KERNEL_BEFORE(5, 11)
#define IRQ_WORK_INIT_HARD(fn) \
	((struct irq_work){ .flags = ATOMIC_INIT(IRQ_WORK_HARD_IRQ), .func = (fn) })
#endif

/*
 * 5.15, "genirq: Add generic_handle_domain_irq()": handles the interrupt of
 * a domain's hwirq. Before, look the mapping up and handle it.
 */
#if GPIOIRQ_KERNEL_BEFORE(5, 15)
static inline int generic_handle_domain_irq(struct irq_domain *domain,
					    unsigned int hwirq)
{
	return generic_handle_irq(irq_find_mapping(domain, hwirq));
}
#endif

/*
 * 5.16, "u64_stats: Introduce u64_stats_set()": sets a counter (inside an
 * update section). Before, set the same field as u64_stats_add() adds to.
 */
#if GPIOIRQ_KERNEL_BEFORE(5, 16)
static inline void u64_stats_set(u64_stats_t *p, u64 val)
{
#if BITS_PER_LONG == 64
	local64_set(&p->v, val);
#else
	p->v = val;
#endif
}
#endif

/*
 * 5.19, "gpio: Don't fiddle with irqchips marked as immutable" and "gpio:
 * Add helpers to ease the transition towards immutable irq_chip": an
 * IRQCHIP_IMMUTABLE irq_chip calls gpiochip_disable_irq()/_enable_irq()
 * from its own mask/unmask and takes the resource helpers. Before, gpiolib
 * wraps the chip's mask/unmask with those calls and fills in the resource
 * hooks itself, writing into the irq_chip: the caller's irq_chip must be
 * writable (the simulator's is). The extra enable/disable calls only set and
 * clear the same flag bit.
 */
#if GPIOIRQ_KERNEL_BEFORE(5, 19)
#define IRQCHIP_IMMUTABLE		0
#define GPIOCHIP_IRQ_RESOURCE_HELPERS	.irq_request_resources = NULL

static inline void gpio_irq_chip_set_chip(struct gpio_irq_chip *girq,
					  const struct irq_chip *chip)
{
	/* Writable: see above. */
	girq->chip = (struct irq_chip *)chip;
}
#endif

/*
 * 6.3, "mm: introduce vma->vm_flags wrapper functions": vm_flags is
 * read-only, changed through vm_flags_set()/vm_flags_clear() (which take
 * the mmap lock's write side for granted, as ->mmap() runs under it).
 */
#if GPIOIRQ_KERNEL_BEFORE(6, 3)
static inline void vm_flags_set(struct vm_area_struct *vma,
				unsigned long flags)
{
	vma->vm_flags |= flags;
}

static inline void vm_flags_clear(struct vm_area_struct *vma,
				  unsigned long flags)
{
	vma->vm_flags &= ~flags;
}
#endif

/*
 * Chips by reference.
 * 6.7, "gpiolib: provide gpio_device_find()" and its siblings
 * gpio_device_get_chip() and gpio_device_put(); gpiochip_find() is gone.
 * gpio_device_find() returns a reference on the gpio_device (the object
 * that outlives its chip's driver: the chip pointer goes NULL on removal,
 * the descriptors stay valid memory) that the caller drops with
 * gpio_device_put().
 * 6.9, "gpio: constify opaque pointer in gpio_device_find() match
 * function": the data and match callback take const.
 *
 * Before 6.7 the gpio_device is private: gpiochip_find() finds the chip
 * under gpiolib's lock and returns it with no reference at all; this
 * gpio_device_find() returns the chip's gpio_device pointer as a handle
 * only, gpio_device_get_chip() finds the chip of that handle again (NULL
 * once the chip is gone, as on 6.7+), and gpio_device_put() drops nothing.
 * The limit: nothing but the chip module's reference (taken by the caller)
 * keeps the chip and its descriptors alive; a chip removed without
 * unloading its module (a built-in driver unbound) leaves the caller's
 * descriptor dangling. 6.7 and 6.8 are not built here.
 */
#if GPIOIRQ_KERNEL_BEFORE(6, 9)
struct gpioirq_compat_find {
	const void *data;
	int (*match)(struct gpio_chip *gc, const void *data);
};

static inline int gpioirq_compat_find_match(struct gpio_chip *gc, void *data)
{
	const struct gpioirq_compat_find *find = data;

	return find->match(gc, find->data);
}
#endif

#if GPIOIRQ_KERNEL_BEFORE(6, 7)
static inline struct gpio_device *
gpio_device_find(const void *data,
		 int (*match)(struct gpio_chip *gc, const void *data))
{
	struct gpioirq_compat_find find = { .data = data, .match = match };
	struct gpio_chip *gc = gpiochip_find(&find, gpioirq_compat_find_match);

	return gc ? gc->gpiodev : NULL;
}

static inline int gpioirq_compat_match_gdev(struct gpio_chip *gc, void *data)
{
	return gc->gpiodev == data;
}

static inline struct gpio_chip *gpio_device_get_chip(struct gpio_device *gdev)
{
	return gpiochip_find(gdev, gpioirq_compat_match_gdev);
}

static inline void gpio_device_put(struct gpio_device *gdev)
{
}
#elif GPIOIRQ_KERNEL_BEFORE(6, 9)
static inline struct gpio_device *
gpioirq_compat_gpio_device_find(const void *data,
				int (*match)(struct gpio_chip *gc,
					     const void *data))
{
	struct gpioirq_compat_find find = { .data = data, .match = match };

	return gpio_device_find(&find, gpioirq_compat_find_match);
}
#define gpio_device_find gpioirq_compat_gpio_device_find
#endif

/*
 * 6.9, "workqueue: Implement BH workqueues to eventually replace tasklets":
 * system_bh_wq runs work items in softirq context, as a tasklet. Before,
 * there is none: NULL, which callers test to refuse the kind.
 */
#if GPIOIRQ_KERNEL_BEFORE(6, 9)
#define system_bh_wq	((struct workqueue_struct *)NULL)
#endif

/*
 * 6.13, "hrtimer: Introduce hrtimer_setup() to replace hrtimer_init()":
 * init and callback in one call; hrtimer_init() is gone since.
 */
#if GPIOIRQ_KERNEL_BEFORE(6, 13)
static inline void hrtimer_setup(struct hrtimer *timer,
				 enum hrtimer_restart (*function)(struct hrtimer *),
				 clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

/*
 * 6.17, "treewide: rename GPIO set callbacks back to their original names"
 * (after "gpiolib: introduce gpio_chip setters that return values", 6.16):
 * gpio_chip.set returns an int, 0 or a negative errno. Before, it returns
 * void. GPIO_CHIP_SET_CALLBACK(name, fn) gives @name, a callback of the
 * kernel's type, for @fn, which returns int on every kernel: from 6.17 @fn
 * itself, before a wrapper that drops its result (the old type has no room
 * for an error).
 */
#if GPIOIRQ_KERNEL_BEFORE(6, 17)
#define GPIO_CHIP_SET_CALLBACK(name, fn)				\
static void name(struct gpio_chip *gc, unsigned int offset, int value)	\
{									\
	fn(gc, offset, value);						\
}
#else
#define GPIO_CHIP_SET_CALLBACK(name, fn)				\
static int (*const name)(struct gpio_chip *gc, unsigned int offset,	\
			 int value) = fn
#endif

#endif /* GPIOIRQ_COMPAT_H */
