// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * Lines: settings, request errors, release (from its own callback and from
 * another thread), stale events of reused handles, mask/unmask holding
 * events, reconfigure, the getters and their errors.
 */
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "unit.h"

START_TEST(settings_init_gives_the_documented_defaults)
{
	struct gpioirq_line_settings ls;

	memset(&ls, 0xa5, sizeof(ls));
	gpioirq_line_settings_init(&ls);
	ck_assert_uint_eq(ls.edges, GPIOIRQ_LINE_EDGE_BOTH);
	ck_assert_uint_eq(ls.bias, GPIOIRQ_BIAS_AS_IS);
	ck_assert(!ls.active_low);
	ck_assert_uint_eq(ls.debounce_us, 0);
	ck_assert_uint_eq(ls.bh, GPIOIRQ_BH_AUTO);
	ck_assert_uint_eq(ls.clock, GPIOIRQ_CLOCK_MONOTONIC);
	ck_assert_uint_eq(ls.storm_limit, GPIOIRQ_STORM_DEFAULT);
	ck_assert_ptr_null(ls.callback);
	ck_assert_ptr_null(ls.user_data);
	ck_assert_ptr_null(ls.consumer);
	ck_assert_uint_eq(ls.reserved[0] | ls.reserved[1] | ls.reserved[2], 0);
	gpioirq_line_settings_init(NULL);
}
END_TEST

START_TEST(request_passes_every_setting_to_the_module)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line_settings ls;
	struct gpioirq_line_config *cfg;
	struct gpioirq_line *line;

	gpioirq_line_settings_init(&ls);
	ls.edges = GPIOIRQ_LINE_EDGE_FALLING;
	ls.bias = GPIOIRQ_BIAS_PULL_UP;
	ls.active_low = true;
	ls.debounce_us = 5000;
	ls.bh = GPIOIRQ_BH_WORKQUEUE;
	ls.clock = GPIOIRQ_CLOCK_BOOTTIME;
	ls.storm_limit = GPIOIRQ_STORM_OFF;
	line = gpioirq_line_request(f->ctx, "fake-chip", 3, &ls);
	ck_assert_ptr_nonnull(line);
	ck_assert_int_eq(gpioirq_line_get_handle(line), 0);
	cfg = &f->lines[0].req.config;
	ck_assert_uint_eq(cfg->flags, GPIOIRQ_LINE_EDGE_FALLING | GPIOIRQ_LINE_BIAS_PULL_UP |
					      GPIOIRQ_LINE_ACTIVE_LOW);
	ck_assert_uint_eq(cfg->debounce_us, 5000);
	ck_assert_uint_eq(cfg->bh, GPIOIRQ_BH_WORKQUEUE);
	ck_assert_uint_eq(cfg->clock, GPIOIRQ_CLOCK_BOOTTIME);
	ck_assert_uint_eq(cfg->storm_limit, GPIOIRQ_STORM_OFF);
	ck_assert_uint_ne(cfg->cookie, 0);
	ck_assert_uint_eq(cfg->padding | cfg->reserved[0] | cfg->reserved[1], 0);
	ck_assert_str_eq(f->lines[0].req.chip, "fake-chip");
	ck_assert_uint_eq(f->lines[0].req.offset, 3);

	/* The BH workqueue kind (6.9+) goes to the module as it is. */
	ls.bh = GPIOIRQ_BH_WORKQUEUE_BH;
	ck_assert_ptr_nonnull(gpioirq_line_request(f->ctx, "fake-chip", 4, &ls));
	ck_assert_uint_eq(f->lines[1].req.config.bh, GPIOIRQ_BH_WORKQUEUE_BH);
	/* So does the direct one. */
	ls.bh = GPIOIRQ_BH_DIRECT;
	ck_assert_ptr_nonnull(gpioirq_line_request(f->ctx, "fake-chip", 5, &ls));
	ck_assert_uint_eq(f->lines[2].req.config.bh, GPIOIRQ_BH_DIRECT);
	fake_free(f);
}
END_TEST

