// SPDX-License-Identifier: GPL-2.0
/*
 * The producer region maps read-only: PROT_WRITE is -EPERM (shared or
 * private) and mprotect() cannot add it later. Wrong offsets and sizes are
 * -EINVAL, and so is a private mapping of the consumer page. The consumer
 * page is writable and shared with the kernel.
 */
#include "modtest.h"

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	struct mt_ring r;
	size_t psz;
	void *p;

	mt_setup(NULL);
	mt_open(&r, 64);
	psz = r.lay.producer_size;

	p = mmap(NULL, psz, PROT_READ | PROT_WRITE, MAP_SHARED, r.fd, 0);
	EXPECT_TRUE(p == MAP_FAILED && errno == EPERM);
	p = mmap(NULL, psz, PROT_READ | PROT_WRITE, MAP_PRIVATE, r.fd, 0);
	EXPECT_TRUE(p == MAP_FAILED && errno == EPERM);
	p = mmap(NULL, psz, PROT_WRITE, MAP_SHARED, r.fd, 0);
	EXPECT_TRUE(p == MAP_FAILED && errno == EPERM);

	p = mmap(NULL, psz, PROT_READ, MAP_SHARED, r.fd, 0);
	EXPECT_TRUE(p != MAP_FAILED);
	EXPECT_ERRNO(mprotect(p, psz, PROT_READ | PROT_WRITE), EACCES);
	EXPECT_EQ(((struct gpioirq_ring_ctrl *)p)->entries, 64);
	EXPECT_EQ(((struct gpioirq_ring_ctrl *)p)->abi_version, GPIOIRQ_ABI_VERSION);
	munmap(p, psz);

	/* Sizes and offsets. */
	p = mmap(NULL, psz - page, PROT_READ, MAP_SHARED, r.fd, 0);
	EXPECT_TRUE(p == MAP_FAILED && errno == EINVAL);
	p = mmap(NULL, psz + page, PROT_READ, MAP_SHARED, r.fd, 0);
	EXPECT_TRUE(p == MAP_FAILED && errno == EINVAL);
	p = mmap(NULL, page, PROT_READ, MAP_SHARED, r.fd, page);
	EXPECT_TRUE(p == MAP_FAILED && errno == EINVAL);
	p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, r.fd,
		 r.lay.consumer_offset);
	EXPECT_TRUE(p == MAP_FAILED && errno == EINVAL);
	p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, r.fd,
		 r.lay.consumer_offset + page);
	EXPECT_TRUE(p == MAP_FAILED && errno == EINVAL);
	p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, r.fd,
		 r.lay.consumer_offset);
	EXPECT_TRUE(p == MAP_FAILED && errno == EINVAL);

	/* The consumer page is the kernel's: a second mapping sees writes. */
	p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, r.fd,
		 r.lay.consumer_offset);
	EXPECT_TRUE(p != MAP_FAILED);
	r.cons->wakeup = 7;
	EXPECT_EQ(((volatile struct gpioirq_ring_consumer *)p)->wakeup, 7);
	r.cons->wakeup = 0;
	munmap(p, page);
	mt_close(&r);
	return 0;
}
