// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * gpioirq_line_mask() as MicroPython's disable_irq() for one line: two
 * events of line A already in the ring are held back (no callback) while
 * A is masked, A's edges meanwhile are not reported, line B's callbacks go
 * on; gpioirq_line_unmask() delivers the held two first, in order (the
 * interrupt core may replay one masked edge after them), then A's new
 * edges. A second mask (or unmask) is EALREADY.
 */
#include "libtest.h"

static struct {
	uint64_t line_seqno;
	int edge;
} seen_a[16];
static struct lt_count a;

static void record_a(const struct gpioirq_event *ev, void *arg)
{
	uint64_t n = lt_n(&a);

	if (n < 16) {
		seen_a[n].line_seqno = ev->line_seqno;
		seen_a[n].edge = ev->edge;
	}
	lt_count_cb(ev, arg);
}

int main(void)
{
	struct gpioirq *ctx = lt_setup();
	struct gpioirq_line_stats ls;
	struct lt_count b = { 0 };
	struct gpioirq_line *la;
	uint64_t n;

	la = lt_request(ctx, 0, record_a, &a);
	lt_request(ctx, 1, lt_count_cb, &b);
	EXPECT_OK(sim_set_level(0, 1));
	EXPECT_OK(sim_set_level(0, 0));
	/* Both published before the mask: they are in the ring. */
	lt_line_rest(la, 2);

	EXPECT_OK(gpioirq_line_mask(la));
	EXPECT_ERRNO(gpioirq_line_mask(la), EALREADY);
	EXPECT_OK(sim_set_level(0, 1));
	EXPECT_OK(sim_set_level(0, 0));
	EXPECT_OK(sim_set_level(1, 1));
	lt_dispatch_until(ctx, &b, 1);
	EXPECT_EQ(gpioirq_dispatch(ctx, 100), 0);
	EXPECT_EQ(a.n, 0);
	EXPECT_OK(gpioirq_line_get_stats(la, &ls));
	EXPECT_EQ(ls.events, 2);

	EXPECT_OK(gpioirq_line_unmask(la));
	EXPECT_ERRNO(gpioirq_line_unmask(la), EALREADY);
	lt_dispatch_until(ctx, &a, 2);
	EXPECT_EQ(seen_a[0].line_seqno, 1);
	EXPECT_EQ(seen_a[0].edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(seen_a[1].line_seqno, 2);
	EXPECT_EQ(seen_a[1].edge, GPIOIRQ_EDGE_FALLING);

	/* A new edge after the unmask comes through. */
	EXPECT_OK(sim_set_level(0, 1));
	ls = lt_line_rest(la, 3);
	lt_dispatch_until(ctx, &a, ls.events);
	n = lt_n(&a);
	EXPECT_TRUE(n == 3 || n == 4);
	EXPECT_EQ(seen_a[n - 1].edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(n, ls.events);
	EXPECT_EQ(a.bad_order, 0);
	EXPECT_EQ(b.n, 1);
	EXPECT_EQ(gpioirq_close(ctx), 0);
	return 0;
}
