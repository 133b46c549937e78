/* libm against glibc: calls every <math.h> function on pseudo-random
 * arguments (raw bit patterns, uniform values in the function's working
 * range, log-uniform magnitudes, and the special values) and prints each
 * argument and result as bits, with errno. Portable C: the test suite
 * compiles this same file against the host's glibc for the reference and
 * measures the JOS results' distance from it in ulps.
 *
 *   mathcheck [COUNT [SEED [FUNCTION]]]   (default 1000 per function)
 *
 * Lines: "name arg [arg2 [arg3]] = result errno", hexadecimal bits (16
 * digits for double, 8 for float); int results (ilogb, lround...) in
 * decimal; frexp/modf/remquo print both results. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

static uint64_t state;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static double uniform01(void)
{
	return (double)(next() >> 11) * 0x1p-53;
}

static const double specials[] = {
	0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, 10.0, 0x1p-1074, -0x1p-1074,
	0x1p-1022, 0x1.fffffffffffffp1023, -0x1.fffffffffffffp1023, 1e-300,
	1e300, 0.1, 100.5, 1e22, 0x1p52, 0x1p52 + 0.5, 0x1p53, -2.5, 2.5, 3.5,
	1.5707963267948966, 3.141592653589793, 6.283185307179586, 1e15, 709.78,
	-745.1, 710.0, -746.0, 0x1.62e42fefa39efp9, 1024.0, -1074.0, -1075.5,
	1.0e-8, 0.9999999999, 1.0000000001, 88.72, -103.9, 89.0, 0.7, 1e-20,
	INFINITY, -INFINITY, NAN, -0x1.8p-1070, 1.5, -1.5, 27.5, -184.5, 171.7,
};
#define NSPECIAL (sizeof(specials) / sizeof(specials[0]))

/* A test argument: specials first, then a mix of raw bits, uniform in
 * [lo, hi] and log-uniform magnitudes in [2^elo, 2^ehi] (signed if lo < 0). */
struct range {
	double lo, hi;
	int elo, ehi;
};

static double argument(int i, const struct range *r)
{
	uint64_t bits;
	double v;

	if (i < (int)NSPECIAL)
		return specials[i];
	switch (next() % 4) {
	case 0:
		bits = next();
		memcpy(&v, &bits, sizeof(v));
		return v;
	case 1:
		return r->lo + (r->hi - r->lo) * uniform01();
	default: /* one call per statement: argument order is unspecified */
		v = 1.0 + uniform01();
		v = ldexp(v, r->elo + (int)(next() % (uint64_t)(r->ehi - r->elo + 1)));
		return r->lo < 0 && next() % 2 ? -v : v;
	}
}

static unsigned long long dbits(double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof(u));
	return (unsigned long long)u;
}

static unsigned fbits(float v)
{
	uint32_t u;

	memcpy(&u, &v, sizeof(u));
	return u;
}

enum kind { D1, D2, D3, F1, F2, F3, DI, DL, DFREXP, DMODF, DREMQUO, DLL };

struct func {
	const char *name;
	enum kind kind;
	void *fn;
	struct range range;
};

#define R(lo, hi, elo, ehi) { lo, hi, elo, ehi }
#define ANY R(-1e6, 1e6, -1074, 1023)
#define DF(name, kind, range) { #name, kind, (void *)name, range }

