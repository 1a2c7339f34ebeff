// SPDX-License-Identifier: GPL-2.0
/*
 * mmap() abuse of a file with a ring of 1024 events and a line under a
 * burst: every offset and size but the two the layout gives is EINVAL; the
 * producer region cannot be mapped or made writable (EPERM, EACCES) nor
 * grown with mremap(); the consumer page cannot be mapped private (EINVAL);
 * a private read-only map of the producer, a moved mapping, a forked child's
 * view, mappings that outlive close(), MADV_DONTNEED on both in a child
 * (whose next read of them is SIGBUS: the pages are not faulted back in),
 * and garbage tails written to the consumer page all leave the kernel safe (the runner
 * checks the log) and the line's accounting exact (edges == events +
 * dropped); bad tails are counted in ctrl->bad_tail.
 */
#include "hostile.h"

#define ENTRIES	1024

static void *map(int fd, size_t len, int prot, int flags, uint64_t off)
{
	return mmap(NULL, len, prot, flags, fd, (off_t)off);
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	struct gpioirq_line_stats st;
	struct ut_ring r;
	uint64_t psize, poff, coff, offs[6], bad_tail;
	volatile struct gpioirq_ring_ctrl *ctrl;
	void *p, *q;
	unsigned int i;
	uint32_t h;
	pid_t pid;
	int status, fd;
	long edges;

	hs_setup(NULL);
	/* No ring yet: ENODEV. */
	fd = ut_open_dev();
	EXPECT_TRUE(map(fd, page, PROT_READ, MAP_SHARED, 0) == MAP_FAILED);
	EXPECT_EQ(errno, ENODEV);
	close(fd);

	ut_open(&r, ENTRIES);
	psize = r.lay.producer_size;
	poff = r.lay.producer_offset;
	coff = r.lay.consumer_offset;
	h = ut_request_ok(r.fd, hs_chip, 0, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_OK(sim_burst(0, 20000, 50000));

	/* Offsets and sizes the layout does not give. */
	offs[0] = poff + page;
	offs[1] = coff + page;
	offs[2] = coff - page;
	offs[3] = 1ull << 40;
	offs[4] = poff + psize;
	offs[5] = 7 * page;
	for (i = 0; i < 6; i++) {
		if (offs[i] == poff || offs[i] == coff)
			continue;
		p = map(r.fd, page, PROT_READ, MAP_SHARED, offs[i]);
		if (p != MAP_FAILED)
			HS_FAIL("mmap at offset 0x%llx worked",
				(unsigned long long)offs[i]);
		EXPECT_EQ(errno, EINVAL);
	}
	EXPECT_TRUE(map(r.fd, psize - page, PROT_READ, MAP_SHARED, poff) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_TRUE(map(r.fd, psize + page, PROT_READ, MAP_SHARED, poff) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_TRUE(map(r.fd, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, coff) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);

	/* The producer region stays read-only. */
	EXPECT_TRUE(map(r.fd, psize, PROT_READ | PROT_WRITE, MAP_SHARED, poff) == MAP_FAILED);
	EXPECT_EQ(errno, EPERM);
	EXPECT_ERRNO(mprotect(r.prod, psize, PROT_READ | PROT_WRITE), EACCES);
	EXPECT_TRUE(mremap(r.prod, psize, psize + page, 0) == MAP_FAILED);
	printf("mremap to grow the producer region: %s\n", strerror(errno));
	/* The consumer page must be shared to reach the kernel. */
	EXPECT_TRUE(map(r.fd, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, coff) == MAP_FAILED);
	EXPECT_EQ(errno, EINVAL);

	/* A private read-only copy of the producer region: allowed. */
	p = map(r.fd, psize, PROT_READ, MAP_PRIVATE, poff);
	EXPECT_TRUE(p != MAP_FAILED);
	ctrl = p;
	EXPECT_EQ(ctrl->entries, ENTRIES);
	/* Moved elsewhere: still the same pages. */
	q = mremap(p, psize, psize, MREMAP_MAYMOVE | MREMAP_FIXED,
		   (char *)r.prod + 64 * psize);
	if (q != MAP_FAILED) {
		ctrl = q;
		EXPECT_EQ(ctrl->entries, ENTRIES);
		munmap(q, psize);
	} else {
		printf("mremap to move a private map: %s\n", strerror(errno));
		munmap(p, psize);
	}

	/* A forked child reads and writes the shared ring, then exits. */
	pid = fork();
	EXPECT_TRUE(pid >= 0);
	if (!pid) {
		struct gpioirq_event ev;

		for (i = 0; i < 100; i++)
			ut_next(&r, &ev);
		_exit(r.ctrl->entries == ENTRIES ? 0 : 1);
	}
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Garbage tails: counted, nothing overwritten that may be read. */
	bad_tail = r.ctrl->bad_tail;
	for (i = 0; i < 50; i++) {
		__atomic_store_n(&r.cons->tail, (uint64_t)rand() << 20,
				 __ATOMIC_RELEASE);
		usleep(1000);
	}
	__atomic_store_n(&r.cons->tail, ut_head(&r), __ATOMIC_RELEASE);
	printf("bad_tail went from %llu to %llu\n",
	       (unsigned long long)bad_tail,
	       (unsigned long long)r.ctrl->bad_tail);
	EXPECT_TRUE(r.ctrl->bad_tail > bad_tail);

	/* MADV_DONTNEED on both maps, in a child: its own view goes. */
	pid = fork();
	EXPECT_TRUE(pid >= 0);
	if (!pid) {
		signal(SIGTERM, SIG_DFL);
		madvise(r.prod, psize, MADV_DONTNEED);
		madvise((void *)r.cons, page, MADV_DONTNEED);
		_exit(r.ctrl->entries == ENTRIES ? 0 : 1);
	}
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
	printf("a read after MADV_DONTNEED: signal %d\n", WTERMSIG(status));

	/* Maps outlive the file: close first, then read, then unmap. */
	fd = dup(r.fd);
	EXPECT_OK(fd);
	/*
	 * The abuse is over: stop the burst where it is (how far it got
	 * depends on the kernel's speed under TCG, 7.2 on arm64 being the
	 * slowest) and account for every edge it raised.
	 */
	EXPECT_OK(sim_burst_stop(0));
	edges = sim_edges(0);
	EXPECT_TRUE(edges > 0);
	ut_wait_rest(fd, h, edges, &st);
	EXPECT_EQ(st.events + st.dropped, edges);
	printf("burst: %ld of 40000 edges raised; events %llu dropped %llu\n",
	       edges, (unsigned long long)st.events,
	       (unsigned long long)st.dropped);
	close(fd);
	close(r.fd);
	/* The file is gone only with its maps: read them once more. */
	printf("after close: entries %u head %llu\n", r.ctrl->entries,
	       (unsigned long long)r.ctrl->head);
	munmap(r.prod, psize);
	munmap((void *)r.cons, page);
	return 0;
}
