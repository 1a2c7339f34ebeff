// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq-sim's user interface, /sys/kernel/debug/gpioirq-sim/:
 *
 *   chip          r   the GPIO device name, "gpiochipN\n"
 *   lineN/level   rw  "0" or "1"; a write that changes the level raises the
 *                     edge and returns once its interrupt handler ran
 *                     (-EBUSY while a burst runs on the line or a consumer
 *                     drives it as an output; read: the driven value)
 *   lineN/pull    r   "pull-up", "pull-down" or "none", as set by consumers
 *   lineN/burst   rw  write "PULSES PERIOD_NS [HIGH_NS]" to start a burst
 *                     (returns at once; -EBUSY if one runs or the line is
 *                     an output), "0" to stop it;
 *                     read: pulses still to come
 *   lineN/edges   r   edges raised as interrupts on the line since load
 *   waveform      rw  steps and commands played by a hard hrtimer (wave.c)
 *
 * Malformed writes fail with -EINVAL.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "sim.h"

/* Longest burst command: three 20-digit numbers and separators. */
#define SIM_CMD_MAX	80

static ssize_t sim_read_str(struct file *file, char __user *ubuf, size_t count,
			    loff_t *ppos, const char *fmt, ...)
	__printf(5, 6);

static ssize_t sim_read_str(struct file *file, char __user *ubuf, size_t count,
			    loff_t *ppos, const char *fmt, ...)
{
	char buf[48];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

/* Copies a write into @buf as a trimmed, NUL-terminated string. */
static char *sim_copy_cmd(char *buf, size_t size, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	if (*ppos != 0 || count == 0 || count >= size)
		return ERR_PTR(-EINVAL);
	if (copy_from_user(buf, ubuf, count))
		return ERR_PTR(-EFAULT);
	buf[count] = '\0';
	return strim(buf);
}

/* Splits @s into at most @max decimal u64 values; returns how many. */
static int sim_parse_u64s(char *s, u64 *vals, int max)
{
	char *tok;
	int n = 0;

	while ((tok = strsep(&s, " \t")) != NULL) {
		if (!*tok)
			continue;
		if (n == max || kstrtou64(tok, 10, &vals[n]))
			return -EINVAL;
		n++;
	}
	return n;
}

static ssize_t sim_chip_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct sim_chip *sim = file->private_data;
	char name[32];

	if (!sim_chip_dev_name(sim, name, sizeof(name)))
		return -ENODEV;
	return sim_read_str(file, ubuf, count, ppos, "%s\n", name);
}

static ssize_t sim_level_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct sim_line *line = file->private_data;

	return sim_read_str(file, ubuf, count, ppos, "%d\n",
			    READ_ONCE(line->level));
}

static ssize_t sim_level_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct sim_line *line = file->private_data;
	char buf[SIM_CMD_MAX];
	char *cmd;
	int ret;

	cmd = sim_copy_cmd(buf, sizeof(buf), ubuf, count, ppos);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	if (strcmp(cmd, "0") && strcmp(cmd, "1"))
		return -EINVAL;

	ret = mutex_lock_killable(&line->sim->lock);
	if (ret)
		return ret;
	ret = sim_set_level(line, cmd[0] == '1');
	mutex_unlock(&line->sim->lock);
	return ret ?: count;
}

static ssize_t sim_pull_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	static const char *const names[] = {
		[SIM_PULL_NONE] = "none",
		[SIM_PULL_UP] = "pull-up",
		[SIM_PULL_DOWN] = "pull-down",
	};
	struct sim_line *line = file->private_data;

	return sim_read_str(file, ubuf, count, ppos, "%s\n",
			    names[READ_ONCE(line->pull)]);
}

static ssize_t sim_burst_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct sim_line *line = file->private_data;

	return sim_read_str(file, ubuf, count, ppos, "%u\n",
			    READ_ONCE(line->pulses_left));
}

static ssize_t sim_burst_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct sim_line *line = file->private_data;
	char buf[SIM_CMD_MAX];
	u64 vals[3];
	char *cmd;
	u64 high_ns;
	int n, ret;

	cmd = sim_copy_cmd(buf, sizeof(buf), ubuf, count, ppos);
	if (IS_ERR(cmd))
		return PTR_ERR(cmd);
	n = sim_parse_u64s(cmd, vals, ARRAY_SIZE(vals));
	if (n == 1 && vals[0] == 0) {
		sim_burst_stop(line);
		return count;
	}
	if (n < 2 || vals[0] == 0 || vals[0] > UINT_MAX ||
	    vals[1] < SIM_BURST_MIN_PERIOD_NS)
		return -EINVAL;
	high_ns = n == 3 ? vals[2] : vals[1] / 2;
	if (high_ns == 0 || high_ns >= vals[1])
		return -EINVAL;

	ret = mutex_lock_killable(&line->sim->lock);
	if (ret)
		return ret;
	ret = sim_burst_start(line, vals[0], vals[1], high_ns);
	mutex_unlock(&line->sim->lock);
	return ret ?: count;
}

static ssize_t sim_edges_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct sim_line *line = file->private_data;

	return sim_read_str(file, ubuf, count, ppos, "%ld\n",
			    atomic_long_read(&line->edges));
}

static const struct file_operations sim_chip_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_chip_read,
	.llseek = default_llseek,
};

static const struct file_operations sim_level_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_level_read,
	.write = sim_level_write,
	.llseek = default_llseek,
};

static const struct file_operations sim_pull_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_pull_read,
	.llseek = default_llseek,
};

static const struct file_operations sim_burst_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_burst_read,
	.write = sim_burst_write,
	.llseek = default_llseek,
};

static const struct file_operations sim_edges_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.read = sim_edges_read,
	.llseek = default_llseek,
};

void sim_debugfs_create(struct sim_chip *sim)
{
	struct dentry *dir;
	unsigned int i;
	char name[16];

	sim->debugfs = debugfs_create_dir("gpioirq-sim", NULL);
	debugfs_create_file("chip", 0444, sim->debugfs, sim, &sim_chip_fops);
	debugfs_create_file("waveform", 0644, sim->debugfs, sim, &sim_wave_fops);
	for (i = 0; i < sim->nr_lines; i++) {
		struct sim_line *line = &sim->lines[i];

		snprintf(name, sizeof(name), "line%u", i);
		dir = debugfs_create_dir(name, sim->debugfs);
		debugfs_create_file("level", 0644, dir, line, &sim_level_fops);
		debugfs_create_file("pull", 0444, dir, line, &sim_pull_fops);
		debugfs_create_file("burst", 0644, dir, line, &sim_burst_fops);
		debugfs_create_file("edges", 0444, dir, line, &sim_edges_fops);
	}
}

/* Returns once no file operation runs any more. */
void sim_debugfs_remove(struct sim_chip *sim)
{
	debugfs_remove(sim->debugfs);
}
