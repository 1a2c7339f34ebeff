// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl watch --hist -q: after the summary, three histograms, each a title
 * with its count ("edge to callback, 20 values", "top half to bottom half,
 * 20 values", "pulse width ..., 19 values": every edge but the line's
 * first has a width) and bins "[lo, hi) us  N |@@@...|" whose counts add
 * up to it, each bin a power of two (or [0, 1)) following the one before
 * (empty bins between full ones shown), the first and last not empty, the
 * fullest bin's bar 40 characters wide. 10 pulses, 1 ms high every 3 ms,
 * from a burst: under TCG the widths vary, so where they fall is not
 * asserted. --hist with --json is a usage error (exit 2).
 */
#include "irqctl-test.h"

#define LINE 2

/* Checks the histogram that starts at *@p, titled @title, of @count values. */
static void check_hist(char **p, const char *title, unsigned long count)
{
	unsigned long long lo, hi, prev_hi = 0, n, sum = 0;
	char head[128], bar[64];
	unsigned int widest = 0, bins = 0;
	unsigned long long last_n = 0;
	char *line = *p, *next;

	snprintf(head, sizeof(head), "%s, %lu values", title, count);
	next = strchr(line, '\n');
	CHECK(next, "no line after '%s'", line);
	*next = '\0';
	CHECK(!strcmp(line, head), "histogram title '%s', expected '%s'", line, head);
	for (line = next + 1; line && sscanf(line, " [%llu, %llu) us %llu |%63[@ ]|", &lo, &hi, &n,
					  bar) == 4; line = next ? next + 1 : NULL) {
		next = strchr(line, '\n');
		CHECK(hi == (lo ? 2 * lo : 1) && (!bins || lo == prev_hi), "bin [%llu, %llu) after %llu",
		      lo, hi, prev_hi);
		CHECK(strlen(bar) == 40 && (bins || n > 0), "bin [%llu, %llu): %llu, bar of %zu", lo, hi,
		      n, strlen(bar));
		last_n = n;
		if (strspn(bar, "@") > widest)
			widest = (unsigned int)strspn(bar, "@");
		prev_hi = hi;
		sum += n;
		bins++;
	}
	CHECK(bins > 0 && sum == count && last_n > 0, "%s: %u bins holding %llu values, not %lu",
	      title, bins, sum, count);
	CHECK(widest == 40, "%s: the fullest bar is %u wide", title, widest);
	*p = line;
}

int main(void)
{
	char *watch[] = { "irqctl", "watch", "-q", "--hist", "--count", "20", "--timeout", "30",
			  NULL, "2", NULL };
	char *bad[] = { "irqctl", "watch", "--hist", "--json", "gpioirq-sim", "2", NULL };
	char chip[32], *p;
	struct proc w;

	test_name = "watch_hist_draws_latency_and_pulse_width_histograms";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(LINE);
	watch[8] = chip;
	proc_start(&w, watch);
	await_held(chip, LINE, w.pid);
	sim_write(LINE, "burst", "10 3000000 1000000");
	if (proc_finish(&w) != 0)
		show("irqctl watch", &w), fail("exit %d", w.status);
	printf("%s", w.out);
	p = strstr(w.out, "\nedge to callback, ");
	CHECK(p && !strncmp(w.out, "--- 20 events, 0 dropped", 24), "summary then histograms:\n%s",
	      w.out);
	p++;
	check_hist(&p, "edge to callback", 20);
	check_hist(&p, "top half to bottom half", 20);
	check_hist(&p, "pulse width (time from the line's previous edge)", 19);
	CHECK(!p || !*p, "nothing after the histograms: '%s'", p);
	proc_free(&w);

	CHECK(run(&w, bad) == 2, "--hist --json exits %d, not 2", w.status);
	proc_free(&w);
	return 0;
}
