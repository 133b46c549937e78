/* log(x) in double-double: x = 2^e * m, m in [1, 2); c = 1 + j/128 the
 * table point nearest m, r = m * (1/c) - 1 exactly (|r| <= ~2^-8), and
 * log x = e*ln2 - log(1/c) + log1p(r), the series of log1p in
 * double-double for the first seven terms and in double after. Then log,
 * log2, log10, log1p. */
#include <math.h>
#include "math-internal.h"

/* The series coefficient (-1)^(i+1) / i. */
static struct dd coef(int i)
{
	return (i & 1) ? __inv_int[i] : dd_neg(__inv_int[i]);
}

/* log1p(r) = r * (c1 + c2 r + c3 r^2 ...) for |r| <= ~2^-7: degrees 16..8
 * in double, 7..1 in double-double. */
static struct dd log1p_small(struct dd r)
{
	double c = r.hi, t = coef(16).hi;

	for (int i = 15; i >= 8; i--)
		t = t * c + coef(i).hi;
	struct dd p = dd_add_d(coef(7), t * c);

	for (int i = 6; i >= 1; i--)
		p = dd_add(dd_mul(p, r), coef(i));
	return dd_mul(p, r);
}

struct dd __log_dd(double x)
{
	uint64_t u = bits_of(x);
	int e = (int)(u >> 52) - 1023;

	if (e == -1023) { /* subnormal */
		u = bits_of(x * 0x1p54);
		e = (int)(u >> 52) - 1023 - 54;
	}
	double m = from_bits((u & ((1ULL << 52) - 1)) | 1023ULL << 52);
	int j = (int)((m - 1.0) * 128.0 + 0.5);
	struct dd p = two_prod(m, __log_inv[j]);
	struct dd r = fast_two_sum(p.hi - 1.0, p.lo);
	struct dd base = dd_add(dd_mul_d(__ln2, (double)e), __log_table[j]);

	return dd_add(base, log1p_small(r));
}

/* ln2 in three parts, the first two of 36 bits (64 * __ln2_64), so
 * that e * part is exact for any exponent e. */
#define LN2_H 0x1.62e42fefa0000p-1
#define LN2_M 0x1.cf79abc9e0000p-40
#define LN2_L 0x1.d9cc01f97b57ap-79

/* Ziv's first phase of log: the same reduction (with m near 2 taken as
 * m/2 near 1, so that x just below 1 has nothing to cancel), log1p(r) by
 * its series in double past the first term, and the sum
 * e*ln2 + log c + r exact to two roundings (y + yl). Bound: every
 * rounding in the tail is at most 2^-53 of a term whose size is known at
 * run time (2^-50 of their sum, generous), the series stops at r^8
 * (|r|^9/9 < 2^-64 |r|), the tables are exact to 2^-100 and are zero at
 * x in [1 - 2^-8, 1 + 2^-8]. Returns 0 when y + yl +- the bound does not
 * round to one double, then __log_dd decides. */
int __log_fast(double x, double *res)
{
	uint64_t u = bits_of(x);
	int e = (int)(u >> 52) - 1023;

	if (e == -1023) /* subnormal */
		return 0;
	double m = from_bits((u & ((1ULL << 52) - 1)) | 1023ULL << 52);
	int j = (int)((m - 1.0) * 128.0 + 0.5);

	if (j == 128) {
		m *= 0.5;
		e++;
		j = 0;
	}
	struct dd p = two_prod(m, __log_inv[j]);
	double r = p.hi - 1.0, rl = p.lo, r2 = r * r;
	struct dd B = two_sum(e * LN2_H, __log_table[j].hi);
	double t1 = e * LN2_M + (e * LN2_L + __log_table[j].lo);
	/* log1p(r + rl) = r + rl (1 - r) + r^2 (-1/2 + r/3 - ... - r^6/8) */
	double P = -0x1p-1 + r * (0x1.5555555555555p-2 + r * (-0x1p-2 +
		   r * (0x1.999999999999ap-3 + r * (-0x1.5555555555555p-3 +
		   r * (0x1.2492492492492p-3 + r * -0x1p-3)))));
	double tail = (B.lo + t1) + (rl - rl * r) + r2 * P;
	struct dd s = two_sum(B.hi, r);
	double ul = s.lo + tail;
	double y = s.hi + ul, yl = ul - (y - s.hi);
	double err = 0x1p-50 * (fabs(B.lo) + fabs(t1) + fabs(rl) + r2 + fabs(s.lo)) +
		     0x1p-64 * fabs(r) + ((e | j) ? 0x1p-100 : 0.0);

	if (y + (yl + err) != y || y + (yl - err) != y)
		return 0;
	*res = y;
	return 1;
}

