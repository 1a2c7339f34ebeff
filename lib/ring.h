/* SPDX-License-Identifier: LGPL-2.1-or-later OR MIT */
/*
 * The ring's consumer fast path: no system call, no lock.
 *
 * Barriers, with the letters of kmod/ring.c (the kernel side):
 *   B'  gpioirq_ring_load_head():  load-acquire of ctrl->head.
 *       Pairs with B, the store-release of head in gpioirq_ring_commit():
 *       the slots up to head are written before we read them.
 *   A'  gpioirq_ring_store_tail(): store-release of cons->tail.
 *       Pairs with A, the load-acquire of tail in gpioirq_ring_space(): we
 *       are done copying slots before the kernel reuses them.
 *   C'  gpioirq_ring_arm():        store wakeup = 1, full fence, load head.
 *       Pairs with C, the smp_mb() in gpioirq_ring_wake() between the
 *       kernel's head store and its load of wakeup: either we see the new
 *       head, or the kernel sees wakeup and wakes our poll().
 *
 * The kernel's head is not trusted: a head more than entries ahead of our
 * tail (or behind it) cannot be a real fill level, so we skip to it and
 * count it instead of reading slots that were never written for us. The
 * slot index is always masked, so no read leaves the mapping.
 */
#ifndef GPIOIRQ_LIB_RING_H
#define GPIOIRQ_LIB_RING_H

#include <string.h>

#include "internal.h"

/*
 * A full barrier (smp_mb()). Under ThreadSanitizer, which does not model
 * fences (GCC refuses them with -Werror=tsan), a sequentially consistent
 * read-modify-write of a private variable stands in: it is a full barrier on
 * x86, where the sanitizer builds run, and TSan understands it.
 */
static inline void gpioirq_smp_mb(void)
{
#ifdef __SANITIZE_THREAD__
	int scratch = 0;

	__atomic_fetch_add(&scratch, 0, __ATOMIC_SEQ_CST);
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

/* Only the helpers below touch head, tail and wakeup. */
static inline uint64_t gpioirq_ring_load_head(const struct gpioirq_ring *r)
{
	/* B': pairs with B, the store-release in gpioirq_ring_commit(). */
	return __atomic_load_n(&r->ctrl->head, __ATOMIC_ACQUIRE);
}

static inline void gpioirq_ring_store_tail(struct gpioirq_ring *r)
{
	/* A': pairs with A, the load-acquire in gpioirq_ring_space(). */
	__atomic_store_n(&r->cons->tail, r->tail, __ATOMIC_RELEASE);
}

/* Events pending, without acquiring: only for "is it empty?" spins. */
static inline bool gpioirq_ring_pending(const struct gpioirq_ring *r)
{
	return __atomic_load_n(&r->ctrl->head, __ATOMIC_RELAXED) != r->tail;
}

/*
 * Asks the kernel for a wake-up on its next publish, then looks again.
 * Return: true if events came meanwhile (the caller must not sleep).
 */
static inline bool gpioirq_ring_arm(struct gpioirq_ring *r)
{
	if (!r->armed) {
		__atomic_store_n(&r->cons->wakeup, 1, __ATOMIC_RELAXED);
		r->armed = true;
	}
	/* C': pairs with C, the smp_mb() in gpioirq_ring_wake(). */
	gpioirq_smp_mb();
	return gpioirq_ring_load_head(r) != r->tail;
}

/* Awake: no more wake-ups needed while we consume (the uAPI's rule). */
static inline void gpioirq_ring_disarm(struct gpioirq_ring *r)
{
	if (r->armed) {
		__atomic_store_n(&r->cons->wakeup, 0, __ATOMIC_RELAXED);
		r->armed = false;
	}
}

/*
 * Events ready to read, from one load-acquire of head: read them with
 * gpioirq_ring_slot(r, 0 .. n - 1), then give them back with
 * gpioirq_ring_advance(r, n). The caller copies the slots before advancing,
 * so no callback ever sees a slot the kernel may be rewriting.
 *
 * Return: the fill level, at most entries. *@skipped is set to true when the
 * head was out of range: the tail then jumps to the head, and 0 is returned.
 */
static inline uint32_t gpioirq_ring_avail(struct gpioirq_ring *r, bool *skipped)
{
	uint64_t head = gpioirq_ring_load_head(r);
	uint64_t fill = head - r->tail;

	*skipped = false;
	if (fill > r->entries) {
		r->tail = head;
		gpioirq_ring_store_tail(r);
		*skipped = true;
		return 0;
	}
	return (uint32_t)fill;
}

/* The @i-th pending slot; the index is masked, so it never leaves the ring. */
static inline const struct gpioirq_event *gpioirq_ring_slot(const struct gpioirq_ring *r,
							    uint32_t i)
{
	return &r->events[(r->tail + i) & r->mask];
}

/* Of @n pending slots, how many lie before the ring's end (at least 1). */
static inline uint32_t gpioirq_ring_contig(const struct gpioirq_ring *r, uint32_t n)
{
	uint32_t left = r->entries - (uint32_t)(r->tail & r->mask);

	return n < left ? n : left;
}

/* Gives @n slots back to the kernel (store-release, A'). */
static inline void gpioirq_ring_advance(struct gpioirq_ring *r, uint32_t n)
{
	r->tail += n;
	gpioirq_ring_store_tail(r);
}

#endif /* GPIOIRQ_LIB_RING_H */
