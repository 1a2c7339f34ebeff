// SPDX-License-Identifier: MIT
/*
 * examples/pulsecount.c and examples/persist.c, the S0 meter's counter: a
 * total exact over a million pulses across restarts, falling edges the ring
 * dropped recovered from line_seqno, the rate, and the atomic save.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "persist.h"
#include "pulsecount.h"
#include "unit.h"

/* A meter's line at rest high; each pulse is low for @low_ns. */
struct s0_gen {
	uint64_t seqno, line_seqno, ns;
};

static struct gpioirq_event s0_edge(struct s0_gen *g, unsigned int edge, uint64_t after_ns)
{
	struct gpioirq_event ev = { 0 };

	g->ns += after_ns;
	ev.type = GPIOIRQ_EVENT_EDGE;
	ev.seqno = ++g->seqno;
	ev.line_seqno = ++g->line_seqno;
	ev.timestamp_ns = g->ns;
	ev.pulse_ns = after_ns;
	ev.edge = (uint8_t)edge;
	ev.level = edge == GPIOIRQ_EDGE_RISING;
	return ev;
}

/* One pulse, @period_ns from the previous one's start, low for 30 ms. */
static uint64_t s0_pulse(struct s0_gen *g, struct pulsecount *pc, uint64_t period_ns)
{
	struct gpioirq_event ev = s0_edge(g, GPIOIRQ_EDGE_FALLING, period_ns - 30000000);
	uint64_t n = pulsecount_feed(pc, &ev);

	ev = s0_edge(g, GPIOIRQ_EDGE_RISING, 30000000);
	return n + pulsecount_feed(pc, &ev);
}

static char tmpdir[] = "/tmp/gpioirq-s0-XXXXXX";

static void s0_setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void s0_teardown(void)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/gpioirq-s0-XXXXXX");
}

static void s0_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", tmpdir, name);
}

START_TEST(counts_a_million_pulses_exactly_across_ten_restarts)
{
	struct s0_gen g = { 0 };
	struct pulsecount pc;
	char path[PATH_MAX];
	uint64_t total, saved = 0;
	int run, i;

	s0_path(path, sizeof(path), "total");
	for (run = 0; run < 10; run++) {
		/* A run starts from what the previous one saved at SIGTERM. */
		ck_assert_int_eq(persist_load(path, &total), 0);
		ck_assert_uint_eq(total, saved);
		pulsecount_init(&pc, total);
		for (i = 0; i < 100000; i++) {
			ck_assert_uint_eq(s0_pulse(&g, &pc, 100000000), 1);
			/* Saved every 25000 pulses while running. */
			if (pc.session % 25000 == 0 && pc.session)
				ck_assert_int_eq(persist_save(path, pc.total), 0);
		}
		ck_assert_int_eq(persist_save(path, pc.total), 0);
		saved = pc.total;
		ck_assert_uint_eq(pc.session, 100000);
	}
	ck_assert_int_eq(persist_load(path, &total), 0);
	ck_assert_uint_eq(total, 1000000);
	ck_assert_uint_eq(pc.recovered, 0);
	ck_assert_uint_eq(pc.missed, 0);
}
END_TEST

START_TEST(counts_the_falling_edges_the_ring_dropped_from_line_seqno)
{
	struct s0_gen g = { 0 };
	struct pulsecount pc;
	struct gpioirq_event ev;

	pulsecount_init(&pc, 7);
	ck_assert_uint_eq(s0_pulse(&g, &pc, 100000000), 1);
	/* The next 5 edges (falling, rising, falling, rising, falling) were
	 * dropped; then a rising one arrives: 3 pulses it did not see.
	 */
	g.seqno += 5;
	g.line_seqno += 5;
	ev = s0_edge(&g, GPIOIRQ_EDGE_RISING, 30000000);
	ck_assert_uint_eq(pulsecount_feed(&pc, &ev), 3);
	ck_assert_uint_eq(pc.recovered, 3);
	ck_assert_uint_eq(pc.width_ns, 0);
	/* After a rising edge, 2 dropped (falling, rising), then a falling: 2. */
	g.line_seqno += 2;
	ev = s0_edge(&g, GPIOIRQ_EDGE_FALLING, 70000000);
	ck_assert_uint_eq(pulsecount_feed(&pc, &ev), 2);
	ck_assert_uint_eq(pc.recovered, 4);
	ck_assert_uint_eq(pc.session, 6);
	ck_assert_uint_eq(pc.total, 13);
}
END_TEST

START_TEST(settles_the_falling_edges_dropped_after_the_last_event)
{
	struct s0_gen g = { 0 };
	struct pulsecount pc;

	pulsecount_init(&pc, 0);
	ck_assert_uint_eq(pulsecount_settle(&pc, 0), 0);
	ck_assert_uint_eq(s0_pulse(&g, &pc, 100000000), 1);
	/* Nothing after the last event: nothing to count. */
	ck_assert_uint_eq(pulsecount_settle(&pc, g.line_seqno), 0);
	/* The last 3 edges (falling, rising, falling) never reached the
	 * ring: the edge counter says so.
	 */
	ck_assert_uint_eq(pulsecount_settle(&pc, g.line_seqno + 3), 2);
	ck_assert_uint_eq(pc.recovered, 2);
	ck_assert_uint_eq(pc.total, 3);
	/* Settled already: the same counter adds nothing. */
	ck_assert_uint_eq(pulsecount_settle(&pc, g.line_seqno + 3), 0);
	ck_assert_uint_eq(pc.total, 3);
}
END_TEST