/* log x to about 2^-75 relative, for pow: the reduction of __log_fast,
 * with r^2/2 taken exactly (two_prod) and only r^3 (1/3 - r/4 + ...) in
 * plain double. Bound as in __log_fast: 2^-50 of each low term's size,
 * 2^-100 for the tables (nothing when they are zero). */
struct dd __log_fast_dd(double x, double *err)
{
	uint64_t u = bits_of(x);
	int e = (int)(u >> 52) - 1023;

	if (e == -1023) { /* subnormal */
		u = bits_of(x * 0x1p54);
		e = (int)(u >> 52) - 1023 - 54;
	}
	double m = from_bits((u & ((1ULL << 52) - 1)) | 1023ULL << 52);
	int j = (int)((m - 1.0) * 128.0 + 0.5);

	if (j == 128) {
		m *= 0.5;
		e++;
		j = 0;
	}
	struct dd p = two_prod(m, __log_inv[j]);
	double r = p.hi - 1.0, rl = p.lo;
	struct dd q = two_prod(r, r);
	struct dd B = two_sum(e * LN2_H, __log_table[j].hi);
	double t1 = e * LN2_M + (e * LN2_L + __log_table[j].lo);
	/* log1p(r + rl) = r - r^2/2 + rl (1 - r + r^2 - r^3) + r^3 (1/3 - r/4 + ... + r^6/9)
	 * (rl is below 2^-53, r^2 below 2^-16: rl r^2 matters, rl r^4 does not) */
	double c3 = r * q.hi * (0x1.5555555555555p-2 + r * (-0x1p-2 + r * (0x1.999999999999ap-3 +
		    r * (-0x1.5555555555555p-3 + r * (0x1.2492492492492p-3 + r * (-0x1p-3 +
		    r * 0x1.c71c71c71c71cp-4))))));
	double low = (B.lo + t1) + (rl - rl * r + rl * q.hi * (1.0 - r)) - 0.5 * q.lo + c3;
	struct dd s = two_sum(B.hi, r), s2 = two_sum(s.hi, -0.5 * q.hi);
	double lo = s.lo + s2.lo + low;

	*err = 0x1p-50 * (fabs(B.lo) + fabs(t1) + fabs(rl) + fabs(q.lo) + fabs(c3) + fabs(s.lo) +
			  fabs(s2.lo)) + fabs(rl) * q.hi * q.hi + ((e | j) ? 0x1p-100 : 0.0);
	return two_sum(s2.hi, lo);
}

/* log(x.hi + x.lo) = log(x.hi) + log1p(x.lo / x.hi). */
struct dd __log_dd2(struct dd x)
{
	struct dd l = __log_dd(x.hi);
	double q = x.lo / x.hi;

	return dd_add_d(l, q - 0.5 * q * q);
}

/* The special cases every log shares; returns 1 with *r set if x is one. */
static int log_special(double x, double *r)
{
	if (isnan(x)) {
		*r = x + x;
		return 1;
	}
	if (x == 0) {
		*r = __math_erange(-HUGE_VAL);
		return 1;
	}
	if (x < 0) {
		*r = __math_edom((x - x) / (x - x));
		return 1;
	}
	if (isinf(x)) {
		*r = x;
		return 1;
	}
	return 0;
}

