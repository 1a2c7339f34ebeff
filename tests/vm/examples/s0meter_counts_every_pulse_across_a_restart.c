// SPDX-License-Identifier: GPL-2.0
/*
 * examples/s0meter on line 2 (a pull-up's high at rest, low pulses): 20000
 * pulses (50 us low every 100 us, a flow meter's pace; an S0 meter's 30 ms
 * pulses would take the suite minutes for the same count), then SIGTERM:
 * the file holds 20000. Started again, it goes on from there: 5000 more,
 * SIGTERM, 25000, and the second run says its session was 5000. The file
 * is replaced by rename: no temporary file is left.
 */
#include "examples.h"

static void play_pulses(unsigned int pulses)
{
	struct wave w = { 0 };

	w.t_ns = 1000000;
	wave_s0(&w, 2, pulses, 100000, 50000);
	wave_play(&w, 100, 60000);
	wave_free(&w);
}

int main(void)
{
	static const char *const argv[] = { "s0meter", "-q", "-N", "1000", "-f", "total", "gpioirq-sim", "2", NULL };
	char buf[64], *text;
	struct stat st;
	pid_t pid;

	EXPECT_OK(module_load());
	EXPECT_OK(sim_load(NULL));
	EXPECT_OK(sim_set_level(2, 1));

	pid = ex_start("run1.out", argv);
	ex_wait_line("run1.out", "s0meter: gpiochip0 2, total 0 from total", 10000);
	play_pulses(20000);
	EXPECT_EQ(sim_edges(2), 2 * 20000);
	EXPECT_EQ(ex_wait(pid, SIGTERM), 0);
	ex_print("run1.out");
	EXPECT_EQ(vmtest_read("total", buf, sizeof(buf)), 5);
	EXPECT_STREQ(buf, "20000");
	text = ex_read("run1.out");
	/* Pulses the ring could not hold when the guest lagged are counted
	 * from line_seqno (recovered): the total is exact either way. */
	EXPECT_PREFIX(ex_line(text, "s0meter: total"), "s0meter: total 20000 session 20000 recovered ");
	EXPECT_TRUE(strstr(ex_line(text, "s0meter: total"), " missed 0 mean rate "));
	free(text);

	pid = ex_start("run2.out", argv);
	ex_wait_line("run2.out", "s0meter: gpiochip0 2, total 20000 from total", 10000);
	play_pulses(5000);
	EXPECT_EQ(ex_wait(pid, SIGTERM), 0);
	ex_print("run2.out");
	EXPECT_OK(vmtest_read("total", buf, sizeof(buf)));
	EXPECT_STREQ(buf, "25000");
	text = ex_read("run2.out");
	EXPECT_PREFIX(ex_line(text, "s0meter: total"), "s0meter: total 25000 session 5000 recovered ");
	EXPECT_TRUE(strstr(ex_line(text, "s0meter: total"), " missed 0 mean rate "));
	free(text);
	EXPECT_ERRNO(stat("total.tmp", &st), ENOENT);
	return 0;
}