START_TEST(request_rejects_bad_settings_with_einval)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line_settings ls;
	unsigned int i;

	for (i = 0; i < 8; i++) {
		gpioirq_line_settings_init(&ls);
		switch (i) {
		case 0: ls.edges = (enum gpioirq_edges)GPIOIRQ_LINE_ACTIVE_LOW; break;
		case 1: ls.edges = (enum gpioirq_edges)(GPIOIRQ_LINE_EDGE_RISING | GPIOIRQ_LINE_ACTIVE_LOW); break;
		case 2: ls.bias = (enum gpioirq_bias)GPIOIRQ_LINE_ACTIVE_LOW; break;
		case 3: ls.debounce_us = GPIOIRQ_DEBOUNCE_MAX_US + 1; break;
		case 4: ls.bh = GPIOIRQ_BH_DIRECT + 1; break;
		case 5: ls.clock = 3; break;
		case 6: ls.reserved[2] = 1; break;
		case 7: break;	/* valid settings, an offset the module refuses */
		}
		ck_assert_null_errno(gpioirq_line_request(f->ctx, "fake0", i == 7 ? 8 : 0, &ls),
				     EINVAL);
	}
	ck_assert_null_errno(gpioirq_line_request(NULL, "fake0", 0, NULL), EINVAL);
	ck_assert_null_errno(gpioirq_line_request(f->ctx, NULL, 0, NULL), EINVAL);
	ck_assert_null_errno(gpioirq_line_request(f->ctx, "", 0, NULL), EINVAL);
	ck_assert_null_errno(gpioirq_line_request_by_name(NULL, "x", NULL), EINVAL);
	ck_assert_null_errno(gpioirq_line_request_by_name(f->ctx, NULL, NULL), EINVAL);
	ck_assert_null_errno(gpioirq_line_request_by_name(f->ctx, "", NULL), EINVAL);
	/* Nothing reached the module's table. */
	for (i = 0; i < GPIOIRQ_MAX_LINES; i++)
		ck_assert(!f->lines[i].used);
	fake_free(f);
}
END_TEST

START_TEST(request_reports_the_modules_errors)
{
	struct fake *f = fake_new(8);

	ck_assert_null_errno(gpioirq_line_request(f->ctx, "nochip", 0, NULL), ENODEV);
	ck_assert_null_errno(gpioirq_line_request(f->ctx, "a-chip-label-longer-than-31-bytes", 0,
						  NULL),
			     ENAMETOOLONG);
	ck_assert_ptr_nonnull(gpioirq_line_request(f->ctx, "fake0", 1, NULL));
	ck_assert_null_errno(gpioirq_line_request(f->ctx, "fake0", 1, NULL), EBUSY);
	f->fail_req = GPIOIRQ_IOC_LINE_REQUEST;
	f->fail_errno = ENOSPC;
	ck_assert_null_errno(gpioirq_line_request(f->ctx, "fake0", 2, NULL), ENOSPC);
	fake_free(f);
}
END_TEST

/*
 * settings.consumer names the line's user as gpioinfo shows it: the module
 * gets the library's copy (the caller's buffer may change at once), a
 * reconfigure keeps it, and bad names fail before the module is asked.
 */
START_TEST(request_passes_the_consumer_name_and_keeps_its_own_copy)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line_settings ls;
	struct gpioirq_line *line;
	char name[GPIOIRQ_NAME_SIZE];

	gpioirq_line_settings_init(&ls);
	snprintf(name, sizeof(name), "doorbell");
	ls.consumer = name;
	line = gpioirq_line_request(f->ctx, "fake0", 1, &ls);
	ck_assert_ptr_nonnull(line);
	snprintf(name, sizeof(name), "changed");
	ck_assert_str_eq(f->lines[gpioirq_line_get_handle(line)].consumer, "doorbell");
	ck_assert_uint_eq(f->infos, 1);
	ls.consumer = "other";
	ls.edges = GPIOIRQ_EDGES_RISING;
	ck_assert_int_eq(gpioirq_line_reconfigure(line, &ls), 0);

	/* No name: the module's default. Asked once per context. */
	ls.consumer = NULL;
	line = gpioirq_line_request(f->ctx, "fake0", 2, &ls);
	ck_assert_ptr_nonnull(line);
	ck_assert_str_eq(f->lines[gpioirq_line_get_handle(line)].consumer, GPIOIRQ_CONSUMER);
	ls.consumer = "again";
	ck_assert_ptr_nonnull(gpioirq_line_request(f->ctx, "fake0", 3, &ls));
	ck_assert_uint_eq(f->infos, 1);

	ls.consumer = "";
	ck_assert_null_errno(gpioirq_line_request(f->ctx, "fake0", 4, &ls), EINVAL);
	ls.consumer = "two words";
	ck_assert_null_errno(gpioirq_line_request(f->ctx, "fake0", 4, &ls), EINVAL);
	ls.consumer = "0123456789abcdef0123456789abcdef";
	ck_assert_null_errno(gpioirq_line_request(f->ctx, "fake0", 4, &ls), ENAMETOOLONG);
	ck_assert(!f->lines[3].used);
	fake_free(f);
}
END_TEST

