// SPDX-License-Identifier: GPL-2.0
/*
 * Four threads hammer one file through the fd and three dups for 5 s while
 * bursts run on its lines: requests, releases, reconfigs, masks, unmasks,
 * stats and value reads of random handles, in any order. Every answer is 0
 * or an errno the uAPI documents for that race (ENOENT, EBUSY, EALREADY,
 * EINVAL, ENOSPC); then one thread closes its dup while the others go on
 * (EBADF for it only), the last close frees every line: INFO shows none.
 */
#include <pthread.h>

#include "hostile.h"

#define THREADS		4
#define RUN_MS		5000

static int fds[THREADS];
static volatile int stop;
static unsigned long ops[THREADS], errs[THREADS];

static void *hammer(void *arg)
{
	long id = (long)arg;
	uint64_t x = 0x9e3779b97f4a7c15ull * (id + 1);
	struct gpioirq_line_reconfig rc;
	struct gpioirq_line_handle lh;
	struct gpioirq_line_stats st;
	struct gpioirq_line_value val;
	uint32_t h;
	int ret, e;

	while (!stop) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memset(&lh, 0, sizeof(lh));
		lh.handle = x % 6;
		switch ((x >> 8) % 7) {
		case 0:
			ret = ut_request(fds[id], hs_chip, (x >> 16) % 8,
					 GPIOIRQ_LINE_EDGE_BOTH, &h);
			break;
		case 1:
			ret = ioctl(fds[id], GPIOIRQ_IOC_LINE_RELEASE, &lh);
			break;
		case 2:
			memset(&rc, 0, sizeof(rc));
			rc.handle = lh.handle;
			ut_config(&rc.config, (x >> 20) % 2 ?
				  GPIOIRQ_LINE_EDGE_BOTH :
				  GPIOIRQ_LINE_EDGE_RISING);
			rc.config.storm_limit = (x >> 24) % 2 ? 500 :
							       GPIOIRQ_STORM_OFF;
			ret = ioctl(fds[id], GPIOIRQ_IOC_LINE_RECONFIG, &rc);
			break;
		case 3:
			ret = ioctl(fds[id], GPIOIRQ_IOC_LINE_MASK, &lh);
			break;
		case 4:
			ret = ioctl(fds[id], GPIOIRQ_IOC_LINE_UNMASK, &lh);
			break;
		case 5:
			memset(&st, 0, sizeof(st));
			st.handle = lh.handle;
			ret = ioctl(fds[id], GPIOIRQ_IOC_LINE_STATS, &st);
			break;
		default:
			memset(&val, 0, sizeof(val));
			val.handle = lh.handle;
			ret = ioctl(fds[id], GPIOIRQ_IOC_LINE_GET_VALUE, &val);
			break;
		}
		e = ret ? errno : 0;
		ops[id]++;
		if (e && e != ENOENT && e != EBUSY && e != EALREADY &&
		    e != EINVAL && e != ENOSPC && e != EBADF) {
			fprintf(stderr, "thread %ld: op %llu: %s\n", id,
				(unsigned long long)((x >> 8) % 7), strerror(e));
			_exit(1);
		}
		if (e == EBADF && id != 0) {
			fprintf(stderr, "thread %ld: EBADF on a dup still open\n", id);
			_exit(1);
		}
		if (e)
			errs[id]++;
	}
	return NULL;
}

int main(void)
{
	struct gpioirq_info info;
	pthread_t th[THREADS];
	unsigned long total = 0;
	long i;
	int fd;

	hs_setup(NULL);
	fds[0] = ut_open_dev();
	for (i = 1; i < THREADS; i++)
		fds[i] = dup(fds[0]);
	for (i = 0; i < 8; i++)
		EXPECT_OK(sim_burst(i, 1000000, 200000));
	for (i = 0; i < THREADS; i++)
		EXPECT_EQ(pthread_create(&th[i], NULL, hammer, (void *)i), 0);
	usleep(RUN_MS * 1000 / 2);
	/* Thread 0's dup goes away under it. */
	close(fds[0]);
	usleep(RUN_MS * 1000 / 2);
	stop = 1;
	for (i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		total += ops[i];
	}
	printf("%lu ioctls by %d threads;", total, THREADS);
	for (i = 0; i < THREADS; i++)
		printf(" thread %ld: %lu ops %lu errors", i, ops[i], errs[i]);
	printf("\n");
	for (i = 0; i < 8; i++)
		sim_burst_stop(i);
	for (i = 1; i < THREADS; i++)
		close(fds[i]);
	fd = ut_open_dev();
	ut_info(fd, &info);
	EXPECT_EQ(info.files, 1);
	EXPECT_EQ(info.lines, 0);
	EXPECT_EQ(info.edges, info.events + info.dropped);
	close(fd);
	return 0;
}
