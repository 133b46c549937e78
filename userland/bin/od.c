/* od [-A d|o|x|n] [-t x1|o1|d1|u1|c|o2|x2|d2|u2|x4|o4|d4|u4] [-c] [-x]
 * [-b] [FILE]...: dumps bytes as GNU od does: an address column (octal
 * by default), 16 bytes per line in the chosen format (default: octal
 * 2-byte words, little-endian), "*" for lines repeating the one before,
 * and the final address. -c is -t c, -x is -t x2, -b is -t o1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char address_base = 'o';
static char kind = 'o';
static int size = 2;

static void print_address(long long a)
{
	switch (address_base) {
	case 'o': printf("%07llo", a); break;
	case 'd': printf("%07lld", a); break;
	case 'x': printf("%06llx", a); break;
	}
}

static void print_char(unsigned char c)
{
	static const char *const named[] = { ['\0'] = "\\0", ['\a'] = "\\a", ['\b'] = "\\b", ['\t'] = "\\t",
		['\n'] = "\\n", ['\v'] = "\\v", ['\f'] = "\\f", ['\r'] = "\\r" };

	if (c < sizeof named / sizeof named[0] && named[c])
		printf("  %s", named[c]);
	else if (c >= 0x20 && c < 0x7f)
		printf("   %c", c);
	else
		printf(" %03o", c);
}

static void print_line(const unsigned char *b, int n)
{
	for (int i = 0; i < n; i += size) {
		unsigned long long v = 0;

		if (kind == 'c') {
			print_char(b[i]);
			continue;
		}
		for (int k = size - 1; k >= 0; k--)
			v = (v << 8) | (i + k < n ? b[i + k] : 0);
		int bits = size * 8;
		long long sv = bits < 64 && (v >> (bits - 1)) ? (long long)v - (1LL << bits) : (long long)v;
		static const int ow[] = { 0, 3, 6, 0, 11 }, xw[] = { 0, 2, 4, 0, 8 }, dw[] = { 0, 4, 6, 0, 11 }, uw[] = { 0, 3, 5, 0, 10 };

		switch (kind) {
		case 'o': printf(" %0*llo", ow[size], v); break;
		case 'x': printf(" %0*llx", xw[size], v); break;
		case 'd': printf(" %*lld", dw[size], sv); break;
		case 'u': printf(" %*llu", uw[size], v); break;
		}
	}
	putchar('\n');
}

static int set_type(const char *t)
{
	kind = t[0];
	if (!strchr("oxduc", kind) || (kind == 'c' && t[1]))
		return -1;
	size = kind == 'c' ? 1 : t[1] ? atoi(t + 1) : 4;
	return size == 1 || size == 2 || size == 4 ? 0 : -1;
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-c") == 0)
			set_type("c");
		else if (strcmp(a, "-x") == 0)
			set_type("x2");
		else if (strcmp(a, "-b") == 0)
			set_type("o1");
		else if (a[1] == 't' || a[1] == 'A') {
			const char *v = a[2] ? a + 2 : i + 1 < argc ? argv[++i] : "";

			if (a[1] == 't' ? set_type(v) < 0 : (strlen(v) != 1 || !strchr("doxn", *v))) {
				fprintf(stderr, "od: invalid %s argument '%s'\n", a[1] == 't' ? "type" : "address radix", v);
				return 1;
			}
			if (a[1] == 'A')
				address_base = *v;
		} else {
			fprintf(stderr, "od: invalid option '%s'\nusage: od [-A BASE] [-t TYPE] [-c] [-x] [-b] [FILE]...\n", a);
			return 1;
		}
	}
	unsigned char line[16], prev[16];
	int fill = 0, have_prev = 0, starred = 0, first = i;
	long long offset = 0;
	FILE *f = i < argc ? NULL : stdin;

	for (;;) {
		int c = EOF;

		while (!f && i < argc) {
			f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
			if (!f) {
				fprintf(stderr, "od: %s: %s\n", argv[i], strerror(errno));
				status = 1;
			}
			i++;
		}
		if (f)
			c = getc(f);
		if (c == EOF) {
			if (f && f != stdin)
				fclose(f);
			f = NULL;
			if (i < argc && first < argc)
				continue;
			break;
		}
		line[fill++] = (unsigned char)c;
		if (fill < 16)
			continue;
		if (have_prev && memcmp(line, prev, 16) == 0) {
			if (!starred)
				printf("*\n");
			starred = 1;
		} else {
			if (address_base != 'n')
				print_address(offset);
			print_line(line, 16);
			starred = 0;
		}
		memcpy(prev, line, 16);
		have_prev = 1;
		offset += 16;
		fill = 0;
	}
	if (fill) {
		if (address_base != 'n')
			print_address(offset);
		print_line(line, fill);
		offset += fill;
	}
	if (address_base != 'n') {
		print_address(offset);
		putchar('\n');
	}
	return status;
}
