// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq: the per-file event ring and its mmap.
 *
 * Producer region (mapped read-only): the control page (struct
 * gpioirq_ring_ctrl) then @entries slots. Consumer page (its own page, mapped
 * read-write): struct gpioirq_ring_consumer. Both are zeroed pages charged to
 * the memory cgroup of the process that set the ring up (see
 * gpioirq_ring_vmap()), and the module parameter ring_max_kib caps what one
 * file may take.
 *
 * Only the bottom halves (and direct lines' top halves, bh.c) write the
 * producer region, one at a time under ring->lock, taken with interrupts
 * off; the kernel keeps private copies of head, dropped and bad_tail
 * and only ever stores them to the shared page, so nothing user space could
 * do to its own page changes what the kernel believes.
 *
 * Barriers (kernel side here; user side in the library, same letters):
 *   A  gpioirq_ring_space():  load-acquire of cons->tail.
 *      Pairs with the consumer's store-release of tail: the consumer is done
 *      reading a slot before the kernel reuses it.
 *   B  gpioirq_ring_commit(): store-release of ctrl->head.
 *      Pairs with the consumer's load-acquire of head: a slot's contents are
 *      visible before the head that covers it.
 *   C  gpioirq_ring_wake():   smp_mb() between the head store (B) and the
 *      load of cons->wakeup.
 *      Pairs with the consumer's full barrier between its store of
 *      wakeup = 1 and its second load of head: either the consumer sees the
 *      new head, or the kernel sees wakeup and wakes it.
 */
#include <linux/gfp.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "internal.h"

static unsigned int gpioirq_ring_max_kib;
module_param_named(ring_max_kib, gpioirq_ring_max_kib, uint, 0644);
MODULE_PARM_DESC(ring_max_kib,
		 "ring memory one open file may take, KiB (0: no cap below the largest ring); RING_SETUP above it is E2BIG");

static size_t gpioirq_ring_producer_size(u32 entries)
{
	return PAGE_SIZE + PAGE_ALIGN((size_t)entries *
				      sizeof(struct gpioirq_event));
}

/* Bytes of ring memory a ring of @entries takes: producer region and
 * consumer page.
 */
static size_t gpioirq_ring_bytes(u32 entries)
{
	return gpioirq_ring_producer_size(entries) + PAGE_SIZE;
}

/*
 * The largest ring a file may set up now: GPIOIRQ_RING_MAX_ENTRIES, or the
 * largest power of two that fits in ring_max_kib (0 when not even the
 * smallest ring fits).
 */
u32 gpioirq_ring_max_entries(void)
{
	u64 cap = (u64)READ_ONCE(gpioirq_ring_max_kib) * 1024;
	u32 entries = GPIOIRQ_RING_MAX_ENTRIES;

	if (!cap)
		return entries;
	while (entries >= GPIOIRQ_RING_MIN_ENTRIES &&
	       gpioirq_ring_bytes(entries) > cap)
		entries >>= 1;
	return entries >= GPIOIRQ_RING_MIN_ENTRIES ? entries : 0;
}

/*
 * The ring's memory, as vmalloc_user() would give it (zeroed, virtually
 * contiguous, VM_USERMAP so that remap_vmalloc_range() maps it), but from
 * pages charged to the caller's memory cgroup: vmalloc_user() takes
 * GFP_KERNEL without __GFP_ACCOUNT, and the __vmalloc_node_range() that
 * would take a gfp mask is not exported to modules. This is what the BPF
 * ring buffer does (kernel/bpf/ringbuf.c). No __GFP_RETRY_MAYFAIL: a user
 * over its cgroup's limit meets the cgroup's OOM killer, as for any other
 * memory it asks for. @pages (kept, charged too) is what
 * gpioirq_ring_vunmap() frees.
 */
static void *gpioirq_ring_vmap(size_t size, struct page ***pagesp)
{
	unsigned int i, n = size >> PAGE_SHIFT;
	struct page **pages;
	void *addr;

	pages = kvcalloc(n, sizeof(*pages), GFP_KERNEL_ACCOUNT);
	if (!pages)
		return NULL;
	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);
		if (!pages[i])
			goto err_free;
	}
	addr = vmap(pages, n, VM_MAP | VM_USERMAP, PAGE_KERNEL);
	if (!addr)
		goto err_free;
	*pagesp = pages;
	return addr;

