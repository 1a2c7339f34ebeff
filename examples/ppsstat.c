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

	/*
	 * Every store a release, so each is ordered after all before it: the
	 * first count (and valid cleared) before the fields, the fields before
	 * the second count and valid. Pairs with the reader's barrier between
	 * its copy of the fields and its second read of count (a copy torn by
	 * this write shows a changed count), and between its reads of valid
	 * and count and its copy. Release stores rather than fences: the
	 * thread sanitizer of the unit tests understands them.
	 */
	shm->mode = 1;
	__atomic_store_n(&shm->valid, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->count, count + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->clockTimeStampSec, (time_t)ref_s, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->clockTimeStampUSec, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->clockTimeStampNSec, 0u, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->receiveTimeStampSec, (time_t)rx_s, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->receiveTimeStampUSec, (int)(rx_ns / 1000), __ATOMIC_RELEASE);
	__atomic_store_n(&shm->receiveTimeStampNSec, (unsigned int)rx_ns, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->leap, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->precision, precision, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->nsamples, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->count, count + 2, __ATOMIC_RELEASE);
	__atomic_store_n(&shm->valid, 1, __ATOMIC_RELEASE);
}
