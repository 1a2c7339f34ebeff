// SPDX-License-Identifier: GPL-2.0
/*
 * examples/encoder on lines 0 (A) and 1 (B): 100 detents one way, 30 back,
 * 50 on, an edge every 20 us, played by the simulator from its hard-IRQ
 * timer. The two lines' events are put back in edge order by their
 * timestamps whatever order the bottom halves published them in, so the
 * position is exact: 120, from 180 detents, no error.
 *
 * A late timer in a TCG guest plays up to 256 edges at once, and the module
 * may then drop some (a line's top-half buffer full). That run cannot be
 * exact, and must not be silent: the encoder must report an error. It is
 * replayed, three times at most, then skipped with the drops said.
 */
#include "examples.h"

#define ATTEMPTS	3

int main(void)
{
	static const char *const argv[] = { "encoder", "-q", "-x", "2000", "gpioirq-sim", "0", "1",
					      NULL };
	const char *out = "encoder.out";
	unsigned long long errors;
	const char *line;
	int attempt;
	char *text;
	pid_t pid;

	EXPECT_OK(module_load());
	EXPECT_OK(sim_load(NULL));
	for (attempt = 1; attempt <= ATTEMPTS; attempt++) {
		struct wave w = { 0 };
		unsigned int state = 0;
		long before;

		pid = ex_start(out, argv);
		ex_wait_line(out, "encoder: A ", 10000);
		w.t_ns = 1000000;
		wave_encoder(&w, 0, 1, &state, 1, 100, 20000);
		wave_encoder(&w, 0, 1, &state, -1, 30, 20000);
		wave_encoder(&w, 0, 1, &state, 1, 50, 20000);
		before = sim_edges(0) + sim_edges(1);
		wave_play(&w, 100, 30000);
		wave_free(&w);
		/* Each edge reached a handler: the encoder held both lines. */
		EXPECT_EQ(sim_edges(0) + sim_edges(1) - before, 720);
		/* It exits 2 s after the last edge (a TCG stall lasts 100s of ms). */
		EXPECT_EQ(ex_wait(pid, 0), 0);
		ex_print(out);
		text = ex_read(out);
		EXPECT_STREQ(ex_line(text, "encoder: A "),
			     "encoder: A gpiochip0 0, B gpiochip0 1, state 00");
		if (!strstr(text, " events dropped\n")) {
			EXPECT_STREQ(ex_line(text, "encoder: position"),
				     "encoder: position 120 detents 180 quarters 480 errors 0 lost 0");
			EXPECT_EQ(ex_count(text, "error:"), 0);
			free(text);
			return 0;
		}
		/* Edges were dropped: never silently. */
		line = ex_line(text, "encoder: position");
		EXPECT_TRUE(line && strstr(line, " errors "));
		errors = strtoull(strstr(line, " errors ") + 8, NULL, 10);
		EXPECT_TRUE(errors >= 1);
		EXPECT_TRUE(ex_count(text, "error:") >= 1);
		printf("# run %d: the module dropped edges (the guest's timer played a burst); "
		       "reported, %llu errors\n", attempt, errors);
		free(text);
		/* The next run starts where this one ended, at rest in 0 0. */
	}
	vmtest_skip("the module dropped edges in each of %d runs: the guest's timer played them in bursts",
		    ATTEMPTS);
}
