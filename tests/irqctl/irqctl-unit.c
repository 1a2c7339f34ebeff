// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of irqctl's parts that need no kernel: the JSON writer, the
 * parser of the module's debugfs lines, the latency histogram.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../../tools/irqctl/irqctl.h"

/* irqctl_prog lives in main.c, which is not linked here. */
const char *irqctl_prog = "irqctl";

/* Run fn on a JSON writer over a memory stream; the text written. */
static char *json_text(void (*fn)(struct irqctl_json *))
{
	struct irqctl_json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	irqctl_json_begin(&j, f);
	fn(&j);
	irqctl_json_end(&j);
	fclose(f);
	return buf;
}

static void write_escapes(struct irqctl_json *j)
{
	irqctl_json_str(j, "s", "a\"b\\c\nd\re\tf\001g\037h");
}

START_TEST(json_escapes_quotes_backslashes_and_control_characters)
{
	char *t = json_text(write_escapes);

	ck_assert_str_eq(t, "{\"s\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\"}\n");
	free(t);
}
END_TEST

static void write_utf8(struct irqctl_json *j)
{
	irqctl_json_str(j, "name", "Taster-\xc3\xa4");
}

START_TEST(json_passes_utf8_through)
{
	char *t = json_text(write_utf8);

	ck_assert_str_eq(t, "{\"name\":\"Taster-\xc3\xa4\"}\n");
	free(t);
}
END_TEST

static void write_nested(struct irqctl_json *j)
{
	irqctl_json_str(j, "type", "summary");
	irqctl_json_u64(j, "events", 18446744073709551615ull);
	irqctl_json_object(j, "lat");
	irqctl_json_u64(j, "p50", 1);
	irqctl_json_i64(j, "neg", -2);
	irqctl_json_close(j);
	irqctl_json_array(j, "lines");
	irqctl_json_object(j, NULL);
	irqctl_json_bool(j, "a", true);
	irqctl_json_close(j);
	irqctl_json_object(j, NULL);
	irqctl_json_null(j, "b");
	irqctl_json_close(j);
	irqctl_json_close(j);
	irqctl_json_array(j, "empty");
	irqctl_json_close(j);
	irqctl_json_bool(j, "last", false);
}

START_TEST(json_nests_objects_and_arrays_with_commas_between_members)
{
	char *t = json_text(write_nested);

	ck_assert_str_eq(t, "{\"type\":\"summary\",\"events\":18446744073709551615,"
			    "\"lat\":{\"p50\":1,\"neg\":-2},\"lines\":[{\"a\":true},{\"b\":null}],"
			    "\"empty\":[],\"last\":false}\n");
	free(t);
}
END_TEST

static void write_open(struct irqctl_json *j)
{
	irqctl_json_object(j, "o");
	irqctl_json_array(j, "a");
}

START_TEST(json_end_closes_what_is_still_open)
{
	char *t = json_text(write_open);

	ck_assert_str_eq(t, "{\"o\":{\"a\":[]}}\n");
	free(t);
}
END_TEST

/* The module's format (kmod/stats.c), one line per held line. */
static const char debugfs_lines[] =
	"file=3 pid=120 handle=1 chip=gpiochip0 offset=5 gpio=1021 irq=24 edge=rising "
	"active_low=1 bias=pull-up debounce_us=2000(sw) bh=workqueue(threaded) clock=boottime "
	"storm_limit=100 masked=storm cookie=7 interrupts=10 edges=9 events=8 dropped=1 "
	"missed=2 debounced=1 storm_masks=1 bh_delay_max_ns=12345\n"
	"file=4 pid=121 handle=0 chip=gpio-sim.0 offset=0 edge=both bias=as-is debounce_us=0 "
	"bh=tasklet clock=monotonic masked=no future_word=42 interrupts=0\n"
	"# a comment\n"
	"no words here\n"
	"offset=3 edge=both\n";

START_TEST(held_parser_reads_every_word_of_the_modules_line)
{
	FILE *f = fmemopen((void *)debugfs_lines, strlen(debugfs_lines), "r");
	struct irqctl_held_line *h;
	size_t n;

	ck_assert_int_eq(irqctl_held_parse(f, &h, &n), 0);
	fclose(f);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(h[0].chip, "gpiochip0");
	ck_assert_uint_eq(h[0].offset, 5);
	ck_assert_uint_eq(h[0].file, 3);
	ck_assert_int_eq(h[0].pid, 120);
	ck_assert_uint_eq(h[0].handle, 1);
	ck_assert_int_eq(h[0].irq, 24);
	ck_assert_uint_eq(h[0].flags, GPIOIRQ_LINE_EDGE_RISING | GPIOIRQ_LINE_ACTIVE_LOW |
					      GPIOIRQ_LINE_BIAS_PULL_UP);
	ck_assert_uint_eq(h[0].debounce_us, 2000);
	ck_assert_str_eq(h[0].debounce_by, "sw");
	ck_assert_uint_eq(h[0].bh, GPIOIRQ_BH_WORKQUEUE);
	ck_assert(h[0].threaded);
	ck_assert_uint_eq(h[0].clock, GPIOIRQ_CLOCK_BOOTTIME);
	ck_assert_uint_eq(h[0].storm_limit, 100);
	ck_assert(h[0].masked);
	ck_assert_str_eq(h[0].masked_by, "storm");
	ck_assert(h[0].has_counters);
	ck_assert_uint_eq(h[0].interrupts, 10);
	ck_assert_uint_eq(h[0].edges, 9);
	ck_assert_uint_eq(h[0].events, 8);
	ck_assert_uint_eq(h[0].dropped, 1);
	ck_assert_uint_eq(h[0].missed, 2);
	ck_assert_uint_eq(h[0].debounced, 1);
	ck_assert_uint_eq(h[0].storm_masks, 1);
	ck_assert_uint_eq(h[0].bh_delay_max_ns, 12345);
	free(h);
}
END_TEST

