/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest's end of the channel to the host's pl061-bridge
 * (tests/targets/pl061-bridge.c): ask the host to drive the PL061's input
 * lines. See the bridge for the requests; LINES is "2" or "2,5,6".
 * Header-only: every .c file of this folder is a test program of its own.
 */
#ifndef PL061_H
#define PL061_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The PL061 of QEMU's virt machine, as the kernel labels its gpiochip. */
#define PL061_LABEL "9030000.pl061"
#define PL061_LINES 8

/* Finds /dev/vportNpM whose virtio-serial port name is "pl061". */
static inline int pl061_find_port(char *path, size_t len)
{
	DIR *d = opendir("/sys/class/virtio-ports");
	struct dirent *e;
	int found = 0;

	if (!d)
		return -1;
	while (!found && (e = readdir(d))) {
		char name[64] = "", f[300];
		FILE *fp;

		if (e->d_name[0] == '.')
			continue;
		snprintf(f, sizeof(f), "/sys/class/virtio-ports/%s/name",
			 e->d_name);
		fp = fopen(f, "r");
		if (!fp)
			continue;
		if (fgets(name, sizeof(name), fp) && !strcmp(name, "pl061\n")) {
			snprintf(path, len, "/dev/%s", e->d_name);
			found = 1;
		}
		fclose(fp);
	}
	closedir(d);
	return found ? 0 : -1;
}

/*
 * Opens the port. It allows one opener at a time (EBUSY for the others):
 * wait. The first user loads the port's drivers (modules in Debian's arm64
 * kernel).
 */
static inline int pl061_open_port(void)
{
	const struct timespec ms10 = { 0, 10 * 1000 * 1000 };
	char path[300];
	int i;

	if (pl061_find_port(path, sizeof(path))) {
		/* A failure shows as ENODEV below. */
		int rc = system("modprobe -q virtio_mmio && modprobe -q virtio_console");

		(void)rc;
		/* The port shows up once the host's side of virtio-serial
		 * has announced it, a little after probing. */
		for (i = 0; i < 500 && pl061_find_port(path, sizeof(path)); i++)
			nanosleep(&ms10, NULL);
		if (i == 500) {
			errno = ENODEV;
			return -1;
		}
	}
	for (i = 0; i < 1000; i++) {
		int fd = open(path, O_RDWR | O_CLOEXEC);

		if (fd >= 0 || errno != EBUSY)
			return fd;
		nanosleep(&ms10, NULL);
	}
	errno = EBUSY;
	return -1;
}

/*
 * Sends one request (no newline) and waits until the host has done it.
 * Returns 0 and stores the host's worst edge lateness in *late_us (if not
 * NULL); for a pulse or a short train (at most 64 edges) also stores in
 * @interval_ns the times between consecutive edges as the host applied them,
 * in ns (edges - 1 of them, at most @max; @interval_ns may be NULL when @max
 * is 0), and their number in *@n (if not NULL). Returns -1 with errno set
 * when the channel fails (ENODEV: no such port, EBUSY: another process holds
 * it for more than 10 s), or EINVAL when the host rejects the request.
 */
static inline int pl061_drive_timed(const char *req, unsigned long *late_us,
				    uint64_t *interval_ns, unsigned int max,
				    unsigned int *n)
{
	char msg[256], reply[2048], *p, *end;
	unsigned long edges, late;
	unsigned int got = 0;
	size_t len = 0;
	int fd, w;

	w = snprintf(msg, sizeof(msg), "%s\n", req);
	if (w < 0 || (size_t)w >= sizeof(msg) || strchr(req, '\n')) {
		errno = EINVAL;
		return -1;
	}
	fd = pl061_open_port();
	if (fd < 0)
		return -1;
	if (write(fd, msg, (size_t)w) != w)
		goto fail;
	while (len < sizeof(reply) - 1) {
		ssize_t r = read(fd, reply + len, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			goto fail;
		if (reply[len] == '\n')
			break;
		len++;
	}
	reply[len] = '\0';
	close(fd);
	if (sscanf(reply, "ok %lu %lu", &edges, &late) != 2) {
		fprintf(stderr, "pl061: host: %s\n", reply);
		errno = EINVAL;
		return -1;
	}
	if (late_us)
		*late_us = late;
	/* Past "ok EDGES LATE_US", the intervals. */
	p = reply;
	for (int i = 0; i < 3 && p; i++)
		p = strchr(p + 1, ' ');
	while (p && got < max) {
		unsigned long long v = strtoull(p, &end, 10);

		if (end == p)
			break;
		interval_ns[got++] = v;
		p = end;
	}
	if (n)
		*n = got;
	return 0;
fail:
	w = errno;
	close(fd);
	errno = w ? w : EIO;
	return -1;
}

/* pl061_drive_timed() without the intervals. */
static inline int pl061_drive(const char *req, unsigned long *late_us)
{
	return pl061_drive_timed(req, late_us, NULL, 0, NULL);
}

#endif
