// SPDX-License-Identifier: GPL-2.0
/*
 * The simulator's device is unbound through sysfs while bursts run on three
 * held lines (two in one file, one in another), in both of its modes (hard
 * IRQ, nested_threaded=1). Each line's last event is GPIOIRQ_EVENT_CHIP_GONE,
 * whose line_seqno is the line's edge count; the events before it are the
 * line's events exactly (edges == events + dropped, from LINE_STATS, which
 * still answers); MASK, UNMASK, RECONFIG and GET_VALUE are ENODEV; gpiolib
 * never complains of a chip removed with GPIOs requested. The device is
 * bound again with the old files open: the new chip's lines are free, the
 * old file requests one and gets its edges; once the files are closed no
 * gpioirq interrupt is left in /proc/interrupts (and the modules unload:
 * the runner checks).
 */
#include "hostile.h"

#define DRV	"/sys/bus/platform/drivers/gpioirq-sim"

struct seen {
	uint64_t events, gone, gone_line_seqno, after_gone, last_line_seqno;
};

static void drain(struct ut_ring *r, struct seen *s, unsigned int n)
{
	struct gpioirq_event ev;

	while (ut_next(r, &ev)) {
		if (ev.handle >= n)
			HS_FAIL("event of handle %u", ev.handle);
		if (s[ev.handle].gone)
			s[ev.handle].after_gone++;
		if (ev.type == GPIOIRQ_EVENT_CHIP_GONE) {
			s[ev.handle].gone++;
			s[ev.handle].gone_line_seqno = ev.line_seqno;
			EXPECT_EQ(ev.cookie, 100 + ev.handle);
		} else {
			EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
			s[ev.handle].events++;
			s[ev.handle].last_line_seqno = ev.line_seqno;
		}
	}
}

static uint32_t request(struct ut_ring *r, unsigned int off, uint64_t cookie)
{
	struct gpioirq_line_config c;

	ut_config(&c, GPIOIRQ_LINE_EDGE_BOTH);
	c.cookie = cookie;
	return ut_request_cfg(r->fd, hs_chip, off, &c);
}

static void check_gone(struct ut_ring *r, uint32_t h, struct seen *s)
{
	struct gpioirq_line_reconfig rc;
	struct gpioirq_line_handle lh = { .handle = h };
	struct gpioirq_line_value val = { .handle = h };
	struct gpioirq_line_stats st;
	long long t0 = vmtest_now_ms();

	vmtest_waiting("the CHIP_GONE event of handle %u", h);
	while (!s[h].gone) {
		drain(r, s, 2);
		if (vmtest_now_ms() - t0 > 10000)
			HS_FAIL("no CHIP_GONE for handle %u", h);
		usleep(1000);
	}
	vmtest_waiting(NULL);
	ut_stats(r->fd, h, &st);
	printf("handle %u: edges %llu events %llu dropped %llu; got %llu events, CHIP_GONE line_seqno %llu\n",
	       h, (unsigned long long)st.edges, (unsigned long long)st.events,
	       (unsigned long long)st.dropped,
	       (unsigned long long)s[h].events,
	       (unsigned long long)s[h].gone_line_seqno);
	EXPECT_TRUE(st.edges > 0);
	EXPECT_EQ(st.events + st.dropped, st.edges);
	EXPECT_EQ(s[h].events, st.events);
	EXPECT_EQ(s[h].gone_line_seqno, st.edges);
	EXPECT_EQ(s[h].gone, 1);
	EXPECT_EQ(s[h].after_gone, 0);
	EXPECT_ERRNO(ioctl(r->fd, GPIOIRQ_IOC_LINE_MASK, &lh), ENODEV);
	EXPECT_ERRNO(ioctl(r->fd, GPIOIRQ_IOC_LINE_UNMASK, &lh), ENODEV);
	EXPECT_ERRNO(ioctl(r->fd, GPIOIRQ_IOC_LINE_GET_VALUE, &val), ENODEV);
	memset(&rc, 0, sizeof(rc));
	rc.handle = h;
	ut_config(&rc.config, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_ERRNO(ioctl(r->fd, GPIOIRQ_IOC_LINE_RECONFIG, &rc), ENODEV);
}

static void round_in(const char *mode)
{
	struct seen a[2], b[2];
	struct ut_ring ra, rb;
	struct gpioirq_event ev;
	unsigned int i;
	uint32_t h;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	hs_setup(mode);
	ut_open(&ra, 65536);
	ut_open(&rb, 65536);
	EXPECT_EQ(request(&ra, 0, 100), 0);
	EXPECT_EQ(request(&ra, 1, 101), 1);
	EXPECT_EQ(request(&rb, 2, 100), 0);
	for (i = 0; i < 3; i++)
		EXPECT_OK(sim_burst(i, 1000000, 200000));
	usleep(300000);
	drain(&ra, a, 2);
	EXPECT_OK(vmtest_write(DRV "/unbind", "gpioirq-sim"));
	EXPECT_TRUE(sim_chip_name() == NULL);
	check_gone(&ra, 0, a);
	check_gone(&ra, 1, a);
	check_gone(&rb, 0, b);
	EXPECT_EQ(vmtest_sh("dmesg | grep -q 'STILL REQUESTED'"), 1);

	/* Released: gone from the table; the other stays gone. */
	ut_release(ra.fd, 0);
	EXPECT_ERRNO(ioctl(ra.fd, GPIOIRQ_IOC_LINE_STATS,
			   &(struct gpioirq_line_stats){ .handle = 0 }), ENOENT);

	/* Bound again, the old files still open. */
	EXPECT_OK(vmtest_write(DRV "/bind", "gpioirq-sim"));
	EXPECT_TRUE(sim_chip_name() != NULL);
	snprintf(hs_chip, sizeof(hs_chip), "%s", sim_chip_name());
	h = request(&ra, 0, 100);
	EXPECT_EQ(h, 0);
	EXPECT_EQ(sim_set_level(0, 1), 0);
	ut_wait_event(&ra, &ev);
	EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_RISING);
	EXPECT_EQ(ev.line_seqno, 1);
	ut_close(&ra);
	ut_close(&rb);
	EXPECT_EQ(vmtest_sh("grep -q gpioirq-gpioirq /proc/interrupts"), 1);
	printf("%s: unbound under load, bound again, requested again\n",
	       mode);
}

int main(void)
{
	round_in("nr_lines=8");
	if (sim_unload() || module_unload())
		HS_FAIL("modules still in use after the first round");
	round_in("nested_threaded=1");
	return 0;
}
