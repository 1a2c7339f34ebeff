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
	CHECK_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay), ENODEV);
	CHECK(mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED);
	CHECK_EQ(errno, ENODEV);

	CHECK_ERRNO(setup(fd, 1, NULL), EINVAL);
	CHECK_ERRNO(setup(fd, 3, NULL), EINVAL);
	CHECK_ERRNO(setup(fd, 4095, NULL), EINVAL);
	CHECK_ERRNO(setup(fd, GPIOIRQ_RING_MAX_ENTRIES * 2, NULL), EINVAL);
	CHECK_ERRNO(setup(fd, 0x80000000u, NULL), EINVAL);
	CHECK_ERRNO(setup(fd, 0xffffffffu, NULL), EINVAL);
	CHECK_ERRNO(setup(fd, 16, set_flags), EINVAL);
	CHECK_ERRNO(setup(fd, 16, set_padding), EINVAL);
	CHECK_ERRNO(setup(fd, 16, set_reserved), EINVAL);
	CHECK_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_SETUP, NULL), EFAULT);
	CHECK_ERRNO(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay), ENODEV);

	/* The smallest ring; then no second one. */
	memset(&lay, 0, sizeof(lay));
	lay.entries = GPIOIRQ_RING_MIN_ENTRIES;
	CHECK_OK(ioctl(fd, GPIOIRQ_IOC_RING_SETUP, &lay));
	CHECK_EQ(lay.entries, 2);
	CHECK_EQ(lay.mask, 1);
	CHECK_EQ(lay.event_size, sizeof(struct gpioirq_event));
	CHECK_EQ(lay.producer_offset, GPIOIRQ_MMAP_PRODUCER);
	CHECK_EQ(lay.consumer_offset, GPIOIRQ_MMAP_CONSUMER);
	CHECK_EQ(lay.consumer_size, page);
	CHECK_EQ(lay.events_offset, page);
	CHECK_EQ(lay.producer_size, 2 * page);
	CHECK_EQ(lay.head_offset, 0);
	CHECK_EQ(lay.dropped_offset, 8);
	CHECK_EQ(lay.tail_offset, 0);
	CHECK_EQ(lay.wakeup_offset, 8);
	CHECK_ERRNO(setup(fd, 16, NULL), EBUSY);
	CHECK_ERRNO(setup(fd, 0, NULL), EBUSY);
	memset(&lay2, 0xff, sizeof(lay2));
	CHECK_OK(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay2));
	CHECK(!memcmp(&lay, &lay2, sizeof(lay)));
	close(fd);

	/* Default size. */
	fd = mt_open_dev();
	CHECK_OK(setup(fd, 0, NULL));
	CHECK_OK(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay));
	CHECK_EQ(lay.entries, GPIOIRQ_RING_DEFAULT_ENTRIES);
	close(fd);

	/* A line request sets up the default ring. */
	fd = mt_open_dev();
	mt_request(fd, 0, GPIOIRQ_LINE_EDGE_BOTH);
	CHECK_OK(ioctl(fd, GPIOIRQ_IOC_RING_INFO, &lay));
	CHECK_EQ(lay.entries, GPIOIRQ_RING_DEFAULT_ENTRIES);
	CHECK_ERRNO(setup(fd, 16, NULL), EBUSY);
	close(fd);
	return 0;
}
