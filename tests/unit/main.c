// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * The unit test runner: every suite, no kernel needed. Check writes TAP to
 * $CK_TAP_LOG_FILE_NAME when it is set (make check-unit sets it).
 */
#include <sched.h>
#include <stdlib.h>

#include "unit.h"

void seen_cb(const struct gpioirq_event *ev, void *arg)
{
	struct seen *s = arg;
	uint64_t n = __atomic_load_n(&s->n, __ATOMIC_RELAXED);

	if (__atomic_fetch_add(&s->inside, 1, __ATOMIC_SEQ_CST))
		s->concurrent++;
	if (n < 64)
		s->seqno[n] = ev->seqno;
	if (n && ev->line_seqno != s->last_line_seqno + 1)
		s->out_of_order++;
	s->last_seqno = ev->seqno;
	s->last_line_seqno = ev->line_seqno;
	s->handle = ev->handle;
	s->thread = pthread_self();
	s->line = gpioirq_event_get_line(ev);
	__atomic_fetch_sub(&s->inside, 1, __ATOMIC_SEQ_CST);
	/* Release: the fields above are written before the count says so. */
	__atomic_store_n(&s->n, n + 1, __ATOMIC_RELEASE);
}

uint64_t seen_n(struct seen *s)
{
	return __atomic_load_n(&s->n, __ATOMIC_ACQUIRE);
}

void seen_await(struct seen *s, uint64_t n)
{
	while (seen_n(s) < n)
		sched_yield();
}

struct gpioirq_line *fake_line(struct fake *f, unsigned int offset, gpioirq_callback_t cb,
			       void *arg)
{
	struct gpioirq_line_settings ls;

	gpioirq_line_settings_init(&ls);
	ls.callback = cb;
	ls.user_data = arg;
	return gpioirq_line_request(f->ctx, "fake0", offset, &ls);
}

int main(void)
{
	SRunner *sr = srunner_create(ring_suite());
	int failed;

	srunner_add_suite(sr, ctx_suite());
	srunner_add_suite(sr, line_suite());
	srunner_add_suite(sr, dispatch_suite());
	srunner_add_suite(sr, wait_suite());
	srunner_add_suite(sr, read_suite());
	srunner_add_suite(sr, vcd_suite());
	srunner_add_suite(sr, bench_tally_suite());
	srunner_add_suite(sr, example_encoder_suite());
	srunner_add_suite(sr, example_nec_suite());
	srunner_add_suite(sr, example_s0meter_suite());
	srunner_add_suite(sr, example_pps_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
