/* Number parsing: one unsigned core (strtoull) with range checks layered on
 * top for each signed and narrower type. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/* Skips the prefix ("0x", "0") that base 0 or 16 allows; returns the base. */
static int take_prefix(const char **sp, int base)
{
	const char *s = *sp;

	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
		*sp = s + 2;
		return 16;
	}
	if (base == 0)
		return s[0] == '0' ? 8 : 10;
	return base;
}

/* Parses the magnitude; *neg gets the sign, *over is set on overflow. */
static unsigned long long parse(const char *s, char **end, int base,
				int *neg, int *over)
{
	const char *start = s;
	unsigned long long v = 0;
	int any = 0;

	while (isspace((unsigned char)*s))
		s++;
	*neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	base = take_prefix(&s, base);
	for (int d; (d = digit_value((unsigned char)*s)) < base; s++, any = 1) {
		if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
			*over = 1;
		v = v * (unsigned)base + (unsigned)d;
	}
	if (end)
		*end = (char *)(any ? s : start);
	return v;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	int neg, over = 0;
	unsigned long long v = parse(s, end, base, &neg, &over);

	if (over) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? -v : v;
}

long long strtoll(const char *s, char **end, int base)
{
	int neg, over = 0;
	unsigned long long v = parse(s, end, base, &neg, &over);
	unsigned long long limit = neg ? (unsigned long long)LLONG_MAX + 1
				       : (unsigned long long)LLONG_MAX;

	if (over || v > limit) {
		errno = ERANGE;
		return neg ? LLONG_MIN : LLONG_MAX;
	}
	return neg ? (long long)-v : (long long)v;
}

long strtol(const char *s, char **end, int base)
{
	long long v = strtoll(s, end, base);

	if (v > LONG_MAX || v < LONG_MIN) {
		errno = ERANGE;
		return v > 0 ? LONG_MAX : LONG_MIN;
	}
	return (long)v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	int neg, over = 0;
	unsigned long long v = parse(s, end, base, &neg, &over);

	if (over || v > ULONG_MAX) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? -(unsigned long)v : (unsigned long)v;
}

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }
