// SPDX-License-Identifier: MIT
/*
 * examples/ppsstat.c, the PPS example's arithmetic: offsets to the nearest
 * second, the running jitter, and the SHM refclock sample in mode 1.
 */
#include <stddef.h>
#include <string.h>

#include "ppsstat.h"
#include "unit.h"

START_TEST(gives_the_signed_offset_to_the_nearest_second)
{
	ck_assert_int_eq(pps_offset_ns(0), 0);
	ck_assert_int_eq(pps_offset_ns(5 * NSEC_PER_SEC + 300000), 300000);
	ck_assert_int_eq(pps_offset_ns(5 * NSEC_PER_SEC - 300000), -300000);
	ck_assert_int_eq(pps_offset_ns(7 * NSEC_PER_SEC + 499999999), 499999999);
	ck_assert_int_eq(pps_offset_ns(7 * NSEC_PER_SEC + 500000000), -500000000);
	ck_assert_int_eq(pps_offset_ns(1763000000123456789ll), 123456789);
}
END_TEST

START_TEST(gives_the_running_standard_deviation_of_the_offsets)
{
	static const int64_t off[] = { 1000, -1000, 1000, -1000, 3000 };
	struct ppsstat s;
	size_t i;

	ppsstat_init(&s);
	ck_assert(ppsstat_jitter_ns(&s) == 0.0);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(ppsstat_add(&s, (int64_t)(100 + i) * NSEC_PER_SEC + off[i]), off[i]);
	/* Mean 0, squares 4e6 over n - 1 = 3. */
	ck_assert_double_eq_tol(s.mean_ns, 0.0, 1e-9);
	ck_assert_double_eq_tol(ppsstat_jitter_ns(&s), 1154.7005383792516, 1e-6);
	ck_assert_int_eq(s.interval_ns, NSEC_PER_SEC - 2000);
	ppsstat_add(&s, 104 * NSEC_PER_SEC + off[4]);
	/* Mean 600; squares 0.16e6 + 2.56e6 + 0.16e6 + 2.56e6 + 5.76e6 = 11.2e6 over 4. */
	ck_assert_double_eq_tol(s.mean_ns, 600.0, 1e-9);
	ck_assert_double_eq_tol(ppsstat_jitter_ns(&s), 1673.3200530681511, 1e-6);
	ck_assert_uint_eq(s.n, 5);
	ck_assert_int_eq(s.offset_ns, 3000);
}
END_TEST

START_TEST(writes_a_mode_1_shm_sample_for_the_nearest_second)
{
	struct shmTime shm;

	memset(&shm, 0, sizeof(shm));
	ntpshm_put(&shm, 1763000000999998500ll, -20);
	ck_assert_int_eq(shm.mode, 1);
	ck_assert_int_eq(shm.count, 2);
	ck_assert_int_eq(shm.valid, 1);
	ck_assert_int_eq(shm.clockTimeStampSec, 1763000001);
	ck_assert_int_eq(shm.clockTimeStampUSec, 0);
	ck_assert_uint_eq(shm.clockTimeStampNSec, 0);
	ck_assert_int_eq(shm.receiveTimeStampSec, 1763000000);
	ck_assert_int_eq(shm.receiveTimeStampUSec, 999998);
	ck_assert_uint_eq(shm.receiveTimeStampNSec, 999998500);
	ck_assert_int_eq(shm.leap, 0);
	ck_assert_int_eq(shm.precision, -20);
	/* The next sample, 1 s and 2 us later, after the reader cleared valid. */
	shm.valid = 0;
	ntpshm_put(&shm, 1763000001000000500ll, -20);
	ck_assert_int_eq(shm.count, 4);
	ck_assert_int_eq(shm.valid, 1);
	ck_assert_int_eq(shm.clockTimeStampSec, 1763000001);
	ck_assert_int_eq(shm.receiveTimeStampSec, 1763000001);
	ck_assert_uint_eq(shm.receiveTimeStampNSec, 500);
}
END_TEST

START_TEST(has_the_shm_segment_layout_chrony_reads)
{
	/* ntpd's and chrony's struct shmTime with a 64-bit time_t (LP64, and
	 * ILP32 with _TIME_BITS=64 alike): 92 bytes of fields, padded to 96.
	 */
	if (sizeof(time_t) != 8)
		return;
	ck_assert_uint_eq(sizeof(struct shmTime), 96);
	ck_assert_uint_eq(offsetof(struct shmTime, count), 4);
	ck_assert_uint_eq(offsetof(struct shmTime, clockTimeStampSec), 8);
	ck_assert_uint_eq(offsetof(struct shmTime, receiveTimeStampSec), 24);
	ck_assert_uint_eq(offsetof(struct shmTime, valid), 48);
	ck_assert_uint_eq(offsetof(struct shmTime, clockTimeStampNSec), 52);
	ck_assert_uint_eq(offsetof(struct shmTime, dummy), 60);
}
END_TEST

Suite *example_pps_suite(void)
{
	Suite *s = suite_create("example-pps");
	TCase *tc = tcase_create("ppsstat");

	tcase_add_test(tc, gives_the_signed_offset_to_the_nearest_second);
	tcase_add_test(tc, gives_the_running_standard_deviation_of_the_offsets);
	tcase_add_test(tc, writes_a_mode_1_shm_sample_for_the_nearest_second);
	tcase_add_test(tc, has_the_shm_segment_layout_chrony_reads);
	suite_add_tcase(s, tc);
	return s;
}
