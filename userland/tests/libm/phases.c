/* libm's two phases agree: the fast phase of exp, log, sin, cos, tan,
 * atan, sinh, cosh, tanh, pow, exp2, expm1, log1p, log2, log10 and cbrt (Ziv's first
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

/* The library's internal kernels, declared where libm declares them. */
#include "../../libc/src/math/math-internal.h"

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
static void check_tan(struct dd r, int odd, double x, struct tally *t)
{
	double y;

	t->calls++;
	if (!__tan_fast(r, odd, &y))
		return;
	t->fast++;
	double want = __tan_dd(r, odd);

	if (bits(y) != bits(want) && t->wrong++ < 5)
		printf("tan %a: fast %a, slow %a\n", x, y, want);
}

static struct tally tn, at, sh, ch, cb, th, em, lp;

static void check_log1p(double x)
{
	double y;

	lp.calls++;
	if (!__log1p_fast(x, &y))
		return;
	lp.fast++;
	double want = __log1p_dd(x);

	if (bits(y) != bits(want) && lp.wrong++ < 5)
		printf("log1p %a: fast %a, slow %a\n", x, y, want);
}

static void check_expm1(double x)
{
	double y;

	em.calls++;
	if (!__expm1_fast(x, &y))
		return;
	em.fast++;
	double want = __expm1_dd(x);

	if (bits(y) != bits(want) && em.wrong++ < 5)
		printf("expm1 %a: fast %a, slow %a\n", x, y, want);
}

static void check_tanh(double a)
{
	double y;

	th.calls++;
	if (!__tanh_fast(a, &y))
		return;
	th.fast++;
	double want = __tanh_dd(a);

	if (bits(y) != bits(want) && th.wrong++ < 5)
		printf("tanh %a: fast %a, slow %a\n", a, y, want);
}

static void check_cbrt(double x)
{
	double y;

	cb.calls++;
	if (!__cbrt_fast(x, &y))
		return;
	cb.fast++;
	double want = __cbrt_dd(x);

	if (bits(y) != bits(want) && cb.wrong++ < 5)
		printf("cbrt %a: fast %a, slow %a\n", x, y, want);
}

static void check_hyper(double a, int sign, struct tally *t)
{
	double y;

	t->calls++;
	if (!__hyper_fast(a, sign, &y))
		return;
	t->fast++;
	double want = __hyper_dd(a, sign);

	if (bits(y) != bits(want) && t->wrong++ < 5)
		printf("%s %a: fast %a, slow %a\n", sign < 0 ? "sinh" : "cosh", a, y, want);
}

/* x and a low part below half its ulp (asin's argument is a quotient). */
static void check_atan(double x)
{
	double y, lo = (double)(int64_t)(next() >> 11) * 0x1p-53 * (from(bits(x) + 1) - x) - 0.5 * (from(bits(x) + 1) - x);
	struct dd z = { x, next() % 2 ? lo : 0.0 };

	at.calls++;
	if (!__atan_fast(z, &y))
		return;
	at.fast++;
	double want = rounded(__atan_dd(z));

	if (bits(y) != bits(want) && at.wrong++ < 5)
		printf("atan %a: fast %a, slow %a\n", x, y, want);
}