/* A module older than the consumer field: EOPNOTSUPP, nothing requested. */
START_TEST(request_with_a_consumer_fails_with_eopnotsupp_on_an_older_module)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line_settings ls;

	f->features = 0;
	gpioirq_line_settings_init(&ls);
	ls.consumer = "doorbell";
	ck_assert_null_errno(gpioirq_line_request(f->ctx, "fake0", 1, &ls), EOPNOTSUPP);
	ck_assert(!f->lines[0].used);
	ls.consumer = NULL;
	ck_assert_ptr_nonnull(gpioirq_line_request(f->ctx, "fake0", 1, &ls));
	fake_free(f);
}
END_TEST

START_TEST(request_by_name_fails_with_enoent_for_an_unknown_name)
{
	struct fake *f = fake_new(8);

	ck_assert_null_errno(gpioirq_line_request_by_name(f->ctx, "no-such-gpioirq-line", NULL),
			     ENOENT);
	fake_free(f);
}
END_TEST

START_TEST(getters_return_what_was_requested)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *a, *b;
	int data;

	a = fake_line(f, 5, seen_cb, &data);
	b = fake_line(f, 6, NULL, NULL);
	ck_assert_int_eq(gpioirq_line_get_handle(a), 0);
	ck_assert_int_eq(gpioirq_line_get_handle(b), 1);
	ck_assert_int_eq(gpioirq_line_get_offset(a), 5);
	ck_assert_str_eq(gpioirq_line_get_chip_name(a), "fake0");
	ck_assert_ptr_eq(gpioirq_line_get_user_data(a), &data);
	ck_assert_ptr_null(gpioirq_line_get_user_data(b));
	fake_free(f);
}
END_TEST

START_TEST(line_functions_reject_null_with_einval)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line *line = fake_line(f, 0, NULL, NULL);
	struct gpioirq_line_settings ls;
	struct gpioirq_line_stats st;

	gpioirq_line_settings_init(&ls);
	gpioirq_line_release(NULL);
	ck_assert_fail(gpioirq_line_reconfigure(NULL, &ls), EINVAL);
	ck_assert_fail(gpioirq_line_reconfigure(line, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_mask(NULL), EINVAL);
	ck_assert_fail(gpioirq_line_unmask(NULL), EINVAL);
	ck_assert_fail(gpioirq_line_get_value(NULL), EINVAL);
	ck_assert_fail(gpioirq_line_get_stats(NULL, &st), EINVAL);
	ck_assert_fail(gpioirq_line_get_stats(line, NULL), EINVAL);
	ck_assert_fail(gpioirq_line_get_handle(NULL), EINVAL);
	ck_assert_fail(gpioirq_line_get_offset(NULL), EINVAL);
	ck_assert_null_errno(gpioirq_line_get_chip_name(NULL), EINVAL);
	ck_assert_ptr_null(gpioirq_line_get_user_data(NULL));
	ck_assert_ptr_null(gpioirq_event_get_line(NULL));
	fake_free(f);
}
END_TEST

