/* libm's two phases agree: the fast phase of exp, log, sin, cos and pow (Ziv's first
 * step, in double with an error bound) may only answer when its answer is
 * the correctly rounded one, i.e. the double-double path's. This calls
 * both on many arguments, including ones built to sit near rounding
 * boundaries, and prints per function how often the fast phase answered
 * and how often it disagreed (must be 0). Built with `jos cc` against
 * JOS's libc.a (it calls the library's internal kernels).
 *
 *   phases [COUNT [SEED]]     (default 200000) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dd {
	double hi, lo;
};

/* libc/src/math/math-internal.h */
int __exp_fast(struct dd x, double xerr, double *y, int *k);
int __pow_fast(double x, double y, double *r);
double __pow_dd(double x, double y);
struct dd __exp_dd(struct dd x, int *k);
int __log_fast(double x, double *y);
struct dd __log_dd(double x);
int __rem_pio2(double x, struct dd *r);
int __sincos_fast(struct dd r, int want_cos, double *y);
void __sincos_dd(struct dd r, struct dd *s, struct dd *c);

static uint64_t state;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static double uniform(double lo, double hi)
{
	return lo + (hi - lo) * ((double)(next() >> 11) * 0x1p-53);
}

static uint64_t bits(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof(u));
	return u;
}

static double from(uint64_t u)
{
	double x;

	memcpy(&x, &u, sizeof(x));
	return x;
}

/* The double-double result rounded once to a double, as the slow path
 * rounds it (v.hi + v.lo, normalized). */
static double rounded(struct dd v)
{
	return v.hi + v.lo;
}

struct tally {
	long calls, fast, wrong;
};

static void check_exp(double x, struct tally *t)
{
	double y;
	int k, k2;

	t->calls++;
	if (!__exp_fast((struct dd){ x, 0.0 }, 0.0, &y, &k))
		return;
	t->fast++;
	double want = rounded(__exp_dd((struct dd){ x, 0.0 }, &k2));
	if (k2 != k) { /* same value, other binade split: compare scaled */
		want *= k2 > k ? 2.0 : 0.5;
	}
	if (bits(y) != bits(want)) {
		if (t->wrong++ < 5)
			printf("exp %a: fast %a, slow %a\n", x, y, want);
	}
}

static void check_log(double x, struct tally *t)
{
	double y;

	t->calls++;
	if (!__log_fast(x, &y))
		return;
	t->fast++;
	double want = rounded(__log_dd(x));
	if (bits(y) != bits(want)) {
		if (t->wrong++ < 5)
			printf("log %a: fast %a, slow %a\n", x, y, want);
	}
}

/* sin and cos of x's remainder r (|x| < 2^24 and beyond: Payne-Hanek). */
static void check_sincos(double x, struct tally *ts, struct tally *tc)
{
	struct dd r, s, c;
	double y;

	__rem_pio2(x, &r);
	__sincos_dd(r, &s, &c);
	for (int want_cos = 0; want_cos < 2; want_cos++) {
		struct tally *t = want_cos ? tc : ts;

		t->calls++;
		if (!__sincos_fast(r, want_cos, &y))
			continue;
		t->fast++;
		double want = rounded(want_cos ? c : s);

		if (bits(y) != bits(want) && t->wrong++ < 5)
			printf("%s %a: fast %a, slow %a\n", want_cos ? "cos" : "sin", x, y, want);
	}
}

static void check_pow(double x, double y, struct tally *t)
{
	double r;

	t->calls++;
	if (!__pow_fast(x, y, &r))
		return;
	t->fast++;
	double want = __pow_dd(x, y);

	if (bits(r) != bits(want) && t->wrong++ < 5)
		printf("pow %a %a: fast %a, slow %a\n", x, y, r, want);
}

static void report(const char *name, const struct tally *t)
{
	printf("%s: %ld arguments, fast phase answered %ld (%.4f%%), disagreed %ld\n",
	       name, t->calls, t->fast, 100.0 * (double)t->fast / (double)t->calls, t->wrong);
}

int main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 200000;
	struct tally e = { 0, 0, 0 }, l = { 0, 0, 0 }, sn = { 0, 0, 0 }, cs = { 0, 0, 0 }, pw = { 0, 0, 0 };

	state = argc > 2 ? strtoull(argv[2], NULL, 0) : 88172645463325252ULL;
	if (state == 0)
		state = 1;
	for (long i = 0; i < count; i++) {
		switch (i % 4) { /* pow: the bench's range, near 1, big exponents, integers */
		case 0: check_pow(uniform(0, 4), uniform(-10, 10), &pw); break;
		case 1: check_pow(1.0 + uniform(-1, 1) * 0x1p-20, uniform(-1e6, 1e6), &pw); break;
		case 2: check_pow(from((next() % 0x7fe0000000000000ULL) + 1), uniform(-1, 1), &pw); break;
		default: check_pow((double)(next() % 1000 + 1), (double)(int)uniform(-60, 60), &pw);
		}
		switch (i % 4) { /* sin/cos: small, moderate, up to 2^20 and beyond */
		case 0: check_sincos(uniform(-1, 1) * from((uint64_t)(1023 - (int)(next() % 40)) << 52), &sn, &cs); break;
		case 1: check_sincos(uniform(-100, 100), &sn, &cs); break;
		case 2: check_sincos(uniform(-0x1p20, 0x1p20), &sn, &cs); break;
		default: check_sincos(from((next() % 0x7fe0000000000000ULL) + 0x0010000000000000ULL), &sn, &cs);
		}
		switch (i % 4) {
		case 0: /* the working range */
			check_exp(uniform(-707.9, 709.6), &e);
			check_log(uniform(0.0, 4.0), &l);
			break;
		case 1: /* small arguments, and log near 1 */
			check_exp(uniform(-1, 1) * from((uint64_t)(1023 - (int)(next() % 60)) << 52), &e);
			check_log(1.0 + uniform(-1, 1) * from((uint64_t)(1023 - (int)(next() % 52)) << 52), &l);
			break;
		case 2: /* any normal positive double for log, integers for exp */
			check_exp((double)(int)uniform(-707, 709), &e);
			check_log(from((next() % 0x7fe0000000000000ULL) + 0x0010000000000000ULL), &l);
			break;
		default: /* neighbours of a result's rounding boundary: x whose
			  * exp or log is near a double with few bits */
			{
				double y = (double)(int64_t)(next() % 2000000) / 1024.0 - 976.0;
				check_log(from(bits(__builtin_exp(y / 64.0)) + (next() % 5) - 2), &l);
				check_exp(from(bits(__builtin_log(1.0 + (double)(next() % 4096) / 4096.0)) + (next() % 5) - 2), &e);
			}
		}
	}
	report("exp", &e);
	report("log", &l);
	report("sin", &sn);
	report("cos", &cs);
	report("pow", &pw);
	return e.wrong || l.wrong || sn.wrong || cs.wrong || pw.wrong;
}
