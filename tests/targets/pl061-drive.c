// SPDX-License-Identifier: GPL-2.0
/*
 * pl061-drive: from a guest script, ask the host to drive PL061 lines.
 *   pl061-drive level LINES 0|1
 *   pl061-drive pulse LINES WIDTH_US
 *   pl061-drive train LINES COUNT WIDTH_US PERIOD_US
 * Returns when the host is done; prints the host's worst edge lateness in µs.
 * Exits 0 on success, 1 when the host rejects the request, 2 when the
 * channel fails.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../vm/pl061/pl061.h"

int main(int argc, char **argv)
{
	char req[256] = "";
	unsigned long late_us;
	size_t len = 0;

	if (argc < 2) {
		fprintf(stderr,
			"usage: pl061-drive level LINES 0|1 | pulse LINES WIDTH_US |\n"
			"       train LINES COUNT WIDTH_US PERIOD_US | ping\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int n = snprintf(req + len, sizeof(req) - len, "%s%s",
				 i > 1 ? " " : "", argv[i]);

		if (n < 0 || (size_t)n >= sizeof(req) - len) {
			fprintf(stderr, "pl061-drive: request too long\n");
			return 2;
		}
		len += (size_t)n;
	}
	if (pl061_drive(req, &late_us)) {
		fprintf(stderr, "pl061-drive: %s: %s\n", req, strerror(errno));
		return errno == EINVAL ? 1 : 2;
	}
	printf("%lu\n", late_us);
	return 0;
}
