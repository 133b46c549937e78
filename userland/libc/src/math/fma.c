/* fma(x, y, z) = x*y + z rounded once, in integers: the 106-bit product
 * and z aligned in 128 bits (what falls off the bottom kept as a sticky
 * bit), added or subtracted, rounded to nearest even at bit 53 (fewer for
 * subnormals). fmaf: the float product is exact in double, and the one
 * tie that double rounding could get wrong is settled by the sum's exact
 * error term. */
#include <math.h>
#include "math-internal.h"

struct u128 {
	uint64_t hi, lo;
};

static struct u128 mul64(uint64_t a, uint64_t b)
{
	uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
	uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;

	return (struct u128){ p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32),
			      (mid << 32) | (uint32_t)p00 };
}

static int clz128(struct u128 v)
{
	return v.hi ? __builtin_clzll(v.hi) : 64 + (v.lo ? __builtin_clzll(v.lo) : 64);
}

static struct u128 shl(struct u128 v, int s)
{
	if (s == 0) return v;
	if (s >= 128) return (struct u128){ 0, 0 };
	if (s >= 64) return (struct u128){ v.lo << (s - 64), 0 };
	return (struct u128){ v.hi << s | v.lo >> (64 - s), v.lo << s };
}

static struct u128 shr(struct u128 v, int s)
{
	if (s == 0) return v;
	if (s >= 128) return (struct u128){ 0, 0 };
	if (s >= 64) return (struct u128){ 0, v.hi >> (s - 64) };
	return (struct u128){ v.hi >> s, v.lo >> s | v.hi << (64 - s) };
}

static int bit(struct u128 v, int i)
{
	return (int)((i >= 64 ? v.hi >> (i - 64) : v.lo >> i) & 1);
}

/* Shift right, OR-ing everything shifted out into bit 0 (jamming). */
static struct u128 shr_jam(struct u128 v, int s)
{
	struct u128 r;
	int lost;

	if (s == 0) return v;
	if (s >= 128) return (struct u128){ 0, (v.hi | v.lo) != 0 };
	if (s >= 64) {
		r = (struct u128){ 0, s == 64 ? v.hi : v.hi >> (s - 64) };
		lost = v.lo != 0 || (s > 64 && (v.hi << (128 - s)) != 0);
	} else {
		r = (struct u128){ v.hi >> s, v.lo >> s | v.hi << (64 - s) };
		lost = (v.lo << (64 - s)) != 0;
	}
	r.lo |= (uint64_t)lost;
	return r;
}

static int less(struct u128 a, struct u128 b)
{
	return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo);
}

/* The significand and the exponent of its bit 0 of a finite nonzero x. */
static uint64_t split(double x, int *e)
{
	uint64_t u = bits_of(x), m = u & ((1ULL << 52) - 1);
	int be = (int)(u >> 52 & 0x7ff);

	*e = (be ? be : 1) - 1075;
	return be ? m | 1ULL << 52 : m;
}

double fma(double x, double y, double z)
{
	if (!isfinite(x) || !isfinite(y) || !isfinite(z) || x == 0 || y == 0)
		return x * y + z;
	if (z == 0)
		return x * y;
	int ex, ey, ez, neg_p = !!signbit(x) != !!signbit(y), neg_z = !!signbit(z);
	struct u128 p = mul64(split(x, &ex), split(y, &ey));
	struct u128 q = { 0, split(z, &ez) };
	int ep = ex + ey;

	/* Both with their top bit at bit 125: two bits of headroom. */
	int sp = clz128(p) - 2, sq = clz128(q) - 2;

	p = shl(p, sp);
	ep -= sp;
	q = shl(q, sq);
	ez -= sq;
	/* a: the one with the larger exponent; b aligned to it */
	struct u128 a = p, b = q;
	int e = ep, neg_a = neg_p, neg_b = neg_z;

	if (ez > ep) {
		a = q;
		b = p;
		e = ez;
		neg_a = neg_z;
		neg_b = neg_p;
		b = shr_jam(b, ez - ep);
	} else {
		b = shr_jam(b, ep - ez);
	}
	int neg = neg_a;
	struct u128 s;

	if (neg_a == neg_b) {
		s.lo = a.lo + b.lo;
		s.hi = a.hi + b.hi + (s.lo < a.lo);
	} else {
		if (less(a, b)) {
			struct u128 t = a;

			a = b;
			b = t;
			neg = neg_b;
		}
		s.lo = a.lo - b.lo;
		s.hi = a.hi - b.hi - (a.lo < b.lo);
	}
	if (s.hi == 0 && s.lo == 0)
		return 0.0; /* exact cancellation: +0 when rounding to nearest */
	/* Round s * 2^e to 53 bits (fewer if subnormal). */
	int top = 127 - clz128(s);      /* index of the leading bit */
	int exp_top = top + e;          /* its exponent */
	int keep = 53;

	if (exp_top < -1022)
		keep -= -1022 - exp_top;
	if (keep < 0)
		return neg ? -0.0 : 0.0;
	int drop = top + 1 - keep;
	uint64_t m;

	if (drop <= 0) {
		m = shl(s, -drop).lo;
	} else {
		int guard = bit(s, drop - 1);
		struct u128 below = shl(s, 128 - (drop - 1)); /* under the guard */
		int sticky = (below.hi | below.lo) != 0;

		m = shr(s, drop).lo;
		if (guard && (sticky || (m & 1)))
			m++;
	}
	e += drop;
	/* value = m * 2^e; m may have reached 2^keep */
	if (m >> 53) {
		m >>= 1;
		e++;
	}
	if (m >> 52) { /* normal */
		int be = e + 52 + 1023;

		if (be >= 0x7ff)
			return neg ? -HUGE_VAL : HUGE_VAL;
		return from_bits((uint64_t)neg << 63 | (uint64_t)be << 52 | (m & ((1ULL << 52) - 1)));
	}
	return from_bits((uint64_t)neg << 63 | m); /* subnormal: e == -1074 */
}

float fmaf(float x, float y, float z)
{
	double p = (double)x * (double)y; /* exact: 48 bits */
	struct dd s = two_sum(p, (double)z);
	float f = (float)s.hi;

	if (s.lo != 0 && isfinite(f) && (double)f != s.hi) {
		/* the float on the other side of s.hi (same sign: |f| steps) */
		uint32_t fb = fbits_of(f);
		float other = ffrom_bits(fabs(s.hi) > fabsf(f) ? fb + 1 : fb - 1);
		double mid = ((double)f + (double)other) * 0.5;

		/* s.hi is a tie the double rounding broke blindly: s.lo decides */
		if (s.hi == mid && (s.lo > 0) == (other > f))
			f = other;
	}
	return f;
}
