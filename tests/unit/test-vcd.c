// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl's VCD reader (tools/irqctl/vcd.c), which irqctl replay plays on
 * the simulator: what irqctl record writes, what sigrok/PulseView exports,
 * timescales, and the errors it names with their line.
 */
#include <stdio.h>
#include <string.h>

#include "irqctl.h"
#include "unit.h"

static int parse(const char *text, struct irqctl_vcd *v)
{
	/* gcc 10's sanitizers refuse fmemopen() of 0 bytes (EINVAL). */
	FILE *f = *text ? fmemopen((void *)text, strlen(text), "r") : fopen("/dev/null", "r");
	int ret;

	ck_assert_ptr_nonnull(f);
	ret = irqctl_vcd_parse(f, v);
	fclose(f);
	return ret;
}

static void assert_change(const struct irqctl_vcd *v, size_t i, uint64_t t_ns, unsigned int var,
			  char value)
{
	ck_assert_uint_lt(i, v->nchanges);
	ck_assert_uint_eq(v->changes[i].time_ns, t_ns);
	ck_assert_uint_eq(v->changes[i].var, var);
	ck_assert_int_eq(v->changes[i].value, value);
}

START_TEST(vcd_reads_what_irqctl_record_writes)
{
	static const char text[] =
		"$version irqctl 1.0 $end\n"
		"$comment gpioirq edges; time 0 is the first event $end\n"
		"$timescale 1 ns $end\n$scope module gpioirq $end\n"
		"$var wire 1 ! sim-0 $end\n$var wire 1 \" sim-1 $end\n"
		"$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n0!\nx\"\n$end\n"
		"1!\n#1000\n1\"\n#1999\n$comment dropped 3 $end\nx!\nx\"\n#2000\n0!\n";
	struct irqctl_vcd v;

	ck_assert_int_eq(parse(text, &v), 0);
	ck_assert_uint_eq(v.timescale_fs, 1000000);
	ck_assert_uint_eq(v.nvars, 2);
	ck_assert_str_eq(v.vars[0].id, "!");
	ck_assert_str_eq(v.vars[0].name, "sim-0");
	ck_assert_uint_eq(v.vars[0].width, 1);
	ck_assert_str_eq(v.vars[1].id, "\"");
	ck_assert_str_eq(v.vars[1].name, "sim-1");
	ck_assert_uint_eq(v.nchanges, 7);
	assert_change(&v, 0, 0, 0, '0');
	assert_change(&v, 1, 0, 1, 'x');
	assert_change(&v, 2, 0, 0, '1');
	assert_change(&v, 3, 1000, 1, '1');
	assert_change(&v, 4, 1999, 0, 'x');
	assert_change(&v, 5, 1999, 1, 'x');
	assert_change(&v, 6, 2000, 0, '0');
	irqctl_vcd_free(&v);
}
END_TEST

START_TEST(vcd_reads_a_sigrok_export_with_changes_on_the_time_line)
{
	static const char text[] =
		"$date Sat Nov 28 2026 $end\n$version libsigrok 0.5.2 $end\n"
		"$comment\n  Acquisition with 3/8 channels at 1 MHz\n$end\n"
		"$timescale 1 us $end\n$scope module libsigrok $end\n"
		"$var wire 1 ! D0 $end\n$var wire 1 \" D1 $end\n$var wire 8 # bus [7:0] $end\n"
		"$upscope $end\n$enddefinitions $end\n"
		"#0 0! 1\" b1010 #\n#10 1! 0\"\n#25 Z! r1.5 #\n#25\n#30\n";
	struct irqctl_vcd v;

	ck_assert_int_eq(parse(text, &v), 0);
	ck_assert_uint_eq(v.timescale_fs, 1000000000);
	ck_assert_uint_eq(v.nvars, 3);
	ck_assert_str_eq(v.vars[2].name, "bus");
	ck_assert_uint_eq(v.vars[2].width, 8);
	ck_assert_uint_eq(v.nchanges, 5);
	assert_change(&v, 0, 0, 0, '0');
	assert_change(&v, 1, 0, 1, '1');
	assert_change(&v, 2, 10000, 0, '1');
	assert_change(&v, 3, 10000, 1, '0');
	assert_change(&v, 4, 25000, 0, 'z');
	irqctl_vcd_free(&v);
}
END_TEST