START_TEST(event_get_line_gives_the_line_in_its_callback)
{
	struct fake *f = fake_new(8);
	struct seen s = { 0 };
	struct gpioirq_line *line;

	fake_line(f, 0, NULL, NULL);
	line = fake_line(f, 1, seen_cb, &s);
	ck_assert(fake_edge(f, 1, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_ptr_eq(s.line, line);
	ck_assert_uint_eq(s.handle, 1);
	fake_free(f);
}
END_TEST

START_TEST(zero_initialised_settings_request_both_edges)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line_settings ls = { 0 };
	struct gpioirq_line_config *cfg;

	ck_assert_ptr_nonnull(gpioirq_line_request(f->ctx, "fake0", 2, &ls));
	cfg = &f->lines[0].req.config;
	ck_assert_uint_eq(cfg->flags, GPIOIRQ_LINE_EDGE_BOTH);
	ck_assert_uint_eq(cfg->debounce_us, 0);
	ck_assert_uint_eq(cfg->bh, GPIOIRQ_BH_AUTO);
	ck_assert_uint_eq(cfg->clock, GPIOIRQ_CLOCK_MONOTONIC);
	ck_assert_uint_eq(cfg->storm_limit, GPIOIRQ_STORM_DEFAULT);
	fake_free(f);
}
END_TEST

/* A uAPI flag or an event's edge where the settings' enum belongs means the same. */
START_TEST(either_family_of_edge_and_bias_constants_means_the_same)
{
	static const struct {
		uint32_t edges, bias, flags;
	} cases[] = {
		{ GPIOIRQ_EDGES_RISING, GPIOIRQ_BIAS_PULL_UP,
		  GPIOIRQ_LINE_EDGE_RISING | GPIOIRQ_LINE_BIAS_PULL_UP },
		{ GPIOIRQ_EDGE_RISING, GPIOIRQ_LINE_BIAS_PULL_UP,
		  GPIOIRQ_LINE_EDGE_RISING | GPIOIRQ_LINE_BIAS_PULL_UP },
		{ GPIOIRQ_LINE_EDGE_FALLING, GPIOIRQ_LINE_BIAS_PULL_DOWN,
		  GPIOIRQ_LINE_EDGE_FALLING | GPIOIRQ_LINE_BIAS_PULL_DOWN },
		{ GPIOIRQ_EDGE_FALLING, GPIOIRQ_BIAS_PULL_DOWN,
		  GPIOIRQ_LINE_EDGE_FALLING | GPIOIRQ_LINE_BIAS_PULL_DOWN },
		{ GPIOIRQ_LINE_EDGE_BOTH, GPIOIRQ_LINE_BIAS_DISABLED,
		  GPIOIRQ_LINE_EDGE_BOTH | GPIOIRQ_LINE_BIAS_DISABLED },
		{ 0, GPIOIRQ_BIAS_DISABLED, GPIOIRQ_LINE_EDGE_BOTH | GPIOIRQ_LINE_BIAS_DISABLED },
	};
	struct fake *f = fake_new(8);
	struct gpioirq_line_settings ls;
	struct gpioirq_line *line;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gpioirq_line_settings_init(&ls);
		ls.edges = (enum gpioirq_edges)cases[i].edges;
		ls.bias = (enum gpioirq_bias)cases[i].bias;
		line = gpioirq_line_request(f->ctx, "fake0", 1, &ls);
		ck_assert_ptr_nonnull(line);
		ck_assert_uint_eq(f->lines[0].req.config.flags, cases[i].flags);
		gpioirq_line_release(line);
	}
	fake_free(f);
}
END_TEST

struct copied {
	struct gpioirq_event ev;
	int n;
};

static void copy_cb(const struct gpioirq_event *ev, void *arg)
{
	struct copied *c = arg;

	c->ev = *ev;
	c->n++;
}

