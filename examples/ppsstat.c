// SPDX-License-Identifier: MIT
/*
 * ppsstat: PPS offsets, jitter and the SHM refclock sample; see ppsstat.h.
 * Pure: no I/O.
 */
#include <math.h>

#include "ppsstat.h"

void ppsstat_init(struct ppsstat *s)
{
	*s = (struct ppsstat){ 0 };
}

int64_t pps_offset_ns(int64_t ts_ns)
{
	int64_t frac = ts_ns % NSEC_PER_SEC;

	return frac >= NSEC_PER_SEC / 2 ? frac - NSEC_PER_SEC : frac;
}

int64_t ppsstat_add(struct ppsstat *s, int64_t ts_ns)
{
	int64_t off = pps_offset_ns(ts_ns);
	double delta;

	if (s->n)
		s->interval_ns = ts_ns - s->last_ns;
	s->last_ns = ts_ns;
	s->offset_ns = off;
	/* Welford's update: no cancellation over long runs. */
	s->n++;
	delta = (double)off - s->mean_ns;
	s->mean_ns += delta / (double)s->n;
	s->m2 += delta * ((double)off - s->mean_ns);
	return off;
}

double ppsstat_jitter_ns(const struct ppsstat *s)
{
	return s->n < 2 ? 0.0 : sqrt(s->m2 / (double)(s->n - 1));
}

void ntpshm_put(struct shmTime *shm, int64_t pulse_ns, int precision)
{
	int64_t off = pps_offset_ns(pulse_ns);
	int64_t ref_s = (pulse_ns - off) / NSEC_PER_SEC;
	int64_t rx_s = pulse_ns / NSEC_PER_SEC, rx_ns = pulse_ns % NSEC_PER_SEC;

	int count = __atomic_load_n(&shm->count, __ATOMIC_RELAXED);

	shm->mode = 1;
	__atomic_store_n(&shm->valid, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&shm->count, count + 1, __ATOMIC_RELAXED);
	/*
	 * A: the first count (and valid cleared) before the fields; pairs with
	 * the reader's barrier between its copy of the fields and its second
	 * read of count, so a copy torn by this write shows a changed count.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	shm->clockTimeStampSec = (time_t)ref_s;
	shm->clockTimeStampUSec = 0;
	shm->clockTimeStampNSec = 0;
	shm->receiveTimeStampSec = (time_t)rx_s;
	shm->receiveTimeStampUSec = (int)(rx_ns / 1000);
	shm->receiveTimeStampNSec = (unsigned int)rx_ns;
	shm->leap = 0;
	shm->precision = precision;
	shm->nsamples = 0;
	/*
	 * B: the fields before the second count and valid; pairs with the
	 * reader's barrier between its reads of valid and count and its copy.
	 */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&shm->count, count + 2, __ATOMIC_RELAXED);
	__atomic_store_n(&shm->valid, 1, __ATOMIC_RELAXED);
}
