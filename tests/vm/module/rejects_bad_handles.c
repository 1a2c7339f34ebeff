// SPDX-License-Identifier: GPL-2.0
/*
 * The ioctls that name a line: a handle out of range is -EINVAL, a handle in
 * range that names no line is -ENOENT, non-zero padding is -EINVAL, a bad
 * pointer -EFAULT.
 */
#include "modtest.h"

int main(void)
{
	static const unsigned long handle_cmds[] = {
		GPIOIRQ_IOC_LINE_RELEASE, GPIOIRQ_IOC_LINE_MASK,
		GPIOIRQ_IOC_LINE_UNMASK, GPIOIRQ_IOC_LINE_STATS,
	};
	struct gpioirq_line_reconfig rc;
	struct gpioirq_line_value val;
	struct gpioirq_line_stats st;
	struct mt_ring r;
	unsigned int i;

	mt_setup(NULL);
	mt_open(&r, 0);
	mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH);	/* handle 0 */

	for (i = 0; i < sizeof(handle_cmds) / sizeof(handle_cmds[0]); i++) {
		/* struct gpioirq_line_stats starts like struct gpioirq_line_handle */
		memset(&st, 0, sizeof(st));
		st.handle = GPIOIRQ_MAX_LINES;
		EXPECT_ERRNO(ioctl(r.fd, handle_cmds[i], &st), EINVAL);
		st.handle = 0xffffffffu;
		EXPECT_ERRNO(ioctl(r.fd, handle_cmds[i], &st), EINVAL);
		st.handle = 1;
		EXPECT_ERRNO(ioctl(r.fd, handle_cmds[i], &st), ENOENT);
		st.handle = GPIOIRQ_MAX_LINES - 1;
		EXPECT_ERRNO(ioctl(r.fd, handle_cmds[i], &st), ENOENT);
		st.handle = 0;
		st.padding = 1;
		EXPECT_ERRNO(ioctl(r.fd, handle_cmds[i], &st), EINVAL);
		EXPECT_ERRNO(ioctl(r.fd, handle_cmds[i], NULL), EFAULT);
	}

	memset(&val, 0, sizeof(val));
	val.handle = GPIOIRQ_MAX_LINES;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_GET_VALUE, &val), EINVAL);
	val.handle = 1;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_GET_VALUE, &val), ENOENT);

	memset(&rc, 0, sizeof(rc));
	mt_config(&rc.config, GPIOIRQ_LINE_EDGE_BOTH);
	rc.handle = GPIOIRQ_MAX_LINES;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), EINVAL);
	rc.handle = 1;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), ENOENT);
	rc.handle = 0;
	rc.padding = 1;
	EXPECT_ERRNO(ioctl(r.fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), EINVAL);

	/* Handle 0 still works after all that. */
	mt_stats(r.fd, 0, &st);
	mt_release(r.fd, 0);
	mt_close(&r);
	return 0;
}
