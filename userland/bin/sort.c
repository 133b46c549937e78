/* sort [-r] [-n] [-u] [-f] [-t SEP] [-k FIELD] [FILE]...: sorts the lines
 * of the files (or stdin) by bytes; -n by leading number, -f without
 * case, -r reversed, -k FIELD compares from that field on (fields are
 * runs of blanks and what follows them, or separated by SEP with -t), -u
 * keeps the first of lines that compare equal. Lines whose keys tie are
 * ordered by their whole bytes, as GNU sort does without -s. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int reverse, numeric, unique, fold, key_field;
static int separator = -1;
static char **lines;
static size_t nlines, cap;

static void add_line(char *line)
{
	if (nlines == cap) {
		cap = cap ? cap * 2 : 256;
		lines = realloc(lines, cap * sizeof *lines);
		if (!lines) {
			fprintf(stderr, "sort: out of memory\n");
			exit(2);
		}
	}
	lines[nlines++] = line;
}

static int read_file(FILE *f)
{
	char *buf = NULL;
	size_t n = 0, size = 0;
	int c;

	for (;;) {
		c = fgetc(f);
		if (c == EOF && n == 0)
			break;
		if (n + 1 >= size) {
			size = size ? size * 2 : 128;
			buf = realloc(buf, size);
			if (!buf)
				return -1;
		}
		if (c == EOF || c == '\n') {
			buf[n] = '\0';
			add_line(buf);
			buf = NULL;
			n = size = 0;
			if (c == EOF)
				break;
			continue;
		}
		buf[n++] = (char)c;
	}
	return ferror(f) ? -1 : 0;
}

/* Where the key starts: field key_field (1-based) of the line. */
static const char *key(const char *line)
{
	const char *p = line;

	for (int f = 1; f < key_field && *p; f++) {
		if (separator >= 0) {
			const char *s = strchr(p, separator);

			if (!s)
				return p + strlen(p);
			p = s + 1;
		} else {
			while (*p == ' ' || *p == '\t')
				p++;
			while (*p && *p != ' ' && *p != '\t')
				p++;
		}
	}
	return p;
}

/* The leading number of s (blanks, sign, digits, fraction) as a double-free
 * comparison: compare signs, then integer digits, then the fraction. */
static int compare_numbers(const char *a, const char *b)
{
	while ((*a == ' ' || *a == '\t'))
		a++;
	while ((*b == ' ' || *b == '\t'))
		b++;
	int na = *a == '-', nb = *b == '-';

	a += na;
	b += nb;
	while (*a == '0')
		a++;
	while (*b == '0')
		b++;
	size_t la = 0, lb = 0;

	while (isdigit((unsigned char)a[la]))
		la++;
	while (isdigit((unsigned char)b[lb]))
		lb++;
	int zero_a = la == 0, zero_b = lb == 0;
	const char *fa = a + la, *fb = b + lb;

	if (*fa == '.')
		for (const char *q = fa + 1; isdigit((unsigned char)*q); q++)
			zero_a &= *q == '0';
	if (*fb == '.')
		for (const char *q = fb + 1; isdigit((unsigned char)*q); q++)
			zero_b &= *q == '0';
	if (zero_a)
		na = 0;
	if (zero_b)
		nb = 0;
	if (na != nb)
		return na ? -1 : 1;
	int sign = na ? -1 : 1;

	if (la != lb)
		return sign * (la < lb ? -1 : 1);
	int c = strncmp(a, b, la);

	if (c)
		return sign * c;
	fa += *fa == '.';
	fb += *fb == '.';
	while (isdigit((unsigned char)*fa) || isdigit((unsigned char)*fb)) {
		int da = isdigit((unsigned char)*fa) ? *fa++ : '0';
		int db = isdigit((unsigned char)*fb) ? *fb++ : '0';

		if (da != db)
			return sign * (da < db ? -1 : 1);
	}
	return 0;
}

static int compare_keys(const char *a, const char *b)
{
	const char *ka = key(a), *kb = key(b);

	if (numeric)
		return compare_numbers(ka, kb);
	if (fold)
		return strcasecmp(ka, kb);
	return strcmp(ka, kb);
}

static int compare(const void *pa, const void *pb)
{
	const char *a = *(char *const *)pa, *b = *(char *const *)pb;
	int c = compare_keys(a, b);

	if (c == 0 && !unique)
		c = strcmp(a, b);
	return reverse ? -c : c;
}

int main(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'r')
				reverse = 1;
			else if (*p == 'n')
				numeric = 1;
			else if (*p == 'u')
				unique = 1;
			else if (*p == 'f')
				fold = 1;
			else if (*p == 't' || *p == 'k') {
				const char *v = p[1] ? p + 1 : i + 1 < argc ? argv[++i] : NULL;

				if (!v || (*p == 't' && strlen(v) != 1)) {
					fprintf(stderr, "sort: option '-%c' needs %s\n", *p, *p == 't' ? "one character" : "a field number");
					return 2;
				}
				if (*p == 't')
					separator = (unsigned char)*v;
				else if ((key_field = atoi(v)) < 1) {
					fprintf(stderr, "sort: invalid field specification '%s'\n", v);
					return 2;
				}
				break;
			} else {
				fprintf(stderr, "sort: invalid option -- '%c'\nusage: sort [-rnuf] [-t SEP] [-k FIELD] [FILE]...\n", *p);
				return 2;
			}
		}
	}
	if (i == argc && read_file(stdin) < 0) {
		fprintf(stderr, "sort: standard input: %s\n", strerror(errno));
		return 2;
	}
	for (; i < argc; i++) {
		FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");

		if (!f || read_file(f) < 0) {
			fprintf(stderr, "sort: cannot read: %s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		if (f != stdin)
			fclose(f);
	}
	qsort(lines, nlines, sizeof *lines, compare);
	for (size_t k = 0; k < nlines; k++) {
		if (unique && k > 0 && compare_keys(lines[k - 1], lines[k]) == 0)
			continue;
		printf("%s\n", lines[k]);
	}
	return 0;
}
