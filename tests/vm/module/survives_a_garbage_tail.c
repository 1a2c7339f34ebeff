// SPDX-License-Identifier: GPL-2.0
/*
 * The consumer page holds tails that are out of range, that is outside
 * [head - entries, head] in free-running (modular) arithmetic: ahead of head,
 * too far behind it, random 64-bit values: for each edge the kernel counts one
 * bad_tail, treats the ring as full and drops the event (counted), writing
 * nothing. Once the tail is sane again, events flow, with a seqno gap equal
 * to what was dropped.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint64_t tails[16], head, edges = 0;
	uint32_t h;
	unsigned int i, n = 0;

	mt_setup(NULL);
	mt_open(&r, 8);
	h = mt_request(r.fd, MT_LINE, GPIOIRQ_LINE_EDGE_BOTH);

	mt_set_level(MT_LINE, 1);
	mt_wait_rest(r.fd, h, ++edges, &st);
	EXPECT_TRUE(mt_next(&r, &ev));
	head = mt_head(&r);
	EXPECT_EQ(head, 1);

	tails[n++] = head + 1;
	tails[n++] = head + 100;
	tails[n++] = head + UINT64_MAX / 2;
	tails[n++] = head - 9;	/* 9 behind: more than entries */
	tails[n++] = 1ull << 63;
	srand(42);
	while (n < 16)
		tails[n++] = ((uint64_t)rand() << 40) ^ ((uint64_t)rand() << 20) ^
			     rand() ^ 0x100;

	for (i = 0; i < n; i++) {
		__atomic_store_n(&r.cons->tail, tails[i], __ATOMIC_RELEASE);
		mt_set_level(MT_LINE, !(edges & 1));
		mt_wait_rest(r.fd, h, ++edges, &st);
		EXPECT_EQ(r.ctrl->bad_tail, i + 1);
		EXPECT_EQ(r.ctrl->dropped, i + 1);
		EXPECT_EQ(mt_head(&r), head);
	}
	EXPECT_EQ(st.events, 1);
	EXPECT_EQ(st.dropped, n);

	/* Sane again. */
	__atomic_store_n(&r.cons->tail, head, __ATOMIC_RELEASE);
	mt_set_level(MT_LINE, !(edges & 1));
	mt_wait_rest(r.fd, h, ++edges, &st);
	EXPECT_TRUE(mt_next(&r, &ev));
	EXPECT_EQ(ev.seqno, n + 2);
	EXPECT_EQ(ev.line_seqno, n + 2);
	EXPECT_EQ(ev.seqno - 1 - 1, r.ctrl->dropped);
	EXPECT_EQ(r.ctrl->bad_tail, n);
	mt_check_empty(&r);
	mt_close(&r);
	return 0;
}
