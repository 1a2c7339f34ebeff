// SPDX-License-Identifier: GPL-2.0
/*
 * The module parameter ring_max_kib caps the ring memory of one file
 * (producer region plus consumer page): INFO's ring_max_entries follows it,
 * a RING_SETUP above it is E2BIG and leaves no ring, a line request whose
 * default ring is above it is E2BIG and leaves neither ring nor line; 0
 * lifts the cap.
 */
#include "hostile.h"

static int setup(int fd, uint32_t entries)
{
	struct gpioirq_ring_layout lay;

	memset(&lay, 0, sizeof(lay));
	lay.entries = entries;
	return ioctl(fd, GPIOIRQ_IOC_RING_SETUP, &lay);
}

int main(void)
{
	struct gpioirq_ring_layout lay;
	struct gpioirq_info info;
	uint32_t handle;
	int fd, fd2;

	hs_setup(NULL);
	fd = ut_open_dev();

	/* 16384 events: 1 MiB of slots, the control and consumer pages. */
	hs_param("ring_max_kib", "1032");
	ut_info(fd, &info);
	EXPECT_EQ(info.ring_max_entries, 16384);
	EXPECT_ERRNO(setup(fd, 32768), E2BIG);
	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay), ENODEV);
	EXPECT_OK(setup(fd, 16384));
	close(fd);

	/* Below the default ring (4096 events, 264 KiB). */
	hs_param("ring_max_kib", "100");
	fd = ut_open_dev();
	ut_info(fd, &info);
	EXPECT_EQ(info.ring_max_entries, 1024);
	EXPECT_ERRNO(ut_request(fd, hs_chip, 0, GPIOIRQ_LINE_EDGE_BOTH,
				&handle), E2BIG);
	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay), ENODEV);
	fd2 = ut_open_dev();
	EXPECT_OK(setup(fd2, 1024));
	EXPECT_EQ(ut_request_ok(fd2, hs_chip, 0, GPIOIRQ_LINE_EDGE_BOTH), 0);
	close(fd2);
	close(fd);

	hs_param("ring_max_kib", "8");
	fd = ut_open_dev();
	ut_info(fd, &info);
	EXPECT_EQ(info.ring_max_entries, 0);
	EXPECT_ERRNO(setup(fd, 2), E2BIG);
	hs_param("ring_max_kib", "0");
	ut_info(fd, &info);
	EXPECT_EQ(info.ring_max_entries, GPIOIRQ_RING_MAX_ENTRIES);
	EXPECT_OK(setup(fd, GPIOIRQ_RING_MAX_ENTRIES));
	close(fd);
	printf("cap 1032 KiB: 16384 events; 100 KiB: 1024; 8 KiB: none; 0: %u\n",
	       GPIOIRQ_RING_MAX_ENTRIES);
	return 0;
}