static void check_sincos(double x, struct tally *ts, struct tally *tc)
{
	struct dd r, s, c;
	double y;
	int n = __rem_pio2(x, &r);

	check_tan(r, n & 1, x, &tn);
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

static void check_scaled(double x, struct dd c, struct tally *t, const char *name)
{
	double y;

	t->calls++;
	if (!__log_scaled_fast(x, c, &y))
		return;
	t->fast++;
	double want = rounded(dd_mul(__log_dd(x), c));

	if (bits(y) != bits(want) && t->wrong++ < 5)
		printf("%s %a: fast %a, slow %a\n", name, x, y, want);
}

static void check_exp2(double f, struct tally *t)
{
	double y;
	int k, k2;

	t->calls++;
	if (!__exp2_fast(f, &y, &k))
		return;
	t->fast++;
	struct dd p = two_prod(__ln2.hi, f);

	p.lo += __ln2.lo * f;
	struct dd v = __exp_dd(fast_two_sum(p.hi, p.lo), &k2);
	double want = __scale_dd(v, k2);

	y *= k >= 0 ? (double)(1 << k) : 1.0 / (double)(1 << -k); /* k is -1, 0 or 1 */
	if (bits(y) != bits(want) && t->wrong++ < 5)
		printf("exp2 %a: fast %a, slow %a\n", f, y, want);
}

static void report(const char *name, const struct tally *t)
{
	printf("%s: %ld arguments, fast phase answered %ld (%.4f%%), disagreed %ld\n",
	       name, t->calls, t->fast, 100.0 * (double)t->fast / (double)t->calls, t->wrong);
}

int main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 200000;
	struct tally e = { 0, 0, 0 }, l = { 0, 0, 0 }, sn = { 0, 0, 0 }, cs = { 0, 0, 0 }, pw = { 0, 0, 0 }, e2 = { 0, 0, 0 }, l2 = { 0, 0, 0 }, l10 = { 0, 0, 0 };

	state = argc > 2 ? strtoull(argv[2], NULL, 0) : 88172645463325252ULL;
	if (state == 0)
		state = 1;
	for (long i = 0; i < count; i++) {
		{ /* exp2's fraction; log2, log10 on any double or near 1 */
			double x = i % 2 ? from((next() % 0x7fe0000000000000ULL) + 1) : 1.0 + uniform(-1, 1) * 0x1p-10;

			check_exp2(uniform(-0.5, 0.5), &e2);
			check_scaled(x, __inv_ln2, &l2, "log2");
			check_scaled(x, __inv_ln10, &l10, "log10");
		}
		switch (i % 4) { /* pow: the bench's range, near 1, big exponents, integers */
		case 0: check_pow(uniform(0, 4), uniform(-10, 10), &pw); break;
		case 1: check_pow(1.0 + uniform(-1, 1) * 0x1p-20, uniform(-1e6, 1e6), &pw); break;
		case 2: check_pow(from((next() % 0x7fe0000000000000ULL) + 1), uniform(-1, 1), &pw); break;
		default: check_pow((double)(next() % 1000 + 1), (double)(int)uniform(-60, 60), &pw);
		}
		{ /* sinh from 0.25, cosh from 2^-10, to 22 */
			double a = i % 2 ? uniform(0.25, 22) : uniform(0.25, 2);

			check_hyper(a, -1, &sh);
			check_hyper(i % 2 ? a : uniform(0x1p-10, 0.25), 1, &ch);
		}
		switch (i % 4) { /* expm1: 0.25 to 2, -40 to -0.25, to 690, integers */
		case 0: check_expm1(uniform(0.25, 2)); break;
		case 1: check_expm1(uniform(-40, -0.25)); break;
		case 2: check_expm1(uniform(0.25, 690)); break;
		default: check_expm1((double)(int)uniform(-40, 690) + (next() % 2 ? 0.5 : 1.0));
		}
		switch (i % 4) { /* log1p: 2^-8 to 4, -1 to -2^-8, any positive double, near -1 */
		case 0: check_log1p(uniform(0x1p-8, 4)); break;
		case 1: check_log1p(-uniform(0x1p-8, 1)); break;
		case 2: check_log1p(from(next() % (0x7ff0000000000000ULL - 0x3f70000000000000ULL) + 0x3f70000000000000ULL)); break;
		default: check_log1p(-1.0 + uniform(0x1p-52, 0x1p-20));
		}
		/* tanh from 0.25 to 22, most of it below 2 */
		check_tanh(i % 2 ? uniform(0.25, 22) : uniform(0.25, 2));
		switch (i % 4) { /* cbrt: any double, subnormals, [1, 8), next to exact cubes */
		case 0: check_cbrt(from(next() % 0x7ff0000000000000ULL + 1)); break;
		case 1: check_cbrt(from(next() % 0x0010000000000000ULL + 1)); break;
		case 2: check_cbrt(uniform(1, 8)); break;
		default: {
			double c = (double)(next() % 2097152 + 1);
			check_cbrt(from(bits(c * c * c) + (next() % 5) - 2));
		}
		}
		switch (i % 4) { /* atan: below 1, above 1, tiny, any */
		case 0: check_atan(uniform(0, 1)); break;
		case 1: check_atan(uniform(1, 200)); break;
		case 2: check_atan(uniform(0, 1) * from((uint64_t)(1023 - (int)(next() % 40)) << 52)); break;
		default: check_atan(from(next() % 0x43b0000000000000ULL + 1)); /* up to 2^60 */
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
	report("tan", &tn);
	report("atan", &at);
	report("sinh", &sh);
	report("cosh", &ch);
	report("pow", &pw);
	report("exp2", &e2);
	report("log2", &l2);
	report("log10", &l10);
	report("cbrt", &cb);
	report("tanh", &th);
	report("expm1", &em);
	report("log1p", &lp);
	return e.wrong || l.wrong || sn.wrong || cs.wrong || pw.wrong || e2.wrong || l2.wrong || l10.wrong || tn.wrong || at.wrong || sh.wrong || ch.wrong;
}