START_TEST(vcd_applies_each_timescale_and_rounds_down_to_ns)
{
	static const struct {
		const char *ts;
		uint64_t t_ns; /* of #7 */
	} cases[] = {
		{ "1s", 7000000000ull }, { "10 ms", 70000000 }, { "100us", 700000 },
		{ "1 ns", 7 },           { "100 ps", 0 },       { "1 fs", 0 },
		{ "10 ns", 70 },
	};
	char text[256];
	struct irqctl_vcd v;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text),
			 "$timescale %s $end $var wire 1 a x $end $enddefinitions $end #7 1a\n",
			 cases[i].ts);
		ck_assert_int_eq(parse(text, &v), 0);
		assert_change(&v, 0, cases[i].t_ns, 0, '1');
		irqctl_vcd_free(&v);
	}
	/* #15 at 100 ps is 1.5 ns: 1. */
	ck_assert_int_eq(parse("$timescale 100 ps $end $var wire 1 a x $end $enddefinitions $end "
			       "#15 1a\n", &v), 0);
	assert_change(&v, 0, 1, 0, '1');
	irqctl_vcd_free(&v);
}
END_TEST

START_TEST(vcd_takes_one_signal_for_vars_that_share_an_identifier)
{
	struct irqctl_vcd v;

	ck_assert_int_eq(parse("$scope module a $end $var wire 1 ! clk $end $upscope $end "
			       "$scope module b $end $var wire 1 ! clk_b $end $upscope $end "
			       "$enddefinitions $end #1 1!\n", &v), 0);
	ck_assert_uint_eq(v.nvars, 1);
	ck_assert_str_eq(v.vars[0].name, "clk");
	ck_assert_uint_eq(v.nchanges, 1);
	irqctl_vcd_free(&v);
}
END_TEST

START_TEST(vcd_names_the_line_of_each_error)
{
	static const struct {
		const char *text, *err;
	} cases[] = {
		{ "", "line 1: no $enddefinitions: not a VCD file" },
		{ "#0\n", "line 1: '#0' before $enddefinitions" },
		{ "$var wire 1 ! a $end\n$enddefinitions $end\n1?\n",
		  "line 3: '1?': no $var has identifier '?'" },
		{ "$var wire 1 ! a $end $enddefinitions $end\n#5\n#4\n",
		  "line 3: time going back, from #5 to #4" },
		{ "$var wire 1 ! a $end $enddefinitions $end\n#x\n", "line 2: bad time '#x'" },
		{ "$var wire 1 ! a $end $enddefinitions $end\n#-1\n", "line 2: bad time '#-1'" },
		{ "$timescale 3 ns $end\n", "line 1: $timescale '3ns': 1, 10 or 100 and a unit" },
		{ "$timescale 1 hours $end\n",
		  "line 1: $timescale '1hours': the unit is s, ms, us, ns, ps or fs" },
		{ "$var wire 0 ! a $end\n", "line 1: $var size '0'" },
		{ "$var wire 1 ! $end\n",
		  "line 1: $var needs a type, a size, an identifier and a name" },
		{ "$comment never ends\n", "line 2: $comment without $end" },
		{ "$var wire 1 ! a $end $enddefinitions $end\nhello\n", "line 2: unexpected 'hello'" },
		{ "$var wire 1 ! a $end $enddefinitions $end\nb101\n",
		  "line 2: 'b101' without a known identifier" },
		{ "$timescale 1 s $end $var wire 1 ! a $end $enddefinitions $end\n"
		  "#18446744073709551615\n", "line 2: time #18446744073709551615 too large" },
	};
	struct irqctl_vcd v;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(parse(cases[i].text, &v), -1);
		ck_assert_str_eq(v.err, cases[i].err);
		/* Nothing to free after a failure. */
		ck_assert_ptr_null(v.vars);
		ck_assert_ptr_null(v.changes);
	}
}
END_TEST

Suite *vcd_suite(void)
{
	Suite *s = suite_create("vcd");
	TCase *tc = tcase_create("vcd");

	tcase_set_timeout(tc, UNIT_TIMEOUT_S);
	tcase_add_test(tc, vcd_reads_what_irqctl_record_writes);
	tcase_add_test(tc, vcd_reads_a_sigrok_export_with_changes_on_the_time_line);
	tcase_add_test(tc, vcd_applies_each_timescale_and_rounds_down_to_ns);
	tcase_add_test(tc, vcd_takes_one_signal_for_vars_that_share_an_identifier);
	tcase_add_test(tc, vcd_names_the_line_of_each_error);
	suite_add_tcase(s, tc);
	return s;
}