START_TEST(says_edges_flagged_missed_and_does_not_guess_them)
{
	struct s0_gen g = { 0 };
	struct pulsecount pc;
	struct gpioirq_event ev;

	pulsecount_init(&pc, 0);
	ev = s0_edge(&g, GPIOIRQ_EDGE_FALLING, 50000000);
	ev.flags = GPIOIRQ_EVENT_F_MISSED;
	ck_assert_uint_eq(pulsecount_feed(&pc, &ev), 1);
	ck_assert_uint_eq(pc.missed, 1);
	ck_assert_uint_eq(pc.total, 1);
	ev.type = GPIOIRQ_EVENT_STORM;
	ck_assert_uint_eq(pulsecount_feed(&pc, &ev), 0);
}
END_TEST

START_TEST(gives_the_rate_and_the_pulse_width)
{
	struct s0_gen g = { 0 };
	struct pulsecount pc;

	pulsecount_init(&pc, 0);
	ck_assert(pulsecount_rate(&pc) == 0.0);
	s0_pulse(&g, &pc, 250000000);
	ck_assert(pulsecount_rate(&pc) == 0.0);
	ck_assert_uint_eq(pc.width_ns, 30000000);
	s0_pulse(&g, &pc, 250000000);
	ck_assert_double_eq_tol(pulsecount_rate(&pc), 4.0, 1e-9);
	s0_pulse(&g, &pc, 500000000);
	ck_assert_double_eq_tol(pulsecount_rate(&pc), 2.0, 1e-9);
	/* 2 intervals in 0.75 s. */
	ck_assert_double_eq_tol(pulsecount_mean_rate(&pc), 2.0 / 0.75, 1e-9);
}
END_TEST

START_TEST(loads_zero_when_nothing_was_saved)
{
	char path[PATH_MAX];
	uint64_t total = 5;

	s0_path(path, sizeof(path), "none");
	ck_assert_int_eq(persist_load(path, &total), 0);
	ck_assert_uint_eq(total, 0);
}
END_TEST

START_TEST(saves_by_rename_leaving_no_temporary_file)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8], buf[32];
	struct stat st;
	ssize_t n;
	int fd;

	s0_path(path, sizeof(path), "total");
	ck_assert_int_eq(persist_save(path, 18446744073709551615ull), 0);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	ck_assert_int_eq(stat(tmp, &st), -1);
	ck_assert_int_eq(errno, ENOENT);
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	ck_assert_int_eq(n, 21);
	buf[n] = '\0';
	ck_assert_str_eq(buf, "18446744073709551615\n");
}
END_TEST

START_TEST(refuses_a_file_that_is_not_one_number_and_keeps_the_count)
{
	char path[PATH_MAX];
	uint64_t total = 42;
	FILE *f;

	s0_path(path, sizeof(path), "bad");
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("12x\n", f);
	fclose(f);
	ck_assert_fail(persist_load(path, &total), EINVAL);
	ck_assert_uint_eq(total, 42);
	f = fopen(path, "w");
	fclose(f);
	ck_assert_fail(persist_load(path, &total), EINVAL);
	ck_assert_uint_eq(total, 42);
}
END_TEST

START_TEST(fails_to_save_in_a_missing_directory_leaving_nothing)
{
	char path[PATH_MAX];

	s0_path(path, sizeof(path), "no/such/total");
	ck_assert_fail(persist_save(path, 1), ENOENT);
}
END_TEST

Suite *example_s0meter_suite(void)
{
	Suite *s = suite_create("example-s0meter");
	TCase *tc = tcase_create("pulsecount");

	tcase_add_checked_fixture(tc, s0_setup, s0_teardown);
	tcase_set_timeout(tc, UNIT_TIMEOUT_S);
	tcase_add_test(tc, counts_a_million_pulses_exactly_across_ten_restarts);
	tcase_add_test(tc, counts_the_falling_edges_the_ring_dropped_from_line_seqno);
	tcase_add_test(tc, settles_the_falling_edges_dropped_after_the_last_event);
	tcase_add_test(tc, says_edges_flagged_missed_and_does_not_guess_them);
	tcase_add_test(tc, gives_the_rate_and_the_pulse_width);
	tcase_add_test(tc, loads_zero_when_nothing_was_saved);
	tcase_add_test(tc, saves_by_rename_leaving_no_temporary_file);
	tcase_add_test(tc, refuses_a_file_that_is_not_one_number_and_keeps_the_count);
	tcase_add_test(tc, fails_to_save_in_a_missing_directory_leaving_nothing);
	suite_add_tcase(s, tc);
	return s;
}
