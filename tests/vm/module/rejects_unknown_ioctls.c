// SPDX-License-Identifier: GPL-2.0
/* Unknown ioctls, and known numbers with the wrong size or direction, are
 * -ENOTTY. */
#include "modtest.h"

int main(void)
{
	char buf[512] = { 0 };
	int fd;

	mt_setup(NULL);
	fd = mt_open_dev();
	EXPECT_ERRNO(ioctl(fd, _IO(GPIOIRQ_IOC_MAGIC, 0x0a), buf), ENOTTY);
	EXPECT_ERRNO(ioctl(fd, _IOWR(GPIOIRQ_IOC_MAGIC, 0x7f, int), buf), ENOTTY);
	EXPECT_ERRNO(ioctl(fd, _IOR(GPIOIRQ_IOC_MAGIC, 0x00, int), buf), ENOTTY);
	EXPECT_ERRNO(ioctl(fd, _IOW(GPIOIRQ_IOC_MAGIC, 0x03,
				   struct gpioirq_line_request), buf), ENOTTY);
	EXPECT_ERRNO(ioctl(fd, _IOR('G', 0x00, struct gpioirq_info), buf), ENOTTY);
	EXPECT_ERRNO(ioctl(fd, 0, buf), ENOTTY);
	EXPECT_ERRNO(ioctl(fd, 0x5401 /* TCGETS */, buf), ENOTTY);
	close(fd);
	return 0;
}