static const struct func funcs[] = {
	DF(sqrt, D1, R(0, 1e6, -1074, 1023)), DF(sqrtf, F1, R(0, 1e6, -149, 127)),
	DF(fabs, D1, ANY), DF(floor, D1, ANY), DF(ceil, D1, ANY), DF(trunc, D1, ANY),
	DF(round, D1, ANY), DF(rint, D1, ANY), DF(nearbyint, D1, ANY),
	DF(floorf, F1, ANY), DF(ceilf, F1, ANY), DF(truncf, F1, ANY), DF(roundf, F1, ANY),
	DF(rintf, F1, ANY),
	DF(lround, DL, R(-2e9, 2e9, -10, 30)), DF(llround, DLL, R(-1e15, 1e15, -10, 60)),
	DF(lrint, DL, R(-2e9, 2e9, -10, 30)),
	DF(fmod, D2, ANY), DF(remainder, D2, ANY), DF(remquo, DREMQUO, ANY),
	DF(fmodf, F2, ANY), DF(remainderf, F2, ANY),
	DF(frexp, DFREXP, ANY), DF(modf, DMODF, ANY), DF(ilogb, DI, ANY), DF(logb, D1, ANY),
	DF(copysign, D2, ANY), DF(nextafter, D2, ANY), DF(nextafterf, F2, ANY),
	DF(fmin, D2, ANY), DF(fmax, D2, ANY), DF(fdim, D2, ANY),
	DF(fma, D3, ANY), DF(fmaf, F3, ANY),
	DF(exp, D1, R(-745, 710, -60, 10)), DF(exp2, D1, R(-1075, 1024, -60, 11)),
	DF(expm1, D1, R(-40, 710, -60, 10)), DF(expf, F1, R(-104, 89, -30, 7)),
	DF(exp2f, F1, R(-150, 128, -30, 8)), DF(expm1f, F1, R(-20, 89, -30, 7)),
	DF(log, D1, R(0, 1e6, -1074, 1023)), DF(log2, D1, R(0, 1e6, -1074, 1023)),
	DF(log10, D1, R(0, 1e6, -1074, 1023)), DF(log1p, D1, R(-1, 1e6, -60, 1023)),
	DF(logf, F1, R(0, 1e6, -149, 127)), DF(log2f, F1, R(0, 1e6, -149, 127)),
	DF(log10f, F1, R(0, 1e6, -149, 127)), DF(log1pf, F1, R(-1, 1e6, -30, 127)),
	DF(pow, D2, R(-10, 10, -20, 8)), DF(powf, F2, R(-10, 10, -20, 6)),
	DF(sin, D1, R(-10, 10, -60, 1023)), DF(cos, D1, R(-10, 10, -60, 1023)),
	DF(tan, D1, R(-10, 10, -60, 1023)),
	DF(sinf, F1, R(-10, 10, -30, 127)), DF(cosf, F1, R(-10, 10, -30, 127)),
	DF(tanf, F1, R(-10, 10, -30, 127)),
	DF(asin, D1, R(-1, 1, -60, 0)), DF(acos, D1, R(-1, 1, -60, 0)),
	DF(atan, D1, R(-10, 10, -60, 1023)), DF(atan2, D2, R(-10, 10, -1074, 1023)),
	DF(asinf, F1, R(-1, 1, -30, 0)), DF(acosf, F1, R(-1, 1, -30, 0)),
	DF(atanf, F1, R(-10, 10, -30, 127)), DF(atan2f, F2, R(-10, 10, -149, 127)),
	DF(sinh, D1, R(-20, 20, -60, 10)), DF(cosh, D1, R(-20, 20, -60, 10)),
	DF(tanh, D1, R(-20, 20, -60, 6)),
	DF(sinhf, F1, R(-20, 20, -30, 7)), DF(coshf, F1, R(-20, 20, -30, 7)),
	DF(tanhf, F1, R(-20, 20, -30, 5)),
	DF(asinh, D1, R(-20, 20, -60, 1023)), DF(acosh, D1, R(1, 20, 0, 1023)),
	DF(atanh, D1, R(-1, 1, -60, 0)),
	DF(asinhf, F1, R(-20, 20, -30, 127)), DF(acoshf, F1, R(1, 20, 0, 127)),
	DF(atanhf, F1, R(-1, 1, -30, 0)),
	DF(hypot, D2, R(-1e6, 1e6, -1074, 1023)), DF(hypotf, F2, R(-1e6, 1e6, -149, 127)),
	DF(cbrt, D1, ANY), DF(cbrtf, F1, ANY),
	DF(erf, D1, R(-6, 6, -60, 3)), DF(erfc, D1, R(-6, 28, -60, 5)),
	DF(erff, F1, R(-4, 4, -30, 2)), DF(erfcf, F1, R(-4, 11, -30, 4)),
	DF(lgamma, D1, R(-30, 30, -60, 1023)), DF(tgamma, D1, R(-190, 172, -60, 8)),
	DF(lgammaf, F1, R(-30, 30, -30, 127)), DF(tgammaf, F1, R(-40, 36, -30, 6)),
};
#define NFUNCS (sizeof(funcs) / sizeof(funcs[0]))

