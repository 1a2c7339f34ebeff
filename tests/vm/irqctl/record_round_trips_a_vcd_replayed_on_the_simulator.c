// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A VCD as sigrok/PulseView writes one ($scope, two 1-bit $vars named sim-0
 * and sim-1, a 1 us timescale, $dumpvars, #time lines with several changes
 * on one line) played by irqctl replay (82 steps: the two initial levels,
 * then 80 edges) and recorded by irqctl record comes back as the same 80
 * edges in the same order: a VCD with a 1 ns timescale, one wire per line
 * named by the line's name, the levels before the first edge in $dumpvars,
 * times rising from #0 at the first edge. How far each time is from the
 * played one is printed, not asserted: it is the player's timer lateness
 * under TCG (12 ms seen with other VMs running), which the recorder only
 * reports. Then the same file at --speed 200 --repeat 2 recorded as CSV: 160
 * rows of edges in the same order, each line's line_seqno counting from 1,
 * each edge's pulse_ns the difference of its line's last two timestamps,
 * no loss.
 */
#include "irqctl-test.h"

#define CYCLES	20
#define EDGES	(4 * CYCLES)
/* One cycle: 2 ms, each line's edges 500 us after the other's. */
#define CYCLE_US	2000

/* Edge i of the played sequence: its line, level, and time in ns. */
static void edge_of(int i, int *line, int *level, long long *t_ns)
{
	*line = i & 1;
	*level = !(i & 2);
	*t_ns = (1000ll + (long long)CYCLE_US * (i / 4) + 500ll * (i % 4)) * 1000;
}

static void write_input(const char *path)
{
	FILE *f = fopen(path, "w");
	long long t;
	int i, line, level;

	if (!f)
		fail("%s: %s", path, strerror(errno));
	fputs("$date Sat Nov 28 2026 $end\n$version libsigrok 0.5.2 $end\n"
	      "$comment\n  Acquisition with 2/8 channels at 1 MHz\n$end\n"
	      "$timescale 1 us $end\n$scope module libsigrok $end\n"
	      "$var wire 1 ! sim-0 $end\n$var wire 1 \" sim-1 $end\n"
	      "$upscope $end\n$enddefinitions $end\n#0 $dumpvars 0! 0\" $end\n", f);
	for (i = 0; i < EDGES; i++) {
		edge_of(i, &line, &level, &t);
		fprintf(f, "#%lld %d%c\n", t / 1000, level, line ? '"' : '!');
	}
	fprintf(f, "#%lld\n", t / 1000 + 1000);
	fclose(f);
}

/* Checks the recorded VCD's text: header, then the edges in order. */
static void check_vcd(const char *text)
{
	static const char head[] =
		"$timescale 1 ns $end\n$scope module gpioirq $end\n"
		"$var wire 1 ! sim-0 $end\n$var wire 1 \" sim-1 $end\n"
		"$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n0!\n0\"\n$end\n";
	const char *p = strstr(text, "$timescale");
	long long now = 0, t, t0 = 0, off, worst = 0; /* the header ends at #0 */
	int i = 0, line, level;
	char buf[64];

	CHECK(p && !strncmp(p, head, strlen(head)), "the header:\n%s", text);
	p += strlen(head);
	while (*p) {
		size_t n = strcspn(p, "\n");

		CHECK(n < sizeof(buf), "a long line");
		memcpy(buf, p, n);
		buf[n] = '\0';
		p += n + (p[n] == '\n');
		if (buf[0] == '#') {
			long long next = atoll(buf + 1);

			CHECK(next > now, "times rise: %s after %lld", buf, now);
			now = next;
			continue;
		}
		CHECK(i < EDGES, "more than %d edges: %s", EDGES, buf);
		edge_of(i, &line, &level, &t);
		if (!i)
			t0 = t;
		CHECK(buf[0] == '0' + level && buf[1] == (line ? '"' : '!') && !buf[2],
		      "edge %d: '%s', expected %d%c", i, buf, level, line ? '"' : '!');
		CHECK(i || now == 0, "the first edge at #0, not #%lld", now);
		off = llabs(now - (t - t0));
		if (off > worst)
			worst = off;
		i++;
	}
	CHECK(i == EDGES, "%d edges, not %d", i, EDGES);
	printf("recorded times from the played ones: at most %lld us apart\n", worst / 1000);
}

