/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note OR MIT */
/*
 * gpioirq user-space ABI: the one contract between gpioirq.ko and user space.
 *
 * A process opens /dev/gpioirq, sets up a ring (GPIOIRQ_IOC_RING_SETUP), maps
 * it with mmap(), requests lines, and then reads edge events from the ring
 * without a system call while events are pending.
 *
 * Rules followed by every struct here, as in <linux/gpio.h>:
 *  - only __u8/__u16/__u32/__aligned_u64 and fixed char arrays;
 *  - explicit padding; padding and reserved fields must be zero on the way in
 *    (-EINVAL otherwise) and are zeroed on the way out;
 *  - unknown flag bits are rejected with -EINVAL;
 *  - sizes are multiples of 8 and asserted at build time (module and tests);
 *  - the ABI grows by new ioctl numbers or by carving fields out of reserved
 *    space, never by changing a struct.
 *
 * Errors every ioctl may return: -EFAULT (bad pointer), -ENOTTY (unknown
 * ioctl, or a known number with another size or direction), -EINVAL
 * (unknown flags, non-zero padding or reserved fields, a value out of range,
 * a handle >= GPIOIRQ_MAX_LINES), -ENOENT (a handle in range that names no
 * line of this file). A failed ioctl leaves no state behind.
 */
#ifndef _UAPI_GPIOIRQ_H
#define _UAPI_GPIOIRQ_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

/* Bumped on any incompatible change; reported by GPIOIRQ_IOC_INFO. */
#define GPIOIRQ_ABI_VERSION		1

#define GPIOIRQ_DEVICE_PATH		"/dev/gpioirq"
#define GPIOIRQ_CONSUMER		"gpioirq"

#define GPIOIRQ_NAME_SIZE		32	/* chip name/label, NUL-terminated */
#define GPIOIRQ_VERSION_SIZE		32

/* Ring sizes, in events. Entries must be a power of two. */
#define GPIOIRQ_RING_DEFAULT_ENTRIES	4096
#define GPIOIRQ_RING_MIN_ENTRIES	2
#define GPIOIRQ_RING_MAX_ENTRIES	(1u << 20)

/* At most this many lines per open file. Handles are 0..GPIOIRQ_MAX_LINES-1. */
#define GPIOIRQ_MAX_LINES		64

/* Largest debounce period accepted, in µs (1 s, as the GPIO cdev allows more
 * but no button needs it). */
#define GPIOIRQ_DEBOUNCE_MAX_US		1000000

/*
 * storm_limit: interrupts per second above which a line is masked (counted
 * in 1 s windows). GPIOIRQ_STORM_DEFAULT takes the module parameter
 * storm_limit at request time (0 there: never mask).
 */
#define GPIOIRQ_STORM_DEFAULT		0		/* use the module default */
#define GPIOIRQ_STORM_OFF		0xffffffffu	/* never mask */

/*
 * mmap() offsets. The producer region (control page, then the event slots)
 * may only be mapped read-only (PROT_WRITE gives -EPERM); the consumer page
 * is the only writable page. Use the offsets and sizes GPIOIRQ_IOC_RING_SETUP
 * or GPIOIRQ_IOC_RING_INFO report rather than these constants.
 * Each region is mapped whole, at its offset and with its exact size
 * (-EINVAL otherwise); the consumer page only with MAP_SHARED (-EINVAL
 * otherwise); mmap() before the file has a ring is -ENODEV.
 */
#define GPIOIRQ_MMAP_PRODUCER		0x00000000ULL
#define GPIOIRQ_MMAP_CONSUMER		0x80000000ULL

/* struct gpioirq_line_config.flags */
#define GPIOIRQ_LINE_EDGE_RISING	_BITUL(0)
#define GPIOIRQ_LINE_EDGE_FALLING	_BITUL(1)
#define GPIOIRQ_LINE_ACTIVE_LOW		_BITUL(2)
#define GPIOIRQ_LINE_BIAS_PULL_UP	_BITUL(3)
#define GPIOIRQ_LINE_BIAS_PULL_DOWN	_BITUL(4)
#define GPIOIRQ_LINE_BIAS_DISABLED	_BITUL(5)
#define GPIOIRQ_LINE_EDGE_BOTH \
	(GPIOIRQ_LINE_EDGE_RISING | GPIOIRQ_LINE_EDGE_FALLING)
