/* SPDX-License-Identifier: MIT */
/*
 * persist: a counter kept in a file, replaced atomically, for
 * examples/s0meter.c. The file holds one line, the decimal count.
 *
 * A save writes PATH.tmp, fsync()s it, rename()s it over PATH and fsync()s
 * the directory: after a crash or a power cut PATH holds the old count or
 * the new one, whole, never a torn or empty file.
 */
#ifndef GPIOIRQ_EXAMPLES_PERSIST_H
#define GPIOIRQ_EXAMPLES_PERSIST_H

#include <stdint.h>

/**
 * persist_load() - read the count saved in @path
 * @path: the file
 * @count: out: the count, 0 when @path does not exist
 *
 * Return: 0, or -1 with errno: EINVAL the file is not one decimal number
 * and a newline (@count untouched); what open(2) and read(2) report
 * (ENOENT excepted).
 */
int persist_load(const char *path, uint64_t *count);

/**
 * persist_save() - replace the count in @path atomically and durably
 * @path: the file; PATH.tmp is written next to it (same directory, so that
 *        rename(2) is atomic); at most PATH_MAX - 5 bytes
 * @count: the count
 *
 * Return: 0 once @count is on disk; -1 with errno (ENAMETOOLONG, or what
 * open(2), write(2), fsync(2), rename(2) report), PATH unchanged and
 * PATH.tmp removed.
 */
int persist_save(const char *path, uint64_t count);

#endif /* GPIOIRQ_EXAMPLES_PERSIST_H */
