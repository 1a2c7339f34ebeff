/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gpioirq-sim: a simulated GPIO chip whose input levels user space sets
 * through debugfs, with edges raised in hard-IRQ context.
 */
#ifndef GPIOIRQ_SIM_H
#define GPIOIRQ_SIM_H

#include <linux/atomic.h>
#include <linux/gpio/driver.h>
#include <linux/hrtimer.h>
#include <linux/irq_work.h>
#include <linux/kfifo.h>
#include <linux/workqueue.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/* Shortest burst period accepted: below it the guest does nothing but
 * service the timer.
 */
#define SIM_BURST_MIN_PERIOD_NS	1000ULL

/* Most lines a simulator has (module parameter nr_lines). */
#define SIM_MAX_LINES	1024

enum sim_pull {
	SIM_PULL_NONE,
	SIM_PULL_UP,
	SIM_PULL_DOWN,
};

struct sim_chip;

/**
 * struct sim_step - one step of a waveform
 * @t_ns: when, in ns after the start of the pass (unscaled)
 * @line: the line's offset
 * @level: the level the line takes, 0 or 1
 */
struct sim_step {
	u64 t_ns;
	u32 line;
	u32 level;
};

/**
 * struct sim_wave - the waveform player (wave.c)
 * @steps: the staged steps, in time order (kvmalloc'd, charged to the
 *         writer's memory cgroup); written only under sim_chip.lock while
 *         @playing is false, read by @timer while it is true
 * @nr: steps staged
 * @cap: room in @steps
 * @used: the lines @steps set, computed at start
 * @timer: plays the steps, a hard hrtimer in absolute mode
 * @playing: a start is being played; set under sim_chip.lock, cleared by
 *           stop (under it) or by @timer after the last step's handler ran
 *           (release, paired with the acquire of the readers)
 * @next: the index of the next step to play (timer only while @playing)
 * @repeat_left: passes still to begin after the one playing
 * @speed_pct: time scale, 100 = as written, 200 = twice as fast
 * @pass_ns: one pass's length, scaled: last T + first T
 * @base: when the pass playing started (CLOCK_MONOTONIC)
 * @played: steps played since the start, all passes
 */
struct sim_wave {
	struct sim_step *steps;
	size_t nr;
	size_t cap;
	DECLARE_BITMAP(used, SIM_MAX_LINES);
	struct hrtimer timer;
	bool playing;
	size_t next;
	u32 repeat_left;
	u32 speed_pct;
	u64 pass_ns;
	ktime_t base;
	u64 played;
};

/**
 * struct sim_line - one simulated line
 * @sim: the chip
 * @offset: the line's offset on the chip
 * @lock: protects @level, @output, @pending_rising and the burst state
 *        below; taken in hard-IRQ context (raw, so it stays a spinning lock
 *        on RT)
 * @level: the line's level, 0 or 1: the input level, or the value driven
 *         while @output; read locklessly by the chip's get()
 * @output: a consumer drives the line (direction_output until
 *          direction_input or free); written under @lock, read under it
 *          or locklessly by get_direction
 * @pending_rising: direction of the edge @work raises
 * @work: raises a level write's edge in hard-IRQ context
 * @timer: the burst generator, a hard hrtimer
 * @pulses_left: pulses still to generate; 0 when no burst runs
 * @high_ns: time the line spends away from its resting level in a pulse
 * @low_ns: time it spends at its resting level
 * @away: the burst is in the middle of a pulse
 * @irq_type: IRQ_TYPE_EDGE_* set by the irq chip's set_type
 * @unmasked: the irq chip unmasked the line's interrupt
 * @pull: the bias set through set_config
 * @edges: edges raised as interrupts on this line
 * @nested: nested-threaded mode: directions of the edges raised in hard-IRQ
 *          context, waiting for the bus thread (producer: the line's hard
 *          contexts under @lock; consumer: @nested_work)
 * @nested_work: delivers @nested's edges with handle_nested_irq()
 * @nested_lost: edges @nested had no room for (not raised)
 */
struct sim_line {
	struct sim_chip *sim;
	unsigned int offset;

	raw_spinlock_t lock;
	int level;
	bool output;
	bool pending_rising;
	struct irq_work work;

	struct hrtimer timer;
	unsigned int pulses_left;
	u64 high_ns;
	u64 low_ns;
	bool away;

	unsigned int irq_type;
	bool unmasked;
	enum sim_pull pull;
	atomic_long_t edges;

	DECLARE_KFIFO(nested, u8, 1024);
	struct work_struct nested_work;
	atomic_long_t nested_lost;
};

/**
 * struct sim_chip - the simulator
 * @gc: the GPIO chip
 * @dev: the platform device
 * @lock: serialises debugfs writes that change levels or bursts
 * @debugfs: the debugfs directory
 * @nr_lines: number of lines
 * @bus_lock: nested-threaded mode: the "bus" lock of an expander's irq chip
 *            (irq_bus_lock/irq_bus_sync_unlock), a mutex as on I2C/SPI
 * @irqc: this instance's copy of the irq chip: before 5.19 gpiolib writes
 *        its hooks into the irq chip it is given, and finds them there
 *        again when the device is bound a second time ("irqchip that is
 *        shared with multiple gpiochips"), leaving the new chip's irqs
 *        without them
 * @wave: the waveform player
 * @bus: nested-threaded mode: an ordered high-priority workqueue that plays
 *       the expander's interrupt thread, which reads the "bus" and raises
 *       the edges
 * @lines: the lines
 */
struct sim_chip {
	struct gpio_chip gc;
	struct device *dev;
	struct mutex lock;
	struct mutex bus_lock;
	struct irq_chip irqc;
	struct workqueue_struct *bus;
	struct dentry *debugfs;
	struct sim_wave wave;
	unsigned int nr_lines;
	struct sim_line lines[];
};

void sim_raise(struct sim_line *line, bool rising);
int sim_set_level(struct sim_line *line, int level);
int sim_burst_start(struct sim_line *line, unsigned int pulses, u64 period_ns,
		    u64 high_ns);
void sim_burst_stop(struct sim_line *line);

void sim_wave_init(struct sim_chip *sim);
bool sim_wave_uses(struct sim_line *line);
void sim_wave_stop(struct sim_chip *sim);
void sim_wave_free(struct sim_chip *sim);
extern const struct file_operations sim_wave_fops;

const char *sim_chip_dev_name(struct sim_chip *sim, char *buf, size_t size);

void sim_debugfs_create(struct sim_chip *sim);
void sim_debugfs_remove(struct sim_chip *sim);

#endif /* GPIOIRQ_SIM_H */
