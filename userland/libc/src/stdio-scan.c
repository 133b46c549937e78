/* The scanf family over one engine that reads from a string or a FILE.
 * Conversions d i u o x X p c s [ n % and the floating ones (their text is
 * collected here and converted by strtod/strtof/strtold), '*' suppression,
 * field widths, length modifiers hh h l ll L q j z t, and POSIX's 'm'
 * (allocate the string). Numbers convert as glibc's do: through
 * strtol/strtoul (or the long long forms), then narrowed to the target. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "thread.h"

#define NUM_MAX 512 /* longest number text we convert */

struct in {
	FILE *f;          /* stream source, or NULL */
	const char *s;    /* string source */
	size_t consumed;  /* characters read and not given back (%n) */
};

static int get(struct in *in)
{
	int c;

	if (in->f) {
		c = fgetc(in->f);
	} else {
		c = (unsigned char)*in->s;
		if (c)
			in->s++;
		else
			c = EOF;
	}
	if (c != EOF)
		in->consumed++;
	return c;
}

static void unget(struct in *in, int c)
{
	if (c == EOF)
		return;
	in->consumed--;
	if (in->f)
		ungetc(c, in->f);
	else
		in->s--;
}

/* Skips white space; returns the first other character (consumed). */
static int skip_space(struct in *in)
{
	int c;

	do
		c = get(in);
	while (c != EOF && isspace(c));
	return c;
}

/* Reads an integer's text (sign, base prefix, digits) into buf. */
static size_t read_int(struct in *in, int c, char *buf, size_t width,
		       int base)
{
	size_t n = 0;

	if ((c == '+' || c == '-') && n < width) {
		buf[n++] = (char)c;
		c = get(in);
	}
	if ((base == 0 || base == 16) && c == '0' && n < width) {
		buf[n++] = (char)c;
		c = get(in);
		if ((c == 'x' || c == 'X') && n < width) {
			/* "0x" with no digits after it still reads as 0, the
			 * 'x' consumed (as glibc does) */
			buf[n++] = (char)c;
			c = get(in);
			base = 16;
		} else if (base == 0) {
			base = 8;
		}
	}
	if (base == 0)
		base = 10;
	while (c != EOF && n < width && n < NUM_MAX - 1) {
		int d = isdigit(c) ? c - '0' : isalpha(c) ? tolower(c) - 'a' + 10 : 99;

		if (d >= base)
			break;
		buf[n++] = (char)c;
		c = get(in);
	}
	unget(in, c);
	buf[n] = '\0';
	return n;
}

/* Reads a floating number's text: decimal or hex, inf, infinity, nan. As
 * with glibc, what was read stays read even if only a prefix of it is a
 * number ("1.5e" gives 1.5 and consumes the 'e'). */
static size_t read_float(struct in *in, int c, char *buf, size_t width)
{
	size_t n = 0;
	int hex = 0, digits = 0;

#define TAKE() do { buf[n++] = (char)c; c = get(in); } while (0)
#define ROOM() (n < width && n < NUM_MAX - 1)
	if ((c == '+' || c == '-') && ROOM())
		TAKE();
	if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
		/* "nan(...)" stops after "nan", as glibc's scanf does */
		const char *word = tolower(c) == 'i' ? "infinity" : "nan";
		size_t k = 0;

		while (word[k] && ROOM() && tolower(c) == word[k]) {
			TAKE();
			k++;
		}
		unget(in, c);
		buf[n] = '\0';
		/* "inf" is complete; "infin" is taken as far as it went */
		return n;
	}
	if (c == '0' && ROOM()) {
		TAKE();
		digits = 1;
		if ((c == 'x' || c == 'X') && ROOM()) {
			hex = 1;
			TAKE();
		}
	}
	while (ROOM() && (hex ? isxdigit(c) : isdigit(c))) {
		TAKE();
		digits = 1;
	}
	if (c == '.' && ROOM()) {
		TAKE();
		while (ROOM() && (hex ? isxdigit(c) : isdigit(c))) {
			TAKE();
			digits = 1;
		}
	}
	if (digits && ROOM() && (hex ? (c == 'p' || c == 'P')
				     : (c == 'e' || c == 'E'))) {
		TAKE();
		if ((c == '+' || c == '-') && ROOM())
			TAKE();
		while (ROOM() && isdigit(c))
			TAKE();
	}
