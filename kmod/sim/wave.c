// SPDX-License-Identifier: GPL-2.0
/*
 * gpioirq-sim's waveform player, /sys/kernel/debug/gpioirq-sim/waveform.
 *
 * Written as text, one line at a time, across any number of write() calls
 * of one open file (a line may be split between writes; every line ends with
 * a newline, an unterminated line left at close is dropped):
 *
 *   T_NS LINE LEVEL   a step: T_NS ns after the start of the pass, line LINE
 *                     takes LEVEL (0/1). T_NS does not decrease along the
 *                     list and is at most SIM_WAVE_MAX_T_NS. A step that
 *                     does not change its line's level raises no edge.
 *   start [repeat=N] [speed=PCT]
 *                     plays the staged steps N times (default 1), time
 *                     scaled by 100/PCT (default 100, 1..10000). One pass
 *                     lasts first T + last T: it opens with the idle time
 *                     before the first step and closes with as much after
 *                     the last, so pass k (from 0) plays step i at
 *                     k * (T_first + T_last) + T_i, and "250000 0 1" plus
 *                     "750000 0 0" repeated is a 1 kHz square wave.
 *                     -EBUSY if a waveform plays, or a burst runs on or a
 *                     consumer drives (as an output) a line
 *                     it sets; -EINVAL if no step is staged.
 *   stop              stops playing; the levels stay as they are
 *   clear             drops the staged steps; -EBUSY while playing
 *   # ...             a comment; blank lines are ignored too
 *
 * A malformed line fails the write with -EINVAL; more than
 * SIM_WAVE_MAX_STEPS steps with -E2BIG; a step written while playing with
 * -EBUSY. A failed write stages nothing (the steps it staged before the
 * failing line are dropped, unless a start in it took them already).
 *
 * Read: "idle steps=S" or "playing steps=S played=P repeat_left=R" (P: steps
 * played since the start, all passes; R: passes still to begin). Once a read
 * says idle after a start, every edge the waveform raised has been through
 * its handler, in nested-threaded mode too. While a waveform plays, level
 * writes and bursts on the lines it sets fail with -EBUSY.
 *
 * Steps are played from a hard hrtimer, as bursts are: every step due at
 * the time the timer runs (the same time, or already past when the timer is
 * late) is played in list order within that callback, so two lines' edges
 * 1 us apart keep their order however late the timer is. Edges are counted
 * in lineN/edges as a burst's are.
 */
#include <linux/bitmap.h>
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "../compat.h"
#include "sim.h"

/* Most steps staged at once: 16 MiB of steps. */
#define SIM_WAVE_MAX_STEPS	1000000
/* Latest step: about 11.6 days, so that scaled times and sums never wrap. */
#define SIM_WAVE_MAX_T_NS	1000000000000000ULL
/* Longest line, newline excluded. */
#define SIM_WAVE_LINE_MAX	127
#define SIM_WAVE_SPEED_MAX	10000
/*
 * Steps one callback plays at most, and the pause before it goes on: a late
 * timer catches up in bounded slices, so that the hrtimer interrupt never
 * runs long enough to be taken for a hang. Order is kept across slices.
 */
#define SIM_WAVE_BATCH		256
#define SIM_WAVE_PAUSE_NS	20000

/* One open file: the unterminated end of its last write. */
struct sim_wave_file {
	struct sim_chip *sim;
	size_t len;
	char buf[SIM_WAVE_LINE_MAX + 1];
};

/* A time of the waveform, scaled by the speed. */
static u64 sim_wave_scale(const struct sim_wave *wave, u64 t_ns)
{
	return mul_u64_u32_div(t_ns, 100, wave->speed_pct);
}

/**
 * sim_wave_uses() - whether a waveform that sets @line plays
 * @line: the line
 *
 * Call with sim_chip.lock held: starts are serialised with it, so a false
 * answer stays true until the caller drops it.
 */
bool sim_wave_uses(struct sim_line *line)
{
	struct sim_wave *wave = &line->sim->wave;

	/* Pairs with the release in sim_wave_start(): @used is complete. */
	return smp_load_acquire(&wave->playing) &&
	       test_bit(line->offset, wave->used);
}

/* Sets a line's level from the timer; raises the edge if it changes. */
static void sim_wave_step(struct sim_chip *sim, const struct sim_step *step)
{
	struct sim_line *line = &sim->lines[step->line];
	bool changed;

	raw_spin_lock(&line->lock);
	changed = line->level != step->level;
	if (changed)
		WRITE_ONCE(line->level, step->level);
	raw_spin_unlock(&line->lock);
	if (changed)
		sim_raise(line, step->level);
}

static enum hrtimer_restart sim_wave_fn(struct hrtimer *timer)
{
	struct sim_wave *wave = container_of(timer, struct sim_wave, timer);
	struct sim_chip *sim = container_of(wave, struct sim_chip, wave);
	ktime_t now = ktime_get();
	unsigned int n;
	ktime_t due;

