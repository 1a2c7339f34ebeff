// SPDX-License-Identifier: GPL-2.0
/*
 * examples/encoder stopped (SIGSTOP) while the encoder turns 1100 detents
 * forward, 4400 edges 20 us apart: its ring (4096 events, the module's
 * default) takes 4096 and the module drops the other 304, numbering them in
 * the lines' line_seqno. Woken, the encoder decodes what it has; it reports
 * the loss once, when it goes idle with drops no gap shows yet or at the
 * first gap, whichever it sees first; then 10 more detents come, whose
 * first edges show the edges lost, as part of the same error. It
 * resynchronises instead of counting on from a wrong state: no detent
 * backwards is ever counted, and the position falls short of the true 1110
 * by at least the 76 detents the ring had no room for.
 */
#include "examples.h"

int main(void)
{
	static const char *const argv[] = { "encoder", "gpioirq-sim", "0", "1", NULL };
	const char *out = "encoder.out";
	struct wave w = { 0 };
	unsigned int state = 0;
	long long pos, detents, errors, lost;
	const char *line;
	char *text;
	pid_t pid;

	EXPECT_OK(module_load());
	EXPECT_OK(sim_load(NULL));
	pid = ex_start(out, argv);
	ex_wait_line(out, "encoder: A ", 10000);

	ex_freeze(pid);
	w.t_ns = 1000000;
	wave_encoder(&w, 0, 1, &state, 1, 1100, 20000);
	wave_play(&w, 100, 60000);
	wave_free(&w);
	EXPECT_EQ(sim_edges(0) + sim_edges(1), 4400);
	kill(pid, SIGCONT);
	/* Idle: the ring's 4096 events decoded. */
	ex_wait_line(out, "idle at position ", 30000);

	w.t_ns = 1000000;
	wave_encoder(&w, 0, 1, &state, 1, 10, 20000);
	wave_play(&w, 100, 30000);
	wave_free(&w);
	/* Idle again after them (the library said its drops by then). */
	ex_wait_count(out, "idle at position ", 2, 30000);

	EXPECT_EQ(ex_wait(pid, SIGTERM), 0);
	ex_print(out);
	text = ex_read(out);
	EXPECT_EQ(ex_count(text, "error:"), ex_count(text, "error: events lost "));
	EXPECT_TRUE(!strstr(text, "(-1)"));
	line = ex_line(text, "encoder: position");
	EXPECT_TRUE(line && sscanf(line, "encoder: position %lld detents %lld quarters %*d errors %lld lost %lld",
				   &pos, &detents, &errors, &lost) == 4);
	/*
	 * At most the ring's 4096 events and the 40 after them reached the
	 * decoder: at most 1034 detents, whatever else was lost (a burst
	 * faster than the lines' top-half buffers took it, in a lagging
	 * guest). Every loss is said; each error costs at most the detents
	 * lost and two more while the decoder finds its step.
	 */
	EXPECT_TRUE(lost >= 1);
	EXPECT_TRUE(errors >= 1);
	EXPECT_EQ(ex_count(text, "error: events lost "), errors);
	EXPECT_TRUE(pos <= (4096 + 40) / 4);
	EXPECT_TRUE(pos >= 1110 - 304 / 4 - lost - 2 * errors);
	EXPECT_EQ(detents, pos);
	free(text);
	return 0;
}
