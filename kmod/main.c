// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq: GPIO edges into an mmap'ed event ring.
 *
 * This file: the module, the misc device /dev/gpioirq, open/release and the
 * ioctl dispatch. The ring is in ring.c, lines and the top half in line.c,
 * the bottom halves in bh.c, counters and debugfs in stats.c.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/build_bug.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "internal.h"

unsigned int gpioirq_storm_limit = 200000;
module_param_named(storm_limit, gpioirq_storm_limit, uint, 0644);
MODULE_PARM_DESC(storm_limit,
		 "default storm guard limit, edges per second (0: never mask)");

DEFINE_MUTEX(gpioirq_files_lock);
LIST_HEAD(gpioirq_files);
static unsigned int gpioirq_next_file_id;

static void gpioirq_abi_asserts(void)
{
	/* The ABI's sizes; the same values are asserted by tests/vm/module. */
	BUILD_BUG_ON(sizeof(struct gpioirq_line_config) != 48);
	BUILD_BUG_ON(sizeof(struct gpioirq_line_request) != 104);
	BUILD_BUG_ON(sizeof(struct gpioirq_line_reconfig) != 56);
	BUILD_BUG_ON(sizeof(struct gpioirq_line_handle) != 8);
	BUILD_BUG_ON(sizeof(struct gpioirq_line_value) != 8);
	BUILD_BUG_ON(sizeof(struct gpioirq_line_stats) != 104);
	BUILD_BUG_ON(sizeof(struct gpioirq_info) != 144);
	BUILD_BUG_ON(sizeof(struct gpioirq_ring_layout) != 104);
	BUILD_BUG_ON(sizeof(struct gpioirq_ring_ctrl) != 64);
	BUILD_BUG_ON(sizeof(struct gpioirq_ring_consumer) != 16);
	BUILD_BUG_ON(sizeof(struct gpioirq_event) != 64);
	BUILD_BUG_ON(offsetof(struct gpioirq_ring_ctrl, head) != 0);
	BUILD_BUG_ON(offsetof(struct gpioirq_ring_consumer, tail) != 0);
	BUILD_BUG_ON(GPIOIRQ_RING_MAX_ENTRIES & (GPIOIRQ_RING_MAX_ENTRIES - 1));
	BUILD_BUG_ON(GPIOIRQ_RING_DEFAULT_ENTRIES &
		     (GPIOIRQ_RING_DEFAULT_ENTRIES - 1));
	BUILD_BUG_ON(sizeof(struct gpioirq_ring_ctrl) > PAGE_SIZE);
}

static int gpioirq_open(struct inode *inode, struct file *file)
{
	struct gpioirq_file *f;

	/* Everything a file allocates is charged to its opener's memory
	 * cgroup (GFP_KERNEL_ACCOUNT here, in ring.c and in line.c).
	 */
	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	mutex_init(&f->setup_lock);
	mutex_init(&f->lock);
	init_waitqueue_head(&f->wait);
	f->pid = task_tgid_nr(current);

	mutex_lock(&gpioirq_files_lock);
	f->id = gpioirq_next_file_id++;
	list_add_tail(&f->node, &gpioirq_files);
	mutex_unlock(&gpioirq_files_lock);

	file->private_data = f;
	return nonseekable_open(inode, file);
}

static int gpioirq_release(struct inode *inode, struct file *file)
{
	struct gpioirq_file *f = file->private_data;
	struct gpioirq_line *lines[GPIOIRQ_MAX_LINES];
	unsigned int i, n = 0;

	/* The lines leave the table under f->lock (debugfs and INFO read
	 * it), and are freed without it (see gpioirq_line_free()). Each
	 * line's irq, timer and bh are stopped before its memory goes;
	 * nothing writes the ring after this.
	 */
	mutex_lock(&f->lock);
	for (i = 0; i < GPIOIRQ_MAX_LINES; i++) {
		if (!gpioirq_line_take(f, i, &lines[n]))
			n++;
	}
	mutex_unlock(&f->lock);
	for (i = 0; i < n; i++)
		gpioirq_line_free(lines[i]);

	mutex_lock(&gpioirq_files_lock);
	list_del(&f->node);
	mutex_unlock(&gpioirq_files_lock);

	/* Mappings hold a reference on the file, so none is left. */
	gpioirq_ring_free(f->ring);
	mutex_destroy(&f->lock);
	mutex_destroy(&f->setup_lock);
	kfree(f);
	return 0;
}

