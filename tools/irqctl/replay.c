// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * irqctl replay: play a VCD file on the simulator's lines, through its
 * waveform player (/sys/kernel/debug/gpioirq-sim/waveform), so that a signal
 * recorded on a board is reproduced in a VM. The file's 1-bit variables
 * named "sim-N" drive line N; --map VAR=LINE maps any other. Each 0/1
 * change becomes a step "T_NS LINE LEVEL" (times from the file's #0); x and
 * z changes, vectors and unmapped variables are left out.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "irqctl.h"

#define SIM_WAVEFORM "/sys/kernel/debug/gpioirq-sim/waveform"
/* The player's limits (kmod/sim/wave.c). */
#define SIM_WAVE_MAX_STEPS 1000000
#define SIM_WAVE_MAX_T_NS 1000000000000000ull

static const char replay_help[] =
	"Usage: irqctl replay [OPTION]... FILE.vcd\n"
	"Play a VCD file (what 'irqctl record' writes, or a sigrok/PulseView or\n"
	"GTKWave export) on the lines of the simulator gpioirq-sim: each 1-bit\n"
	"variable named sim-N drives line N, --map maps others; its 0/1 changes\n"
	"become the player's steps, times from the file's #0 (x, z, vectors and\n"
	"unmapped variables are left out). Waits until the play ends.\n"
	"\n"
	"  -m, --map VAR=LINE     variable VAR (its name) drives simulator line\n"
	"                         LINE; may be given again for other variables\n"
	"  -R, --repeat N         play it N times (default 1); a pass lasts the\n"
	"                         first change's time plus the last's\n"
	"  -s, --speed PCT        at PCT percent of the recorded speed, 1 to\n"
	"                         10000 (default 100)\n"
	"      --no-wait          return once the play has started\n"
	"  -n, --dry-run          print the steps instead of playing them\n"
	"  -h, --help             this text\n";

struct map {
	const char *var;
	uint32_t line;
};

/* The line @var drives: a --map, else its name "sim-N"; -1 for none. */
static long var_line(const struct irqctl_vcd_var *var, const struct map *maps, size_t nmaps)
{
	uint32_t line;
	size_t i;

	for (i = 0; i < nmaps; i++)
		if (!strcmp(maps[i].var, var->name))
			return maps[i].line;
	if (!strncmp(var->name, "sim-", 4) && !irqctl_parse_u32(var->name + 4, 0, 1023, &line))
		return line;
	return -1;
}

/* Writes all of @s to @fd: 0, or -1 with errno set. */
static int write_all(int fd, const char *s, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, s, len);
		if (n < 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

static int wait_idle(void)
{
	const struct timespec tick = { .tv_nsec = 10000000 };
	char buf[128];
	ssize_t n;
	int fd;

	for (;;) {
		fd = open(SIM_WAVEFORM, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -1;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n < 0)
			return -1;
		buf[n] = '\0';
		if (!strncmp(buf, "idle", 4))
			return 0;
		nanosleep(&tick, NULL);
	}
}

/* The steps as text, in a malloc'ed buffer; NULL on error (said). */
static char *steps_text(const struct irqctl_vcd *v, const long *lines, size_t *len,
			size_t *nsteps)
{
	size_t cap = 4096, n = 0, i;
	char *buf = malloc(cap), *p;

	*nsteps = 0;
	for (i = 0; buf && i < v->nchanges; i++) {
		const struct irqctl_vcd_change *c = &v->changes[i];

		if (lines[c->var] < 0 || (c->value != '0' && c->value != '1'))
			continue;
		if (c->time_ns > SIM_WAVE_MAX_T_NS) {
			irqctl_err("a change at %" PRIu64 " ns: the simulator plays up to %llu ns",
				   c->time_ns, SIM_WAVE_MAX_T_NS);
			free(buf);
			return NULL;
		}
		if (++*nsteps > SIM_WAVE_MAX_STEPS) {
			irqctl_err("more than %d steps: the simulator's limit", SIM_WAVE_MAX_STEPS);
			free(buf);
			return NULL;
		}
		if (cap - n < 64) {
			p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
			cap *= 2;
		}
		n += (size_t)snprintf(buf + n, cap - n, "%" PRIu64 " %ld %c\n", c->time_ns,
				      lines[c->var], c->value);
	}
	if (!buf)
		irqctl_err("%s", strerror(ENOMEM));
	*len = n;
	return buf;
}

int irqctl_replay(int argc, char **argv)
{
	enum { OPT_NO_WAIT = 256 };
	static const struct option opts[] = {
		{ "map", required_argument, NULL, 'm' },
		{ "repeat", required_argument, NULL, 'R' },
		{ "speed", required_argument, NULL, 's' },
		{ "no-wait", no_argument, NULL, OPT_NO_WAIT },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	uint32_t repeat = 1, speed = 100;
	bool wait = true, dry = false;
	struct map *maps = NULL;
	size_t nmaps = 0, i, len = 0, nsteps = 0, mapped = 0;
	struct irqctl_vcd v;
	long *lines = NULL;
	char *text = NULL, *eq, cmd[64];
	int c, fd, ret = IRQCTL_EXIT_ERROR;
	FILE *f;

	while ((c = getopt_long(argc, argv, "m:R:s:nh", opts, NULL)) != -1) {
		switch (c) {
		case 'm': {
			struct map *m = realloc(maps, (nmaps + 1) * sizeof(*maps));

			if (!m) {
				free(maps);
				irqctl_err("%s", strerror(errno));
				return IRQCTL_EXIT_ERROR;
			}
			maps = m;
			eq = strrchr(optarg, '=');
			if (!eq || eq == optarg ||
			    irqctl_parse_u32(eq + 1, 0, 1023, &maps[nmaps].line)) {
				free(maps);
				return irqctl_usage_err("replay", "--map: VAR=LINE, LINE 0 to 1023, not '%s'",
							optarg);
			}
			*eq = '\0';
			maps[nmaps++].var = optarg;
			break;
		}
		case 'R':
			if (irqctl_parse_u32(optarg, 1, UINT32_MAX, &repeat)) {
				free(maps);
				return irqctl_usage_err("replay", "--repeat: 1 or more, not '%s'", optarg);
			}
			break;
		case 's':
			if (irqctl_parse_u32(optarg, 1, 10000, &speed)) {
				free(maps);
				return irqctl_usage_err("replay", "--speed: percent, 1 to 10000, not '%s'",
							optarg);
			}
			break;
		case OPT_NO_WAIT:
			wait = false;
			break;
		case 'n':
			dry = true;
			break;
		case 'h':
			free(maps);
			fputs(replay_help, stdout);
			return IRQCTL_EXIT_OK;
		default:
			free(maps);
			return irqctl_usage_err("replay", "bad option");
		}
	}
	if (optind != argc - 1) {
		free(maps);
		return irqctl_usage_err("replay", "name one VCD file");
	}

	f = fopen(argv[optind], "r");
	if (!f) {
		irqctl_err("%s: %s", argv[optind], strerror(errno));
		free(maps);
		return IRQCTL_EXIT_ERROR;
	}
	ret = irqctl_vcd_parse(f, &v);
	fclose(f);
	if (ret) {
		irqctl_err("%s: %s", argv[optind], v.err);
		free(maps);
		return IRQCTL_EXIT_ERROR;
	}
	ret = IRQCTL_EXIT_ERROR;
	lines = calloc(v.nvars ? v.nvars : 1, sizeof(*lines));
	if (!lines) {
		irqctl_err("%s", strerror(errno));
		goto out;
	}
	for (i = 0; i < v.nvars; i++) {
		lines[i] = v.vars[i].width == 1 ? var_line(&v.vars[i], maps, nmaps) : -1;
		if (lines[i] >= 0)
			mapped++;
		else
			fprintf(stderr, "irqctl replay: left out variable '%s'%s\n", v.vars[i].name,
				v.vars[i].width == 1 ? " (no sim-N name: --map it)" : " (not 1 bit)");
	}
	for (i = 0; i < nmaps; i++) {
		size_t j;

		for (j = 0; j < v.nvars && strcmp(v.vars[j].name, maps[i].var); j++)
			;
		if (j == v.nvars) {
			irqctl_err("--map %s: the file has no variable of that name", maps[i].var);
			goto out;
		}
	}
	if (!mapped) {
		irqctl_err("%s: no variable drives a simulator line (name them sim-N, or --map)",
			   argv[optind]);
		goto out;
	}
	text = steps_text(&v, lines, &len, &nsteps);
	if (!text)
		goto out;
	if (!nsteps) {
		irqctl_err("%s: no 0/1 change of a mapped variable to play", argv[optind]);
		goto out;
	}
	if (dry) {
		fwrite(text, 1, len, stdout);
		ret = IRQCTL_EXIT_OK;
		goto out;
	}

	fd = open(SIM_WAVEFORM, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		irqctl_err("%s: %s (is gpioirq-sim loaded and debugfs mounted?)", SIM_WAVEFORM,
			   strerror(errno));
		goto out;
	}
	snprintf(cmd, sizeof(cmd), "start repeat=%u speed=%u\n", repeat, speed);
	if (write_all(fd, "clear\n", 6) || write_all(fd, text, len) ||
	    write_all(fd, cmd, strlen(cmd))) {
		irqctl_err("%s: %s%s", SIM_WAVEFORM, strerror(errno),
			   errno == EBUSY ? " (a waveform plays, or a burst runs on one of its lines)" :
					    "");
		close(fd);
		goto out;
	}
	close(fd);
	fprintf(stderr, "irqctl replay: playing %zu steps on %zu line%s\n", nsteps, mapped,
		mapped == 1 ? "" : "s");
	if (wait && wait_idle()) {
		irqctl_err("%s: %s", SIM_WAVEFORM, strerror(errno));
		goto out;
	}
	ret = IRQCTL_EXIT_OK;
out:
	free(text);
	free(lines);
	free(maps);
	irqctl_vcd_free(&v);
	return ret;
}
