/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpioirq: what the module's files share.
 *
 * Objects and who touches what:
 *  - struct gpioirq_file: one per open of /dev/gpioirq. @lock (a mutex)
 *    serialises the ioctls of that file; the top and bottom halves never take
 *    it.
 *  - struct gpioirq_ring: one per file, set up once, freed at release. The
 *    bottom halves of all the file's lines (and the top halves of direct
 *    lines) publish into it under @lock, with interrupts off (bh.c).
 *  - struct gpioirq_line: one per requested line. The top half, the debounce
 *    timer and the threaded fallback handler write the "th" state under
 *    @th_lock (raw: it stays a spinning lock on PREEMPT_RT); they hand edges
 *    to the bottom half through @fifo, a single-producer single-consumer
 *    kfifo (producer: whoever holds @th_lock; consumer: the bottom half,
 *    which never runs concurrently with itself).
 */
#ifndef GPIOIRQ_INTERNAL_H
#define GPIOIRQ_INTERNAL_H

#include <linux/gpio/consumer.h>
#include <linux/gpio/driver.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/kfifo.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <uapi/gpioirq.h>

#include "compat.h"

#define GPIOIRQ_MODULE_VERSION	"0.1.0"

/* Depth of a line's top-half buffer, in edges (a power of two). */
#define GPIOIRQ_LINE_FIFO_DEPTH	256

/* Storm guard window. */
#define GPIOIRQ_STORM_WINDOW_NS	NSEC_PER_SEC

extern unsigned int gpioirq_storm_limit;

/* One edge, as the top half hands it to the bottom half. */
struct gpioirq_rec {
	u64 timestamp_ns;	/* the line's clock */
	u64 queued_ns;		/* monotonic, when pushed: bh_delay_ns starts here */
	u64 pulse_ns;
	u8 edge;		/* GPIOIRQ_EDGE_*, logical; 0: derive in the bh */
	u8 level;		/* GPIOIRQ_LEVEL_*, logical */
	u8 flags;		/* GPIOIRQ_EVENT_F_* */
	u8 padding;
	u32 lost_before;	/* edges dropped just before this one */
};

struct gpioirq_ring {
	/* Producer region: ctrl page then the slots; gpioirq_ring_vmap(). */
	struct gpioirq_ring_ctrl *ctrl;
	struct page **ctrl_pages;
	struct gpioirq_event *slots;
	size_t producer_size;
	/* The consumer's page; gpioirq_ring_vmap(). Never trusted. */
	struct gpioirq_ring_consumer *cons;
	struct page **cons_pages;
	u32 entries;
	u32 mask;

	/* Serialises the publishers (the bottom halves of the file's lines). */
	spinlock_t lock;
	/* Private copies of what ctrl shows; under @lock. */
	u64 head;
	u64 dropped;
	u64 bad_tail;
	u64 seqno;	/* last seqno given, published or dropped */
};

struct gpioirq_file {
	/*
	 * Serialises what may set @ring (RING_SETUP, LINE_REQUEST), and is
	 * held across their copies to user space, which may stall as long as
	 * user space likes (userfaultfd, a hung FUSE mapping): only this
	 * file's own callers ever wait on it. Taken before @lock.
	 */
	struct mutex setup_lock;
	/* The file's ioctls; INFO, debugfs and open() wait on it (through
	 * gpioirq_files_lock): never held across a user copy.
	 */
	struct mutex lock;
	struct gpioirq_ring *ring;	/* set once (release-store), then fixed */
	struct gpioirq_line *lines[GPIOIRQ_MAX_LINES];
	unsigned int nr_lines;
	wait_queue_head_t wait;		/* pollers */
	struct list_head node;		/* gpioirq_files, for debugfs and INFO */
	unsigned int id;
	pid_t pid;
};

/* Counters written by the top half (and debounce timer) under th_lock. */
struct gpioirq_th_stats {
	struct u64_stats_sync syncp;
	u64_stats_t interrupts;
	u64_stats_t edges;
	u64_stats_t dropped;	/* top-half buffer full */
	u64_stats_t missed;
	u64_stats_t debounced;
	u64_stats_t storm_masks;
};

/* Counters written by the bottom half under the ring lock. */
struct gpioirq_bh_stats {
	struct u64_stats_sync syncp;
	u64_stats_t events;
	u64_stats_t dropped;	/* ring full */
	u64_stats_t missed;	/* sleeping chips: inferred in the bh */
	u64_stats_t bh_delay_max_ns;
};

/* A snapshot of a line's counters, as GPIOIRQ_IOC_LINE_STATS reports them. */
struct gpioirq_counts {
	u64 interrupts;
	u64 edges;
	u64 events;
	u64 dropped;
	u64 missed;
	u64 debounced;
	u64 storm_masks;
	u64 bh_delay_max_ns;
};

/* gpioirq_line.state bits */
#define GPIOIRQ_LINE_STORM_PENDING	0	/* bh owes a storm event */
#define GPIOIRQ_LINE_RELEASING		1	/* off the file's table */

struct gpioirq_line {
	struct gpioirq_file *file;
	struct gpioirq_ring *ring;	/* the file's, fixed */
	u32 handle;
	/* What the line holds: see gpioirq_chip_get() in line.c. */
	struct gpio_device *gdev;
	struct module *owner;
	struct gpio_desc *desc;
	bool held;		/* until gpioirq_line_teardown() */
	unsigned int gpio;	/* global number, shown in debugfs only */
	unsigned int offset;
	int irq;
	char chip_name[GPIOIRQ_NAME_SIZE];	/* as requested */
	/* The desc's label: gpiolib keeps the pointer before 6.9. */
	char consumer[GPIOIRQ_NAME_SIZE];
	char irq_name[48];
	bool cansleep;		/* the chip's get() may sleep */
	bool threaded;		/* nested-threaded irq: threaded handler */
	bool hw_debounce;	/* the chip debounces */
	/* The chip went away (gone.c); set once, under f->lock. */
	bool gone;
	/* Our device linked to the chip's parent (gone.c); NULL: none. */
	struct platform_device *holder;
	u32 bh;			/* GPIOIRQ_BH_TASKLET, _WORKQUEUE or _WORKQUEUE_BH */

