/* tr [-d] [-s] [-c] SET1 [SET2]: copies stdin to stdout, translating the
 * characters of SET1 into those of SET2 (the last one repeated when SET2
 * is shorter), or deleting them (-d), then squeezing runs of a repeated
 * character of the last set given into one (-s); -c takes SET1's
 * complement. Sets know ranges (a-z), escapes (\n \t \\ \NNN) and the
 * classes [:alpha:] [:digit:] [:alnum:] [:upper:] [:lower:] [:space:]
 * [:blank:] [:punct:] [:print:] [:cntrl:] [:xdigit:]. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Expands a set into its characters, in order; returns how many. */
static int expand(const char *s, unsigned char *out)
{
	int n = 0;

	while (*s && n < 4096) {
		int c = (unsigned char)*s++;

		if (c == '[' && *s == ':') {
			const char *end = strstr(s, ":]");

			if (end) {
				char name[16];
				int len = (int)(end - s - 1);

				snprintf(name, sizeof name, "%.*s", len, s + 1);
				s = end + 2;
				for (int ch = 0; ch < 256; ch++) {
					int in = strcmp(name, "alpha") == 0 ? isalpha(ch) :
						 strcmp(name, "digit") == 0 ? isdigit(ch) :
						 strcmp(name, "alnum") == 0 ? isalnum(ch) :
						 strcmp(name, "upper") == 0 ? isupper(ch) :
						 strcmp(name, "lower") == 0 ? islower(ch) :
						 strcmp(name, "space") == 0 ? isspace(ch) :
						 strcmp(name, "blank") == 0 ? (ch == ' ' || ch == '\t') :
						 strcmp(name, "punct") == 0 ? ispunct(ch) :
						 strcmp(name, "print") == 0 ? isprint(ch) :
						 strcmp(name, "cntrl") == 0 ? iscntrl(ch) :
						 strcmp(name, "xdigit") == 0 ? isxdigit(ch) : -1;

					if (in < 0) {
						fprintf(stderr, "tr: invalid character class '%s'\n", name);
						return -1;
					}
					if (in && ch < 128)
						out[n++] = (unsigned char)ch;
				}
				continue;
			}
		}
		if (c == '\\' && *s) {
			c = (unsigned char)*s++;
			if (c >= '0' && c <= '7') {
				c -= '0';
				for (int i = 0; i < 2 && *s >= '0' && *s <= '7'; i++)
					c = c * 8 + (*s++ - '0');
			} else {
				c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == 'a' ? '\a' :
				    c == 'b' ? '\b' : c == 'f' ? '\f' : c == 'v' ? '\v' : c;
			}
		}
		if (*s == '-' && s[1]) {
			int hi = (unsigned char)s[1];

			s += 2;
			if (hi < c) {
				fprintf(stderr, "tr: range-endpoints of '%c-%c' are in reverse collating sequence order\n", c, hi);
				return -1;
			}
			for (int ch = c; ch <= hi; ch++)
				out[n++] = (unsigned char)ch;
			continue;
		}
		out[n++] = (unsigned char)c;
	}
	return n;
}

int main(int argc, char **argv)
{
	static unsigned char set1[4352], set2[4352];
	int del = 0, squeeze = 0, complement = 0, i = 1;
	unsigned char map[256], in1[256] = { 0 }, squeezable[256] = { 0 };

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'd')
				del = 1;
			else if (*p == 's')
				squeeze = 1;
			else if (*p == 'c' || *p == 'C')
				complement = 1;
			else {
				fprintf(stderr, "tr: invalid option -- '%c'\nusage: tr [-cds] SET1 [SET2]\n", *p);
				return 1;
			}
		}
	}
	int sets = argc - i;

	if (sets < 1 || sets > 2 || (!del && !squeeze && sets != 2) || (del && !squeeze && sets != 1)) {
		fprintf(stderr, "usage: tr [-cds] SET1 [SET2]\n");
		return 1;
	}
	int n1 = expand(argv[i], set1), n2 = sets == 2 ? expand(argv[i + 1], set2) : 0;

	if (n1 < 0 || n2 < 0)
		return 1;
	for (int k = 0; k < n1; k++)
		in1[set1[k]] = 1;
	if (complement) {
		n1 = 0;
		for (int ch = 0; ch < 256; ch++)
			if (!in1[ch])
				set1[n1++] = (unsigned char)ch;
		memset(in1, 0, sizeof in1);
		for (int k = 0; k < n1; k++)
			in1[set1[k]] = 1;
	}
	for (int ch = 0; ch < 256; ch++)
		map[ch] = (unsigned char)ch;
	if (!del && sets == 2) {
		if (n2 == 0) {
			fprintf(stderr, "tr: when not truncating set1, string2 must be non-empty\n");
			return 1;
		}
		for (int k = 0; k < n1; k++)
			map[set1[k]] = set2[k < n2 ? k : n2 - 1];
	}
	/* -s squeezes the last set given: SET2, or SET1 alone. */
	if (squeeze) {
		if (sets == 2)
			for (int k = 0; k < n2; k++)
				squeezable[set2[k]] = 1;
		else
			memcpy(squeezable, in1, sizeof squeezable);
	}
	int c, last = -1;

	while ((c = getchar()) != EOF) {
		if (del && in1[c])
			continue;
		c = map[c];
		if (squeeze && c == last && squeezable[c])
			continue;
		putchar(c);
		last = c;
	}
	return 0;
}
