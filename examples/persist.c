// SPDX-License-Identifier: MIT
/*
 * persist: a counter in a file replaced atomically; see persist.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "persist.h"

int persist_load(const char *path, uint64_t *count)
{
	char buf[32], *end;
	unsigned long long v;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			return -1;
		*count = 0;
		return 0;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	errno = 0;
	v = strtoull(buf, &end, 10);
	if (errno || end == buf || buf[0] < '0' || buf[0] > '9' || strcmp(end, "\n")) {
		errno = EINVAL;
		return -1;
	}
	*count = v;
	return 0;
}

/* fsync() of the directory holding @path: the rename is durable then. */
static int sync_dir(const char *path)
{
	char dir[PATH_MAX];
	int fd, ret;

	snprintf(dir, sizeof(dir), "%s", path);
	fd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

int persist_save(const char *path, uint64_t count)
{
	char tmp[PATH_MAX], buf[32];
	int fd, len, err;

	if (strlen(path) + sizeof(".tmp") > sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	len = snprintf(buf, sizeof(buf), "%" PRIu64 "\n", count);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	errno = 0;
	if (write(fd, buf, (size_t)len) != len) {
		if (errno == 0)
			errno = ENOSPC;	/* a short write: the disk is full */
		goto fail;
	}
	if (fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path))
		goto fail;
	return sync_dir(path);
fail:
	err = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = err;
	return -1;
}
