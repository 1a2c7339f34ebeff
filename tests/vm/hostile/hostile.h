/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the hostile suite's tests share: the modules and the simulator as in
 * the module suite (uapitest.h), a memory cgroup (v2) to run a process in,
 * and an unprivileged user of group gpio to run it as. Header-only: each .c
 * file of this folder is a test program of its own.
 */
#ifndef GPIOIRQ_HOSTILE_H
#define GPIOIRQ_HOSTILE_H

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <uapi/gpioirq.h>

#include "uapitest.h"
#include "vmtest.h"

#define HS_FAIL(...) VMTEST_FAIL(__VA_ARGS__)

/* The unprivileged user: uid HS_UID, primary group HS_GID, member of
 * group gpio (HS_GPIO_GID), which owns /dev/gpioirq (mode 0660). */
#define HS_UID		1000
#define HS_GID		1000
#define HS_GPIO_GID	990

#define HS_CGROUP_ROOT	"/sys/fs/cgroup"

/* The simulator's device name, as hs_setup() found it. */
static char hs_chip[GPIOIRQ_NAME_SIZE];

/* Loads gpioirq and a fresh simulator (@sim_params, NULL: 8 lines). */
static inline void hs_setup(const char *sim_params)
{
	if (sim_load(sim_params))
		HS_FAIL("loading gpioirq-sim: %s", strerror(errno));
	if (module_load())
		HS_FAIL("loading gpioirq: %s", strerror(errno));
	if (!sim_chip_name())
		HS_FAIL("no simulator chip name");
	snprintf(hs_chip, sizeof(hs_chip), "%s", sim_chip_name());
}

/* Sets gpioirq's module parameter @name to @value. */
static inline void hs_param(const char *name, const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/module/gpioirq/parameters/%s", name);
	if (vmtest_write(path, value))
		HS_FAIL("%s = %s: %s", path, value, strerror(errno));
}

/*
 * Makes the memory cgroup HS_CGROUP_ROOT/@name (mounting cgroup2 and
 * enabling the memory controller if needed) with memory.max @max (a
 * memory.max string), swap off; returns its path (static buffer). Skips
 * the test when the kernel has no cgroup2 memory controller.
 */
static inline const char *hs_cgroup(const char *name, const char *max)
{
	static char dir[128];
	char path[192], buf[256];

	if (vmtest_read(HS_CGROUP_ROOT "/cgroup.controllers", buf,
			sizeof(buf)) < 0) {
		mkdir(HS_CGROUP_ROOT, 0755);
		if (mount("none", HS_CGROUP_ROOT, "cgroup2", 0, NULL))
			vmtest_skip("mount cgroup2: %s", strerror(errno));
		if (vmtest_read(HS_CGROUP_ROOT "/cgroup.controllers", buf,
				sizeof(buf)) < 0)
			HS_FAIL("no cgroup.controllers after mounting cgroup2");
	}
	if (!strstr(buf, "memory"))
		vmtest_skip("no memory controller in cgroup2 (%s)", buf);
	if (vmtest_write(HS_CGROUP_ROOT "/cgroup.subtree_control", "+memory"))
		HS_FAIL("enabling the memory controller: %s", strerror(errno));
	snprintf(dir, sizeof(dir), HS_CGROUP_ROOT "/%s", name);
	if (mkdir(dir, 0755) && errno != EEXIST)
		HS_FAIL("mkdir %s: %s", dir, strerror(errno));
	snprintf(path, sizeof(path), "%s/memory.max", dir);
	if (vmtest_write(path, max))
		HS_FAIL("%s = %s: %s", path, max, strerror(errno));
	snprintf(path, sizeof(path), "%s/memory.swap.max", dir);
	vmtest_write(path, "0");
	return dir;
}

/* A number read from the cgroup file @dir/@file, or the value of key @key
 * in it (memory.events); fails the test when it cannot. */
static inline long long hs_cg_read(const char *dir, const char *file,
				   const char *key)
{
	char path[192], buf[1024], *p;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (vmtest_read(path, buf, sizeof(buf)) < 0)
		HS_FAIL("read %s: %s", path, strerror(errno));
	if (!key)
		return atoll(buf);
	for (p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (!strncmp(p, key, strlen(key)) && p[strlen(key)] == ' ')
			return atoll(p + strlen(key) + 1);
	}
	HS_FAIL("no %s in %s", key, path);
}

/* Waits for the cgroup @dir to have no process (after its last one was
 * reaped, it may take a moment to leave). */
static inline void hs_cg_wait_empty(const char *dir)
{
	long long t0 = vmtest_now_ms();

	while (hs_cg_read(dir, "cgroup.events", "populated")) {
		if (vmtest_now_ms() - t0 > 10000)
			HS_FAIL("%s still populated after 10 s", dir);
		usleep(10000);
	}
}

/* Removes the cgroup @dir (made by hs_cgroup()), once it is empty. */
static inline void hs_cg_remove(const char *dir)
{
	hs_cg_wait_empty(dir);
	if (rmdir(dir))
		HS_FAIL("rmdir %s: %s", dir, strerror(errno));
}

/* /dev/gpioirq as a udev rule would leave it: root:gpio, 0660. */
static inline void hs_dev_for_group_gpio(void)
{
	if (chown(GPIOIRQ_DEVICE_PATH, 0, HS_GPIO_GID) ||
	    chmod(GPIOIRQ_DEVICE_PATH, 0660))
		HS_FAIL("chown/chmod %s: %s", GPIOIRQ_DEVICE_PATH,
			strerror(errno));
}

/*
 * In a child: moves the calling process into the cgroup @dir, then
 * becomes the unprivileged user (uid HS_UID, groups HS_GID and gpio).
 * Exits 100 when it cannot.
 */
static inline void hs_become_user_in(const char *dir)
{
	gid_t groups[] = { HS_GPIO_GID };
	char path[192], pid[32];

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	snprintf(pid, sizeof(pid), "%d", getpid());
	if (vmtest_write(path, pid) || setgroups(1, groups) ||
	    setgid(HS_GID) || setuid(HS_UID)) {
		fprintf(stderr, "cannot become uid %d in %s: %s\n", HS_UID,
			dir, strerror(errno));
		_exit(100);
	}
	if (!setuid(0)) {
		fprintf(stderr, "still root after setuid(%d)\n", HS_UID);
		_exit(100);
	}
}

#endif /* GPIOIRQ_HOSTILE_H */