static void run(const struct func *f, int count)
{
	for (int i = 0; i < count; i++) {
		double a = argument(i, &f->range), b = argument(i % 7 ? (int)NSPECIAL : i / 7, &f->range);
		double c = argument((int)NSPECIAL, &f->range), r;
		/* NaNs as the one quiet NaN: converting a NaN's payload to float
		 * differs between FPUs and soft-float */
		float fa = isnan(a) ? NAN : (float)a, fb = isnan(b) ? NAN : (float)b;
		float fc = isnan(c) ? NAN : (float)c, fr;
		int e, q;
		long l;
		long long ll;

		if (f->kind == D2 && strcmp(f->name, "pow") == 0 && next() % 2)
			b = (double)(int)(next() % 41) - 20; /* integer exponents */
		errno = 0;
		switch (f->kind) {
		case D1:
			r = ((double (*)(double))f->fn)(a);
			printf("%s %016llx = %016llx %d\n", f->name, dbits(a), dbits(r), errno);
			break;
		case D2:
			r = ((double (*)(double, double))f->fn)(a, b);
			printf("%s %016llx %016llx = %016llx %d\n", f->name, dbits(a), dbits(b), dbits(r), errno);
			break;
		case D3:
			r = ((double (*)(double, double, double))f->fn)(a, b, c);
			printf("%s %016llx %016llx %016llx = %016llx %d\n", f->name, dbits(a), dbits(b), dbits(c), dbits(r), errno);
			break;
		case F1:
			fr = ((float (*)(float))f->fn)(fa);
			printf("%s %08x = %08x %d\n", f->name, fbits(fa), fbits(fr), errno);
			break;
		case F2:
			fr = ((float (*)(float, float))f->fn)(fa, fb);
			printf("%s %08x %08x = %08x %d\n", f->name, fbits(fa), fbits(fb), fbits(fr), errno);
			break;
		case F3:
			fr = ((float (*)(float, float, float))f->fn)(fa, fb, fc);
			printf("%s %08x %08x %08x = %08x %d\n", f->name, fbits(fa), fbits(fb), fbits(fc), fbits(fr), errno);
			break;
		case DI:
			e = ((int (*)(double))f->fn)(a);
			printf("%s %016llx = int %d %d\n", f->name, dbits(a), e, errno);
			break;
		case DL:
			if (!(fabs(a) < 2e9)) break; /* out of a 32-bit long's range: unspecified */
			l = ((long (*)(double))f->fn)(a);
			printf("%s %016llx = int %lld %d\n", f->name, dbits(a), (long long)l, errno);
			break;
		case DLL:
			if (!(fabs(a) < 1e18)) break;
			ll = ((long long (*)(double))f->fn)(a);
			printf("%s %016llx = int %lld %d\n", f->name, dbits(a), ll, errno);
			break;
		case DFREXP:
			r = frexp(a, &e);
			printf("%s %016llx = %016llx int %d\n", f->name, dbits(a), dbits(r), isfinite(a) ? e : 0);
			break;
		case DMODF:
			r = modf(a, &c);
			printf("%s %016llx = %016llx %016llx\n", f->name, dbits(a), dbits(r), dbits(c));
			break;
		case DREMQUO:
			r = remquo(a, b, &q);
			printf("%s %016llx %016llx = %016llx int %d %d\n", f->name, dbits(a), dbits(b), dbits(r), isnan(r) ? 0 : q & 7, errno);
			break;
		}
	}
}

int main(int argc, char **argv)
{
	int count = argc > 1 ? atoi(argv[1]) : 1000;
	const char *only = argc > 3 ? argv[3] : NULL;

	for (size_t i = 0; i < NFUNCS; i++) {
		state = (argc > 2 ? strtoull(argv[2], NULL, 0) : 1) * 0x9e3779b97f4a7c15ULL + i + 1;
		if (!only || strcmp(only, funcs[i].name) == 0)
			run(&funcs[i], count);
	}
	return 0;
}