	/* Config; written by ioctls with the irq disabled and the bh idle. */
	struct gpioirq_line_config config;
	u64 debounce_ns;	/* software debounce, 0 for none */
	u32 storm_limit;	/* resolved; 0 never masks */

	/*
	 * Serialises MASK and UNMASK with the storm guard of a threaded line,
	 * which masks from the thread half outside th_lock: on such a line
	 * (an expander behind I2C or SPI) disable_irq_nosync() takes the irq
	 * chip's bus lock, a mutex. Orders storm_masked with the irq's
	 * disable depth, as th_lock does for the hard top half.
	 */
	struct mutex mask_lock;

	/* Top-half state, under th_lock. */
	raw_spinlock_t th_lock;
	int last_raw;		/* raw level after the last edge, -1 unknown */
	u64 last_edge_ns;	/* monotonic time of the last edge, 0 none */
	u64 storm_window_ns;
	u32 storm_count;
	bool storm_masked;
	bool user_masked;	/* also under file->lock */
	u64 storm_timestamp_ns;	/* line clock, when the storm guard masked */
	u64 lost_pending;	/* dropped edges not yet told to the bh */
	/* software debounce */
	struct hrtimer db_timer;
	bool db_pending;
	u32 db_irqs;
	u64 db_first_ns;	/* monotonic */
	u64 db_first_ts;	/* the line's clock */
	struct gpioirq_th_stats th;

	DECLARE_KFIFO_PTR(fifo, struct gpioirq_rec);
	unsigned long state;

	/* Bottom-half state, only touched by the bh. */
	struct tasklet_struct tasklet;
	struct work_struct work;
	u64 line_seqno;
	int bh_last_raw;	/* sleeping chips: raw level after the last event */
	struct gpioirq_bh_stats bhs;
};

/* main.c */
extern struct mutex gpioirq_files_lock;
extern struct list_head gpioirq_files;

/* ring.c */
struct gpioirq_ring *gpioirq_ring_new(u32 entries);
void gpioirq_ring_free(struct gpioirq_ring *ring);
u32 gpioirq_ring_max_entries(void);
int gpioirq_ring_setup(struct gpioirq_file *f, u32 entries);
void gpioirq_ring_layout(const struct gpioirq_ring *ring,
			 struct gpioirq_ring_layout *lay);
int gpioirq_mmap(struct file *file, struct vm_area_struct *vma);
__poll_t gpioirq_poll(struct file *file, struct poll_table_struct *wait);
u32 gpioirq_ring_space(struct gpioirq_ring *ring);
bool gpioirq_ring_write(struct gpioirq_ring *ring,
			const struct gpioirq_event *ev, u32 *space);
void gpioirq_ring_commit(struct gpioirq_ring *ring);
void gpioirq_ring_wake(struct gpioirq_file *f, struct gpioirq_ring *ring);

/* line.c */
int gpioirq_consumer_copy(char *buf, u64 uptr);
int gpioirq_line_request(struct gpioirq_file *f,
			 struct gpioirq_line_request *req, const char *consumer,
			 struct gpioirq_ring *ring);
int gpioirq_line_take(struct gpioirq_file *f, u32 handle,
		      struct gpioirq_line **linep);
void gpioirq_line_teardown(struct gpioirq_line *line);
void gpioirq_line_free(struct gpioirq_line *line);
int gpioirq_line_find(struct gpioirq_file *f, u32 handle,
		      struct gpioirq_line **linep);
int gpioirq_line_reconfig(struct gpioirq_file *f,
			  const struct gpioirq_line_reconfig *rc);
int gpioirq_line_mask(struct gpioirq_file *f, u32 handle);
int gpioirq_line_unmask(struct gpioirq_file *f, u32 handle);
int gpioirq_line_get_value(struct gpioirq_file *f,
			   struct gpioirq_line_value *val);
int gpioirq_line_lookup(struct gpioirq_file *f, u32 handle,
			struct gpioirq_line **linep);

/* gone.c */
int gpioirq_gone_attach(struct gpioirq_line *line);
void gpioirq_gone_detach(struct gpioirq_line *line);
int gpioirq_gone_init(void);
void gpioirq_gone_exit(void);

/* th.c */
irqreturn_t gpioirq_top_half(int irq, void *dev_id);
irqreturn_t gpioirq_thread_half(int irq, void *dev_id);
enum hrtimer_restart gpioirq_debounce_fire(struct hrtimer *t);
void gpioirq_debounce_stop(struct gpioirq_line *line);
u64 gpioirq_take_lost(struct gpioirq_line *line);

/* bh.c */
void gpioirq_bh_init(struct gpioirq_line *line);
void gpioirq_bh_schedule(struct gpioirq_line *line);
void gpioirq_bh_sync(struct gpioirq_line *line);

/* stats.c */
void gpioirq_line_counts(struct gpioirq_line *line, struct gpioirq_counts *c);
void gpioirq_stats_retire(struct gpioirq_line *line);
void gpioirq_stats_info(struct gpioirq_info *info);
void gpioirq_stats_bh_delay(struct gpioirq_line *line, u64 delay_ns);
int gpioirq_debugfs_init(void);
void gpioirq_debugfs_exit(void);

#endif /* GPIOIRQ_INTERNAL_H */