static void check_csv(const char *text)
{
	static const char head[] = "seqno,line_seqno,timestamp_ns,line,edge,level,pulse_ns,missed\n";
	unsigned long long seqno, line_seqno, ts, pulse, prev_ts = 0;
	unsigned long long next_line_seqno[2] = { 1, 1 }, last_ts[2] = { 0, 0 };
	const char *p = text;
	char name[32], edge[16];
	int i, missed, lvl, line, level, n;
	long long t;

	CHECK(!strncmp(p, head, strlen(head)), "the CSV header:\n%s", text);
	p += strlen(head);
	for (i = 0; i < 2 * EDGES; i++) {
		CHECK(sscanf(p, "%llu,%llu,%llu,%31[^,],%15[^,],%d,%llu,%d\n%n", &seqno, &line_seqno,
			     &ts, name, edge, &lvl, &pulse, &missed, &n) == 8,
		      "row %d: %.60s", i, p);
		p += n;
		edge_of(i % EDGES, &line, &level, &t);
		CHECK(!strcmp(name, line ? "sim-1" : "sim-0"), "row %d line %s", i, name);
		CHECK(!strcmp(edge, level ? "rising" : "falling") && lvl == level,
		      "row %d edge %s level %d", i, edge, lvl);
		CHECK(line_seqno == next_line_seqno[line]++, "row %d line_seqno %llu", i,
		      line_seqno);
		CHECK(ts >= prev_ts && !missed, "row %d timestamp and missed", i);
		CHECK(pulse == (line_seqno == 1 ? 0 : ts - last_ts[line]),
		      "row %d pulse_ns %llu after %llu at %llu", i, pulse, last_ts[line], ts);
		last_ts[line] = ts;
		prev_ts = ts;
	}
	CHECK(!*p, "nothing after the rows: %.60s", p);
}

int main(void)
{
	char *record_vcd[] = { "irqctl", "record", "-o", "out.vcd", "-n", "80", "--timeout", "60",
			       NULL, "0", "1", NULL };
	char *record_csv[] = { "irqctl", "record", "-o", "out.csv", "-n", "160", "--timeout", "60",
			       NULL, "sim-0", "sim-1", NULL };
	char *replay[] = { "irqctl", "replay", "in.vcd", NULL };
	char *replay2[] = { "irqctl", "replay", "--speed", "200", "--repeat", "2", "in.vcd", NULL };
	struct proc rec, rp;
	char chip[32], *text;

	test_name = "record_round_trips_a_vcd_replayed_on_the_simulator";
	sim_setup(chip, sizeof(chip));
	sim_rest_low(0);
	sim_rest_low(1);
	write_input("in.vcd");

	record_vcd[8] = chip;
	proc_start(&rec, record_vcd);
	await_held(chip, 0, rec.pid);
	await_held(chip, 1, rec.pid);
	if (run(&rp, replay) != 0)
		show("irqctl replay", &rp), fail("replay exit %d", rp.status);
	CHECK(strstr(rp.err, "playing 82 steps on 2 lines"), "replay says what it plays");
	proc_free(&rp);
	if (proc_finish(&rec) != 0)
		show("irqctl record", &rec), fail("record exit %d", rec.status);
	CHECK(strstr(rec.err, "80 events"), "record counts 80 events");
	proc_free(&rec);
	text = read_file("out.vcd");
	CHECK(text, "out.vcd: %s", strerror(errno));
	check_vcd(text);
	free(text);

	/* The lines are low again; the first step at 0 sets them low: no edge. */
	record_csv[8] = chip;
	proc_start(&rec, record_csv);
	await_held(chip, 0, rec.pid);
	await_held(chip, 1, rec.pid);
	if (run(&rp, replay2) != 0)
		show("irqctl replay", &rp), fail("replay exit %d", rp.status);
	proc_free(&rp);
	if (proc_finish(&rec) != 0)
		show("irqctl record", &rec), fail("record exit %d", rec.status);
	proc_free(&rec);
	text = read_file("out.csv");
	CHECK(text, "out.csv: %s", strerror(errno));
	check_csv(text);
	free(text);
	return 0;
}
