// SPDX-License-Identifier: GPL-2.0
/*
 * gpiod2.c: libgpiod 2.x (Debian 13 on), the fastest correct way its users
 * have: an event buffer of the largest size the kernel allows, a request
 * with that event buffer size, gpiod_line_request_wait_edge_events(), then
 * gpiod_line_request_read_edge_events() of all queued. Each of the two is one
 * system call (ppoll(), read()), counted here: libgpiod's calls are not
 * wrapped (count.c).
 */
#include <errno.h>
#include <gpiod.h>
#include <string.h>
#include <stdio.h>

#include "compare.h"
#include "vmtest.h"

#define GPIOD2_EVENTS 1024

const char gpiod_contender_name[] = "libgpiod 2";

int gpiod_contender(const struct contender *c, struct run *r)
{
	struct gpiod_line_settings *ls;
	struct gpiod_line_config *lc;
	struct gpiod_request_config *rc;
	struct gpiod_line_request *req;
	struct gpiod_edge_event_buffer *buf;
	struct gpiod_edge_event *ev;
	struct gpiod_chip *chip;
	unsigned int off = 0;
	uint64_t cpu0, sys0, now;
	char path[64];
	int n, i;

	(void)c;
	count_quiet = true;
	snprintf(path, sizeof(path), "/dev/%s", sim_chip_name());
	chip = gpiod_chip_open(path);
	ls = gpiod_line_settings_new();
	lc = gpiod_line_config_new();
	rc = gpiod_request_config_new();
	buf = gpiod_edge_event_buffer_new(GPIOD2_EVENTS);
	if (!chip || !ls || !lc || !rc || !buf)
		VMTEST_FAIL("libgpiod setup: %s", strerror(errno));
	gpiod_line_settings_set_direction(ls, GPIOD_LINE_DIRECTION_INPUT);
	gpiod_line_settings_set_edge_detection(ls, GPIOD_LINE_EDGE_BOTH);
	if (gpiod_line_config_add_line_settings(lc, &off, 1, ls))
		VMTEST_FAIL("gpiod_line_config_add_line_settings: %s", strerror(errno));
	gpiod_request_config_set_consumer(rc, "bench-gpiod");
	gpiod_request_config_set_event_buffer_size(rc, GPIOD2_EVENTS);
	req = gpiod_chip_request_lines(chip, rc, lc);
	if (!req)
		VMTEST_FAIL("gpiod_chip_request_lines: %s", strerror(errno));
	count_quiet = false;

	burst_start(r);
	cpu0 = thread_cpu_ns();
	sys0 = __atomic_load_n(&count_syscalls, __ATOMIC_RELAXED);
	while (r->delivered < r->edges) {
		n = gpiod_line_request_wait_edge_events(req, IDLE_MS * 1000000LL);
		count_add(1);
		if (n < 0)
			VMTEST_FAIL("gpiod_line_request_wait_edge_events: %s", strerror(errno));
		if (!n) {
			if (burst_over())
				break;
			continue;
		}
		n = gpiod_line_request_read_edge_events(req, buf, GPIOD2_EVENTS);
		count_add(1);
		if (n < 0)
			VMTEST_FAIL("gpiod_line_request_read_edge_events: %s", strerror(errno));
		now = now_ns();
		for (i = 0; i < n; i++) {
			ev = gpiod_edge_event_buffer_get_event(buf, (unsigned long)i);
			record_event(r, gpiod_edge_event_get_timestamp_ns(ev), now,
				     gpiod_edge_event_get_line_seqno(ev),
				     gpiod_edge_event_get_event_type(ev) ==
				     GPIOD_EDGE_EVENT_RISING_EDGE ? 1 : 2, false, 0, false);
		}
	}
	r->syscalls = __atomic_load_n(&count_syscalls, __ATOMIC_RELAXED) - sys0;
	r->cpu_ns = thread_cpu_ns() - cpu0;
	count_quiet = true;
	gpiod_line_request_release(req);
	gpiod_edge_event_buffer_free(buf);
	gpiod_request_config_free(rc);
	gpiod_line_config_free(lc);
	gpiod_line_settings_free(ls);
	gpiod_chip_close(chip);
	count_quiet = false;
	return 0;
}
