/* printf FORMAT [ARGUMENT]...: prints the arguments under control of
 * FORMAT, as POSIX printf: backslash escapes (\n \t \\ \a \b \f \r \v
 * \NNN), conversions %s %b %c %d %i %u %o %x %X %% with flags (-+ #0),
 * width and precision (or *); the format is reused while arguments
 * remain. A missing argument is "" or 0; a bad number is reported
 * (status 1) and counts as 0. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int status;
static char **args;

static const char *next_arg(void)
{
	return *args ? *args++ : NULL;
}

static long long number(const char *s)
{
	char *end;
	long long v;

	if (!s || !*s)
		return 0;
	if (*s == '\'' || *s == '"')
		return (unsigned char)s[1];
	errno = 0;
	v = strtoll(s, &end, 0);
	if (*end || errno) {
		fprintf(stderr, "printf: '%s': expected a numeric value\n", s);
		status = 1;
	}
	return v;
}

/* One backslash escape at s (after the backslash); returns the length
 * consumed, the byte in *out, or -1 for \c (stop). */
static int escape(const char *s, int *out, int octal_needs_zero)
{
	int n = 0;

	switch (*s) {
	case 'a': *out = '\a'; return 1;
	case 'b': *out = '\b'; return 1;
	case 'c': return -1;
	case 'f': *out = '\f'; return 1;
	case 'n': *out = '\n'; return 1;
	case 'r': *out = '\r'; return 1;
	case 't': *out = '\t'; return 1;
	case 'v': *out = '\v'; return 1;
	case '\\': *out = '\\'; return 1;
	}
	if (octal_needs_zero && *s == '0')
		n = 1;
	if (s[n] >= '0' && s[n] <= '7') {
		int v = 0, k = 0;

		while (k < 3 && s[n + k] >= '0' && s[n + k] <= '7')
			v = v * 8 + (s[n + k++] - '0');
		*out = v & 0xff;
		return n + k;
	}
	*out = '\\';
	return 0;
}

/* %b's argument: its escapes interpreted (\0NNN for octal); 1 for \c. */
static int print_b(const char *s)
{
	for (; *s; s++) {
		int c;

		if (*s != '\\' || !s[1]) {
			putchar(*s);
			continue;
		}
		int used = escape(s + 1, &c, 1);

		if (used < 0)
			return 1;
		putchar(c);
		s += used;
	}
	return 0;
}

/* Prints the format once; 1 when \c or %b's \c asked to stop. */
static int run_format(const char *f)
{
	for (; *f; f++) {
		if (*f == '\\') {
			int c, used = escape(f + 1, &c, 0);

			if (used < 0)
				return 1;
			putchar(c);
			f += used;
			continue;
		}
		if (*f != '%') {
			putchar(*f);
			continue;
		}
		if (f[1] == '%') {
			putchar('%');
			f++;
			continue;
		}
		char spec[32] = "%";
		size_t n = 1;

		f++;
		while (*f && strchr("-+ #0", *f) && n < 8)
			spec[n++] = *f++;
		if (*f == '*') {
			n += snprintf(spec + n, sizeof spec - n, "%d", (int)number(next_arg()));
			f++;
		} else {
			while (*f >= '0' && *f <= '9' && n < 16)
				spec[n++] = *f++;
		}
		if (*f == '.') {
			spec[n++] = *f++;
			if (*f == '*') {
				n += snprintf(spec + n, sizeof spec - n, "%d", (int)number(next_arg()));
				f++;
			} else {
				while (*f >= '0' && *f <= '9' && n < 24)
					spec[n++] = *f++;
			}
		}
		char conv = *f;
		const char *arg;

		switch (conv) {
		case 's':
		case 'b':
		case 'c':
			arg = next_arg();
			if (!arg)
				arg = "";
			if (conv == 'b') {
				if (print_b(arg))
					return 1;
				break;
			}
			if (conv == 'c') {
				if (*arg)
					putchar(*arg);
				break;
			}
			spec[n++] = 's';
			spec[n] = '\0';
			printf(spec, arg);
			break;
		case 'd':
		case 'i':
			spec[n++] = 'l';
			spec[n++] = 'l';
			spec[n++] = 'd';
			spec[n] = '\0';
			printf(spec, number(next_arg()));
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			spec[n++] = 'l';
			spec[n++] = 'l';
			spec[n++] = conv;
			spec[n] = '\0';
			printf(spec, (unsigned long long)number(next_arg()));
			break;
		default:
			fprintf(stderr, "printf: %%%c: invalid conversion\n", conv ? conv : ' ');
			return 2;
		}
		if (!*f)
			break;
	}
	return 0;
}

int main(int argc, char **argv)
{
	/* "--" ends the options there are none of (POSIX utility syntax). */
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: printf FORMAT [ARGUMENT]...\n");
		return 1;
	}
	args = argv + 2;
	do {
		char **before = args;
		int r = run_format(argv[1]);

		if (r == 2)
			return 1;
		if (r == 1 || args == before)
			break;
	} while (*args);
	return status;
}
