// SPDX-License-Identifier: GPL-2.0
/*
 * 50,000 ioctls (at most 20 s) with random numbers, directions, sizes and
 * contents, on two files with lines held and bursts running: ioctls of the
 * module's magic, sizes and directions it knows or not, arguments that are
 * random bytes, partly valid requests, NULL, unmapped, read-only, or the
 * last bytes before an unmapped page. Each answer is 0 or an errno the uAPI
 * documents; the kernel log stays clean (the runner checks); afterwards the
 * lines still held account exactly (edges == events + dropped) and, once
 * the files are closed, INFO shows no file and no line.
 */
#include "hostile.h"

#define CALLS		50000
#define BUDGET_MS	20000

static const int allowed[] = {
	0, ENOTTY, EINVAL, EFAULT, ENOENT, ENODEV, EBUSY, EALREADY, ENOSPC,
	E2BIG, EOPNOTSUPP, ENXIO, EPERM,
};
static unsigned long counts[sizeof(allowed) / sizeof(allowed[0])];

static uint64_t rnd_state = 88172645463325252ull;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static void fill(void *p, size_t n)
{
	unsigned char *c = p;

	while (n--)
		*c++ = rnd();
}

int main(void)
{
	static const unsigned int known[] = {
		GPIOIRQ_IOC_INFO, GPIOIRQ_IOC_RING_SETUP,
		GPIOIRQ_IOC_RING_INFO, GPIOIRQ_IOC_LINE_REQUEST,
		GPIOIRQ_IOC_LINE_RELEASE, GPIOIRQ_IOC_LINE_RECONFIG,
		GPIOIRQ_IOC_LINE_MASK, GPIOIRQ_IOC_LINE_UNMASK,
		GPIOIRQ_IOC_LINE_STATS, GPIOIRQ_IOC_LINE_GET_VALUE,
	};
	long page = sysconf(_SC_PAGESIZE);
	struct gpioirq_line_stats st;
	struct gpioirq_info info;
	char *rw, *ro, *edge, *buf;
	unsigned int i, k, cmd, size, dir, calls = 0;
	long long t0;
	int fd[2], ret, e, f;

	hs_setup("nr_lines=16");
	/* rw: random contents; ro: read-only; edge: last page before a hole. */
	rw = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_TRUE(rw != MAP_FAILED);
	ro = rw + page;
	edge = rw + 2 * page;
	EXPECT_OK(munmap(rw + 3 * page, page));
	fd[0] = ut_open_dev();
	fd[1] = ut_open_dev();
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(ut_request_ok(fd[i & 1], hs_chip, i,
					GPIOIRQ_LINE_EDGE_BOTH), i >> 1);
		EXPECT_OK(sim_burst(i, 100000, 100000));
	}
	fill(ro, page);
	EXPECT_OK(mprotect(ro, page, PROT_READ));

	t0 = vmtest_now_ms();
	for (calls = 0; calls < CALLS && vmtest_now_ms() - t0 < BUDGET_MS;
	     calls++) {
		f = fd[rnd() & 1];
		size = rnd() % 300;
		switch (rnd() % 4) {
		case 0:
			cmd = known[rnd() % 10];
			break;
		case 1:
			/* A known number with another size or direction. */
			cmd = known[rnd() % 10];
			cmd = _IOC(rnd() % 4, _IOC_TYPE(cmd), _IOC_NR(cmd),
				   size);
			break;
		case 2:
			dir = rnd() % 4;
			cmd = _IOC(dir, GPIOIRQ_IOC_MAGIC, rnd() % 32, size);
			break;
		default:
			cmd = rnd();
			break;
		}
		fill(rw, page);
		/* Now and then a request of a real line, mostly valid. */
		if (_IOC_NR(cmd) == _IOC_NR(GPIOIRQ_IOC_LINE_REQUEST) &&
		    rnd() % 2) {
			struct gpioirq_line_request *req = (void *)rw;

			ut_req_init(req, hs_chip, rnd() % 20,
				    rnd() % 2 ? GPIOIRQ_LINE_EDGE_BOTH : rnd());
			req->config.debounce_us = rnd() % 3 ? 0 : rnd() % 2000;
			req->config.bh = rnd() % 5;
		}
		if (rnd() % 2) {
			/* A small handle, so that handle ioctls hit lines. */
			*(uint32_t *)rw = rnd() % 10;
			*(uint32_t *)(rw + 4) = rnd() % 8 ? 0 : rnd();
		}
		switch (rnd() % 6) {
		case 0:
			buf = NULL;
			break;
		case 1:
			buf = rw + 3 * page;	/* unmapped */
			break;
		case 2:
			buf = ro;
			break;
		case 3:
			buf = edge + page - (rnd() % 128);
			break;
		default:
			buf = rw;
			break;
		}
		ret = ioctl(f, cmd, buf);
		e = ret ? errno : 0;
		for (k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
			if (allowed[k] == e)
				break;
		if (k == sizeof(allowed) / sizeof(allowed[0]))
			HS_FAIL("ioctl 0x%08x (arg %p) returned %d, errno %s",
				cmd, (void *)buf, ret, strerror(e));
		counts[k]++;
	}
	printf("%u ioctls in %lld ms:", calls, vmtest_now_ms() - t0);
	for (k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
		if (counts[k])
			printf(" %s %lu", allowed[k] ? strerror(allowed[k]) : "ok",
			       counts[k]);
	printf("\n");

	/* What is still held accounts exactly once the bursts are over. */
	for (i = 0; i < 16; i++)
		sim_burst_stop(i);
	for (f = 0; f < 2; f++) {
		for (i = 0; i < GPIOIRQ_MAX_LINES; i++) {
			memset(&st, 0, sizeof(st));
			st.handle = i;
			if (ioctl(fd[f], GPIOIRQ_IOC_LINE_STATS, &st))
				continue;
			ut_wait_rest(fd[f], i, st.edges, &st);
			EXPECT_EQ(st.events + st.dropped, st.edges);
		}
	}
	close(fd[0]);
	close(fd[1]);
	fd[0] = ut_open_dev();
	ut_info(fd[0], &info);
	EXPECT_EQ(info.files, 1);
	EXPECT_EQ(info.lines, 0);
	EXPECT_EQ(info.edges, info.events + info.dropped);
	printf("module totals: edges %llu events %llu dropped %llu\n",
	       (unsigned long long)info.edges,
	       (unsigned long long)info.events,
	       (unsigned long long)info.dropped);
	close(fd[0]);
	return 0;
}
