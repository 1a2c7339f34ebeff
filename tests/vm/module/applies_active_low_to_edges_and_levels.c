// SPDX-License-Identifier: GPL-2.0
/*
 * An active-low both-edges line: the raw rising edge is a logical falling
 * edge to level 0 and the other way round; LINE_GET_VALUE reports the
 * logical level too.
 */
#include "modtest.h"

static uint32_t value(int fd, uint32_t h)
{
	struct gpioirq_line_value v = { .handle = h };

	if (ioctl(fd, GPIOIRQ_IOC_LINE_GET_VALUE, &v))
		MT_FAIL("GET_VALUE: %s", strerror(errno));
	return v.value;
}

int main(void)
{
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	uint32_t h, hp;

	mt_setup(NULL);
	mt_open(&r, 0);
	h = mt_request(r.fd, 0, GPIOIRQ_LINE_EDGE_BOTH | GPIOIRQ_LINE_ACTIVE_LOW);
	hp = mt_request(r.fd, 1, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_EQ(value(r.fd, h), 1);
	EXPECT_EQ(value(r.fd, hp), 0);

	mt_set_level(0, 1);
	mt_wait_rest(r.fd, h, 1, &st);
	EXPECT_EQ(value(r.fd, h), 0);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_FALLING);
	EXPECT_EQ(ev.level, GPIOIRQ_LEVEL_LOW);

	mt_set_level(0, 0);
	mt_wait_rest(r.fd, h, 2, &st);
	EXPECT_EQ(value(r.fd, h), 1);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(ev.level, GPIOIRQ_LEVEL_HIGH);

	mt_set_level(1, 1);
	EXPECT_EQ(value(r.fd, hp), 1);
	mt_close(&r);
	return 0;
}
