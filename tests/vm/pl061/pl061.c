// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pl061.h"

/* Finds /dev/vportNpM whose virtio-serial port name is "pl061". */
static int find_port(char *path, size_t len)
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
 * The port allows one opener at a time (EBUSY for the others): wait. The
 * first user loads the port's drivers (modules in Debian's arm64 kernel).
 */
static int open_port(void)
{
	const struct timespec ms10 = { 0, 10 * 1000 * 1000 };
	char path[300];
	int i;

	if (find_port(path, sizeof(path))) {
		/* A failure shows as ENODEV below. */
		int rc = system("modprobe -q virtio_mmio && modprobe -q virtio_console");

		(void)rc;
		/* The port shows up once the host's side of virtio-serial
		 * has announced it, a little after probing. */
		for (i = 0; i < 500 && find_port(path, sizeof(path)); i++)
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

int pl061_drive_timed(const char *req, unsigned long *late_us,
		      uint64_t *interval_ns, unsigned int max, unsigned int *n)
{
	char msg[256], reply[2048], *p, *end;
	unsigned long edges, late;
	size_t len = 0;
	int fd, w;

	w = snprintf(msg, sizeof(msg), "%s\n", req);
	if (w < 0 || (size_t)w >= sizeof(msg) || strchr(req, '\n')) {
		errno = EINVAL;
		return -1;
	}
	fd = open_port();
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
	if (n)
		*n = 0;
	/* Skip "ok EDGES LATE", then the intervals. */
	p = reply;
	for (int i = 0; i < 3 && p; i++)
		p = strchr(p + 1, ' ');
	while (p && n && *n < max) {
		unsigned long long v = strtoull(p, &end, 10);

		if (end == p)
			break;
		interval_ns[(*n)++] = v;
		p = end;
	}
	return 0;
fail:
	w = errno;
	close(fd);
	errno = w ? w : EIO;
	return -1;
}

int pl061_drive(const char *req, unsigned long *late_us)
{
	return pl061_drive_timed(req, late_us, NULL, 0, NULL);
}