	if (!READ_ONCE(wave->playing))
		return HRTIMER_NORESTART;
	for (n = 0; n < SIM_WAVE_BATCH; n++) {
		const struct sim_step *step = &wave->steps[wave->next];

		due = ktime_add_ns(wave->base, sim_wave_scale(wave, step->t_ns));
		if (ktime_after(due, now)) {
			hrtimer_set_expires(timer, due);
			return HRTIMER_RESTART;
		}
		sim_wave_step(sim, step);
		WRITE_ONCE(wave->played, wave->played + 1);
		if (++wave->next < wave->nr)
			continue;
		wave->next = 0;
		if (!wave->repeat_left) {
			/* Every edge's handler ran (or, nested-threaded,
			 * its edge is queued): pairs with the acquire in
			 * sim_wave_read() and sim_wave_uses().
			 */
			smp_store_release(&wave->playing, false);
			return HRTIMER_NORESTART;
		}
		WRITE_ONCE(wave->repeat_left, wave->repeat_left - 1);
		wave->base = ktime_add_safe(wave->base, ns_to_ktime(wave->pass_ns));
	}
	hrtimer_set_expires(timer, ktime_add_ns(ktime_get(), SIM_WAVE_PAUSE_NS));
	return HRTIMER_RESTART;
}

/**
 * sim_wave_init() - set up a chip's waveform player (nothing staged)
 * @sim: the simulator
 */
void sim_wave_init(struct sim_chip *sim)
{
	hrtimer_setup(&sim->wave.timer, sim_wave_fn, CLOCK_MONOTONIC,
		      HRTIMER_MODE_ABS_HARD);
}

/**
 * sim_wave_stop() - stop playing; the levels stay as they are
 * @sim: the simulator
 *
 * Returns once the timer no longer runs. The edges it raised in
 * nested-threaded mode may still wait in the bus thread's queue.
 */
void sim_wave_stop(struct sim_chip *sim)
{
	WRITE_ONCE(sim->wave.playing, false);
	hrtimer_cancel(&sim->wave.timer);
}

/**
 * sim_wave_free() - drop the staged steps; the player must be stopped
 * @sim: the simulator
 */
void sim_wave_free(struct sim_chip *sim)
{
	kvfree(sim->wave.steps);
	sim->wave.steps = NULL;
	sim->wave.nr = 0;
	sim->wave.cap = 0;
}

/* Appends a step, growing the array by doubling. */
static int sim_wave_stage(struct sim_wave *wave, u64 t_ns, u32 line, u32 level)
{
	struct sim_step *steps;
	size_t cap;

	if (wave->nr == SIM_WAVE_MAX_STEPS)
		return -E2BIG;
	if (wave->nr == wave->cap) {
		cap = clamp_t(size_t, wave->cap * 2, 1024, SIM_WAVE_MAX_STEPS);
		steps = kvmalloc_array(cap, sizeof(*steps), GFP_KERNEL_ACCOUNT);
		if (!steps)
			return -ENOMEM;
		if (wave->nr)
			memcpy(steps, wave->steps, wave->nr * sizeof(*steps));
		kvfree(wave->steps);
		wave->steps = steps;
		wave->cap = cap;
	}
	wave->steps[wave->nr++] = (struct sim_step){
		.t_ns = t_ns, .line = line, .level = level,
	};
	return 0;
}

/* Parses "repeat=N" and "speed=PCT" after "start", then starts. */
static int sim_wave_start(struct sim_chip *sim, char *args)
{
	struct sim_wave *wave = &sim->wave;
	u32 repeat = 1, speed = 100;
	char *tok;
	size_t i;

	while ((tok = strsep(&args, " \t")) != NULL) {
		if (!*tok)
			continue;
		if (str_has_prefix(tok, "repeat=")) {
			if (kstrtou32(tok + 7, 10, &repeat) || !repeat)
				return -EINVAL;
		} else if (str_has_prefix(tok, "speed=")) {
			if (kstrtou32(tok + 6, 10, &speed) || !speed ||
			    speed > SIM_WAVE_SPEED_MAX)
				return -EINVAL;
		} else {
			return -EINVAL;
		}
	}
	if (wave->playing)
		return -EBUSY;
	if (!wave->nr)
		return -EINVAL;
	bitmap_zero(wave->used, SIM_MAX_LINES);
	for (i = 0; i < wave->nr; i++)
		__set_bit(wave->steps[i].line, wave->used);
	/* A burst or a consumer's output drives the line already. */
	for_each_set_bit(i, wave->used, sim->nr_lines)
		if (READ_ONCE(sim->lines[i].pulses_left) ||
		    READ_ONCE(sim->lines[i].output))
			return -EBUSY;
	/* Let the callback of a waveform that just ended return. */
	hrtimer_cancel(&wave->timer);

	wave->speed_pct = speed;
	wave->repeat_left = repeat - 1;
	wave->next = 0;
	wave->played = 0;
	wave->pass_ns = sim_wave_scale(wave, wave->steps[0].t_ns +
					     wave->steps[wave->nr - 1].t_ns);
	wave->base = ktime_get();
	/* Pairs with the acquire in sim_wave_uses(): @used is set. */
	smp_store_release(&wave->playing, true);
	hrtimer_start(&wave->timer,
		      ktime_add_ns(wave->base,
				   sim_wave_scale(wave, wave->steps[0].t_ns)),
		      HRTIMER_MODE_ABS_HARD);
	return 0;
}

