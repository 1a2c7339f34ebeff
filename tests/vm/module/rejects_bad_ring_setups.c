// SPDX-License-Identifier: GPL-2.0
/*
 * RING_SETUP rejects sizes that are not a power of two or out of range,
 * non-zero flags, padding and reserved fields (-EINVAL), and a second setup
 * (-EBUSY); before a ring exists RING_INFO and mmap() say -ENODEV. A line
 * request without RING_SETUP sets up the default ring.
 */
#include "modtest.h"

static int setup(int fd, uint32_t entries, void (*change)(struct gpioirq_ring_layout *))
{
	struct gpioirq_ring_layout lay;

	memset(&lay, 0, sizeof(lay));
	lay.entries = entries;
	if (change)
		change(&lay);
	return ioctl(fd, GPIOIRQ_IOC_RING_SETUP, &lay);
}

static void set_flags(struct gpioirq_ring_layout *l) { l->flags = 1; }
static void set_padding(struct gpioirq_ring_layout *l) { l->padding = 1; }
static void set_reserved(struct gpioirq_ring_layout *l) { l->reserved[3] = 1; }

int main(void)
{
	struct gpioirq_ring_layout lay, lay2;
	long page = sysconf(_SC_PAGESIZE);
	int fd;

	mt_setup(NULL);
	fd = mt_open_dev();
	memset(&lay, 0, sizeof(lay));
	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay), ENODEV);
	EXPECT_TRUE(mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED);
	EXPECT_EQ(errno, ENODEV);

	EXPECT_ERRNO(setup(fd, 1, NULL), EINVAL);
	EXPECT_ERRNO(setup(fd, 3, NULL), EINVAL);
	EXPECT_ERRNO(setup(fd, 4095, NULL), EINVAL);
	EXPECT_ERRNO(setup(fd, GPIOIRQ_RING_MAX_ENTRIES * 2, NULL), EINVAL);
	EXPECT_ERRNO(setup(fd, 0x80000000u, NULL), EINVAL);
	EXPECT_ERRNO(setup(fd, 0xffffffffu, NULL), EINVAL);
	EXPECT_ERRNO(setup(fd, 16, set_flags), EINVAL);
	EXPECT_ERRNO(setup(fd, 16, set_padding), EINVAL);
	EXPECT_ERRNO(setup(fd, 16, set_reserved), EINVAL);
	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_SETUP, NULL), EFAULT);
	EXPECT_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay), ENODEV);

	/* The smallest ring; then no second one. */
	memset(&lay, 0, sizeof(lay));
	lay.entries = GPIOIRQ_RING_MIN_ENTRIES;
	EXPECT_OK(ioctl(fd, GPIOIRQ_IOC_RING_SETUP, &lay));
	EXPECT_EQ(lay.entries, 2);
	EXPECT_EQ(lay.mask, 1);
	EXPECT_EQ(lay.event_size, sizeof(struct gpioirq_event));
	EXPECT_EQ(lay.producer_offset, GPIOIRQ_MMAP_PRODUCER);
	EXPECT_EQ(lay.consumer_offset, GPIOIRQ_MMAP_CONSUMER);
	EXPECT_EQ(lay.consumer_size, page);
	EXPECT_EQ(lay.events_offset, page);
	EXPECT_EQ(lay.producer_size, 2 * page);
	EXPECT_EQ(lay.head_offset, 0);
	EXPECT_EQ(lay.dropped_offset, 8);
	EXPECT_EQ(lay.tail_offset, 0);
	EXPECT_EQ(lay.wakeup_offset, 8);
	EXPECT_ERRNO(setup(fd, 16, NULL), EBUSY);
	EXPECT_ERRNO(setup(fd, 0, NULL), EBUSY);
	memset(&lay2, 0xff, sizeof(lay2));
	EXPECT_OK(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay2));
	EXPECT_TRUE(!memcmp(&lay, &lay2, sizeof(lay)));
	close(fd);

	/* Default size. */
	fd = mt_open_dev();
	EXPECT_OK(setup(fd, 0, NULL));
	EXPECT_OK(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay));
	EXPECT_EQ(lay.entries, GPIOIRQ_RING_DEFAULT_ENTRIES);
	close(fd);

	/* A line request sets up the default ring. */
	fd = mt_open_dev();
	mt_request(fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_OK(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay));
	EXPECT_EQ(lay.entries, GPIOIRQ_RING_DEFAULT_ENTRIES);
	EXPECT_ERRNO(setup(fd, 16, NULL), EBUSY);
	close(fd);
	return 0;
}