#define GPIOIRQ_LINE_FLAGS_ALL \
	(GPIOIRQ_LINE_EDGE_BOTH | GPIOIRQ_LINE_ACTIVE_LOW | \
	 GPIOIRQ_LINE_BIAS_PULL_UP | GPIOIRQ_LINE_BIAS_PULL_DOWN | \
	 GPIOIRQ_LINE_BIAS_DISABLED)

/*
 * struct gpioirq_line_config.flags, bias: set through the chip's set_config;
 * a chip that cannot do the bias asked for fails the request with
 * -EOPNOTSUPP. No bias flag leaves the chip's bias as it is.
 */

/*
 * struct gpioirq_line_config.bh: which bottom half fills the ring.
 * GPIOIRQ_BH_WORKQUEUE_BH is a work item on the kernel's BH workqueue
 * (system_bh_wq, kernel 6.9 and later): it runs in softirq context, as a
 * tasklet does, and replaces tasklets upstream. -EOPNOTSUPP on a kernel
 * without BH workqueues (before 6.9), -EINVAL on a chip that sleeps.
 * GPIOIRQ_BH_AUTO never chooses it.
 * GPIOIRQ_BH_DIRECT has no bottom half: the top half writes the ring and
 * wakes pollers itself, in hard-IRQ context. It is the lower bound that
 * shows what deferring costs (make bench), not a mode for production: every
 * event is copied with interrupts off. -EINVAL on a chip that sleeps or
 * with debounce_us set (the debounce timer would be a second writer of the
 * line's records); -EOPNOTSUPP on PREEMPT_RT, where the ring's lock and the
 * poll wait queue are sleeping locks that hard-IRQ context must not take.
 * bh_delay_ns is then the time the top half took from its timestamp to the
 * ring write. GPIOIRQ_BH_AUTO never chooses it.
 */
#define GPIOIRQ_BH_AUTO			0	/* tasklet, or workqueue if the chip sleeps */
#define GPIOIRQ_BH_TASKLET		1	/* -EINVAL on a chip that sleeps */
#define GPIOIRQ_BH_WORKQUEUE		2
#define GPIOIRQ_BH_WORKQUEUE_BH		3	/* see above */
#define GPIOIRQ_BH_DIRECT		4	/* see above */

/* struct gpioirq_line_config.clock: the clock of event timestamp_ns. */
#define GPIOIRQ_CLOCK_MONOTONIC		0
#define GPIOIRQ_CLOCK_REALTIME		1
#define GPIOIRQ_CLOCK_BOOTTIME		2

/**
 * struct gpioirq_line_config - how a line reports edges
 * @flags: GPIOIRQ_LINE_*; at least one edge; at most one bias flag
 * @debounce_us: debounce period in µs, 0 for none, at most
 * GPIOIRQ_DEBOUNCE_MAX_US; the chip's hardware debounce where it has one,
 * otherwise done in the module (which needs a chip that does not sleep:
 * -EOPNOTSUPP otherwise)
 * @bh: GPIOIRQ_BH_*
 * @clock: GPIOIRQ_CLOCK_*
 * @storm_limit: edges per second, GPIOIRQ_STORM_DEFAULT or GPIOIRQ_STORM_OFF
 * @padding: must be zero
 * @cookie: opaque to the kernel, echoed in every event of the line
 * @reserved: must be zero
 */
struct gpioirq_line_config {
	__u32 flags;
	__u32 debounce_us;
	__u32 bh;
	__u32 clock;
	__u32 storm_limit;
	__u32 padding;
	__aligned_u64 cookie;
	__aligned_u64 reserved[2];
};