static int gpioirq_ioc_info(void __user *arg)
{
	struct gpioirq_info info;

	memset(&info, 0, sizeof(info));
	info.abi_version = GPIOIRQ_ABI_VERSION;
	info.event_size = sizeof(struct gpioirq_event);
	strscpy(info.version, GPIOIRQ_MODULE_VERSION, sizeof(info.version));
	info.ring_default_entries = GPIOIRQ_RING_DEFAULT_ENTRIES;
	info.ring_max_entries = gpioirq_ring_max_entries();
	info.max_lines = GPIOIRQ_MAX_LINES;
	info.storm_limit = READ_ONCE(gpioirq_storm_limit);
	info.features = GPIOIRQ_FEATURE_CONSUMER;
	gpioirq_stats_info(&info);
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static int gpioirq_ioc_ring_setup(struct gpioirq_file *f, void __user *arg)
{
	struct gpioirq_ring_layout lay;
	int ret;

	if (copy_from_user(&lay, arg, sizeof(lay)))
		return -EFAULT;
	/* entries and flags are the inputs; the out fields are ignored. */
	if (lay.flags || lay.padding ||
	    memchr_inv(lay.reserved, 0, sizeof(lay.reserved)))
		return -EINVAL;

	mutex_lock(&f->setup_lock);
	ret = gpioirq_ring_setup(f, lay.entries);
	if (!ret)
		gpioirq_ring_layout(f->ring, &lay);
	mutex_unlock(&f->setup_lock);
	if (ret)
		return ret;
	/* The ring stays: the layout can be read again with RING_INFO. */
	return copy_to_user(arg, &lay, sizeof(lay)) ? -EFAULT : 0;
}

static int gpioirq_ioc_ring_info(struct gpioirq_file *f, void __user *arg)
{
	/* Pairs with the release-store in gpioirq_ring_setup(). */
	struct gpioirq_ring *ring = smp_load_acquire(&f->ring);
	struct gpioirq_ring_layout lay;

	if (!ring)
		return -ENODEV;
	gpioirq_ring_layout(ring, &lay);
	return copy_to_user(arg, &lay, sizeof(lay)) ? -EFAULT : 0;
}

/*
 * The line is requested under f->lock, and its handle copied out after
 * f->lock is dropped (under f->setup_lock, which only this file's own
 * requests and ring setups wait on). A default ring this request makes is
 * published only once the handle reached user space, so that a request
 * that fails, the copy included, leaves neither line nor ring behind: no
 * mmap() could have seen the ring it takes back.
 */
static int gpioirq_ioc_line_request(struct gpioirq_file *f, void __user *arg)
{
	__u32 __user *uhandle = arg + offsetof(struct gpioirq_line_request,
					       handle);
	struct gpioirq_ring *new_ring = NULL;
	struct gpioirq_line_request req;
	char consumer[GPIOIRQ_NAME_SIZE];
	int ret;

	if (copy_from_user(&req, arg, sizeof(req)))
		return -EFAULT;
	ret = gpioirq_consumer_copy(consumer, req.consumer);
	if (ret)
		return ret;
	mutex_lock(&f->setup_lock);
	/* f->ring only changes under setup_lock. */
	if (!f->ring) {
		new_ring = gpioirq_ring_new(0);
		if (IS_ERR(new_ring)) {
			ret = PTR_ERR(new_ring);
			goto out_unlock;
		}
	}
	mutex_lock(&f->lock);
	ret = gpioirq_line_request(f, &req, consumer, new_ring ?: f->ring);
	mutex_unlock(&f->lock);
	if (ret)
		goto out_free;
	if (put_user(req.handle, uhandle)) {
		struct gpioirq_line *line;

		/* Nobody learnt the handle: take the line back. */
		mutex_lock(&f->lock);
		ret = gpioirq_line_take(f, req.handle, &line);
		mutex_unlock(&f->lock);
		if (!ret)
			gpioirq_line_free(line);
		ret = -EFAULT;
		goto out_free;
	}
	if (new_ring) {
		/* Pairs with the load-acquires in mmap, poll and RING_INFO. */
		smp_store_release(&f->ring, new_ring);
		new_ring = NULL;
	}
out_free:
	/* The line's bottom half, the ring's only writer, is stopped. */
	gpioirq_ring_free(new_ring);
out_unlock:
	mutex_unlock(&f->setup_lock);
	return ret;
}

static int gpioirq_get_handle(void __user *arg, u32 *handle)
{
	struct gpioirq_line_handle lh;

	if (copy_from_user(&lh, arg, sizeof(lh)))
		return -EFAULT;
	if (lh.padding)
		return -EINVAL;
	*handle = lh.handle;
	return 0;
}

static int gpioirq_ioc_line_handle(struct gpioirq_file *f, unsigned int cmd,
				   void __user *arg)
{
	struct gpioirq_line *line;
	u32 handle;
	int ret;

	ret = gpioirq_get_handle(arg, &handle);
	if (ret)
		return ret;
	mutex_lock(&f->lock);
	switch (cmd) {
	case GPIOIRQ_IOC_LINE_RELEASE:
		ret = gpioirq_line_take(f, handle, &line);
		mutex_unlock(&f->lock);
		/* Without f->lock: see gpioirq_line_free(). */
		if (!ret)
			gpioirq_line_free(line);
		return ret;
	case GPIOIRQ_IOC_LINE_MASK:
		ret = gpioirq_line_mask(f, handle);
		break;
	default:
		ret = gpioirq_line_unmask(f, handle);
		break;
	}
	mutex_unlock(&f->lock);
	return ret;
}

static int gpioirq_ioc_line_reconfig(struct gpioirq_file *f, void __user *arg)
{
	struct gpioirq_line_reconfig rc;
	int ret;

	if (copy_from_user(&rc, arg, sizeof(rc)))
		return -EFAULT;
	if (rc.padding)
		return -EINVAL;
	mutex_lock(&f->lock);
	ret = gpioirq_line_reconfig(f, &rc);
	mutex_unlock(&f->lock);
	return ret;
}

static int gpioirq_ioc_line_stats(struct gpioirq_file *f, void __user *arg)
{
	struct gpioirq_line_stats st;
	struct gpioirq_counts c;
	struct gpioirq_line *line;
	u32 handle;
	int ret;

	ret = gpioirq_get_handle(arg, &handle);
	if (ret)
		return ret;
	mutex_lock(&f->lock);
	/* A line whose chip went keeps its final counts until released. */
	ret = gpioirq_line_find(f, handle, &line);
	if (!ret)
		gpioirq_line_counts(line, &c);
	mutex_unlock(&f->lock);
	if (ret)
		return ret;

	memset(&st, 0, sizeof(st));
	st.handle = handle;
	st.interrupts = c.interrupts;
	st.edges = c.edges;
	st.events = c.events;
	st.dropped = c.dropped;
	st.missed = c.missed;
	st.debounced = c.debounced;
	st.storm_masks = c.storm_masks;
	st.bh_delay_max_ns = c.bh_delay_max_ns;
	return copy_to_user(arg, &st, sizeof(st)) ? -EFAULT : 0;
}

static int gpioirq_ioc_line_get_value(struct gpioirq_file *f, void __user *arg)
{
	struct gpioirq_line_value val;
	int ret;

	if (copy_from_user(&val, arg, sizeof(val)))
		return -EFAULT;
	mutex_lock(&f->lock);
	ret = gpioirq_line_get_value(f, &val);
	mutex_unlock(&f->lock);
	if (ret)
		return ret;
	return copy_to_user(arg, &val, sizeof(val)) ? -EFAULT : 0;
}

static long gpioirq_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct gpioirq_file *f = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case GPIOIRQ_IOC_INFO:
		return gpioirq_ioc_info(uarg);
	case GPIOIRQ_IOC_RING_SETUP:
		return gpioirq_ioc_ring_setup(f, uarg);
	case GPIOIRQ_IOC_RING_INFO:
		return gpioirq_ioc_ring_info(f, uarg);
	case GPIOIRQ_IOC_LINE_REQUEST:
		return gpioirq_ioc_line_request(f, uarg);
	case GPIOIRQ_IOC_LINE_RELEASE:
	case GPIOIRQ_IOC_LINE_MASK:
	case GPIOIRQ_IOC_LINE_UNMASK:
		return gpioirq_ioc_line_handle(f, cmd, uarg);
	case GPIOIRQ_IOC_LINE_RECONFIG:
		return gpioirq_ioc_line_reconfig(f, uarg);
	case GPIOIRQ_IOC_LINE_STATS:
		return gpioirq_ioc_line_stats(f, uarg);
	case GPIOIRQ_IOC_LINE_GET_VALUE:
		return gpioirq_ioc_line_get_value(f, uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations gpioirq_fops = {
	.owner = THIS_MODULE,
	.open = gpioirq_open,
	.release = gpioirq_release,
	.unlocked_ioctl = gpioirq_ioctl,
	/* Every argument is the same on 32 and 64 bit. */
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = gpioirq_mmap,
	.poll = gpioirq_poll,
	/* No .llseek: NULL is -ESPIPE on every kernel (compat.h). */
};

static struct miscdevice gpioirq_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "gpioirq",
	.fops = &gpioirq_fops,
	.mode = 0660,
};

static int __init gpioirq_init(void)
{
	int ret;

	gpioirq_abi_asserts();
	ret = gpioirq_debugfs_init();
	if (ret)
		return ret;
	ret = gpioirq_gone_init();
	if (ret)
		goto err_debugfs;
	ret = misc_register(&gpioirq_misc);
	if (ret)
		goto err_gone;
	pr_info("version %s, ABI %d, storm_limit %u edges/s\n",
		GPIOIRQ_MODULE_VERSION, GPIOIRQ_ABI_VERSION,
		gpioirq_storm_limit);
	return 0;

err_gone:
	gpioirq_gone_exit();
err_debugfs:
	gpioirq_debugfs_exit();
	return ret;
}

static void __exit gpioirq_exit(void)
{
	/* No file is open: the fops owner holds the module while one is. */
	misc_deregister(&gpioirq_misc);
	gpioirq_gone_exit();
	gpioirq_debugfs_exit();
}

module_init(gpioirq_init);
module_exit(gpioirq_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("GPIO edges into an mmap'ed event ring");
MODULE_VERSION(GPIOIRQ_MODULE_VERSION);
MODULE_AUTHOR("gpioirq authors");
