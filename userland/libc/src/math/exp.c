/* e^x in double-double: x = n*ln2/64 + r with |r| <= ln2/128 (ln2/64 in
 * three parts, so n*part is exact), e^x = 2^(n/64) * e^r, 2^(j/64) from a
 * table and e^r by its Taylor series (terms past r^5 in plain double,
 * the rest in double-double). Then exp, exp2, expm1 and the scaling that
 * rounds once, subnormals included. */
#include <math.h>
#include "math-internal.h"

struct dd __exp_dd(struct dd x, int *k)
{
	double n = rint(x.hi * 0x1.71547652b82fep+6); /* x * 64/ln2 */
	struct dd r = two_sum(x.hi - n * __ln2_64[0], -n * __ln2_64[1]);
	int in = (int)n;

	r.lo += x.lo - n * __ln2_64[2];
	r = fast_two_sum(r.hi, r.lo);
	/* Taylor: degrees 11..6 in double, then 5..0 in double-double. */
	double c = r.hi, t = __inv_fact[11].hi;

	for (int i = 10; i >= 6; i--)
		t = t * c + __inv_fact[i].hi;
	t *= c;
	struct dd p = dd_add_d(__inv_fact[5], t);

	for (int i = 4; i >= 0; i--)
		p = dd_add(dd_mul(p, r), __inv_fact[i]);
	*k = in >> 6; /* floor(n / 64) */
	return dd_mul(__exp_table[in & 63], p);
}

/* 2^k * v rounded once: v is a double-double in about [0.5, 2]. */
double __scale_dd(struct dd v, int k)
{
	double r = v.hi + v.lo;
	int e = (int)(bits_of(r) >> 52 & 0x7ff) - 1023 + k;

	if (e > 1023)
		return __math_erange(HUGE_VAL);
	if (e >= -1022) /* normal: scaling is exact (in two steps) */
		return r * from_bits((uint64_t)(1023 + k / 2) << 52) *
		       from_bits((uint64_t)(1023 + k - k / 2) << 52);
	/* Subnormal: round v * 2^(k + 1074) to an integer, looking at lo for
	 * the tie that rounding hi alone cannot see. */
	if (k + 1074 < -2)
		return 0.0; /* below a quarter of the smallest subnormal */
	double s = from_bits((uint64_t)(1023 + k + 1074) << 52);
	double h = v.hi * s, n = rint(h), f = (h - n) + v.lo * s;

	if (f > 0.5 || (f == 0.5 && fmod(n, 2.0) != 0))
		n += 1;
	else if (f < -0.5 || (f == -0.5 && fmod(n, 2.0) != 0))
		n -= 1;
	return n * 0x1p-1074;
}

double exp(double x)
{
	int k;

	if (isnan(x))
		return x + x;
	if (x > 709.79)
		return isinf(x) ? x : __math_erange(HUGE_VAL);
	if (x < -745.14)
		return isinf(x) ? 0.0 : __math_erange(0.0);
	if (fabs(x) < 0x1p-60)
		return 1.0 + x;
	struct dd v = __exp_dd(dd_from(x), &k);
	double r = __scale_dd(v, k);

	if (r == 0)
		return __math_erange(r);
	return r;
}

float expf(float x)
{
	double r = exp((double)x);
	float f = (float)r;

	if (isinf(f) && !isinf(x))
		return __math_erangef(f);
	if (x < -0x1.9d1d9ep6f && !isinf(x)) /* glibc's underflow bound */
		return __math_erangef(f);
	return f;
}

/* 2^x = e^(x ln2), with x split as integer + fraction so the product
 * stays exact enough for any x. */
double exp2(double x)
{
	int k;

	if (isnan(x))
		return x + x;
	if (x >= 1024)
		return isinf(x) ? x : __math_erange(HUGE_VAL);
	if (x < -1075)
		return isinf(x) ? 0.0 : __math_erange(0.0);
	double n = rint(x), f = x - n;
	struct dd v = __exp_dd(dd_mul_d(__ln2, f), &k);
	double r = __scale_dd(v, k + (int)n);

	if (r == 0)
		return __math_erange(r);
	return r;
}

float exp2f(float x)
{
	double r = exp2((double)x);
	float f = (float)r;

	if ((isinf(f) && !isinf(x)) || (x < -149.0f && !isinf(x)))
		return __math_erangef(f);
	return f;
}

/* e^x - 1: the series directly for small x (no cancellation), else the
 * double-double e^x minus one. */
double expm1(double x)
{
	int k;

	if (isnan(x))
		return x + x;
	if (x > 709.79)
		return isinf(x) ? x : __math_erange(HUGE_VAL);
	if (x < -40)
		return -1.0;
	if (fabs(x) < 0x1p-54)
		return x;
	if (fabs(x) < 0x1p-7) {
		struct dd r = dd_from(x), p = __inv_fact[13];

		for (int i = 12; i >= 1; i--)
			p = dd_add(dd_mul(p, r), __inv_fact[i]);
		p = dd_mul(p, r);
		return p.hi + p.lo;
	}
	struct dd v = __exp_dd(dd_from(x), &k);
	double s = from_bits((uint64_t)(1023 + k) << 52);

	if (k > 1000) /* e^x - 1 is e^x here */
		return __scale_dd(v, k);
	v.hi *= s;
	v.lo *= s;
	v = dd_add_d(v, -1.0);
	return v.hi + v.lo;
}

float expm1f(float x)
{
	float f = (float)expm1((double)x);

	if (isinf(f) && !isinf(x))
		return __math_erangef(f);
	return f;
}