/**
 * struct gpioirq_line_request - GPIOIRQ_IOC_LINE_REQUEST argument
 * @chip: in, the chip's device name ("gpiochip0") or its label ("gpio-sim.0");
 * a device name is only found for a chip whose parent device has no other
 * GPIO chip (the 6.1 kernel keeps the chip-to-name link private): name other
 * chips by label
 * @offset: in, the line's offset on that chip
 * @handle: out, the handle naming this line in the other ioctls and events
 * @config: in
 * @consumer: in, 0 or a user pointer to the consumer name the line is used
 * by, as gpioinfo shows it (libgpiod's gpiod_request_config_set_consumer()):
 * 1 to GPIOIRQ_NAME_SIZE - 1 printable characters and no space, then a NUL;
 * 0 means GPIOIRQ_CONSUMER. Modules that take it say so in GPIOIRQ_IOC_INFO's
 * features (GPIOIRQ_FEATURE_CONSUMER); older ones reject it (-EINVAL, as a
 * reserved field)
 * @reserved: must be zero
 *
 * The line is then used, by @consumer, as gpioinfo shows.
 * The handle is the lowest free one. A request on a file without a ring
 * sets up a ring of GPIOIRQ_RING_DEFAULT_ENTRIES (if the request succeeds).
 * Errors: -ENODEV no such chip; -EINVAL offset out of range, a bad config,
 * a bad @consumer name; -EFAULT @consumer points outside the caller's memory;
 * GPIOIRQ_BH_TASKLET or GPIOIRQ_BH_WORKQUEUE_BH on a chip that sleeps;
 * -EBUSY the line is held (by gpioirq, this file included, or by any other
 * consumer such as the GPIO character device); -ENOSPC the file holds
 * GPIOIRQ_MAX_LINES lines; -EOPNOTSUPP see bias and debounce_us, and
 * GPIOIRQ_BH_WORKQUEUE_BH on a kernel before 6.9; -ENXIO the line has no
 * interrupt; -E2BIG the default ring is above the ring_max_kib cap;
 * -EFAULT @handle cannot be written (the line and the default ring are
 * then taken back: a failed request leaves nothing behind).
 */
struct gpioirq_line_request {
	char chip[GPIOIRQ_NAME_SIZE];
	__u32 offset;
	__u32 handle;
	struct gpioirq_line_config config;
	__aligned_u64 consumer;
	__aligned_u64 reserved[1];
};

/**
 * struct gpioirq_line_reconfig - GPIOIRQ_IOC_LINE_RECONFIG argument
 * @handle: in
 * @padding: must be zero
 * @config: in; @config.bh must equal the line's bottom-half kind as requested
 * (GPIOIRQ_BH_AUTO matches what AUTO chose), else -EINVAL
 *
 * The line's interrupt is disabled and its bottom half drained while the
 * config changes: edges in that window are not reported. Counters and
 * sequence numbers carry on. On error the line keeps its old config.
 */
struct gpioirq_line_reconfig {
	__u32 handle;
	__u32 padding;
	struct gpioirq_line_config config;
};

/**
 * struct gpioirq_line_handle - argument of the ioctls that only name a line
 * @handle: in
 * @padding: must be zero
 *
 * GPIOIRQ_IOC_LINE_MASK disables the line's interrupt (the user's critical
 * section): edges while masked are not reported, though the interrupt core
 * may replay one edge it saw at the unmask. Masking a line the user already
 * masked is -EALREADY. GPIOIRQ_IOC_LINE_UNMASK lifts the user's mask and the
 * storm guard's; unmasking a line masked by neither is -EALREADY.
 * GPIOIRQ_IOC_LINE_RELEASE frees the line (masked or not): once it returns,
 * no event of the line is written any more.
 */
struct gpioirq_line_handle {
	__u32 handle;
	__u32 padding;
};

/**
 * struct gpioirq_line_value - GPIOIRQ_IOC_LINE_GET_VALUE argument
 * @handle: in
 * @value: out, the logical level: 1 active, 0 inactive (active-low applied)
 */
struct gpioirq_line_value {
	__u32 handle;
	__u32 value;
};

/**
 * struct gpioirq_line_stats - GPIOIRQ_IOC_LINE_STATS argument; counters
 * since the line was requested
 * @handle: in
 * @padding: must be zero
 * @interrupts: top-half runs
 * @edges: edges the top half accepted (after software debounce); at rest,
 * edges == events + dropped
 * @events: edge events published into the ring
 * @dropped: edges lost: ring full, or the line's top-half buffer full
 * @missed: edges the hardware never reported, inferred from the level
 * @debounced: edges swallowed by software debounce
 * @storm_masks: times the storm guard masked the line
 * @bh_delay_max_ns: worst top-half to bottom-half delay seen
 * @reserved: zero
 */