#undef TAKE
#undef ROOM
	unget(in, c);
	buf[n] = '\0';
	return n;
}

static void store_int(void *p, int length, unsigned long long v)
{
	switch (length) {
	case 'H': *(char *)p = (char)v; break;
	case 'h': *(short *)p = (short)v; break;
	case 'l': *(long *)p = (long)v; break;
	case 'q': case 'L': case 'j': *(long long *)p = (long long)v; break;
	case 'z': *(size_t *)p = (size_t)v; break;
	case 't': *(ptrdiff_t *)p = (ptrdiff_t)v; break;
	default: *(int *)p = (int)v;
	}
}

/* A scanset "[...]" (after '['): fills set, returns the position after
 * the closing ']', or NULL if there is none. */
static const char *scanset(const char *f, unsigned char set[256])
{
	int negate = *f == '^';

	if (negate)
		f++;
	memset(set, 0, 256);
	if (*f == ']')
		set[(unsigned char)*f++] = 1;
	for (; *f && *f != ']'; f++) {
		if (f[0] == '-' && f[1] && f[1] != ']' && f[-1] != '[' &&
		    (unsigned char)f[-1] <= (unsigned char)f[1]) {
			for (int c = (unsigned char)f[-1]; c <= (unsigned char)f[1]; c++)
				set[c] = 1;
			f++;
		} else {
			set[(unsigned char)*f] = 1;
		}
	}
	if (!*f)
		return NULL;
	if (negate)
		for (int c = 0; c < 256; c++)
			set[c] = !set[c];
	return f + 1;
}

/* Grows an 'm' buffer (doubling); returns 0 or -1. */
static int grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t cap2 = *cap * 2 > need ? *cap * 2 : need;
	char *p = realloc(*buf, cap2);

	if (!p)
		return -1;
	*buf = p;
	*cap = cap2;
	return 0;
}

