/* SPDX-License-Identifier: LGPL-2.1-or-later OR MIT */
/* What the unit test suites share: one suite per object of the library. */
#ifndef GPIOIRQ_TESTS_UNIT_H
#define GPIOIRQ_TESTS_UNIT_H

#include <check.h>
#include <errno.h>

#include "fake.h"

Suite *ring_suite(void);
Suite *ctx_suite(void);
Suite *line_suite(void);
Suite *dispatch_suite(void);
Suite *wait_suite(void);
Suite *read_suite(void);
Suite *vcd_suite(void); /* irqctl's VCD reader, tools/irqctl/vcd.c */
Suite *bench_tally_suite(void); /* irqctl bench's accounting, tools/irqctl/bench-tally.c */
/* The examples' decoders (examples/: pure files, no device). */
Suite *example_encoder_suite(void);
Suite *example_nec_suite(void);
Suite *example_s0meter_suite(void);
Suite *example_pps_suite(void);

/* Sanitizers slow everything down: the timeout of every test case. */
#define UNIT_TIMEOUT_S 60

/*
 * What a counting callback saw. Written by the consumer, read by the test
 * after the consumer is known to be done (join, or an awaited count).
 */
struct seen {
	uint64_t n;		/* atomic */
	uint64_t seqno[64];	/* the first 64 seqnos */
	uint64_t last_seqno;
	uint64_t last_line_seqno;
	int out_of_order;	/* line_seqno not previous + 1 */
	int concurrent;		/* entered while already inside */
	int inside;		/* atomic */
	uint32_t handle;
	pthread_t thread;
	struct gpioirq_line *line;	/* gpioirq_event_get_line() of the last */
};

void seen_cb(const struct gpioirq_event *ev, void *arg);
uint64_t seen_n(struct seen *s);
/* Waits (yielding) until @s has seen @n events. */
void seen_await(struct seen *s, uint64_t n);

/* A line at @offset of the fake chip with callback @cb (NULL: wait mode). */
struct gpioirq_line *fake_line(struct fake *f, unsigned int offset, gpioirq_callback_t cb,
			       void *arg);

/* Expects @call to fail with -1 and @err; the call is evaluated once. */
#define ck_assert_fail(call, err)                                                  \
	do {                                                                       \
		errno = 0;                                                         \
		long ck_ret_ = (long)(call);                                       \
		int ck_errno_ = errno;                                             \
		ck_assert_int_eq(ck_ret_, -1);                                     \
		ck_assert_int_eq(ck_errno_, (err));                                \
	} while (0)

#define ck_assert_null_errno(call, err)                                            \
	do {                                                                       \
		errno = 0;                                                         \
		const void *ck_ptr_ = (call);                                      \
		int ck_errno_ = errno;                                             \
		ck_assert_ptr_null(ck_ptr_);                                       \
		ck_assert_int_eq(ck_errno_, (err));                                \
	} while (0)

#endif /* GPIOIRQ_TESTS_UNIT_H */