START_TEST(held_parser_skips_unknown_words_comments_and_lines_without_a_chip)
{
	FILE *f = fmemopen((void *)debugfs_lines, strlen(debugfs_lines), "r");
	struct irqctl_held_line *h;
	size_t n;

	ck_assert_int_eq(irqctl_held_parse(f, &h, &n), 0);
	fclose(f);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(h[1].chip, "gpio-sim.0");
	ck_assert_uint_eq(h[1].flags, GPIOIRQ_LINE_EDGE_BOTH);
	ck_assert_uint_eq(h[1].bh, GPIOIRQ_BH_TASKLET);
	ck_assert(!h[1].threaded);
	ck_assert(!h[1].masked);
	ck_assert_str_eq(h[1].masked_by, "");
	ck_assert_str_eq(h[1].debounce_by, "");
	ck_assert_int_eq(h[1].irq, -1);
	free(h);
}
END_TEST

START_TEST(held_parser_gives_none_for_an_empty_file)
{
	FILE *f = fmemopen((void *)"", 1, "r");
	struct irqctl_held_line *h = (void *)1;
	size_t n = 9;

	ck_assert_int_eq(irqctl_held_parse(f, &h, &n), 0);
	fclose(f);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(h);
}
END_TEST

static struct irqctl_hist hist;

START_TEST(hist_percentiles_are_exact_below_128)
{
	uint64_t v;

	memset(&hist, 0, sizeof(hist));
	for (v = 1; v <= 100; v++)
		irqctl_hist_add(&hist, v);
	ck_assert_uint_eq(irqctl_hist_percentile(&hist, 50), 50);
	ck_assert_uint_eq(irqctl_hist_percentile(&hist, 99), 99);
	ck_assert_uint_eq(irqctl_hist_percentile(&hist, 100), 100);
	ck_assert_uint_eq(hist.max, 100);
	ck_assert_uint_eq(hist.count, 100);
}
END_TEST

START_TEST(hist_percentile_is_within_1_64_above_and_never_below)
{
	uint64_t v, p50, p99;

	memset(&hist, 0, sizeof(hist));
	/* 1000 values 1 µs .. 1 ms: p50 is 500 µs, p99 990 µs. */
	for (v = 1; v <= 1000; v++)
		irqctl_hist_add(&hist, v * 1000);
	p50 = irqctl_hist_percentile(&hist, 50);
	p99 = irqctl_hist_percentile(&hist, 99);
	ck_assert_uint_ge(p50, 500000);
	ck_assert_uint_le(p50, 500000 + 500000 / 64);
	ck_assert_uint_ge(p99, 990000);
	ck_assert_uint_le(p99, 990000 + 990000 / 64);
	ck_assert_uint_eq(irqctl_hist_percentile(&hist, 100), 1000000);
}
END_TEST

START_TEST(hist_percentile_never_exceeds_max)
{
	memset(&hist, 0, sizeof(hist));
	irqctl_hist_add(&hist, 1000001);
	ck_assert_uint_eq(irqctl_hist_percentile(&hist, 50), 1000001);
	irqctl_hist_add(&hist, UINT64_MAX);
	ck_assert_uint_eq(irqctl_hist_percentile(&hist, 100), UINT64_MAX);
	ck_assert_uint_eq(hist.max, UINT64_MAX);
}
END_TEST

START_TEST(hist_percentile_of_nothing_is_zero)
{
	memset(&hist, 0, sizeof(hist));
	ck_assert_uint_eq(irqctl_hist_percentile(&hist, 50), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("irqctl");
	TCase *json = tcase_create("json"), *held = tcase_create("held"),
	      *h = tcase_create("hist");
	SRunner *sr;
	int failed;

	tcase_add_test(json, json_escapes_quotes_backslashes_and_control_characters);
	tcase_add_test(json, json_passes_utf8_through);
	tcase_add_test(json, json_nests_objects_and_arrays_with_commas_between_members);
	tcase_add_test(json, json_end_closes_what_is_still_open);
	tcase_add_test(held, held_parser_reads_every_word_of_the_modules_line);
	tcase_add_test(held, held_parser_skips_unknown_words_comments_and_lines_without_a_chip);
	tcase_add_test(held, held_parser_gives_none_for_an_empty_file);
	tcase_add_test(h, hist_percentiles_are_exact_below_128);
	tcase_add_test(h, hist_percentile_is_within_1_64_above_and_never_below);
	tcase_add_test(h, hist_percentile_never_exceeds_max);
	tcase_add_test(h, hist_percentile_of_nothing_is_zero);
	suite_add_tcase(s, json);
	suite_add_tcase(s, held);
	suite_add_tcase(s, h);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