struct gpioirq_line_stats {
	__u32 handle;
	__u32 padding;
	__aligned_u64 interrupts;
	__aligned_u64 edges;
	__aligned_u64 events;
	__aligned_u64 dropped;
	__aligned_u64 missed;
	__aligned_u64 debounced;
	__aligned_u64 storm_masks;
	__aligned_u64 bh_delay_max_ns;
	__aligned_u64 reserved[4];
};

/**
 * struct gpioirq_info - GPIOIRQ_IOC_INFO result (module-wide)
 * @abi_version: GPIOIRQ_ABI_VERSION of the module
 * @event_size: sizeof(struct gpioirq_event)
 * @version: module version string, NUL-terminated
 * @ring_default_entries: GPIOIRQ_RING_DEFAULT_ENTRIES
 * @ring_max_entries: largest ring the module accepts now: at most
 * GPIOIRQ_RING_MAX_ENTRIES, less when the module parameter ring_max_kib caps
 * the ring memory of one file (0 when it is below the smallest ring)
 * @max_lines: lines per open file
 * @storm_limit: module default storm limit, edges per second
 * @files: open files now
 * @lines: lines held now, all files
 * @interrupts: module totals since load, as in struct gpioirq_line_stats
 * @edges: ditto
 * @events: ditto
 * @dropped: ditto
 * @storm_masks: ditto
 * @bh_delay_max_ns: ditto
 * @features: GPIOIRQ_FEATURE_*, what this module takes beyond ABI 1's first
 * release
 * @padding: zero
 * @reserved: zero
 */
struct gpioirq_info {
	__u32 abi_version;
	__u32 event_size;
	char version[GPIOIRQ_VERSION_SIZE];
	__u32 ring_default_entries;
	__u32 ring_max_entries;
	__u32 max_lines;
	__u32 storm_limit;
	__u32 files;
	__u32 lines;
	__aligned_u64 interrupts;
	__aligned_u64 edges;
	__aligned_u64 events;
	__aligned_u64 dropped;
	__aligned_u64 storm_masks;
	__aligned_u64 bh_delay_max_ns;
	__u32 features;
	__u32 padding;
	__aligned_u64 reserved[3];
};

/* struct gpioirq_info.features */
#define GPIOIRQ_FEATURE_CONSUMER	_BITUL(0)	/* gpioirq_line_request.consumer */

/**
 * struct gpioirq_ring_layout - GPIOIRQ_IOC_RING_SETUP / _RING_INFO argument
 * @entries: in (SETUP): events, a power of two within
 * [GPIOIRQ_RING_MIN_ENTRIES, ring_max_entries], 0 for the default;
 * out: the ring's size in events. A file has one ring: a second SETUP (or
 * one after a line request set up the default ring) is -EBUSY;
 * GPIOIRQ_IOC_RING_INFO before any ring is -ENODEV. A valid size above
 * gpioirq_info.ring_max_entries (the ring_max_kib cap: producer region plus
 * consumer page, in KiB) is -E2BIG. The ring's pages are charged to the
 * memory cgroup of the process that set it up (-ENOMEM, or that cgroup's
 * OOM killer, when it is over its limit)
 * @flags: in: must be zero
 * @event_size: out, sizeof(struct gpioirq_event)
 * @mask: out, entries - 1
 * @producer_offset: out, mmap() offset of the read-only producer region
 * @producer_size: out, its length in bytes
 * @consumer_offset: out, mmap() offset of the writable consumer page
 * @consumer_size: out, its length in bytes
 * @head_offset: out, byte offset of ctrl.head in the producer region
 * @dropped_offset: out, byte offset of ctrl.dropped in the producer region
 * @events_offset: out, byte offset of the first event slot
 * @tail_offset: out, byte offset of the tail in the consumer page
 * @wakeup_offset: out, byte offset of the wakeup flag in the consumer page
 * @padding: zero
 * @reserved: zero
 */
