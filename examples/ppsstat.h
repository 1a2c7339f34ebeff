/* SPDX-License-Identifier: MIT */
/*
 * ppsstat: a pulse-per-second's timestamps against a clock: each pulse's
 * offset to the nearest whole second of that clock, and the jitter, the
 * running standard deviation of those offsets. Pure: no I/O, no clock;
 * examples/pps.c feeds it its pulses' timestamps, tests/unit/test-pps.c
 * synthetic ones. Also the chrony/ntpd SHM refclock sample, filled in a
 * struct the caller maps (ntpshm_put()).
 */
#ifndef GPIOIRQ_EXAMPLES_PPSSTAT_H
#define GPIOIRQ_EXAMPLES_PPSSTAT_H

#include <stdint.h>
#include <time.h>

#define NSEC_PER_SEC	1000000000ll

/**
 * struct ppsstat - offsets of one clock; fill with ppsstat_init()
 * @n: pulses added
 * @offset_ns: the last pulse's offset, in [-500000000, 500000000)
 * @mean_ns: mean offset
 * @m2: sum of squared deviations from the mean (Welford), ns^2
 * @last_ns: the last pulse's timestamp
 * @interval_ns: between the last two pulses, 0 before the second
 */
struct ppsstat {
	uint64_t n;
	int64_t offset_ns;
	double mean_ns;
	double m2;
	int64_t last_ns;
	int64_t interval_ns;
};

void ppsstat_init(struct ppsstat *s);

/**
 * pps_offset_ns() - a timestamp's offset to the nearest whole second
 * @ts_ns: nanoseconds of a clock (non-negative)
 *
 * Return: ts_ns - round(ts_ns / 1 s) s, in [-500000000, 500000000): a pulse
 * 0.3 ms after a second is +300000, 0.3 ms before one -300000.
 */
int64_t pps_offset_ns(int64_t ts_ns);

/**
 * ppsstat_add() - add a pulse
 * @s: the statistics
 * @ts_ns: its timestamp in the clock of @s
 *
 * Return: the pulse's offset (pps_offset_ns()).
 */
int64_t ppsstat_add(struct ppsstat *s, int64_t ts_ns);

/**
 * ppsstat_jitter_ns() - the standard deviation of the offsets so far
 * @s: the statistics
 *
 * Return: the sample standard deviation in ns, 0 before the second pulse.
 */
double ppsstat_jitter_ns(const struct ppsstat *s);

/*
 * The shared-memory refclock segment of ntpd's refclock_shm.c, which
 * chrony's refclock_shm.c reads: shmget(NTPSHM_KEY + unit), one struct
 * shmTime. Mode 1: the writer bumps count before and after writing the
 * fields and sets valid last; the reader uses a sample whose count did not
 * change while it read, then clears valid. (ntpd declares count and valid
 * volatile; ntpshm_put() stores them with __atomic builtins instead.)
 */
#define NTPSHM_KEY	0x4e545030

struct shmTime {
	int mode;
	int count;
	time_t clockTimeStampSec;
	int clockTimeStampUSec;
	time_t receiveTimeStampSec;
	int receiveTimeStampUSec;
	int leap;
	int precision;
	int nsamples;
	int valid;
	unsigned int clockTimeStampNSec;
	unsigned int receiveTimeStampNSec;
	int dummy[8];
};

/**
 * ntpshm_put() - publish one PPS sample in mode 1
 * @shm: the segment (mapped, or any struct shmTime)
 * @pulse_ns: the pulse's CLOCK_REALTIME timestamp
 * @precision: log2 of the sample's precision in seconds (-20: ~1 us)
 *
 * The reference time is the whole second nearest to @pulse_ns: the pulse
 * marks it. So the system clock must already be within half a second, or
 * chrony told to use only the sub-second part (its refclock option 'pps',
 * the seconds from another source). Leap indicator 0 (none).
 */
void ntpshm_put(struct shmTime *shm, int64_t pulse_ns, int precision);

#endif /* GPIOIRQ_EXAMPLES_PPSSTAT_H */