err_free:
	while (i--)
		__free_page(pages[i]);
	kvfree(pages);
	return NULL;
}

static void gpioirq_ring_vunmap(void *addr, size_t size, struct page **pages)
{
	unsigned int i, n = size >> PAGE_SHIFT;

	if (!addr)
		return;
	/* The mapping goes before its pages. */
	vunmap(addr);
	for (i = 0; i < n; i++)
		__free_page(pages[i]);
	kvfree(pages);
}

static struct gpioirq_ring *gpioirq_ring_alloc(u32 entries)
{
	struct gpioirq_ring *ring;

	ring = kzalloc(sizeof(*ring), GFP_KERNEL_ACCOUNT);
	if (!ring)
		return NULL;
	ring->entries = entries;
	ring->mask = entries - 1;
	ring->producer_size = gpioirq_ring_producer_size(entries);
	spin_lock_init(&ring->lock);

	/* Zeroed pages: no stale kernel data is mapped. */
	ring->ctrl = gpioirq_ring_vmap(ring->producer_size, &ring->ctrl_pages);
	if (!ring->ctrl)
		goto err_free_ring;
	ring->cons = gpioirq_ring_vmap(PAGE_SIZE, &ring->cons_pages);
	if (!ring->cons)
		goto err_free_ctrl;
	ring->slots = (struct gpioirq_event *)((char *)ring->ctrl + PAGE_SIZE);

	ring->ctrl->entries = entries;
	ring->ctrl->mask = ring->mask;
	ring->ctrl->event_size = sizeof(struct gpioirq_event);
	ring->ctrl->abi_version = GPIOIRQ_ABI_VERSION;
	return ring;

err_free_ctrl:
	gpioirq_ring_vunmap(ring->ctrl, ring->producer_size, ring->ctrl_pages);
err_free_ring:
	kfree(ring);
	return NULL;
}

void gpioirq_ring_free(struct gpioirq_ring *ring)
{
	if (!ring)
		return;
	gpioirq_ring_vunmap(ring->cons, PAGE_SIZE, ring->cons_pages);
	gpioirq_ring_vunmap(ring->ctrl, ring->producer_size, ring->ctrl_pages);
	kfree(ring);
}

/*
 * A new ring of @entries (0: the default): -EINVAL for a size the ABI
 * refuses, -E2BIG for one above ring_max_kib, -ENOMEM.
 */
struct gpioirq_ring *gpioirq_ring_new(u32 entries)
{
	struct gpioirq_ring *ring;

	if (!entries)
		entries = GPIOIRQ_RING_DEFAULT_ENTRIES;
	if (entries < GPIOIRQ_RING_MIN_ENTRIES ||
	    entries > GPIOIRQ_RING_MAX_ENTRIES || !is_power_of_2(entries))
		return ERR_PTR(-EINVAL);
	if (entries > gpioirq_ring_max_entries())
		return ERR_PTR(-E2BIG);
	ring = gpioirq_ring_alloc(entries);
	return ring ?: ERR_PTR(-ENOMEM);
}

/*
 * Called with f->setup_lock held, which serialises whatever sets f->ring.
 * entries 0 means the default.
 */
int gpioirq_ring_setup(struct gpioirq_file *f, u32 entries)
{
	struct gpioirq_ring *ring;

	if (f->ring)
		return -EBUSY;
	ring = gpioirq_ring_new(entries);
	if (IS_ERR(ring))
		return PTR_ERR(ring);
	/* Pairs with the load-acquires in mmap, poll and RING_INFO, which do
	 * not take f->lock (mmap must not: it runs under mmap_lock, which
	 * f->lock's holders may take through a page fault).
	 */
	smp_store_release(&f->ring, ring);
	return 0;
}

void gpioirq_ring_layout(const struct gpioirq_ring *ring,
			 struct gpioirq_ring_layout *lay)
{
	memset(lay, 0, sizeof(*lay));
	lay->entries = ring->entries;
	lay->event_size = sizeof(struct gpioirq_event);
	lay->mask = ring->mask;
	lay->producer_offset = GPIOIRQ_MMAP_PRODUCER;
	lay->producer_size = ring->producer_size;
	lay->consumer_offset = GPIOIRQ_MMAP_CONSUMER;
	lay->consumer_size = PAGE_SIZE;
	lay->head_offset = offsetof(struct gpioirq_ring_ctrl, head);
	lay->dropped_offset = offsetof(struct gpioirq_ring_ctrl, dropped);
	lay->events_offset = PAGE_SIZE;
	lay->tail_offset = offsetof(struct gpioirq_ring_consumer, tail);
	lay->wakeup_offset = offsetof(struct gpioirq_ring_consumer, wakeup);
}

