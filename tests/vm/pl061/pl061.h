/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest's end of the channel to the host's pl061-bridge
 * (tests/targets/pl061-bridge.c): ask the host to drive the PL061's input
 * lines. See the bridge for the requests; LINES is "2" or "2,5,6".
 */
#ifndef PL061_H
#define PL061_H

#include <stdint.h>

/* The PL061 of QEMU's virt machine, as the kernel labels its gpiochip. */
#define PL061_LABEL "9030000.pl061"
#define PL061_LINES 8

/*
 * Sends one request (no newline) and waits until the host has done it.
 * Returns 0 and stores the host's worst edge lateness in *late_us (if not
 * NULL); -1 with errno set when the channel fails (ENODEV: no such port,
 * EBUSY: another process holds it for more than 10 s), or EINVAL when the
 * host rejects the request.
 */
int pl061_drive(const char *req, unsigned long *late_us);

/*
 * pl061_drive() for a pulse or a short train (at most 64 edges): also stores
 * in @interval_ns the times between consecutive edges as the host applied
 * them, in ns (edges - 1 of them, at most @max), and their number in *@n.
 */
int pl061_drive_timed(const char *req, unsigned long *late_us,
		      uint64_t *interval_ns, unsigned int max, unsigned int *n);

#endif
