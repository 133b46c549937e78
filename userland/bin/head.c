/* head [-n N] [-c N] [FILE]...: the first N lines (default 10) or bytes
 * of each file (or stdin; "-" is stdin), with "==> FILE <==" headers when
 * there are several files. `head -5` is `head -n 5`. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "common/operands.h"

static long long count = 10;
static int bytes;

static int head(int fd)
{
	char buf[4096];
	long long left = count;
	ssize_t n;

	while (left > 0 && (n = read(fd, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		ssize_t take = 0;

		if (bytes) {
			take = n < left ? n : left;
			left -= take;
		} else {
			while (take < n && left > 0)
				if (buf[take++] == '\n')
					left--;
		}
		fwrite(buf, 1, take, stdout);
	}
	return 0;
}

static long long number(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (!*s || *end || v < 0) {
		fprintf(stderr, "head: invalid number of %s: '%s'\n", bytes ? "bytes" : "lines", s);
		exit(1);
	}
	return v;
}

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if ((argv[i][1] == 'n' || argv[i][1] == 'c')) {
			bytes = argv[i][1] == 'c';
			const char *v = argv[i][2] ? argv[i] + 2 : i + 1 < argc ? argv[++i] : "";

			count = number(v);
		} else if (argv[i][1] >= '0' && argv[i][1] <= '9') {
			count = number(argv[i] + 1);
		} else {
			fprintf(stderr, "head: invalid option '%s'\nusage: head [-n N] [-c N] [FILE]...\n", argv[i]);
			return 1;
		}
	}
	return each_input("head", argc, argv, i, head);
}