/*
 * mmap: the producer region exactly (offset GPIOIRQ_MMAP_PRODUCER, length
 * producer_size), read-only; or the consumer page exactly (offset
 * GPIOIRQ_MMAP_CONSUMER, length consumer_size), MAP_SHARED. Anything else is
 * -EINVAL; no ring yet is -ENODEV; the producer region with PROT_WRITE is
 * -EPERM (and it can never become writable through mprotect()).
 */
int gpioirq_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct gpioirq_file *f = file->private_data;
	/* Pairs with the store-release that publishes f->ring. */
	struct gpioirq_ring *ring = smp_load_acquire(&f->ring);
	unsigned long size = vma->vm_end - vma->vm_start;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;

	if (!ring)
		return -ENODEV;
	if (off == GPIOIRQ_MMAP_PRODUCER) {
		if (size != ring->producer_size)
			return -EINVAL;
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vm_flags_clear(vma, VM_MAYWRITE);
		return remap_vmalloc_range(vma, ring->ctrl, 0);
	}
	if (off == GPIOIRQ_MMAP_CONSUMER) {
		if (size != PAGE_SIZE)
			return -EINVAL;
		/* A private copy of the page would never reach the kernel. */
		if (!(vma->vm_flags & VM_SHARED))
			return -EINVAL;
		return remap_vmalloc_range(vma, ring->cons, 0);
	}
	return -EINVAL;
}

__poll_t gpioirq_poll(struct file *file, struct poll_table_struct *wait)
{
	struct gpioirq_file *f = file->private_data;
	struct gpioirq_ring *ring;

	poll_wait(file, &f->wait, wait);
	/* Pairs with the store-release that publishes f->ring. */
	ring = smp_load_acquire(&f->ring);
	if (!ring)
		return EPOLLERR;
	/* A hint only: the consumer checks head itself. */
	if (READ_ONCE(ring->ctrl->head) != READ_ONCE(ring->cons->tail))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

/*
 * Free slots, from one read of the consumer's tail. Called with ring->lock
 * held, once per batch. A tail outside [head - entries, head] is counted in
 * bad_tail and the ring is treated as full: events are then dropped and
 * counted, and nothing the consumer may still be reading is overwritten.
 */
u32 gpioirq_ring_space(struct gpioirq_ring *ring)
{
	/* A: pairs with the consumer's store-release of tail. */
	u64 tail = smp_load_acquire(&ring->cons->tail);
	u64 used = ring->head - tail;

	if (used > ring->entries) {
		ring->bad_tail++;
		WRITE_ONCE(ring->ctrl->bad_tail, ring->bad_tail);
		return 0;
	}
	return ring->entries - (u32)used;
}

/*
 * Writes @ev into the next slot if @space allows, else counts it dropped.
 * Called with ring->lock held; @ev->seqno is already given.
 */
bool gpioirq_ring_write(struct gpioirq_ring *ring,
			const struct gpioirq_event *ev, u32 *space)
{
	if (!*space) {
		ring->dropped++;
		return false;
	}
	ring->slots[ring->head & ring->mask] = *ev;
	ring->head++;
	(*space)--;
	return true;
}

/* Makes the batch visible. Called with ring->lock held. */
void gpioirq_ring_commit(struct gpioirq_ring *ring)
{
	WRITE_ONCE(ring->ctrl->dropped, ring->dropped);
	/* B: pairs with the consumer's load-acquire of head. */
	smp_store_release(&ring->ctrl->head, ring->head);
}

/* Wakes pollers if the consumer asked for it. Called after commit. */
void gpioirq_ring_wake(struct gpioirq_file *f, struct gpioirq_ring *ring)
{
	/* C: pairs with the consumer's full barrier after it stores wakeup. */
	smp_mb();
	if (READ_ONCE(ring->cons->wakeup))
		wake_up_interruptible(&f->wait);
}
