/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compare: gpioirq against the GPIO character device, in the guest, on the
 * simulator's line 0 (see main.c for the method). What the contenders share:
 * a run's parameters, what it records per event, and the system-call count.
 */
#ifndef GPIOIRQ_BENCH_COMPARE_H
#define GPIOIRQ_BENCH_COMPARE_H

#include <stdbool.h>
#include <stdint.h>

/* Waits for events are this long; a wait that times out after the burst
 * ended ends the run (the bottom halves had that long to deliver). */
#define IDLE_MS 250

/* One run: the simulator raises @edges edges (a whole number of pulses) on
 * line 0 at @rate edges per second; the contender fills the rest. */
struct run {
	unsigned int edges;
	unsigned int rate;
	/* recorded per delivered edge event */
	uint64_t *lat_ns;	/* top-half timestamp to the consumer, monotonic */
	uint64_t *bh_ns;	/* top half to bottom half (gpioirq only) */
	unsigned int delivered;	/* atomic where the dispatcher thread writes */
	unsigned int nbh;
	uint64_t prev_seqno;	/* line_seqno of the previous event */
	unsigned int prev_edge;
	uint64_t gap_lost;	/* edges the line_seqno gaps show */
	unsigned int missed_flags;	/* events flagged GPIOIRQ_EVENT_F_MISSED */
	unsigned int wrong_dir;	/* same direction as the previous event with
				 * no visible loss between them */
	uint64_t first_ts_ns;	/* timestamps of the first and last event */
	uint64_t last_ts_ns;
	bool has_seqno;		/* false: libgpiod 1.6 (uAPI v1, no seqno) */
	bool done;		/* the line's last edge came (gpioirq knows) */
	/* filled by the contender at the end of its run */
	uint64_t counted;	/* losses a counter reports (gpioirq's dropped
				 * + missed), 0 where there is none */
	uint64_t cpu_ns;	/* the consuming thread's CPU time */
	uint64_t syscalls;	/* the consumer's system calls */
	bool has_bh;
};

struct contender {
	const char *name;
	/* Requests line 0 of the loaded simulator, starts the burst with
	 * burst_start(), consumes until the run is over, releases everything.
	 * Returns 0, 1 when the kernel has no such path (skipped), and exits
	 * through VMTEST_FAIL on an error. */
	int (*run)(const struct contender *c, struct run *r);
	unsigned int bh;	/* gpioirq: GPIOIRQ_BH_* */
	int mode;		/* gpioirq: MODE_* */
};

enum { MODE_DISPATCH, MODE_THREAD, MODE_READ };

int gpioirq_contender(const struct contender *c, struct run *r);
int cdev_contender(const struct contender *c, struct run *r);
int gpiod_contender(const struct contender *c, struct run *r);
extern const char gpiod_contender_name[];

/* Records one edge event, consumed at @now_ns (monotonic). @line_seqno 0
 * when the path has none. */
void record_event(struct run *r, uint64_t timestamp_ns, uint64_t now_ns,
		  uint64_t line_seqno, unsigned int edge, bool missed,
		  uint64_t bh_delay_ns, bool has_bh);
uint64_t now_ns(void);
uint64_t thread_cpu_ns(void);

/* Starts the run's burst on line 0 (not counted as the consumer's). */
void burst_start(struct run *r);
/* After a wait that timed out: true when the burst is over. */
bool burst_over(void);

/*
 * System calls, counted by wrapping the C library's functions that the
 * library and the bench call (count.c: poll, ppoll, read, write, ioctl and
 * the condition-variable waits, each at least one system call; libgpiod's
 * own calls are counted where they are made, in gpiod*.c). A thread that
 * sets count_quiet is not counted: the bench's bookkeeping.
 */
extern uint64_t count_syscalls;		/* atomic */
extern __thread bool count_quiet;
void count_add(unsigned int n);

#endif /* GPIOIRQ_BENCH_COMPARE_H */
