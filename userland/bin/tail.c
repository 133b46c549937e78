/* tail [-n [+]N] [-c [+]N] [FILE]...: the last N lines (default 10) or
 * bytes of each file (or stdin); +N starts at line or byte N instead.
 * Headers "==> FILE <==" when there are several files. The input is read
 * whole into memory (these are small systems with small files). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "common/operands.h"

static long long count = 10;
static int bytes, from_start;

/* Reads all of fd; NULL (errno set) on a read error. */
static char *slurp(int fd, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);

	for (;;) {
		if (!buf)
			return NULL;
		if (n == cap) {
			char *bigger = realloc(buf, cap *= 2);

			if (!bigger) {
				free(buf);
				return NULL;
			}
			buf = bigger;
		}
		ssize_t r = read(fd, buf + n, cap - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += r;
	}
	*len = n;
	return buf;
}

static int tail(int fd)
{
	size_t len, start;
	char *buf = slurp(fd, &len);

	if (!buf)
		return -1;
	if (bytes) {
		if (from_start)
			start = count > 0 && (size_t)(count - 1) < len ? (size_t)(count - 1) : count > 0 ? len : 0;
		else
			start = (size_t)count < len ? len - count : 0;
	} else if (from_start) {
		long long line = 1;

		for (start = 0; start < len && line < count; start++)
			if (buf[start] == '\n')
				line++;
	} else {
		long long lines = 0;

		start = len;
		/* A last line without its newline counts as a line. */
		if (start > 0 && buf[start - 1] == '\n')
			start--;
		while (start > 0) {
			if (buf[start - 1] == '\n' && ++lines == count)
				break;
			start--;
		}
		if (count == 0)
			start = len;
	}
	fwrite(buf + start, 1, len - start, stdout);
	free(buf);
	return 0;
}

static void parse_count(const char *s)
{
	char *end;

	from_start = *s == '+';
	if (*s == '+' || *s == '-')
		s++;
	count = strtoll(s, &end, 10);
	if (!*s || *end || count < 0) {
		fprintf(stderr, "tail: invalid number of %s: '%s'\n", bytes ? "bytes" : "lines", s);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (argv[i][1] == 'n' || argv[i][1] == 'c') {
			bytes = argv[i][1] == 'c';
			parse_count(argv[i][2] ? argv[i] + 2 : i + 1 < argc ? argv[++i] : "");
		} else if (argv[i][1] >= '0' && argv[i][1] <= '9') {
			parse_count(argv[i] + 1);
		} else {
			fprintf(stderr, "tail: invalid option '%s'\nusage: tail [-n [+]N] [-c [+]N] [FILE]...\n", argv[i]);
			return 1;
		}
	}
	return each_input("tail", argc, argv, i, tail);
}
