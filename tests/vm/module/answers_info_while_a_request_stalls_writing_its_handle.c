// SPDX-License-Identifier: GPL-2.0
/*
 * A LINE_REQUEST whose handle write-back stalls (the page is
 * write-protected through userfaultfd, and nobody resolves the fault yet)
 * holds no lock that others wait on: while it stalls, another process opens
 * /dev/gpioirq, gets INFO and reads debugfs. Once the fault is resolved the
 * request completes with handle 0.
 */
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>

#include "modtest.h"

static struct gpioirq_line_request *req;
static int req_fd, req_ret, req_errno;

static void *requester(void *arg)
{
	(void)arg;
	req_ret = ioctl(req_fd, GPIOIRQ_IOC_LINE_REQUEST, req);
	req_errno = errno;
	return NULL;
}

/* In a child: open, INFO, debugfs; exit 0 when all worked. */
static int others(void)
{
	struct gpioirq_info info;
	char buf[4096];
	int fd = open(GPIOIRQ_DEVICE_PATH, O_RDWR);

	if (fd < 0 || ioctl(fd, GPIOIRQ_IOC_INFO, &info))
		return 1;
	if (vmtest_read("/sys/kernel/debug/gpioirq/stats", buf, sizeof(buf)) < 0)
		return 2;
	close(fd);
	return 0;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	struct uffdio_api api = {
		.api = UFFD_API,
		.features = UFFD_FEATURE_PAGEFAULT_FLAG_WP,
	};
	struct uffdio_register reg;
	struct uffdio_writeprotect wp;
	struct uffd_msg msg;
	struct pollfd pfd;
	pthread_t t;
	pid_t pid;
	long long t0;
	int uffd, status = 0, done = 0;

	mt_setup(NULL);
	req_fd = mt_open_dev();
	req = mmap(NULL, page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	EXPECT_TRUE(req != MAP_FAILED);
	mt_req_init(req, MT_LINE, GPIOIRQ_LINE_EDGE_BOTH);
	req->handle = 99;

	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0)
		vmtest_skip("userfaultfd: %s", strerror(errno));
	if (ioctl(uffd, UFFDIO_API, &api))
		vmtest_skip("userfaultfd write-protect: %s", strerror(errno));
	reg.range.start = (unsigned long)req;
	reg.range.len = page;
	reg.mode = UFFDIO_REGISTER_MODE_WP;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		vmtest_skip("UFFDIO_REGISTER_MODE_WP: %s", strerror(errno));
	wp.range = reg.range;
	wp.mode = UFFDIO_WRITEPROTECT_MODE_WP;
	EXPECT_OK(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp));

	EXPECT_EQ(pthread_create(&t, NULL, requester, NULL), 0);
	pfd.fd = uffd;
	pfd.events = POLLIN;
	EXPECT_EQ(poll(&pfd, 1, 10000), 1);
	EXPECT_EQ(read(uffd, &msg, sizeof(msg)), sizeof(msg));
	EXPECT_EQ(msg.event, UFFD_EVENT_PAGEFAULT);
	EXPECT_TRUE(msg.arg.pagefault.flags & UFFD_PAGEFAULT_FLAG_WP);
	EXPECT_EQ(msg.arg.pagefault.address & ~(page - 1), (unsigned long)req);
	printf("the request stalls on a write-protect fault in its page\n");

	pid = fork();
	EXPECT_TRUE(pid >= 0);
	if (!pid)
		_exit(others());
	for (t0 = vmtest_now_ms(); vmtest_now_ms() - t0 < 5000;) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			done = 1;
			break;
		}
		usleep(10000);
	}
	if (!done)
		kill(pid, SIGKILL);

	/* Resolve the fault whatever happened, so that the request ends. */
	wp.mode = 0;
	EXPECT_OK(ioctl(uffd, UFFDIO_WRITEPROTECT, &wp));
	EXPECT_EQ(pthread_join(t, NULL), 0);
	if (!done) {
		waitpid(pid, &status, 0);
		MT_FAIL("open/INFO/debugfs blocked for 5 s behind the stalled request");
	}
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
	printf("open, INFO and debugfs answered in %lld ms while it stalled\n",
	       vmtest_now_ms() - t0);
	EXPECT_EQ(req_ret, 0);
	(void)req_errno;
	EXPECT_EQ(req->handle, 0);
	mt_release(req_fd, 0);
	close(req_fd);
	return 0;
}
