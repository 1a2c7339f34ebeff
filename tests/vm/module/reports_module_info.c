// SPDX-License-Identifier: GPL-2.0
/*
 * INFO reports the ABI, the limits, the module's default storm limit, the
 * files open and lines held now, the features it has beyond ABI 1's first
 * release (the consumer name), and zeroes its padding and reserved fields.
 */
#include "modtest.h"

int main(void)
{
	struct gpioirq_info info;
	char param[32];
	int a, b;

	mt_setup(NULL);
	a = mt_open_dev();
	memset(&info, 0xa5, sizeof(info));
	EXPECT_OK(ioctl(a, GPIOIRQ_IOC_INFO, &info));
	EXPECT_EQ(info.abi_version, GPIOIRQ_ABI_VERSION);
	EXPECT_EQ(info.event_size, 64);
	EXPECT_TRUE(memchr(info.version, '\0', sizeof(info.version)));
	EXPECT_TRUE(strlen(info.version) > 0);
	EXPECT_EQ(info.ring_default_entries, GPIOIRQ_RING_DEFAULT_ENTRIES);
	EXPECT_EQ(info.ring_max_entries, GPIOIRQ_RING_MAX_ENTRIES);
	EXPECT_EQ(info.max_lines, GPIOIRQ_MAX_LINES);
	EXPECT_TRUE(vmtest_read("/sys/module/gpioirq/parameters/storm_limit", param,
			   sizeof(param)) > 0);
	EXPECT_EQ(info.storm_limit, strtoul(param, NULL, 10));
	EXPECT_EQ(info.files, 1);
	EXPECT_EQ(info.lines, 0);
	EXPECT_EQ(info.features, GPIOIRQ_FEATURE_CONSUMER);
	EXPECT_EQ(info.padding, 0);
	for (size_t i = 0; i < sizeof(info.reserved) / sizeof(info.reserved[0]); i++)
		EXPECT_EQ(info.reserved[i], 0);
	EXPECT_EQ(info.edges, info.events + info.dropped);

	b = mt_open_dev();
	mt_request(b, 0, GPIOIRQ_LINE_EDGE_BOTH);
	mt_request(b, 1, GPIOIRQ_LINE_EDGE_BOTH);
	mt_info(a, &info);
	EXPECT_EQ(info.files, 2);
	EXPECT_EQ(info.lines, 2);
	close(b);
	mt_info(a, &info);
	EXPECT_EQ(info.files, 1);
	EXPECT_EQ(info.lines, 0);
	EXPECT_ERRNO(ioctl(a, GPIOIRQ_IOC_INFO, NULL), EFAULT);
	close(a);
	return 0;
}
