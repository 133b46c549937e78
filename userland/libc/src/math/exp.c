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

/* Ziv's first phase: the same reduction, then e^r in double with one
 * exact product, e^x = 2^k * (y + yl) to within 2^-58 * 2^k (y in
 * [0.99, 2.02)). When every value in that interval rounds to y, y is the
 * correctly rounded result and this returns 1; otherwise (about one call
 * in 2^9) 0, and the caller takes the double-double path. Bound, in
 * units of 2^k: T.hi + T.hi * a is exact (two_prod, fast_two_sum); what
 * is left is below 2^-14 and carries a few roundings of 2^-67 each:
 * q = e^r - 1 - r (below 2^-15, ~5 roundings, 2^-66), its product and
 * the sum; the series stops at a^7 (2^-75); the table and ln2/64 are
 * exact to 2^-100. Together under 2^-64.5; the bound is 2^-63. The
 * caller adds xerr, its own bound on |x - x.hi - x.lo| (pow's error in
 * y log x): e^(x + d) = e^x (1 + d + ...), 2.02 (1.01 d) in units of 2^k. */
void __exp_eval(struct dd x, double xerr, double *yp, double *ylp, double *errp, int *k)
{
	double t = x.hi * 0x1.71547652b82fep+6 + 0x1.8p52; /* x * 64/ln2 */
	double n = t - 0x1.8p52;
	int in = (int)n;
	struct dd r = two_sum(x.hi - n * __ln2_64[0], -n * __ln2_64[1]);
	double a = r.hi, b = r.lo + (x.lo - n * __ln2_64[2]);
	/* e^(a+b) - 1 - a = a^2 (1/2 + a/6 + ... + a^5/5040) + b e^a, b e^a to
	 * b a^3/6: b is below 2^-60 for exp, but up to 2^-44 for pow's y log x */
	double p = 0x1p-1 + a * (0x1.5555555555555p-3 + a * (0x1.5555555555555p-5 +
		   a * (0x1.1111111111111p-7 + a * (0x1.6c16c16c16c17p-10 +
		   a * 0x1.a01a01a01a01ap-13))));
	double q = b + b * a * (1.0 + a * (0.5 + a * 0x1.5555555555555p-3)) + a * a * p;
	struct dd T = __exp_table[in & 63], s = two_prod(T.hi, a);
	struct dd h = fast_two_sum(T.hi, s.hi);
	double lo = h.lo + (s.lo + T.hi * q + T.lo * (1.0 + a));
	double y = h.hi + lo, yl = lo - (y - h.hi);
	*yp = y;
	*ylp = yl;
	*errp = 0x1p-63 + 2.05 * xerr;
	*k = in >> 6; /* floor(n / 64) */
}

int __exp_fast(struct dd x, double xerr, double *res, int *k)
{
	double y, yl, err;

	__exp_eval(x, xerr, &y, &yl, &err, k);
	if (y + (yl + err) != y || y + (yl - err) != y)
		return 0;
	*res = y;
	return 1;
}

/* 2^x = 2^n e^(f ln2), x = n + f, |f| <= 1/2: f ln2 exactly as two_prod
 * plus f ln2.lo, whose rounding is exp's argument error. Then e^(f ln2)
 * = 2^*k * *y by exp's fast phase (2^n is the caller's to apply). */
int __exp2_fast(double f, double *y, int *k)
{
	struct dd t = two_prod(f, __ln2.hi);
	double tl = f * __ln2.lo;

	t = fast_two_sum(t.hi, t.lo + tl);
	return __exp_fast(t, 0x1p-52 * fabs(tl) + 0x1p-104 * fabs(t.hi), y, k);
}

/* 2^k * y for a double y in [0.5, 4) whose product is normal: exact. */
static double scale_normal(double y, int k)
{
	return y * from_bits((uint64_t)(1023 + k) << 52);
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
	double y;

	/* e^x is normal and finite in (-708, 709.7): the scaling is exact */
	if (x > -708 && x < 709.7 && __exp_fast(dd_from(x), 0.0, &y, &k))
		return scale_normal(y, k);
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
	double n = rint(x), f = x - n, y;

	if (x > -1021 && x < 1023 && __exp2_fast(f, &y, &k))
		return scale_normal(y, k + (int)n);
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
	double r;

	if (fabs(x) >= 0.25 && x <= 690 && __expm1_fast(x, &r))
		return r;
	return __expm1_dd(x);
}

/* e^x - 1 for 2^-7 <= |x|, -40 <= x <= 709.79, in double-double. */
double __expm1_dd(double x)
{
	int k;
	struct dd v = __exp_dd(dd_from(x), &k);
	double s = from_bits((uint64_t)(1023 + k) << 52);

	if (k > 1000) /* e^x - 1 is e^x here */
		return __scale_dd(v, k);
	v.hi *= s;
	v.lo *= s;
	v = dd_add_d(v, -1.0);
	return v.hi + v.lo;
}

/* Ziv's fast phase of expm1 for 0.25 <= |x|, -40 <= x <= 690: e^x =
 * 2^k (y + yl) within 2^k err from __exp_eval, scaled exactly (2^k is
 * normal), minus 1 exactly (two_sum) with the low part added: the bound is
 * exp's, 2^k err (times 1.01), plus 2^-100 of the result for the one
 * rounding of the low part. The cancellation of - 1 costs at most a factor
 * e^0.25 / (e^0.25 - 1) < 4.6 relative, so about 1 call in 200 falls to the
 * double-double path. 1 and *r, or 0. */
int __expm1_fast(double x, double *res)
{
	double y, yl, err;
	int k;

	__exp_eval(dd_from(x), 0.0, &y, &yl, &err, &k);
	double s = from_bits((uint64_t)(1023 + k) << 52);
	struct dd d = two_sum(y * s, -1.0);
	struct dd v = fast_two_sum(d.hi, d.lo + yl * s);
	double e = err * s * 1.01 + 0x1p-100 * fabs(v.hi);

	if (v.hi + (v.lo + e) != v.hi || v.hi + (v.lo - e) != v.hi)
		return 0;
	*res = v.hi;
	return 1;
}

float expm1f(float x)
{
	float f = (float)expm1((double)x);

	if (isinf(f) && !isinf(x))
		return __math_erangef(f);
	return f;
}
