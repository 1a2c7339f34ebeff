// SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
/*
 * One output shared by four threads, each setting and reading it 500 times
 * at once (the output's mutex serialises the libgpiod calls): every call
 * succeeds, every read is 0 or 1, and the simulator's level is the last
 * value set after they joined.
 */
#include "libtest.h"

#define THREADS	4
#define ROUNDS	500

struct worker {
	pthread_t thread;
	struct gpioirq_output *out;
	int id;
	unsigned int ok;	/* calls that returned what they should */
};

static void *work(void *arg)
{
	struct worker *w = arg;
	int i, v;

	for (i = 0; i < ROUNDS; i++) {
		if (!gpioirq_output_set_value(w->out, (i + w->id) & 1))
			w->ok++;
		v = gpioirq_output_get_value(w->out);
		if (v == 0 || v == 1)
			w->ok++;
	}
	return NULL;
}

int main(void)
{
	struct worker w[THREADS];
	struct gpioirq_output *out;
	int i;

	/* No context: outputs need none, nor the gpioirq module. */
	EXPECT_OK(sim_load(NULL));
	EXPECT_TRUE(sim_chip_name() != NULL);
	out = gpioirq_output_request(sim_chip_name(), 7, 0, "threadtest");
	if (!out)
		VMTEST_FAIL("gpioirq_output_request: %s", strerror(errno));
	for (i = 0; i < THREADS; i++) {
		w[i] = (struct worker){ .out = out, .id = i };
		EXPECT_EQ(pthread_create(&w[i].thread, NULL, work, &w[i]), 0);
	}
	for (i = 0; i < THREADS; i++) {
		EXPECT_EQ(pthread_join(w[i].thread, NULL), 0);
		EXPECT_EQ(w[i].ok, 2 * ROUNDS);
	}
	EXPECT_OK(gpioirq_output_set_value(out, 1));
	EXPECT_EQ(sim_get_level(7), 1);
	EXPECT_OK(gpioirq_output_set_value(out, 0));
	EXPECT_EQ(sim_get_level(7), 0);
	gpioirq_output_release(out);
	return 0;
}