struct gpioirq_ring_layout {
	__u32 entries;
	__u32 flags;
	__u32 event_size;
	__u32 mask;
	__aligned_u64 producer_offset;
	__aligned_u64 producer_size;
	__aligned_u64 consumer_offset;
	__aligned_u64 consumer_size;
	__u32 head_offset;
	__u32 dropped_offset;
	__u32 events_offset;
	__u32 tail_offset;
	__u32 wakeup_offset;
	__u32 padding;
	__aligned_u64 reserved[4];
};

/*
 * The ring.
 *
 * Producer region (read-only to user space):
 *   offset 0: struct gpioirq_ring_ctrl (one page)
 *   events_offset: entries slots of struct gpioirq_event
 * Consumer page (read-write): struct gpioirq_ring_consumer.
 *
 * head and tail run freely (they never wrap back to 0 in practice); the slot
 * of position p is events[p & mask]; the fill level is head - tail, compared
 * by unsigned difference.
 *
 * Memory ordering:
 *   kernel: writes slots, then publishes head with a store-release;
 *   user:   loads head with a load-acquire, reads slots, then publishes
 *           tail with a store-release;
 *   kernel: loads tail with a load-acquire before reusing a slot.
 * Wake-up (only when asked, never once per event):
 *   user:   stores wakeup = 1, full barrier, loads head again; if the ring is
 *           still empty, sleeps in poll(); clears wakeup when awake;
 *   kernel: after publishing head, full barrier, loads wakeup; wakes pollers
 *           if it is non-zero.
 * poll() reports EPOLLIN while head != tail (EPOLLERR before the file has a
 * ring); it is woken only as above.
 * The kernel never trusts the consumer page: it reads tail once per batch,
 * and a tail outside [head - entries, head] counts in bad_tail and makes the
 * kernel treat the ring as full (events are dropped and counted; nothing the
 * consumer may still read is overwritten).
 */

/**
 * struct gpioirq_ring_ctrl - start of the producer region; written by the
 * kernel only
 * @head: events published (free-running); store-release by the kernel
 * @dropped: events dropped (free-running): ring full, or a line's top-half
 * buffer full; each took a seqno, so the seqno gaps add up to @dropped
 * @bad_tail: times the kernel found the consumer's tail out of range
 * @entries: ring size in events
 * @mask: entries - 1
 * @event_size: sizeof(struct gpioirq_event)
 * @abi_version: GPIOIRQ_ABI_VERSION
 * @reserved: zero
 */
struct gpioirq_ring_ctrl {
	__aligned_u64 head;
	__aligned_u64 dropped;
	__aligned_u64 bad_tail;
	__u32 entries;
	__u32 mask;
	__u32 event_size;
	__u32 abi_version;
	__aligned_u64 reserved[3];
};

/**
 * struct gpioirq_ring_consumer - the consumer page; written by user space
 * @tail: events consumed (free-running); store-release by user space
 * @wakeup: non-zero asks the kernel to wake pollers on the next publish
 * @padding: ignored
 */
struct gpioirq_ring_consumer {
	__aligned_u64 tail;
	__u32 wakeup;
	__u32 padding;
};

/* struct gpioirq_event.type */
#define GPIOIRQ_EVENT_EDGE		1	/* an edge of the line */
#define GPIOIRQ_EVENT_STORM		2	/* the storm guard masked the line:
						 * timestamp_ns is when (line's
						 * clock); after the line's last
						 * edge event; unmask with
						 * GPIOIRQ_IOC_LINE_UNMASK */
#define GPIOIRQ_EVENT_CHIP_GONE		3	/* the line's chip went away
						 * (its device unbound, its
						 * driver removed, unplugged):
						 * the line is stopped and its
						 * GPIO freed; the last event
						 * of the line, after its last
						 * edge; timestamp_ns is
						 * monotonic; line_seqno the
						 * line's last (all its edges,
						 * delivered or dropped). Then
						 * every ioctl on the handle is
						 * -ENODEV but LINE_STATS (the
						 * final counts) and
						 * LINE_RELEASE */

