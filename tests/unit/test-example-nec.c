// SPDX-License-Identifier: MIT
/*
 * examples/nec-decoder.c: NEC frames and repeat codes decoded exactly from
 * synthetic edge sequences with ±10 % jitter from a fixed seed, and bad
 * frames rejected with their reason.
 */
#include <stdio.h>

#include "nec-decoder.h"
#include "unit.h"

/* The events of an active-low receiver's line, requested active-low: a
 * mark is a logical high pulse.
 */
struct ir_gen {
	uint64_t seqno;
	uint64_t ns;
	uint32_t rng;		/* xorshift32 state; 0: no jitter */
	unsigned int jitter_pct;
	unsigned int speed_pct;	/* 100: real time */
	bool high;
};

static uint32_t ir_rand(struct ir_gen *g)
{
	g->rng ^= g->rng << 13;
	g->rng ^= g->rng >> 17;
	g->rng ^= g->rng << 5;
	return g->rng;
}

/* The decoder's answers to one level of @ns (nominal) ending with an edge. */
struct ir_out {
	int frames, repeats, bad;
	char reason[96];
};

static void ir_level(struct ir_gen *g, struct nec *n, struct ir_out *out, uint64_t ns)
{
	struct gpioirq_event ev = { 0 };
	int64_t j = 0;

	if (g->rng && g->jitter_pct) {
		/* Uniform in [-jitter, +jitter] percent, in steps of 0.1 %. */
		int64_t permille = (int64_t)(ir_rand(g) % (2 * g->jitter_pct * 10 + 1)) -
				   (int64_t)g->jitter_pct * 10;

		j = (int64_t)ns * permille / 1000;
	}
	ns = (uint64_t)((int64_t)ns + j) * 100 / g->speed_pct;
	g->ns += ns;
	g->high = !g->high;
	ev.type = GPIOIRQ_EVENT_EDGE;
	ev.seqno = ++g->seqno;
	ev.line_seqno = g->seqno;
	ev.timestamp_ns = g->ns;
	ev.pulse_ns = ns;
	ev.edge = g->high ? GPIOIRQ_EDGE_RISING : GPIOIRQ_EDGE_FALLING;
	ev.level = g->high;
	switch (nec_feed(n, &ev)) {
	case NEC_FRAME:
		out->frames++;
		break;
	case NEC_REPEAT:
		out->repeats++;
		break;
	case NEC_BAD:
		out->bad++;
		snprintf(out->reason, sizeof(out->reason), "%s", n->reason);
		break;
	case NEC_NOTHING:
		break;
	}
}

/* A mark of @mark_ns after a space of @space_ns. */
static void ir_mark(struct ir_gen *g, struct nec *n, struct ir_out *out, uint64_t space_ns,
		    uint64_t mark_ns)
{
	ir_level(g, n, out, space_ns);
	ir_level(g, n, out, mark_ns);
}

/* A whole frame of 32 bits @data, after 40 ms of idle. */
static void ir_frame(struct ir_gen *g, struct nec *n, struct ir_out *out, uint32_t data)
{
	int i;

	ir_mark(g, n, out, 40000000, NEC_HEADER_MARK_NS);
	ir_level(g, n, out, NEC_HEADER_SPACE_NS);
	for (i = 0; i < 32; i++) {
		ir_level(g, n, out, NEC_BIT_MARK_NS);
		ir_level(g, n, out, data >> i & 1 ? NEC_ONE_SPACE_NS : NEC_ZERO_SPACE_NS);
	}
	ir_level(g, n, out, NEC_BIT_MARK_NS);
}

static void ir_repeat(struct ir_gen *g, struct nec *n, struct ir_out *out)
{
	ir_mark(g, n, out, 40000000, NEC_HEADER_MARK_NS);
	ir_mark(g, n, out, NEC_REPEAT_SPACE_NS, NEC_BIT_MARK_NS);
}

static uint32_t nec_data(uint8_t addr, uint8_t cmd)
{
	return (uint32_t)addr | (uint32_t)(uint8_t)~addr << 8 | (uint32_t)cmd << 16 |
	       (uint32_t)(uint8_t)~cmd << 24;
}

START_TEST(decodes_address_0x00_command_0x45_exactly)
{
	struct ir_gen g = { .speed_pct = 100 };
	struct ir_out out = { 0 };
	struct nec n;

	nec_init(&n, 100);
	ir_frame(&g, &n, &out, nec_data(0x00, 0x45));
	ck_assert_int_eq(out.frames, 1);
	ck_assert_int_eq(out.bad, 0);
	ck_assert_uint_eq(n.address, 0x00);
	ck_assert_uint_eq(n.command, 0x45);
	ck_assert(!n.extended);
}
END_TEST

