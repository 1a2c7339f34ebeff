// SPDX-License-Identifier: GPL-2.0
/*
 * examples/pps on line 5 with SHM unit 2: four 100 ms pulses one second
 * apart. It prints four pulses and a summary; the segment of key
 * 0x4e545032 holds the last pulse in mode 1 (count bumped twice per pulse,
 * valid set), its reference second the nearest whole second of its receive
 * time, and the offset printed for that pulse is exactly receive minus
 * reference. The intervals are a second within 300 ms (a loaded host stalls
 * the TCG guest's timer by 100 ms and more at times; a board's are within
 * microseconds).
 */
#include <inttypes.h>
#include <sys/shm.h>

#include "examples.h"
#include "../../../examples/ppsstat.h"

int main(void)
{
	static const char *const argv[] = { "pps", "-n", "4", "-u", "2", "gpioirq-sim", "5", NULL };
	struct wave w = { 0 };
	struct shmTime *shm;
	const char *line;
	long long off, interval, rx_ns, ref_ns;
	char *text, name[16];
	int id, i;
	pid_t pid;

	EXPECT_OK(module_load());
	EXPECT_OK(sim_load(NULL));
	/* A segment left by an earlier run would carry its count. */
	id = shmget(NTPSHM_KEY + 2, 0, 0);
	if (id >= 0)
		EXPECT_OK(shmctl(id, IPC_RMID, NULL));
	pid = ex_start("pps.out", argv);
	ex_wait_line("pps.out", "pps: gpiochip0 5, timestamps in CLOCK_MONOTONIC, SHM on", 10000);

	w.t_ns = 0;
	for (i = 0; i < 4; i++) {
		wave_step(&w, 500000000ull + i * 1000000000ull, 5, 1);
		wave_step(&w, 600000000ull + i * 1000000000ull, 5, 0);
	}
	wave_play(&w, 100, 30000);
	wave_free(&w);
	EXPECT_EQ(ex_wait(pid, 0), 0);
	ex_print("pps.out");

	text = ex_read("pps.out");
	EXPECT_EQ(ex_count(text, "pulse "), 4);
	EXPECT_PREFIX(ex_line(text, "pps: pulses 4 realtime jitter "), "pps: pulses 4");
	for (i = 2; i <= 4; i++) {
		snprintf(name, sizeof(name), "pulse %d ", i);
		line = ex_line(text, name);
		EXPECT_TRUE(line && strstr(line, "interval "));
		interval = atoll(strstr(line, "interval ") + 9);
		EXPECT_TRUE(interval > 700000000 && interval < 1300000000);
	}
	line = ex_line(text, "pulse 4 realtime ");
	EXPECT_EQ(sscanf(line, "pulse 4 realtime %lld ns", &off), 1);

	id = shmget(NTPSHM_KEY + 2, sizeof(struct shmTime), 0);
	EXPECT_OK(id);
	shm = shmat(id, NULL, SHM_RDONLY);
	EXPECT_TRUE(shm != (void *)-1);
	EXPECT_EQ(shm->mode, 1);
	EXPECT_EQ(shm->count, 8);
	EXPECT_EQ(shm->valid, 1);
	EXPECT_EQ(shm->precision, -20);
	EXPECT_EQ(shm->leap, 0);
	EXPECT_EQ(shm->clockTimeStampUSec, 0);
	EXPECT_EQ(shm->clockTimeStampNSec, 0);
	EXPECT_EQ(shm->receiveTimeStampUSec, shm->receiveTimeStampNSec / 1000);
	rx_ns = (long long)shm->receiveTimeStampSec * 1000000000 + shm->receiveTimeStampNSec;
	ref_ns = (long long)shm->clockTimeStampSec * 1000000000;
	EXPECT_EQ(rx_ns - ref_ns, off);
	EXPECT_TRUE(off >= -500000000 && off < 500000000);
	shmdt(shm);
	EXPECT_OK(shmctl(id, IPC_RMID, NULL));
	free(text);
	return 0;
}
