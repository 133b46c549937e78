/* uniq [-c] [-d] [-u] [-i] [INPUT [OUTPUT]]: copies INPUT (or stdin) to
 * OUTPUT (or stdout) with adjacent equal lines merged into one; -c
 * prefixes each with its count (GNU's "%7d "), -d prints only repeated
 * lines, -u only unrepeated ones, -i compares without case. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int show_count, only_repeated, only_unique, ignore_case;

/* One line (newline dropped) into *buf, grown as needed; -1 at the end. */
static long get_line(FILE *f, char **buf, size_t *cap)
{
	size_t n = 0;
	int c;

	while ((c = fgetc(f)) != EOF && c != '\n') {
		if (n + 1 >= *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*buf = realloc(*buf, *cap);
			if (!*buf) {
				fprintf(stderr, "uniq: out of memory\n");
				exit(1);
			}
		}
		(*buf)[n++] = (char)c;
	}
	if (c == EOF && n == 0)
		return -1;
	if (!*buf) {
		*cap = 256;
		*buf = malloc(*cap);
	}
	(*buf)[n] = '\0';
	return (long)n;
}

static void emit(FILE *out, const char *line, long count)
{
	if ((only_repeated && count < 2) || (only_unique && count > 1))
		return;
	if (show_count)
		fprintf(out, "%7ld %s\n", count, line);
	else
		fprintf(out, "%s\n", line);
}

int main(int argc, char **argv)
{
	int i = 1;
	FILE *in = stdin, *out = stdout;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'c')
				show_count = 1;
			else if (*p == 'd')
				only_repeated = 1;
			else if (*p == 'u')
				only_unique = 1;
			else if (*p == 'i')
				ignore_case = 1;
			else {
				fprintf(stderr, "uniq: invalid option -- '%c'\nusage: uniq [-c] [-d] [-u] [-i] [INPUT [OUTPUT]]\n", *p);
				return 1;
			}
		}
	}
	if (i < argc && strcmp(argv[i], "-") != 0 && !(in = fopen(argv[i], "r"))) {
		fprintf(stderr, "uniq: %s: %s\n", argv[i], strerror(errno));
		return 1;
	}
	if (i + 1 < argc && !(out = fopen(argv[i + 1], "w"))) {
		fprintf(stderr, "uniq: %s: %s\n", argv[i + 1], strerror(errno));
		return 1;
	}
	char *prev = NULL, *cur = NULL;
	size_t prev_cap = 0, cur_cap = 0;
	long count = 0;

	while (get_line(in, &cur, &cur_cap) >= 0) {
		if (count > 0 && (ignore_case ? strcasecmp(prev, cur) : strcmp(prev, cur)) == 0) {
			count++;
			continue;
		}
		if (count > 0)
			emit(out, prev, count);
		char *t = prev;
		size_t tc = prev_cap;

		prev = cur;
		prev_cap = cur_cap;
		cur = t;
		cur_cap = tc;
		count = 1;
	}
	if (count > 0)
		emit(out, prev, count);
	fflush(out);
	return 0;
}