START_TEST(event_find_line_gives_the_line_of_a_copy_until_it_is_released)
{
	struct fake *f = fake_new(8);
	struct copied c = { .n = 0 };
	struct gpioirq_line *line, *newer;

	fake_line(f, 0, NULL, NULL);
	line = fake_line(f, 1, copy_cb, &c);
	ck_assert(fake_edge(f, 1, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_int_eq(c.n, 1);
	ck_assert_ptr_eq(gpioirq_event_find_line(f->ctx, &c.ev), line);
	gpioirq_line_release(line);
	ck_assert_null_errno(gpioirq_event_find_line(f->ctx, &c.ev), ENOENT);
	/* The handle goes to a newer line: never the answer for the old event. */
	newer = fake_line(f, 2, NULL, NULL);
	ck_assert_int_eq(gpioirq_line_get_handle(newer), 1);
	ck_assert_null_errno(gpioirq_event_find_line(f->ctx, &c.ev), ENOENT);
	ck_assert_null_errno(gpioirq_event_find_line(NULL, &c.ev), EINVAL);
	ck_assert_null_errno(gpioirq_event_find_line(f->ctx, NULL), EINVAL);
	fake_free(f);
}
END_TEST

START_TEST(request_multiple_gives_each_offset_its_line)
{
	static const unsigned int offsets[] = { 5, 2, 7 };
	struct fake *f = fake_new(8);
	struct gpioirq_line *lines[3];
	struct gpioirq_line_settings ls = { .edges = GPIOIRQ_EDGES_RISING };
	unsigned int i;

	ck_assert_int_eq(gpioirq_line_request_multiple(f->ctx, "fake0", offsets, 3, &ls, lines), 0);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(gpioirq_line_get_offset(lines[i]), offsets[i]);
		ck_assert_int_eq(gpioirq_line_get_handle(lines[i]), i);
		ck_assert_uint_eq(f->lines[i].req.offset, offsets[i]);
		ck_assert_uint_eq(f->lines[i].req.config.flags, GPIOIRQ_LINE_EDGE_RISING);
	}
	fake_free(f);
}
END_TEST

START_TEST(request_multiple_holds_none_when_one_line_fails)
{
	static const unsigned int offsets[] = { 0, 1, 3 };
	static const unsigned int twice[] = { 4, 6, 4 };
	struct fake *f = fake_new(8);
	struct gpioirq_line *lines[3] = { (void *)1, (void *)2, (void *)3 };
	unsigned int i;

	/* Offset 3 is held already (handle 0): the third line fails, EBUSY. */
	ck_assert_ptr_nonnull(fake_line(f, 3, NULL, NULL));
	ck_assert_fail(gpioirq_line_request_multiple(f->ctx, "fake0", offsets, 3, NULL, lines),
		       EBUSY);
	ck_assert_ptr_eq(lines[0], (void *)1);
	ck_assert_ptr_eq(lines[1], (void *)2);
	ck_assert_ptr_eq(lines[2], (void *)3);
	/* The two lines it had were given back; the earlier line stays. */
	ck_assert_uint_eq(f->releases, 2);
	ck_assert(f->lines[0].used);
	for (i = 1; i < GPIOIRQ_MAX_LINES; i++)
		ck_assert(!f->lines[i].used);
	/* And the context knows nothing of them: the next line gets handle 1. */
	ck_assert_int_eq(gpioirq_line_get_handle(fake_line(f, 0, NULL, NULL)), 1);
	ck_assert_fail(gpioirq_line_request_multiple(f->ctx, "fake0", twice, 3, NULL, lines),
		       EINVAL);
	ck_assert_fail(gpioirq_line_request_multiple(f->ctx, "fake0", offsets, 0, NULL, lines),
		       EINVAL);
	ck_assert_fail(gpioirq_line_request_multiple(f->ctx, "fake0", offsets,
						     GPIOIRQ_MAX_LINES + 1, NULL, lines),
		       EINVAL);
	ck_assert_fail(gpioirq_line_request_multiple(f->ctx, "fake0", NULL, 1, NULL, lines),
		       EINVAL);
	ck_assert_fail(gpioirq_line_request_multiple(f->ctx, "fake0", offsets, 1, NULL, NULL),
		       EINVAL);
	ck_assert_ptr_eq(lines[0], (void *)1);
	fake_free(f);
}
END_TEST

START_TEST(release_discards_the_lines_events_still_in_the_ring)
{
	struct fake *f = fake_new(8);
	struct gpioirq_stats st;
	struct seen s = { 0 };
	struct gpioirq_line *line;

	line = fake_line(f, 0, seen_cb, &s);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert(fake_edge(f, 0, 1));
	gpioirq_line_release(line);
	ck_assert_uint_eq(f->releases, 1);
	ck_assert(!f->lines[0].used);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 3);
	ck_assert_uint_eq(seen_n(&s), 0);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.stale, 3);
	fake_free(f);
}
END_TEST

START_TEST(a_reused_handle_never_gets_the_old_lines_events)
{
	struct fake *f = fake_new(8);
	struct seen sa = { 0 }, sb = { 0 };
	struct gpioirq_line *a, *b;
	struct gpioirq_stats st;

	a = fake_line(f, 0, seen_cb, &sa);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	gpioirq_line_release(a);
	b = fake_line(f, 1, seen_cb, &sb);
	ck_assert_int_eq(gpioirq_line_get_handle(b), 0);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 3);
	ck_assert_uint_eq(seen_n(&sa), 0);
	ck_assert_uint_eq(seen_n(&sb), 1);
	ck_assert_uint_eq(sb.last_seqno, 3);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.stale, 2);
	fake_free(f);
}
END_TEST

START_TEST(events_of_unknown_handles_are_counted_stale)
{
	struct fake *f = fake_new(8);
	struct gpioirq_stats st;

	ck_assert(fake_edge(f, 7, 1));
	ck_assert(fake_edge(f, 1000, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 2);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.stale, 2);
	ck_assert_uint_eq(st.callbacks, 0);
	fake_free(f);
}
END_TEST

