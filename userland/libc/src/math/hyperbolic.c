/* sinh, cosh, tanh from e^|x| in double-double (series for small |x|,
 * where e^x - e^-x would cancel); asinh, acosh, atanh from log of exact
 * double-double arguments. */
#include <math.h>
#include "math-internal.h"

/* e^a as a double-double, for 0 <= a <= 22 (no scaling trouble). */
static struct dd exp_plain(double a)
{
	int k;
	struct dd v = __exp_dd(dd_from(a), &k);
	double s = from_bits((uint64_t)(1023 + k) << 52);

	return (struct dd){ v.hi * s, v.lo * s };
}

/* sinh a and cosh a by their series, |a| < 2^-10. */
static void series(double a, struct dd *sh, struct dd *ch)
{
	struct dd x = dd_from(a), u = two_prod(a, a), ps = __inv_fact[11], pc = __inv_fact[12];

	for (int i = 9; i >= 1; i -= 2)
		ps = dd_add(dd_mul(ps, u), __inv_fact[i]);
	for (int i = 10; i >= 0; i -= 2)
		pc = dd_add(dd_mul(pc, u), __inv_fact[i]);
	*sh = dd_mul(ps, x);
	*ch = pc;
}

/* (e^a + sign e^-a) / 2: e^a unrounded from exp's fast phase (exact
 * scaling, k >= 0 here), 1/e^a as a quotient and its exact remainder,
 * the difference or sum exactly (fast_two_sum). Both exponentials carry
 * exp's relative bound, so the numerator's is that times e^a + e^-a (at
 * most 4.1 times the result for sinh at a >= 0.25). */
int __hyper_fast(double a, int sign, double *res)
{
	double y, yl, err;
	int k;

	__exp_eval(dd_from(a), 0.0, &y, &yl, &err, &k);
	double s = from_bits((uint64_t)(1023 + k) << 52);
	double eh = y * s, el = yl * s, ih = 1.0 / eh;
	struct dd p = two_prod(ih, eh);
	double il = (((1.0 - p.hi) - p.lo) - ih * el) / eh;
	struct dd h = fast_two_sum(eh, sign * ih);
	double lo = h.lo + (el + sign * il);
	double r = h.hi + lo, rl = lo - (r - h.hi);
	double e = (err / y + 0x1p-100) * (eh + ih) * 1.01;

	if (r + (rl + e) != r || r + (rl - e) != r)
		return 0;
	*res = r * 0.5;
	return 1;
}

double __hyper_dd(double a, int sign)
{
	struct dd e = exp_plain(a), v = dd_div(dd_from(1.0), e);

	v = sign < 0 ? dd_sub(e, v) : dd_add(e, v);
	return (v.hi + v.lo) * 0.5;
}

double sinh(double x)
{
	double a = fabs(x), r;
	struct dd v, c;
	int k;

	if (!isfinite(x) || a < 0x1p-27)
		return x;
	if (a < 0x1p-10) {
		series(a, &v, &c);
	} else if (a <= 22) {
		if (a < 0.25 || !__hyper_fast(a, -1, &r))
			r = __hyper_dd(a, -1);
		return copysign(r, x);
	} else {
		if (a > 710.5)
			return __math_erange(copysign(HUGE_VAL, x));
		v = __exp_dd(dd_from(a), &k);
		r = __scale_dd(v, k - 1);
		return copysign(r, x);
	}
	return copysign(v.hi + v.lo, x);
}

double cosh(double x)
{
	double a = fabs(x);
	struct dd v, s;
	int k;

	if (isnan(x))
		return x + x;
	if (isinf(x))
		return a;
	if (a < 0x1p-27)
		return 1.0;
	if (a < 0x1p-10) {
		series(a, &s, &v);
	} else if (a <= 22) {
		double r;

		if (!__hyper_fast(a, 1, &r))
			r = __hyper_dd(a, 1);
		return r;
	} else {
		if (a > 710.5)
			return __math_erange(HUGE_VAL);
		v = __exp_dd(dd_from(a), &k);
		return __scale_dd(v, k - 1);
	}
	return v.hi + v.lo;
}

/* tanh a = (e^a - e^-a) / (e^a + e^-a) for 0.25 <= a <= 22, Ziv's fast
 * phase: e^a = E unrounded from exp's evaluation (relative bound rel =
 * err/y), 1/E and its remainder, S = E - 1/E and C = E + 1/E each as a
 * double and an exact-enough low part (as __hyper_fast), then the quotient
 * q = S/C and its remainder by two_prod. An error rel in E moves S by
 * rel (E + 1/E) and C by rel (E - 1/E): relative to the quotient,
 * rel ((E + 1/E)/(E - 1/E) + 1), at most 5.1 rel at a = 0.25; the
 * roundings of the low parts and the remainder add below 2^-100. The
 * bound is that plus 2^-98, times 1.01. 1 and *y, or 0. */
