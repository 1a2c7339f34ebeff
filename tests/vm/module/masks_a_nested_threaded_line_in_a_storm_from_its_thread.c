// SPDX-License-Identifier: GPL-2.0
/*
 * On a chip whose interrupts are nested-threaded behind a bus lock (the
 * simulator's nested_threaded=1, as an I2C expander), gpioirq takes the
 * threaded top half; a storm of 400 edges on a line with storm_limit 50
 * edges/s masks it at the 51st interrupt without taking the chip's bus lock
 * in atomic context (the simulator warns if it is), the consumer gets the
 * 51 edges then the storm event, a level change while masked raises
 * nothing, and UNMASK resumes delivery.
 */
#include "modtest.h"

#define LIMIT 50

int main(void)
{
	struct gpioirq_line_config cfg;
	struct gpioirq_line_handle lh = { 0 };
	struct gpioirq_line_stats st;
	struct gpioirq_event ev;
	struct mt_ring r;
	char lines[512];
	uint32_t h;
	int i;

	mt_setup("nested_threaded=1");
	mt_open(&r, 0);
	mt_config(&cfg, GPIOIRQ_LINE_EDGE_BOTH);
	cfg.storm_limit = LIMIT;
	h = mt_request_cfg(r.fd, 0, &cfg);
	EXPECT_TRUE(vmtest_read("/sys/kernel/debug/gpioirq/lines", lines,
				sizeof(lines)) > 0);
	EXPECT_TRUE(strstr(lines, " bh=workqueue(threaded) ") != NULL);

	if (sim_burst(0, 200, 1000000) || sim_wait_burst(0, 60000))
		MT_FAIL("burst failed");
	mt_wait_rest(r.fd, h, LIMIT + 1, &st);
	EXPECT_EQ(st.interrupts, LIMIT + 1);
	EXPECT_EQ(st.storm_masks, 1);
	EXPECT_EQ(st.dropped, 0);
	/* The bus thread may still hold edges of the burst: all masked. */
	usleep(100000);
	EXPECT_EQ(sim_edges(0), LIMIT + 1);
	for (i = 0; i < LIMIT + 1; i++) {
		mt_wait_event(&r, &ev);
		EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
		EXPECT_EQ(ev.seqno, i + 1);
	}
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.type, GPIOIRQ_EVENT_STORM);
	EXPECT_EQ(ev.line_seqno, LIMIT + 1);
	mt_check_empty(&r);
	printf("storm: %llu interrupts, %llu events, then the storm event\n",
	       (unsigned long long)st.interrupts,
	       (unsigned long long)st.events);

	mt_set_level(0, 1);
	mt_stats(r.fd, h, &st);
	EXPECT_EQ(st.interrupts, LIMIT + 1);

	lh.handle = h;
	EXPECT_OK(ioctl(r.fd, GPIOIRQ_IOC_LINE_UNMASK, &lh));
	mt_set_level(0, 0);
	mt_wait_rest(r.fd, h, LIMIT + 2, &st);
	mt_wait_event(&r, &ev);
	EXPECT_EQ(ev.type, GPIOIRQ_EVENT_EDGE);
	EXPECT_EQ(ev.edge, GPIOIRQ_EDGE_FALLING);
	EXPECT_EQ(sim_edges(0), LIMIT + 2);
	mt_close(&r);
	return 0;
}