/*
 * Carries out one line (NUL-terminated, no newline). Called with
 * sim_chip.lock held. *started is set when a start succeeded.
 */
static int sim_wave_line(struct sim_chip *sim, char *s, bool *started)
{
	struct sim_wave *wave = &sim->wave;
	char *tok[3];
	u32 line, level;
	u64 t_ns;
	int ret, n = 0;

	s = strim(s);
	if (!*s || *s == '#')
		return 0;
	if (!strcmp(s, "stop")) {
		sim_wave_stop(sim);
		return 0;
	}
	if (!strcmp(s, "clear")) {
		if (wave->playing)
			return -EBUSY;
		hrtimer_cancel(&wave->timer);
		sim_wave_free(sim);
		return 0;
	}
	if (!strcmp(s, "start") || str_has_prefix(s, "start ") ||
	    str_has_prefix(s, "start\t")) {
		ret = sim_wave_start(sim, s + 5);
		if (!ret)
			*started = true;
		return ret;
	}

	while (n < 3 && (tok[n] = strsep(&s, " \t")) != NULL)
		if (*tok[n])
			n++;
	if (n != 3 || (s && *skip_spaces(s)))
		return -EINVAL;
	if (kstrtou64(tok[0], 10, &t_ns) || t_ns > SIM_WAVE_MAX_T_NS ||
	    kstrtou32(tok[1], 10, &line) || line >= sim->nr_lines ||
	    kstrtou32(tok[2], 10, &level) || level > 1)
		return -EINVAL;
	if (wave->nr && t_ns < wave->steps[wave->nr - 1].t_ns)
		return -EINVAL;
	if (wave->playing)
		return -EBUSY;
	return sim_wave_stage(wave, t_ns, line, level);
}

static int sim_wave_open(struct inode *inode, struct file *file)
{
	struct sim_wave_file *wf;

	wf = kzalloc(sizeof(*wf), GFP_KERNEL);
	if (!wf)
		return -ENOMEM;
	wf->sim = inode->i_private;
	file->private_data = wf;
	return nonseekable_open(inode, file);
}

static int sim_wave_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static ssize_t sim_wave_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	struct sim_wave_file *wf = file->private_data;
	struct sim_chip *sim = wf->sim;
	char saved[SIM_WAVE_LINE_MAX + 1];
	size_t done, n, i, old_nr, old_len;
	bool started = false;
	char *chunk;
	int ret;

	chunk = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!chunk)
		return -ENOMEM;
	ret = mutex_lock_killable(&sim->lock);
	if (ret)
		goto out_free;
	/* What a failed write restores. */
	old_nr = sim->wave.nr;
	old_len = wf->len;
	memcpy(saved, wf->buf, old_len);

	for (done = 0; done < count; done += n) {
		n = min_t(size_t, count - done, PAGE_SIZE);
		if (copy_from_user(chunk, ubuf + done, n)) {
			ret = -EFAULT;
			goto fail;
		}
		for (i = 0; i < n; i++) {
			if (chunk[i] != '\n') {
				if (wf->len == SIM_WAVE_LINE_MAX || !chunk[i]) {
					ret = -EINVAL;
					goto fail;
				}
				wf->buf[wf->len++] = chunk[i];
				continue;
			}
			wf->buf[wf->len] = '\0';
			wf->len = 0;
			ret = sim_wave_line(sim, wf->buf, &started);
			if (ret)
				goto fail;
		}
	}
	mutex_unlock(&sim->lock);
	kfree(chunk);
	return count;

fail:
	if (!started && !sim->wave.playing)
		sim->wave.nr = min(sim->wave.nr, old_nr);
	memcpy(wf->buf, saved, old_len);
	wf->len = old_len;
	mutex_unlock(&sim->lock);
out_free:
	kfree(chunk);
	return ret;
}

static ssize_t sim_wave_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct sim_wave_file *wf = file->private_data;
	struct sim_chip *sim = wf->sim;
	struct sim_wave *wave = &sim->wave;
	char buf[96];
	int len;

	/* Pairs with the release in sim_wave_fn(): the last step's edge was
	 * raised and its handler ran.
	 */
	if (!smp_load_acquire(&wave->playing)) {
		/* Nested-threaded: the bus thread delivers what is queued. */
		if (sim->bus)
			flush_workqueue(sim->bus);
		len = scnprintf(buf, sizeof(buf), "idle steps=%zu\n",
				READ_ONCE(wave->nr));
	} else {
		len = scnprintf(buf, sizeof(buf),
				"playing steps=%zu played=%llu repeat_left=%u\n",
				READ_ONCE(wave->nr), READ_ONCE(wave->played),
				READ_ONCE(wave->repeat_left));
	}
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

const struct file_operations sim_wave_fops = {
	.owner = THIS_MODULE,
	.open = sim_wave_open,
	.release = sim_wave_release,
	.read = sim_wave_read,
	.write = sim_wave_write,
};