int __tanh_fast(double a, double *res)
{
	double y, yl, err;
	int k;

	__exp_eval(dd_from(a), 0.0, &y, &yl, &err, &k);
	double s = from_bits((uint64_t)(1023 + k) << 52);
	double eh = y * s, el = yl * s, ih = 1.0 / eh;
	struct dd p = two_prod(ih, eh);
	double il = (((1.0 - p.hi) - p.lo) - ih * el) / eh;
	struct dd d = fast_two_sum(eh, -ih), c = fast_two_sum(eh, ih);
	double dl = d.lo + (el - il), cl = c.lo + (el + il);
	double q = d.hi / c.hi;
	struct dd pq = two_prod(q, c.hi);
	double ql = (((d.hi - pq.hi) - pq.lo) + dl - q * cl) / c.hi;
	struct dd v = fast_two_sum(q, ql);
	double e = ((err / y) * ((eh + ih) / (eh - ih) + 1.0) + 0x1p-98) * v.hi * 1.01;

	if (v.hi + (v.lo + e) != v.hi || v.hi + (v.lo - e) != v.hi)
		return 0;
	*res = v.hi;
	return 1;
}

/* tanh a for 2^-27 <= a <= 22 in double-double. */
double __tanh_dd(double a)
{
	struct dd s, c, v;

	if (a < 0x1p-10) {
		series(a, &s, &c);
		v = dd_div(s, c);
	} else {
		struct dd e = exp_plain(a), ie = dd_div(dd_from(1.0), e);

		v = dd_div(dd_sub(e, ie), dd_add(e, ie));
	}
	return v.hi + v.lo;
}

double tanh(double x)
{
	double a = fabs(x), r;

	if (isnan(x))
		return x + x;
	if (a > 22)
		return copysign(1.0, x);
	if (a < 0x1p-27)
		return x;
	if (a < 0.25 || !__tanh_fast(a, &r))
		r = __tanh_dd(a);
	return copysign(r, x);
}

double asinh(double x)
{
	double a = fabs(x);
	struct dd v;

	if (!isfinite(x) || a < 0x1p-27)
		return x;
	if (a > 0x1p500) { /* log(2a) */
		v = dd_add(__log_dd(a), __ln2);
	} else { /* log(a + sqrt(a^2 + 1)) */
		struct dd s = __sqrt_dd(dd_add_d(two_prod(a, a), 1.0));

		v = __log_dd2(dd_add_d(s, a));
	}
	return copysign(v.hi + v.lo, x);
}

double acosh(double x)
{
	struct dd v;

	if (isnan(x))
		return x + x;
	if (x < 1)
		return __math_edom((x - x) / (x - x));
	if (isinf(x))
		return x;
	if (x == 1)
		return 0.0;
	if (x > 0x1p500) {
		v = dd_add(__log_dd(x), __ln2);
	} else { /* log(x + sqrt((x - 1)(x + 1))) */
		struct dd d = dd_mul(two_sum(x, -1.0), two_sum(x, 1.0));

		v = __log_dd2(dd_add_d(__sqrt_dd(d), x));
	}
	return v.hi + v.lo;
}

double atanh(double x)
{
	double a = fabs(x);

	if (isnan(x))
		return x + x;
	if (a > 1)
		return __math_edom((x - x) / (x - x));
	if (a == 1)
		return __math_erange(copysign(HUGE_VAL, x));
	if (a < 0x1p-27)
		return x;
	/* log((1 + a)/(1 - a)) / 2 */
	struct dd v = __log_dd2(dd_div(two_sum(1.0, a), two_sum(1.0, -a)));

	return copysign(0.5 * v.hi + 0.5 * v.lo, x);
}

#define FLOAT_OF(name)                                             \
	float name##f(float x)                                     \
	{                                                          \
		float r = (float)name((double)x);                  \
		if (isinf(r) && isfinite(x))                       \
			return __math_erangef(r);                  \
		return r;                                          \
	}
FLOAT_OF(sinh)
FLOAT_OF(cosh)
FLOAT_OF(tanh)
FLOAT_OF(asinh)
FLOAT_OF(acosh)
FLOAT_OF(atanh)