static int scan(struct in *in, const char *fmt, va_list ap)
{
	int assigned = 0, converted_any = 0;

	for (; *fmt; fmt++) {
		int suppress = 0, alloc = 0, length = 0, c;
		size_t width = 0;
		char conv, num[NUM_MAX];
		void *dest = NULL;

		if (isspace((unsigned char)*fmt)) {
			unget(in, skip_space(in));
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%') {
				fmt++;
				c = skip_space(in);
			} else {
				c = get(in);
			}
			if (c != (unsigned char)*fmt) {
				unget(in, c);
				if (c == EOF && !converted_any)
					return EOF;
				return assigned;
			}
			continue;
		}
		fmt++;
		if (*fmt == '*') {
			suppress = 1;
			fmt++;
		} else if (isdigit((unsigned char)*fmt)) {
			/* "%N$": numbered destinations are not supported */
			const char *p = fmt;

			while (isdigit((unsigned char)*p))
				p++;
			if (*p == '$') {
				errno = EINVAL;
				return EOF;
			}
		}
		while (isdigit((unsigned char)*fmt)) {
			if (width < 100000000)
				width = width * 10 + (size_t)(*fmt - '0');
			fmt++;
		}
		if (*fmt == 'm') {
			alloc = 1;
			fmt++;
		}
		switch (*fmt) {
		case 'h':
			length = fmt[1] == 'h' ? 'H' : 'h';
			fmt += fmt[1] == 'h';
			fmt++;
			break;
		case 'l':
			length = fmt[1] == 'l' ? 'q' : 'l';
			fmt += fmt[1] == 'l';
			fmt++;
			break;
		case 'q': case 'L': case 'j': case 'z': case 't':
			length = *fmt++;
			break;
		}
		conv = *fmt;
		if (!conv)
			break;
		if (!suppress && conv != 'n')
			dest = va_arg(ap, void *);
		if (conv == 'n') {
			if (!suppress)
				store_int(va_arg(ap, void *), length, in->consumed);
			continue;
		}
		if (conv != 'c' && conv != '[') {
			c = skip_space(in);
		} else {
			c = get(in);
		}
		if (c == EOF)
			return converted_any || assigned ? assigned : EOF;
		if (!width)
			width = conv == 'c' ? 1 : (size_t)-1;

		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
		case 'p': {
			int base = conv == 'd' || conv == 'u' ? 10
				 : conv == 'o' ? 8 : conv == 'i' ? 0 : 16;
			size_t n = read_int(in, c, num, width, base);
			char *end;
			unsigned long long v;
			int is_signed = conv == 'd' || conv == 'i';

			if (n == 0 || ((num[0] == '-' || num[0] == '+') && n == 1))
				return assigned;
			if (conv == 'p')
				length = sizeof(void *) == sizeof(long) ? 'l' : 0;
			if (length == 'q' || length == 'L' || length == 'j')
				v = is_signed ? (unsigned long long)strtoll(num, &end, base)
					      : strtoull(num, &end, base);
			else
				v = is_signed ? (unsigned long long)strtol(num, &end, base)
					      : strtoul(num, &end, base);
			if (!suppress)
				store_int(dest, length, v);
			break;
		}
		case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		case 'a': case 'A': {
			size_t n = read_float(in, c, num, width);
			char *end;

			if (n == 0)
				return assigned;
			if (length == 'L') {
				long double v = strtold(num, &end);

				if (end == num)
					return assigned;
				if (!suppress)
					*(long double *)dest = v;
			} else if (length == 'l') {
				double v = strtod(num, &end);

				if (end == num)
					return assigned;
				if (!suppress)
					*(double *)dest = v;
			} else {
				float v = strtof(num, &end);

				if (end == num)
					return assigned;
				if (!suppress)
					*(float *)dest = v;
			}
			break;
		}
		case 'c': case 's': case '[': {
			unsigned char set[256];
			char *out = suppress ? NULL : dest, *mbuf = NULL;
			size_t n = 0, cap = 0;

			if (conv == '[') {
				const char *end = scanset(fmt + 1, set);

				if (!end)
					return assigned;
				fmt = end - 1;
			}
			if (alloc && !suppress) {
				cap = conv == 'c' ? width : 32;
				mbuf = malloc(cap);
				if (!mbuf)
					return assigned;
				out = mbuf;
			}
			while (c != EOF && n < width) {
				if (conv == 's' && isspace(c))
					break;
				if (conv == '[' && !set[c])
					break;
				if (mbuf && grow(&mbuf, &cap, n + 2) < 0) {
					free(mbuf);
					return assigned;
				}
				if (mbuf)
					out = mbuf;
				if (out)
					out[n] = (char)c;
				if (++n < width)
					c = get(in);
			}
			if (n < width) /* c is the lookahead that ended it */
				unget(in, c);
			/* Nothing matched, or %c short of its width at EOF. */
			if (n == 0 || (conv == 'c' && n < width)) {
				free(mbuf);
				return n == 0 && c == EOF && !converted_any ? EOF
									: assigned;
			}
			if (out && conv != 'c')
				out[n] = '\0';
			if (mbuf)
				*(char **)dest = mbuf;
			break;
		}
		default:
			return assigned;
		}
		converted_any = 1;
		if (!suppress)
			assigned++;
	}
	return assigned;
}

int vsscanf(const char *s, const char *fmt, va_list ap)
{
	struct in in = { .s = s };

	return scan(&in, fmt, ap);
}

int vfscanf(FILE *f, const char *fmt, va_list ap)
{
	struct in in = { .f = f };
	int locked = __stdio_lock(f), r = scan(&in, fmt, ap);

	__stdio_unlock(f, locked);
	return r;
}

int vscanf(const char *fmt, va_list ap) { return vfscanf(stdin, fmt, ap); }

int sscanf(const char *s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsscanf(s, fmt, ap);
	va_end(ap);
	return r;
}

int fscanf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(f, fmt, ap);
	va_end(ap);
	return r;
}

int scanf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return r;
}
