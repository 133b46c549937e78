/* cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE]...: prints the
 * selected bytes, characters (bytes here: no multibyte locales) or
 * DELIM-separated fields (default TAB) of each line. LIST is N, N-M, N-,
 * -M, separated by commas. A line without DELIM is printed whole with -f,
 * unless -s. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RANGES 64

static struct { long lo, hi; } ranges[MAX_RANGES];
static int nranges;

static int selected(long n)
{
	for (int i = 0; i < nranges; i++)
		if (n >= ranges[i].lo && n <= ranges[i].hi)
			return 1;
	return 0;
}

static int parse_list(const char *s)
{
	while (*s && nranges < MAX_RANGES) {
		char *end;
		long lo = 1, hi;

		if (*s != '-') {
			lo = strtol(s, &end, 10);
			if (end == s || lo < 1)
				return -1;
			s = end;
		}
		hi = lo;
		if (*s == '-') {
			s++;
			if (*s >= '0' && *s <= '9') {
				hi = strtol(s, &end, 10);
				s = end;
			} else {
				hi = 0x7fffffffL;
			}
		}
		if (hi < lo)
			return -1;
		ranges[nranges].lo = lo;
		ranges[nranges++].hi = hi;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return nranges ? 0 : -1;
}

static void cut_line(const char *line, size_t n, int fields, char delim, int only_delimited)
{
	if (!fields) {
		for (size_t i = 0; i < n; i++)
			if (selected((long)i + 1))
				putchar(line[i]);
		putchar('\n');
		return;
	}
	if (!memchr(line, delim, n)) {
		if (!only_delimited) {
			fwrite(line, 1, n, stdout);
			putchar('\n');
		}
		return;
	}
	long field = 1;
	int printed = 0;

	for (size_t start = 0; start <= n; field++) {
		size_t end = start;

		while (end < n && line[end] != delim)
			end++;
		if (selected(field)) {
			if (printed++)
				putchar(delim);
			fwrite(line + start, 1, end - start, stdout);
		}
		start = end + 1;
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	int i = 1, mode = 0, only_delimited = 0, status = 0;
	char delim = '\t';
	const char *list = NULL;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		char opt = argv[i][1];

		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (opt == 's') {
			only_delimited = 1;
			continue;
		}
		const char *v = argv[i][2] ? argv[i] + 2 : i + 1 < argc ? argv[++i] : NULL;

		if (!v || !strchr("bcfd", opt)) {
			fprintf(stderr, "cut: invalid option '%s'\nusage: cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE]...\n", argv[i]);
			return 1;
		}
		if (opt == 'd') {
			if (strlen(v) != 1) {
				fprintf(stderr, "cut: the delimiter must be a single character\n");
				return 1;
			}
			delim = *v;
		} else {
			mode = opt;
			list = v;
		}
	}
	if (!list) {
		fprintf(stderr, "cut: you must specify a list of bytes, characters, or fields\n");
		return 1;
	}
	if (parse_list(list) < 0) {
		fprintf(stderr, "cut: invalid list '%s'\n", list);
		return 1;
	}
	for (int first = i; i < argc || i == first; i++) {
		FILE *f = i == argc || strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
		char *line = NULL;
		size_t cap = 0, n;
		int c;

		if (!f) {
			fprintf(stderr, "cut: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		for (;;) {
			n = 0;
			while ((c = fgetc(f)) != EOF && c != '\n') {
				if (n + 1 >= cap && !(line = realloc(line, cap = cap ? cap * 2 : 256)))
					return 1;
				line[n++] = (char)c;
			}
			if (c == EOF && n == 0)
				break;
			cut_line(line ? line : "", n, mode == 'f', delim, only_delimited);
		}
		free(line);
		if (f != stdin)
			fclose(f);
		if (i == argc)
			break;
	}
	return status;
}