/* Releases its own line on its first event. */
static struct seen self_seen;
static void release_self_cb(const struct gpioirq_event *ev, void *arg)
{
	seen_cb(ev, arg);
	gpioirq_line_release(gpioirq_event_get_line(ev));
}

START_TEST(release_from_its_own_callback_stops_the_lines_later_events)
{
	struct fake *f = fake_new(16);
	struct gpioirq_stats st;
	struct seen sb = { 0 };
	unsigned int i;

	memset(&self_seen, 0, sizeof(self_seen));
	fake_line(f, 0, release_self_cb, &self_seen);
	fake_line(f, 1, seen_cb, &sb);
	for (i = 0; i < 5; i++) {
		ck_assert(fake_edge(f, 0, i & 1));
		ck_assert(fake_edge(f, 1, i & 1));
	}
	/* One batch: the released line stays pinned until the batch ends. */
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 10);
	ck_assert_uint_eq(seen_n(&self_seen), 1);
	ck_assert_uint_eq(seen_n(&sb), 5);
	ck_assert_uint_eq(f->releases, 1);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.stale, 4);
	fake_free(f);
}
END_TEST

/* A callback that holds on until the test lets it go. */
struct slow {
	int entered;	/* atomic */
	int let_go;	/* atomic */
	int returned;	/* atomic */
};

static void slow_cb(const struct gpioirq_event *ev, void *arg)
{
	struct slow *sl = arg;

	(void)ev;
	__atomic_store_n(&sl->entered, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&sl->let_go, __ATOMIC_SEQ_CST))
		sched_yield();
	/* A release that did not wait would have returned by now. */
	nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000000 }, NULL);
	__atomic_store_n(&sl->returned, 1, __ATOMIC_SEQ_CST);
}

struct changer {
	struct gpioirq_line *line;
	int which;		/* 0 release, 1 mask, 2 reconfigure */
	int returned_before_cb;
	struct slow *sl;
};

static void *changer_main(void *arg)
{
	struct changer *c = arg;
	struct gpioirq_line_settings ls;

	__atomic_store_n(&c->sl->let_go, 1, __ATOMIC_SEQ_CST);
	switch (c->which) {
	case 0:
		gpioirq_line_release(c->line);
		break;
	case 1:
		gpioirq_line_mask(c->line);
		break;
	case 2:
		gpioirq_line_settings_init(&ls);
		ls.callback = seen_cb;
		ls.user_data = &(struct seen){ 0 };
		gpioirq_line_reconfigure(c->line, &ls);
		break;
	}
	c->returned_before_cb = !__atomic_load_n(&c->sl->returned, __ATOMIC_SEQ_CST);
	return NULL;
}

static void change_waits_for_the_running_callback(int which)
{
	struct fake *f = fake_new(8);
	struct slow sl = { 0 };
	struct changer c = { .which = which, .sl = &sl };
	pthread_t t;

	c.line = fake_line(f, 0, slow_cb, &sl);
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	ck_assert(fake_edge(f, 0, 1));
	while (!__atomic_load_n(&sl.entered, __ATOMIC_SEQ_CST))
		sched_yield();
	ck_assert_int_eq(pthread_create(&t, NULL, changer_main, &c), 0);
	pthread_join(t, NULL);
	ck_assert_int_eq(c.returned_before_cb, 0);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	fake_free(f);
}

START_TEST(release_from_another_thread_waits_for_the_running_callback)
{
	change_waits_for_the_running_callback(0);
}
END_TEST

START_TEST(mask_from_another_thread_waits_for_the_running_callback)
{
	change_waits_for_the_running_callback(1);
}
END_TEST

START_TEST(reconfigure_from_another_thread_waits_for_the_running_callback)
{
	change_waits_for_the_running_callback(2);
}
END_TEST

struct counted {
	int calls;	/* atomic */
	struct slow sl;
};

static void counted_cb(const struct gpioirq_event *ev, void *arg)
{
	struct counted *c = arg;

	__atomic_fetch_add(&c->calls, 1, __ATOMIC_SEQ_CST);
	slow_cb(ev, &c->sl);
}

