// SPDX-License-Identifier: GPL-2.0
/*
 * gpiod1.c: libgpiod 1.6 (Debian 12), the fastest correct way its users
 * have: gpiod_line_event_wait(), then gpiod_line_event_read_multiple() of
 * up to 16 events (libgpiod 1.6's most per read; it speaks uAPI v1, whose
 * events carry no seqno). Each of the two is one system call (ppoll(),
 * read()), counted here: libgpiod's calls are not wrapped (count.c).
 */
#include <errno.h>
#include <gpiod.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "vmtest.h"

#define GPIOD1_EVENTS 16

const char gpiod_contender_name[] = "libgpiod 1.6";

int gpiod_contender(const struct contender *c, struct run *r)
{
	struct gpiod_line_event ev[GPIOD1_EVENTS];
	struct timespec idle = { 0, IDLE_MS * 1000000L };
	struct gpiod_chip *chip;
	struct gpiod_line *line;
	uint64_t cpu0, sys0, now, ts;
	int n, i;

	(void)c;
	r->has_seqno = false;
	count_quiet = true;
	chip = gpiod_chip_open_by_name(sim_chip_name());
	if (!chip)
		VMTEST_FAIL("gpiod_chip_open_by_name: %s", strerror(errno));
	line = gpiod_chip_get_line(chip, 0);
	if (!line || gpiod_line_request_both_edges_events(line, "bench-gpiod"))
		VMTEST_FAIL("gpiod_line_request_both_edges_events: %s", strerror(errno));
	count_quiet = false;

	burst_start(r);
	cpu0 = thread_cpu_ns();
	sys0 = __atomic_load_n(&count_syscalls, __ATOMIC_RELAXED);
	while (r->delivered < r->edges) {
		n = gpiod_line_event_wait(line, &idle);
		count_add(1);
		if (n < 0)
			VMTEST_FAIL("gpiod_line_event_wait: %s", strerror(errno));
		if (!n) {
			if (burst_over())
				break;
			continue;
		}
		n = gpiod_line_event_read_multiple(line, ev, GPIOD1_EVENTS);
		count_add(1);
		if (n < 0)
			VMTEST_FAIL("gpiod_line_event_read_multiple: %s", strerror(errno));
		now = now_ns();
		for (i = 0; i < n; i++) {
			ts = (uint64_t)ev[i].ts.tv_sec * 1000000000 + (uint64_t)ev[i].ts.tv_nsec;
			record_event(r, ts, now, 0,
				     ev[i].event_type == GPIOD_LINE_EVENT_RISING_EDGE ? 1 : 2,
				     false, 0, false);
		}
	}
	r->syscalls = __atomic_load_n(&count_syscalls, __ATOMIC_RELAXED) - sys0;
	r->cpu_ns = thread_cpu_ns() - cpu0;
	count_quiet = true;
	gpiod_line_release(line);
	gpiod_chip_close(chip);
	count_quiet = false;
	return 0;
}