/* struct gpioirq_event.edge */
#define GPIOIRQ_EDGE_RISING		1
#define GPIOIRQ_EDGE_FALLING		2

/* struct gpioirq_event.level */
#define GPIOIRQ_LEVEL_LOW		0
#define GPIOIRQ_LEVEL_HIGH		1
#define GPIOIRQ_LEVEL_UNKNOWN		0xff	/* chip sleeps: not read in the top half */

/* struct gpioirq_event.flags */
#define GPIOIRQ_EVENT_F_MISSED		_BITUL(0)	/* edges were missed before this one */
#define GPIOIRQ_EVENT_F_DEBOUNCED	_BITUL(1)	/* passed software debounce */

/**
 * struct gpioirq_event - one slot of the ring; written by the kernel only
 * @timestamp_ns: when the top half saw this very edge, in the line's clock
 * (for debounced lines: the edge that began the stable level)
 * @seqno: per-file sequence number, from 1; gaps show dropped events
 * @line_seqno: per-line sequence number of the edge, from 1; dropped edges
 * take one too, so gaps show the line's losses (a storm event repeats the
 * line_seqno of the line's last edge)
 * @cookie: the line's config.cookie
 * @pulse_ns: time since the previous edge of this line (0 for the first)
 * @bh_delay_ns: top-half to bottom-half delay, monotonic clock
 * @handle: the line's handle
 * @type: GPIOIRQ_EVENT_*
 * @edge: GPIOIRQ_EDGE_*, logical (active-low applied); 0 in storm events.
 * With GPIOIRQ_LEVEL_UNKNOWN on a both-edges line, the bottom half derives
 * the direction from the level it reads and the alternation of edges
 * @level: GPIOIRQ_LEVEL_*, logical level just after the edge, read in the top
 * half; GPIOIRQ_LEVEL_UNKNOWN in storm events
 * @flags: GPIOIRQ_EVENT_F_*
 * @reserved: zero
 */
struct gpioirq_event {
	__aligned_u64 timestamp_ns;
	__aligned_u64 seqno;
	__aligned_u64 line_seqno;
	__aligned_u64 cookie;
	__aligned_u64 pulse_ns;
	__aligned_u64 bh_delay_ns;
	__u32 handle;
	__u8 type;
	__u8 edge;
	__u8 level;
	__u8 flags;
	__aligned_u64 reserved;
};

#define GPIOIRQ_IOC_MAGIC		0xB8

#define GPIOIRQ_IOC_INFO	_IOR(GPIOIRQ_IOC_MAGIC, 0x00, struct gpioirq_info)
#define GPIOIRQ_IOC_RING_SETUP	_IOWR(GPIOIRQ_IOC_MAGIC, 0x01, struct gpioirq_ring_layout)
#define GPIOIRQ_IOC_RING_INFO	_IOR(GPIOIRQ_IOC_MAGIC, 0x02, struct gpioirq_ring_layout)
#define GPIOIRQ_IOC_LINE_REQUEST _IOWR(GPIOIRQ_IOC_MAGIC, 0x03, struct gpioirq_line_request)
#define GPIOIRQ_IOC_LINE_RELEASE _IOW(GPIOIRQ_IOC_MAGIC, 0x04, struct gpioirq_line_handle)
#define GPIOIRQ_IOC_LINE_RECONFIG _IOW(GPIOIRQ_IOC_MAGIC, 0x05, struct gpioirq_line_reconfig)
#define GPIOIRQ_IOC_LINE_MASK	_IOW(GPIOIRQ_IOC_MAGIC, 0x06, struct gpioirq_line_handle)
#define GPIOIRQ_IOC_LINE_UNMASK	_IOW(GPIOIRQ_IOC_MAGIC, 0x07, struct gpioirq_line_handle)
#define GPIOIRQ_IOC_LINE_STATS	_IOWR(GPIOIRQ_IOC_MAGIC, 0x08, struct gpioirq_line_stats)
#define GPIOIRQ_IOC_LINE_GET_VALUE _IOWR(GPIOIRQ_IOC_MAGIC, 0x09, struct gpioirq_line_value)

#endif /* _UAPI_GPIOIRQ_H */