/*
 * Eight edges of one line reach the dispatcher thread as one batch, whose
 * callbacks keep the line's running flag between them: a release while the
 * first runs still waits for it to return, no callback of the line begins
 * after the release returned, and each event either ran or was counted
 * stale.
 */
START_TEST(release_from_another_thread_stops_a_batch_of_the_lines_callbacks)
{
	struct fake *f = fake_new(8);
	struct counted c = { 0 };
	struct gpioirq_stats st;
	struct gpioirq_line *line;
	int i, calls;

	line = fake_line(f, 0, counted_cb, &c);
	for (i = 0; i < 8; i++)
		ck_assert(fake_edge(f, 0, !(i & 1)));
	ck_assert_int_eq(gpioirq_thread_start(f->ctx, NULL), 0);
	while (!__atomic_load_n(&c.sl.entered, __ATOMIC_SEQ_CST))
		sched_yield();
	__atomic_store_n(&c.sl.let_go, 1, __ATOMIC_SEQ_CST);
	gpioirq_line_release(line);
	calls = __atomic_load_n(&c.calls, __ATOMIC_SEQ_CST);
	ck_assert_int_eq(__atomic_load_n(&c.sl.returned, __ATOMIC_SEQ_CST), 1);
	ck_assert_int_eq(gpioirq_thread_stop(f->ctx), 0);
	ck_assert_int_eq(c.calls, calls);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.callbacks, (uint64_t)calls);
	ck_assert_uint_eq(st.callbacks + st.stale, 8);
	fake_free(f);
}
END_TEST

START_TEST(mask_holds_events_until_unmask_and_keeps_their_order)
{
	struct fake *f = fake_new(16);
	struct seen sa = { 0 }, sb = { 0 };
	struct gpioirq_line *a;

	a = fake_line(f, 0, seen_cb, &sa);
	fake_line(f, 1, seen_cb, &sb);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert_int_eq(gpioirq_line_mask(a), 0);
	ck_assert(f->lines[0].masked);
	ck_assert(fake_edge(f, 1, 1));
	/* The other line is not held off. */
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 3);
	ck_assert_uint_eq(seen_n(&sa), 0);
	ck_assert_uint_eq(seen_n(&sb), 1);
	ck_assert_int_eq(gpioirq_line_unmask(a), 0);
	ck_assert(!f->lines[0].masked);
	/* A newer event of the line comes after the held ones. */
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 3);
	ck_assert_uint_eq(seen_n(&sa), 3);
	ck_assert_int_eq(sa.out_of_order, 0);
	ck_assert_uint_eq(sa.seqno[0], 1);
	ck_assert_uint_eq(sa.seqno[1], 2);
	ck_assert_uint_eq(sa.seqno[2], 4);
	fake_free(f);
}
END_TEST

START_TEST(unmask_makes_the_fd_readable_for_held_events)
{
	struct fake *f = fake_new(8);
	struct pollfd pfd = { .fd = gpioirq_get_fd(f->ctx), .events = POLLIN };
	struct seen s = { 0 };
	struct gpioirq_line *line;

	line = fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(gpioirq_line_mask(line), 0);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_int_eq(poll(&pfd, 1, 0), 0);
	ck_assert_int_eq(gpioirq_line_unmask(line), 0);
	ck_assert_int_eq(poll(&pfd, 1, 0), 1);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_uint_eq(seen_n(&s), 1);
	ck_assert_int_eq(poll(&pfd, 1, 0), 0);
	fake_free(f);
}
END_TEST

START_TEST(reconfigure_changes_the_callback_and_the_modules_config)
{
	struct fake *f = fake_new(8);
	struct seen s1 = { 0 }, s2 = { 0 };
	struct gpioirq_line_settings ls;
	struct gpioirq_line *line;

	line = fake_line(f, 0, seen_cb, &s1);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	gpioirq_line_settings_init(&ls);
	ls.debounce_us = 100;
	ls.callback = seen_cb;
	ls.user_data = &s2;
	ck_assert_int_eq(gpioirq_line_reconfigure(line, &ls), 0);
	ck_assert_uint_eq(f->lines[0].req.config.debounce_us, 100);
	ck_assert(fake_edge(f, 0, 0));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_uint_eq(seen_n(&s1), 1);
	ck_assert_uint_eq(seen_n(&s2), 1);
	ck_assert_ptr_eq(gpioirq_line_get_user_data(line), &s2);
	/* The module cannot switch bottom halves. */
	ls.bh = GPIOIRQ_BH_TASKLET;
	ck_assert_fail(gpioirq_line_reconfigure(line, &ls), EINVAL);
	ck_assert_uint_eq(f->lines[0].req.config.bh, GPIOIRQ_BH_AUTO);
	fake_free(f);
}
END_TEST

