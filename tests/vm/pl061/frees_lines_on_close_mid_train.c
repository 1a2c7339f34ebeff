// SPDX-License-Identifier: GPL-2.0
/*
 * Closing the device (ring still mapped, then unmapped) while the host pulses
 * two held PL061 lines frees both lines and their interrupts at once: a new
 * file requests the same lines right away, /proc/interrupts no longer lists
 * the old handlers, and the new file sees the rest of the train in order.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

#define PULSES 40

/* How many handlers of ours /proc/interrupts lists: the handler's name
 * ("gpioirq-CHIP-OFFSET") is the last word of its line. */
static int our_irqs(void)
{
	char line[512];
	int n = 0;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		VMTEST_FAIL("/proc/interrupts: %m");
	while (fgets(line, sizeof(line), f)) {
		char *last = NULL, *save = NULL;

		for (char *w = strtok_r(line, " \t\n", &save); w;
		     w = strtok_r(NULL, " \t\n", &save))
			last = w;
		if (last && !strncmp(last, "gpioirq-", 8))
			n++;
	}
	fclose(f);
	return n;
}

int main(void)
{
	struct gpioirq_event ev;
	struct ut_ring r, r2;
	uint64_t seen = 0, seq = 0;
	uint32_t h, h2;
	pid_t drv;

	p6_setup();
	ut_open(&r, 0);
	p6_request_ok(r.fd, 3, GPIOIRQ_LINE_EDGE_BOTH);
	p6_request_ok(r.fd, 6, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_EQ(our_irqs(), 2);

	drv = p6_drive_async("train 3,6 %d 10000 25000", PULSES);
	while (seen < 10) {
		ut_wait_event(&r, &ev);
		seen++;
	}
	/* The mappings hold the file: closing the fd alone frees nothing. */
	close(r.fd);
	EXPECT_EQ(our_irqs(), 2);
	munmap(r.prod, r.lay.producer_size);
	munmap((void *)r.cons, r.lay.consumer_size);
	EXPECT_EQ(our_irqs(), 0);

	ut_open(&r2, 0);
	h = p6_request_ok(r2.fd, 3, GPIOIRQ_LINE_EDGE_BOTH);
	h2 = p6_request_ok(r2.fd, 6, GPIOIRQ_LINE_EDGE_BOTH);
	EXPECT_EQ(our_irqs(), 2);
	p6_drive_wait(drv);
	/* Whatever part of the train the new file caught is in order per
	 * line (both lines move together, so it alternates per pair). */
	while (ut_next(&r2, &ev)) {
		EXPECT_TRUE(ev.handle == h || ev.handle == h2);
		EXPECT_EQ(ev.seqno, ++seq);
	}
	EXPECT_TRUE(seq < 4 * PULSES);
	ut_close(&r2);
	return 0;
}
