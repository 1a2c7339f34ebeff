// SPDX-License-Identifier: GPL-2.0
/*
 * examples/s0meter stopped (SIGSTOP) during 3000 pulses, 6000 edges: its
 * ring (4096 events) takes the first 4096, the module drops 1904 and numbers
 * them in line_seqno. Woken, and one more pulse later, it has counted all
 * 3001: the 952 falling edges it never saw are recovered from the gap, and
 * said so.
 */
#include "examples.h"

int main(void)
{
	static const char *const argv[] = { "s0meter", "-f", "total", "gpioirq-sim", "2", NULL };
	struct wave w = { 0 };
	char buf[64], *text;
	pid_t pid;

	EXPECT_OK(module_load());
	EXPECT_OK(sim_load(NULL));
	EXPECT_OK(sim_set_level(2, 1));
	pid = ex_start("s0.out", argv);
	ex_wait_line("s0.out", "s0meter: gpiochip0 2, total 0 from total", 10000);

	ex_freeze(pid);
	w.t_ns = 1000000;
	wave_s0(&w, 2, 3000, 100000, 50000);
	wave_play(&w, 100, 60000);
	wave_free(&w);
	kill(pid, SIGCONT);
	/*
	 * The ring's 4096 events counted (2048 pulses, more when the guest's
	 * lag had a line's top-half buffer drop some earlier: those count from
	 * their gap): the ring has room again for the last pulse.
	 */
	ex_wait_number("s0.out", "pulse ", 2048, 30000);
	w.t_ns = 1000000;
	wave_s0(&w, 2, 1, 100000, 50000);
	wave_play(&w, 100, 10000);
	wave_free(&w);
	EXPECT_EQ(sim_edges(2), 6002);

	EXPECT_EQ(ex_wait(pid, SIGTERM), 0);
	text = ex_read("s0.out");
	printf("# %s\n", ex_line(text, "s0meter: total"));
	/* 952 or more recovered: the ring's, and any a top-half buffer dropped. */
	EXPECT_PREFIX(ex_line(text, "s0meter: total"), "s0meter: total 3001 session 3001 recovered ");
	EXPECT_TRUE(atoll(strstr(ex_line(text, "s0meter: total"), " recovered ") + 11) >= 952);
	EXPECT_TRUE(strstr(ex_line(text, "s0meter: total"), " missed 0 mean rate "));
	free(text);
	EXPECT_OK(vmtest_read("total", buf, sizeof(buf)));
	EXPECT_STREQ(buf, "3001");
	return 0;
}