START_TEST(decodes_1000_frames_with_10_percent_jitter_exactly)
{
	struct ir_gen g = { .rng = 12345, .jitter_pct = 10, .speed_pct = 100 };
	struct ir_out out = { 0 };
	uint32_t rng = 777;
	struct nec n;
	int i;

	nec_init(&n, 100);
	for (i = 0; i < 1000; i++) {
		uint8_t addr, cmd;

		rng = rng * 1103515245u + 12345u;
		addr = rng >> 16 & 0xff;
		cmd = rng >> 24;
		ir_frame(&g, &n, &out, nec_data(addr, cmd));
		ck_assert_int_eq(out.frames, i + 1);
		ck_assert_uint_eq(n.address, addr);
		ck_assert_uint_eq(n.command, cmd);
	}
	ck_assert_int_eq(out.bad, 0);
	ck_assert_uint_eq(n.frames, 1000);
}
END_TEST

START_TEST(decodes_a_16_bit_extended_address)
{
	struct ir_gen g = { .speed_pct = 100 };
	struct ir_out out = { 0 };
	struct nec n;

	nec_init(&n, 100);
	ir_frame(&g, &n, &out, 0x34 | 0x12 << 8 | 0x0cu << 16 | 0xf3u << 24);
	ck_assert_int_eq(out.frames, 1);
	ck_assert(n.extended);
	ck_assert_uint_eq(n.address, 0x1234);
	ck_assert_uint_eq(n.command, 0x0c);
}
END_TEST

START_TEST(decodes_repeat_codes_of_the_last_frame)
{
	struct ir_gen g = { .rng = 99, .jitter_pct = 10, .speed_pct = 100 };
	struct ir_out out = { 0 };
	struct nec n;
	int i;

	nec_init(&n, 100);
	ir_frame(&g, &n, &out, nec_data(0x04, 0x08));
	for (i = 0; i < 5; i++)
		ir_repeat(&g, &n, &out);
	ck_assert_int_eq(out.frames, 1);
	ck_assert_int_eq(out.repeats, 5);
	ck_assert_int_eq(out.bad, 0);
	ck_assert_uint_eq(n.repeats, 5);
	ck_assert_uint_eq(n.address, 0x04);
	ck_assert_uint_eq(n.command, 0x08);
}
END_TEST

START_TEST(rejects_a_repeat_code_with_no_frame_before_it)
{
	struct ir_gen g = { .speed_pct = 100 };
	struct ir_out out = { 0 };
	struct nec n;

	nec_init(&n, 100);
	ir_repeat(&g, &n, &out);
	ck_assert_int_eq(out.repeats, 0);
	ck_assert_int_eq(out.bad, 1);
	ck_assert_str_eq(out.reason, "a repeat code with no frame before it");
}
END_TEST

START_TEST(rejects_a_command_that_is_not_its_complement)
{
	struct ir_gen g = { .speed_pct = 100 };
	struct ir_out out = { 0 };
	struct nec n;

	nec_init(&n, 100);
	ir_frame(&g, &n, &out, nec_data(0x01, 0x16) ^ 0x01000000);
	ck_assert_int_eq(out.frames, 0);
	ck_assert_int_eq(out.bad, 1);
	ck_assert_str_eq(out.reason, "command 0x16 and its complement 0xe8 disagree");
	/* A repeat code after a rejected frame repeats nothing. */
	ir_repeat(&g, &n, &out);
	ck_assert_int_eq(out.repeats, 0);
	ck_assert_int_eq(out.bad, 2);
}
END_TEST

START_TEST(rejects_a_3_ms_bit_space_and_decodes_the_next_frame)
{
	struct ir_gen g = { .speed_pct = 100 };
	struct ir_out out = { 0 };
	struct nec n;
	int i;

	nec_init(&n, 100);
	ir_mark(&g, &n, &out, 40000000, NEC_HEADER_MARK_NS);
	ir_level(&g, &n, &out, NEC_HEADER_SPACE_NS);
	for (i = 0; i < 5; i++) {
		ir_level(&g, &n, &out, NEC_BIT_MARK_NS);
		ir_level(&g, &n, &out, i == 4 ? 3000000 : NEC_ZERO_SPACE_NS);
	}
	ck_assert_int_eq(out.bad, 1);
	ck_assert_str_eq(out.reason, "a space of 3000 us after 4 bits, not 562 or 1687");
	/* The frame's remains: a bit mark, far too short to lead a frame, is
	 * no new error; the next whole frame decodes.
	 */
	ir_level(&g, &n, &out, NEC_BIT_MARK_NS);
	ck_assert_int_eq(out.bad, 1);
	ir_frame(&g, &n, &out, nec_data(0x20, 0x21));
	ck_assert_int_eq(out.frames, 1);
	ck_assert_uint_eq(n.address, 0x20);
	ck_assert_uint_eq(n.command, 0x21);
}
END_TEST