double log(double x)
{
	double r;

	if (log_special(x, &r))
		return r;
	if (x == 1)
		return 0;
	if (__log_fast(x, &r))
		return r;
	struct dd v = __log_dd(x);

	return v.hi + v.lo;
}

/* log(x) * c for c = 1/ln2 or 1/ln10 (double-double), from
 * __log_fast_dd; 1 and *res when y + yl +- the bound rounds to y, else 0.
 * Bound: log's own, times c; the rounding of the low sum; c's 2^-104. */
int __log_scaled_fast(double x, struct dd c, double *res)
{
	double lerr;
	struct dd l = __log_fast_dd(x, &lerr);
	struct dd z = two_prod(l.hi, c.hi);
	double lo = z.lo + (l.hi * c.lo + l.lo * c.hi);
	double y = z.hi + lo, yl = lo - (y - z.hi);
	double err = 1.01 * lerr * c.hi + 0x1p-50 * fabs(lo) + 0x1p-104 * fabs(y);

	if (y + (yl + err) != y || y + (yl - err) != y)
		return 0;
	*res = y;
	return 1;
}

double log2(double x)
{
	double r;

	if (log_special(x, &r))
		return r;
	uint64_t u = bits_of(x);

	if ((u & ((1ULL << 52) - 1)) == 0) /* a power of two: exact */
		return (double)((int)(u >> 52) - 1023);
	if (__log_scaled_fast(x, __inv_ln2, &r))
		return r;
	struct dd v = dd_mul(__log_dd(x), __inv_ln2);

	return v.hi + v.lo;
}

double log10(double x)
{
	double r;

	if (log_special(x, &r))
		return r;
	if (__log_scaled_fast(x, __inv_ln10, &r))
		return r;
	struct dd v = dd_mul(__log_dd(x), __inv_ln10);

	return v.hi + v.lo;
}

double log1p(double x)
{
	if (isnan(x))
		return x + x;
	if (x == -1)
		return __math_erange(-HUGE_VAL);
	if (x < -1)
		return __math_edom((x - x) / (x - x));
	if (isinf(x))
		return x;
	if (fabs(x) < 0x1p-54)
		return x;
	if (fabs(x) < 0x1p-8) {
		struct dd v = log1p_small(dd_from(x));

		return v.hi + v.lo;
	}
	double r;

	if (__log1p_fast(x, &r))
		return r;
	return __log1p_dd(x);
}

/* log1p x for 2^-8 <= |x|, x > -1, finite: log of the exact 1 + x. */
double __log1p_dd(double x)
{
	struct dd v = __log_dd2(two_sum(1.0, x));

	return v.hi + v.lo;
}

/* Ziv's fast phase of log1p for 2^-8 <= |x|: 1 + x = w + wl exactly
 * (two_sum), log w from __log_fast_dd with its bound, and log1p(wl/w) =
 * q - q^2/2 (q <= 2^-53: the rest is below 2^-159). Its roundings, and
 * adding it to log w's low part, err by 2^-53 of q and of that low part:
 * with |log1p x| >= 2^-8.1, below 2^-97 of the result; the bound is
 * log's plus 2^-96 of the result, times 1.01. 1 and *r, or 0. */
int __log1p_fast(double x, double *res)
{
	struct dd w = two_sum(1.0, x);
	double err, q = w.lo / w.hi;
	struct dd l = __log_fast_dd(w.hi, &err);
	struct dd v = fast_two_sum(l.hi, l.lo + (q - 0.5 * q * q));
	double e = (err + 0x1p-96 * fabs(v.hi)) * 1.01;

	if (v.hi + (v.lo + e) != v.hi || v.hi + (v.lo - e) != v.hi)
		return 0;
	*res = v.hi;
	return 1;
}

#define FLOAT_LOG(name)                                          \
	float name##f(float x)                                   \
	{                                                        \
		return (float)name((double)x);                   \
	}
FLOAT_LOG(log)
FLOAT_LOG(log2)
FLOAT_LOG(log10)
FLOAT_LOG(log1p)