START_TEST(get_value_and_stats_read_the_module)
{
	struct fake *f = fake_new(8);
	struct gpioirq_line_stats st;
	struct gpioirq_line *line;

	line = fake_line(f, 0, NULL, NULL);
	ck_assert_int_eq(gpioirq_line_get_value(line), 0);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert(fake_edge(f, 0, 0));
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(gpioirq_line_get_value(line), 1);
	ck_assert_int_eq(gpioirq_line_get_stats(line, &st), 0);
	ck_assert_uint_eq(st.handle, 0);
	ck_assert_uint_eq(st.events, 3);
	fake_free(f);
}
END_TEST

START_TEST(a_full_queue_drops_its_oldest_event_and_counts_it)
{
	struct fake *f = fake_new(128);
	struct gpioirq_stats st;
	unsigned int i;

	fake_line(f, 0, NULL, NULL);
	for (i = 0; i < GPIOIRQ_LINE_QUEUE_EVENTS + 6; i++)
		ck_assert(fake_edge(f, 0, i & 1));
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), GPIOIRQ_LINE_QUEUE_EVENTS + 6);
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_uint_eq(st.unclaimed, 6);
	ck_assert_uint_eq(f->ctx->lines[0]->q_len, GPIOIRQ_LINE_QUEUE_EVENTS);
	ck_assert_uint_eq(f->ctx->lines[0]->q[f->ctx->lines[0]->q_first].seqno, 7);
	fake_free(f);
}
END_TEST

Suite *line_suite(void)
{
	Suite *s = suite_create("line");
	TCase *tc = tcase_create("line");

	tcase_set_timeout(tc, UNIT_TIMEOUT_S);
	tcase_add_test(tc, settings_init_gives_the_documented_defaults);
	tcase_add_test(tc, request_passes_every_setting_to_the_module);
	tcase_add_test(tc, request_rejects_bad_settings_with_einval);
	tcase_add_test(tc, request_reports_the_modules_errors);
	tcase_add_test(tc, request_passes_the_consumer_name_and_keeps_its_own_copy);
	tcase_add_test(tc, request_with_a_consumer_fails_with_eopnotsupp_on_an_older_module);
	tcase_add_test(tc, request_by_name_fails_with_enoent_for_an_unknown_name);
	tcase_add_test(tc, getters_return_what_was_requested);
	tcase_add_test(tc, line_functions_reject_null_with_einval);
	tcase_add_test(tc, event_get_line_gives_the_line_in_its_callback);
	tcase_add_test(tc, zero_initialised_settings_request_both_edges);
	tcase_add_test(tc, either_family_of_edge_and_bias_constants_means_the_same);
	tcase_add_test(tc, event_find_line_gives_the_line_of_a_copy_until_it_is_released);
	tcase_add_test(tc, request_multiple_gives_each_offset_its_line);
	tcase_add_test(tc, request_multiple_holds_none_when_one_line_fails);
	tcase_add_test(tc, release_discards_the_lines_events_still_in_the_ring);
	tcase_add_test(tc, a_reused_handle_never_gets_the_old_lines_events);
	tcase_add_test(tc, events_of_unknown_handles_are_counted_stale);
	tcase_add_test(tc, release_from_its_own_callback_stops_the_lines_later_events);
	tcase_add_test(tc, release_from_another_thread_waits_for_the_running_callback);
	tcase_add_test(tc, mask_from_another_thread_waits_for_the_running_callback);
	tcase_add_test(tc, release_from_another_thread_stops_a_batch_of_the_lines_callbacks);
	tcase_add_test(tc, reconfigure_from_another_thread_waits_for_the_running_callback);
	tcase_add_test(tc, mask_holds_events_until_unmask_and_keeps_their_order);
	tcase_add_test(tc, unmask_makes_the_fd_readable_for_held_events);
	tcase_add_test(tc, reconfigure_changes_the_callback_and_the_modules_config);
	tcase_add_test(tc, get_value_and_stats_read_the_module);
	tcase_add_test(tc, a_full_queue_drops_its_oldest_event_and_counts_it);
	suite_add_tcase(s, tc);
	return s;
}
