/* SPDX-License-Identifier: LGPL-2.1-or-later OR MIT */
/*
 * A fake gpioirq module for the unit tests: the ring in plain memory with
 * the uAPI layout, a producer that follows the kernel's protocol (slots,
 * store-release of head, full barrier, wakeup check) and the line ioctls.
 * The library runs on it through its internal constructor, with no device.
 */
#ifndef GPIOIRQ_TESTS_FAKE_H
#define GPIOIRQ_TESTS_FAKE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../../lib/internal.h"

struct fake_line {
	bool used;
	bool masked;
	uint32_t value;
	uint64_t line_seqno;
	uint64_t last_ts;
	struct gpioirq_line_request req;
	char consumer[GPIOIRQ_NAME_SIZE];	/* what gpioinfo would show */
};

struct fake {
	struct gpioirq *ctx;
	struct gpioirq_ring_layout lay;
	void *prod;		/* ctrl page + slots */
	struct gpioirq_ring_ctrl *ctrl;
	struct gpioirq_event *slots;
	struct gpioirq_ring_consumer *cons;
	int wake_fd;		/* our end of the "device" eventfd */

	pthread_mutex_t lock;	/* the fake's own state, below */
	uint64_t head;		/* private head, as the kernel keeps one */
	uint64_t seqno;
	uint64_t dropped;
	uint64_t wakes;		/* times the producer found wakeup set */
	struct fake_line lines[GPIOIRQ_MAX_LINES];
	uint32_t features;	/* INFO's; GPIOIRQ_FEATURE_CONSUMER from fake_new() */
	unsigned int infos;	/* INFO ioctls so far */
	unsigned long fail_req;	/* this ioctl fails once with fail_errno */
	int fail_errno;
	unsigned int releases;
	/*
	 * Called in the consumer each time the library acks the device: as it
	 * starts gpioirq_consume_wait() (before it takes anything) and after
	 * poll() saw the device. Lets a test stop the consumer right there.
	 */
	void (*on_ack)(struct fake *f);
	int hook_entered;	/* atomic: for the test's hook */
};

/* A fake with a ring of @entries and a context over it (fake->ctx). */
struct fake *fake_new(uint32_t entries);
/* Closes the context (if still open) and frees the fake. */
void fake_free(struct fake *f);

/*
 * Publishes one edge of @handle as the kernel would: rising when @level is
 * 1. Drops (and counts, leaving a seqno gap) when the ring is full.
 * Return: true if published.
 */
bool fake_edge(struct fake *f, uint32_t handle, int level);
/* The same with a chosen timestamp and flags. */
bool fake_edge_at(struct fake *f, uint32_t handle, int level, uint64_t ts, uint8_t flags);
/*
 * Publishes the line's last event, GPIOIRQ_EVENT_CHIP_GONE, as the module
 * does when the chip goes away (its line_seqno counts the line's edges).
 */
bool fake_chip_gone(struct fake *f, uint32_t handle);
/* As fake_edge() but waits (yielding) for space instead of dropping. */
void fake_edge_wait_space(struct fake *f, uint32_t handle, int level);
/* Writes a raw head (a garbage head, for the tests that want one). */
void fake_set_head(struct fake *f, uint64_t head);
/* The consumer's tail as the kernel would read it (load-acquire). */
uint64_t fake_tail(struct fake *f);
/* Waits until the consumer has asked for a wake-up (then it sleeps soon). */
void fake_wait_armed(struct fake *f);

/* CLOCK_MONOTONIC in ns. */
uint64_t fake_now_ns(void);

#endif /* GPIOIRQ_TESTS_FAKE_H */
