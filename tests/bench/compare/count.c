// SPDX-License-Identifier: GPL-2.0
/*
 * count.c: the consumer's system calls. The bench is linked with
 * -Wl,--wrap=SYMBOL for each function below, so that every call the bench's
 * objects and libgpioirq.a make to them comes here first. libgpiod is a
 * shared library (its calls are not wrapped); gpiod*.c counts those.
 * A pthread_cond_broadcast() that wakes a waiter is a futex call too; it is
 * not counted (the C library decides), so the counts are a lower bound for
 * the dispatcher thread.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "compare.h"

uint64_t count_syscalls;
__thread bool count_quiet;

void count_add(unsigned int n)
{
	if (!count_quiet)
		__atomic_fetch_add(&count_syscalls, n, __ATOMIC_RELAXED);
}

int __real_poll(struct pollfd *fds, nfds_t n, int timeout);
int __real_ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts,
		 const sigset_t *mask);
ssize_t __real_read(int fd, void *buf, size_t len);
ssize_t __real_write(int fd, const void *buf, size_t len);
int __real_ioctl(int fd, unsigned long req, void *arg);
int __real_pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int __real_pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
				  const struct timespec *ts);

int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout);
int __wrap_ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts,
		 const sigset_t *mask);
ssize_t __wrap_read(int fd, void *buf, size_t len);
ssize_t __wrap_write(int fd, const void *buf, size_t len);
int __wrap_ioctl(int fd, unsigned long req, ...);
int __wrap_pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int __wrap_pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
				  const struct timespec *ts);

int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout)
{
	count_add(1);
	return __real_poll(fds, n, timeout);
}

int __wrap_ppoll(struct pollfd *fds, nfds_t n, const struct timespec *ts,
		 const sigset_t *mask)
{
	count_add(1);
	return __real_ppoll(fds, n, ts, mask);
}

ssize_t __wrap_read(int fd, void *buf, size_t len)
{
	count_add(1);
	return __real_read(fd, buf, len);
}

ssize_t __wrap_write(int fd, const void *buf, size_t len)
{
	count_add(1);
	return __real_write(fd, buf, len);
}

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	count_add(1);
	return __real_ioctl(fd, req, arg);
}

int __wrap_pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	count_add(1);
	return __real_pthread_cond_wait(c, m);
}

int __wrap_pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
				  const struct timespec *ts)
{
	count_add(1);
	return __real_pthread_cond_timedwait(c, m, ts);
}
