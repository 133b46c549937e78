/* printf's %e %f %g %a and strtod/strtof against glibc: prints the
 * conversions of pseudo-random doubles under random flags, widths and
 * precisions, and what strtod/strtof make of random decimal and hex text
 * (bits, end offset, errno). Portable C: the test suite compiles this same
 * file against the host's glibc for the reference output, which the JOS
 * build must match byte for byte on both architectures.
 *
 *   floatconv [COUNT [SEED]]     (default 2000 cases, seed 1)
 *
 * Only output that is the same for every long double format is printed
 * (no %La, no strtold). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/* Mostly raw bit patterns (every exponent, subnormals, inf, nan), some
 * short decimals and some exact halves, where rounding ties live. */
static double random_double(void)
{
	uint64_t bits = next();
	double v;

	switch (next() % 4) {
	case 0:
		return (double)(int64_t)(next() % 2000001 - 1000000) / 1000.0;
	case 1: /* one call per statement: argument order is unspecified */
		v = (double)(next() % 100000) * 0.5;
		return v + (next() % 3 ? 0 : 0.125);
	default:
		memcpy(&v, &bits, sizeof(v));
		return v;
	}
}

static void print_formats(int count)
{
	static const char convs[] = "eEfFgGaA";
	static char out[2048];

	for (int i = 0; i < count; i++) {
		double v = random_double();
		char fmt[32];
		int n = 0, flags = (int)(next() % 32);
		char conv = convs[next() % 8];

		fmt[n++] = '%';
		if (flags & 1) fmt[n++] = '-';
		if (flags & 2) fmt[n++] = '+';
		if (flags & 4) fmt[n++] = ' ';
		if (flags & 8) fmt[n++] = '#';
		if (flags & 16) fmt[n++] = '0';
		if (next() % 3 == 0)
			n += snprintf(fmt + n, sizeof(fmt) - (size_t)n, "%d", (int)(next() % 30));
		if (next() % 2)
			n += snprintf(fmt + n, sizeof(fmt) - (size_t)n, ".%d",
				      (int)(next() % 20 ? next() % 25 : next() % 400));
		if (next() % 8 == 0 && conv != 'a' && conv != 'A')
			fmt[n++] = 'L';
		fmt[n++] = conv;
		fmt[n] = '\0';
		if (fmt[n - 2] == 'L')
			n = snprintf(out, sizeof(out), fmt, (long double)v);
		else
			n = snprintf(out, sizeof(out), fmt, v);
		printf("%s|%d|%s\n", fmt, n, out);
	}
}

static void random_text(char *buf, size_t cap)
{
	double v = random_double();
	int n = 0, len;

	switch (next() % 5) {
	case 0:
		snprintf(buf, cap, "%.*g", (int)(next() % 25), v);
		break;
	case 1:
		snprintf(buf, cap, "%a", v);
		break;
	case 2: /* near a tie: 17 digits, then a 5 and maybe more */
		len = snprintf(buf, cap, "%.16e", v);
		if (strchr(buf, 'e') && next() % 2) {
			char *e = strchr(buf, 'e'), tail[16];

			snprintf(tail, sizeof(tail), "%s", e);
			snprintf(e, cap - (size_t)(e - buf), "5%s%s",
				 next() % 2 ? "000000000000000000001" : "", tail);
		}
		(void)len;
		break;
	case 3:
		len = 1 + (int)(next() % 40);
		for (int i = 0; i < len; i++)
			buf[n++] = (char)('0' + next() % 10);
		if (next() % 2)
			buf[n++] = '.';
		for (int i = (int)(next() % 30); i > 0; i--)
			buf[n++] = (char)('0' + next() % 10);
		snprintf(buf + n, cap - (size_t)n, "e%d", (int)(next() % 700) - 350);
		break;
	default:
		snprintf(buf, cap, "%.*e", 1 + (int)(next() % 780), v);
	}
}

static const char *const special[] = {
	"inf", "-INF", "Infinity", "infinit", "nan", "-nan", "nan(123)",
	"nan(0x7f)", "nan(abc)", "nan(", "0x", "0x.p1", "1e", "1e+", "  +.5e-3x",
	".", "-", "", "1e-400", "1e400", "2.4703282292062327e-324",
	"2.4703282292062328e-324", "4.9e-324", "1.7976931348623157e308",
	"1.7976931348623158e308", "1.797693134862315807e308",
	"0x1.fffffffffffff8p1023", "0x1p-1075", "0x1.0000000000001p-1075",
	"0x1p-1074", "2.2250738585072011e-308", "2.2250738585072012e-308",
	"1e-45", "1.4e-45", "7e-46", "3.4028235e38", "3.4028236e38",
	"0.000000000000000000000000000000001e-290", "00000.0000e99999999",
	/* exact midpoints between doubles, in few digits */
	"9007199254740993", "9007199254740995", "4503599627370496.5",
	"4503599627370497.5", "1152921504606847104", "1152921504606847232",
};

static void print_parse(const char *text)
{
	char *end;
	uint64_t dbits;
	uint32_t fbits;
	double d;
	float f;
	int derr, ferr;

	errno = 0;
	d = strtod(text, &end);
	derr = errno;
	memcpy(&dbits, &d, sizeof(dbits));
	printf("strtod(\"%s\") = %016llx end %d errno %d", text,
	       (unsigned long long)dbits, (int)(end - text), derr);
	errno = 0;
	f = strtof(text, &end);
	ferr = errno;
	memcpy(&fbits, &f, sizeof(fbits));
	printf("; strtof = %08x end %d errno %d\n", (unsigned)fbits,
	       (int)(end - text), ferr);
}

static void print_parses(int count)
{
	char text[1024];

	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
		print_parse(special[i]);
	for (int i = 0; i < count; i++) {
		random_text(text, sizeof(text));
		print_parse(text);
	}
}

/* printf("%.17g") then strtod gives back every double's bits. */
static void round_trips(int count)
{
	int bad = 0;

	for (int i = 0; i < count; i++) {
		uint64_t bits = next(), back;
		double v, w;
		char text[64];

		memcpy(&v, &bits, sizeof(v));
		if (v != v)
			continue;
		snprintf(text, sizeof(text), "%.17g", v);
		w = strtod(text, NULL);
		memcpy(&back, &w, sizeof(back));
		if (back != bits && bad++ < 10)
			printf("round trip failed: %s\n", text);
	}
	printf("round trips: %d failed\n", bad);
}

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 2000;

	state = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
	state = state * 0x9e3779b97f4a7c15ULL + 88172645463325252ULL;
	print_formats(count);
	print_parses(count);
	round_trips(count);
	return 0;
}