START_TEST(ignores_glitches_too_short_to_lead_a_frame)
{
	struct ir_gen g = { .speed_pct = 100 };
	struct ir_out out = { 0 };
	struct nec n;
	int i;

	nec_init(&n, 100);
	/* Ten 100 us glitches, then a frame: no error, the frame decodes. */
	for (i = 0; i < 10; i++)
		ir_mark(&g, &n, &out, 5000000, 100000);
	ck_assert_int_eq(out.bad, 0);
	ir_frame(&g, &n, &out, nec_data(0x07, 0x19));
	ck_assert_int_eq(out.bad, 0);
	ck_assert_int_eq(out.frames, 1);
	ck_assert_uint_eq(n.command, 0x19);
	/* The same, played ten times slower: lengths are judged in real time. */
	g.speed_pct = 10;
	nec_init(&n, 10);
	for (i = 0; i < 10; i++)
		ir_mark(&g, &n, &out, 5000000, NEC_BIT_MARK_NS);
	ir_frame(&g, &n, &out, nec_data(0x07, 0x1a));
	ck_assert_int_eq(out.bad, 0);
	ck_assert_int_eq(out.frames, 2);
	ck_assert_uint_eq(n.command, 0x1a);
}
END_TEST

START_TEST(rejects_a_leading_mark_30_percent_long)
{
	struct ir_gen g = { .speed_pct = 100 };
	struct ir_out out = { 0 };
	struct nec n;

	nec_init(&n, 100);
	ir_mark(&g, &n, &out, 40000000, NEC_HEADER_MARK_NS * 13 / 10);
	ck_assert_int_eq(out.bad, 1);
	ck_assert_str_eq(out.reason, "a leading mark of 11700 us, not 9000");
}
END_TEST

START_TEST(rejects_a_frame_whose_edges_were_lost)
{
	struct ir_gen g = { .speed_pct = 100 };
	struct ir_out out = { 0 };
	struct nec n;

	nec_init(&n, 100);
	ir_mark(&g, &n, &out, 40000000, NEC_HEADER_MARK_NS);
	ir_level(&g, &n, &out, NEC_HEADER_SPACE_NS);
	g.seqno += 2;	/* two events the ring had no room for */
	ir_level(&g, &n, &out, NEC_BIT_MARK_NS);
	ck_assert_int_eq(out.bad, 1);
	ck_assert_str_eq(out.reason, "edges were lost in the frame");
}
END_TEST

START_TEST(decodes_a_replay_ten_times_slower_given_its_speed)
{
	struct ir_gen g = { .rng = 4242, .jitter_pct = 10, .speed_pct = 10 };
	struct ir_out out = { 0 };
	struct nec n;

	nec_init(&n, 10);
	ir_frame(&g, &n, &out, nec_data(0xa5, 0x5a));
	ir_repeat(&g, &n, &out);
	ck_assert_int_eq(out.frames, 1);
	ck_assert_int_eq(out.repeats, 1);
	ck_assert_uint_eq(n.address, 0xa5);
	ck_assert_uint_eq(n.command, 0x5a);
	/* The same signal taken as real time is no frame. */
	nec_init(&n, 100);
	g.rng = 0;
	ir_mark(&g, &n, &out, 40000000, NEC_HEADER_MARK_NS);
	ck_assert_int_eq(out.bad, 1);
	ck_assert_str_eq(out.reason, "a leading mark of 90000 us, not 9000");
}
END_TEST

Suite *example_nec_suite(void)
{
	Suite *s = suite_create("example-nec");
	TCase *tc = tcase_create("nec-decoder");

	tcase_add_test(tc, decodes_address_0x00_command_0x45_exactly);
	tcase_add_test(tc, decodes_1000_frames_with_10_percent_jitter_exactly);
	tcase_add_test(tc, decodes_a_16_bit_extended_address);
	tcase_add_test(tc, decodes_repeat_codes_of_the_last_frame);
	tcase_add_test(tc, rejects_a_repeat_code_with_no_frame_before_it);
	tcase_add_test(tc, rejects_a_command_that_is_not_its_complement);
	tcase_add_test(tc, rejects_a_3_ms_bit_space_and_decodes_the_next_frame);
	tcase_add_test(tc, ignores_glitches_too_short_to_lead_a_frame);
	tcase_add_test(tc, rejects_a_leading_mark_30_percent_long);
	tcase_add_test(tc, rejects_a_frame_whose_edges_were_lost);
	tcase_add_test(tc, decodes_a_replay_ten_times_slower_given_its_speed);
	suite_add_tcase(s, tc);
	return s;
}
