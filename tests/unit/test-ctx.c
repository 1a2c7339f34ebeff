// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/* The context: open's errors, the ABI check, its getters and their errors. */
#include <poll.h>
#include <string.h>

#include "unit.h"

START_TEST(version_string_is_the_headers)
{
	ck_assert_str_eq(gpioirq_version_string(), GPIOIRQ_VERSION_STRING);
}
END_TEST

START_TEST(close_of_null_does_nothing)
{
	ck_assert_int_eq(gpioirq_close(NULL), 0);
}
END_TEST

START_TEST(open_fails_with_enoent_when_the_device_is_missing)
{
	ck_assert_null_errno(gpioirq_open("/nonexistent/gpioirq"), ENOENT);
	ck_assert_null_errno(gpioirq_open_ring("/nonexistent/gpioirq", 8), ENOENT);
}
END_TEST

START_TEST(open_fails_with_enotty_on_a_file_that_is_not_the_device)
{
	ck_assert_null_errno(gpioirq_open("/dev/null"), ENOTTY);
}
END_TEST

START_TEST(open_ring_rejects_sizes_the_module_cannot_have)
{
	ck_assert_null_errno(gpioirq_open_ring("/dev/null", 3), EINVAL);
	ck_assert_null_errno(gpioirq_open_ring("/dev/null", 1), EINVAL);
	ck_assert_null_errno(gpioirq_open_ring("/dev/null", GPIOIRQ_RING_MAX_ENTRIES * 2), EINVAL);
}
END_TEST

START_TEST(refuses_a_module_of_another_abi_with_eproto)
{
	struct gpioirq_info info;

	memset(&info, 0, sizeof(info));
	info.abi_version = GPIOIRQ_ABI_VERSION;
	info.event_size = sizeof(struct gpioirq_event);
	ck_assert_int_eq(gpioirq_info_check(&info), 0);
	info.abi_version = GPIOIRQ_ABI_VERSION + 1;
	ck_assert_fail(gpioirq_info_check(&info), EPROTO);
	info.abi_version = GPIOIRQ_ABI_VERSION;
	info.event_size = 56;
	ck_assert_fail(gpioirq_info_check(&info), EPROTO);
}
END_TEST

START_TEST(get_info_returns_the_modules_answer)
{
	struct fake *f = fake_new(8);
	struct gpioirq_info info;

	ck_assert_int_eq(gpioirq_get_info(f->ctx, &info), 0);
	ck_assert_uint_eq(info.abi_version, GPIOIRQ_ABI_VERSION);
	ck_assert_str_eq(info.version, "fake");
	ck_assert_uint_eq(gpioirq_get_ring_entries(f->ctx), 8);
	fake_free(f);
}
END_TEST

START_TEST(fd_is_readable_exactly_while_events_are_pending)
{
	struct fake *f = fake_new(8);
	struct pollfd pfd = { .fd = gpioirq_get_fd(f->ctx), .events = POLLIN };
	struct seen s = { 0 };

	ck_assert_int_ge(pfd.fd, 0);
	fake_line(f, 0, seen_cb, &s);
	ck_assert_int_eq(poll(&pfd, 1, 0), 0);
	ck_assert(fake_edge(f, 0, 1));
	ck_assert_int_eq(poll(&pfd, 1, 0), 1);
	ck_assert_int_eq(gpioirq_dispatch(f->ctx, 0), 1);
	ck_assert_int_eq(poll(&pfd, 1, 0), 0);
	fake_free(f);
}
END_TEST

START_TEST(context_functions_reject_bad_arguments_with_einval)
{
	struct fake *f = fake_new(8);
	struct gpioirq_stats st;
	struct gpioirq_info info;

	ck_assert_fail(gpioirq_get_fd(NULL), EINVAL);
	ck_assert_fail(gpioirq_get_info(NULL, &info), EINVAL);
	ck_assert_fail(gpioirq_get_info(f->ctx, NULL), EINVAL);
	errno = 0;
	ck_assert_uint_eq(gpioirq_get_ring_entries(NULL), 0);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_fail(gpioirq_set_busy_poll(NULL, 0), EINVAL);
	ck_assert_fail(gpioirq_set_busy_poll(f->ctx, 1000001), EINVAL);
	ck_assert_int_eq(gpioirq_set_busy_poll(f->ctx, 1000000), 0);
	ck_assert_fail(gpioirq_set_drop_callback(NULL, NULL, NULL), EINVAL);
	ck_assert_fail(gpioirq_get_stats(NULL, &st), EINVAL);
	ck_assert_fail(gpioirq_get_stats(f->ctx, NULL), EINVAL);
	ck_assert_fail(gpioirq_dispatch(NULL, 0), EINVAL);
	ck_assert_fail(gpioirq_dispatch(f->ctx, -2), EINVAL);
	ck_assert_fail(gpioirq_thread_start(NULL, NULL), EINVAL);
	ck_assert_fail(gpioirq_thread_stop(NULL), EINVAL);
	fake_free(f);
}
END_TEST

START_TEST(stats_start_at_zero)
{
	struct fake *f = fake_new(8);
	struct gpioirq_stats st, zero;

	memset(&st, 0xff, sizeof(st));
	memset(&zero, 0, sizeof(zero));
	ck_assert_int_eq(gpioirq_get_stats(f->ctx, &st), 0);
	ck_assert_mem_eq(&st, &zero, sizeof(st));
	fake_free(f);
}
END_TEST

Suite *ctx_suite(void)
{
	Suite *s = suite_create("ctx");
	TCase *tc = tcase_create("context");

	tcase_set_timeout(tc, UNIT_TIMEOUT_S);
	tcase_add_test(tc, version_string_is_the_headers);
	tcase_add_test(tc, close_of_null_does_nothing);
	tcase_add_test(tc, open_fails_with_enoent_when_the_device_is_missing);
	tcase_add_test(tc, open_fails_with_enotty_on_a_file_that_is_not_the_device);
	tcase_add_test(tc, open_ring_rejects_sizes_the_module_cannot_have);
	tcase_add_test(tc, refuses_a_module_of_another_abi_with_eproto);
	tcase_add_test(tc, get_info_returns_the_modules_answer);
	tcase_add_test(tc, fd_is_readable_exactly_while_events_are_pending);
	tcase_add_test(tc, context_functions_reject_bad_arguments_with_einval);
	tcase_add_test(tc, stats_start_at_zero);
	suite_add_tcase(s, tc);
	return s;
}
