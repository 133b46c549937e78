/* erf, erfc, lgamma, tgamma in double-double.
 * erf x = 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1)) (all
 * terms positive) for |x| < 3; erfc by the same for small x (1 - erf) and
 * by its continued fraction beyond. lgamma from Stirling's series at
 * x >= 25 (smaller x shifted up by the recurrence, negative x reflected);
 * tgamma = e^lgamma with its sign. */
#include <math.h>
#include "math-internal.h"

int signgam;

/* erf(a) for 0 <= a < 3 (the series converges for any a, fast here). */
static struct dd erf_series(double a)
{
	struct dd x2 = two_prod(a, a), term = dd_from(a), sum = dd_from(a);
	int k;

	for (int n = 1; n < 200; n++) {
		term = dd_div(dd_mul(term, dd_mul_d(x2, 2.0)), dd_from(2.0 * n + 1));
		sum = dd_add(sum, term);
		if (fabs(term.hi) < fabs(sum.hi) * 0x1p-110)
			break;
	}
	struct dd e = __exp_dd(dd_neg(x2), &k);

	e.hi = ldexp(e.hi, k);
	e.lo = ldexp(e.lo, k);
	return dd_mul(dd_mul(sum, e), __two_over_sqrt_pi);
}

/* erfc(a) for a >= 3: e^(-a^2)/sqrt(pi) / (a + (1/2)/(a + 1/(a + (3/2)/(a
 * + ...)))), the continued fraction evaluated backwards from a depth
 * that is deep enough for 106 bits at a >= 3. Returns it as 2^k * v. */
static struct dd erfc_fraction(double a, int *k)
{
	struct dd x = dd_from(a), f = x;

	for (int n = 120; n >= 1; n--)
		f = dd_add(x, dd_div(dd_from(0.5 * n), f));
	struct dd e = __exp_dd(dd_neg(two_prod(a, a)), k);

	return dd_div(dd_mul(e, __inv_sqrt_pi), f);
}

double erf(double x)
{
	double a = fabs(x);

	if (isnan(x))
		return x + x;
	if (a < 0x1p-60) {
		struct dd t = dd_mul_d(__two_over_sqrt_pi, x);

		return t.hi + t.lo;
	}
	if (a >= 6)
		return copysign(1.0, x);
	struct dd v;

	if (a < 3) {
		v = erf_series(a);
	} else {
		int k;
		struct dd c = erfc_fraction(a, &k);

		c.hi = ldexp(c.hi, k);
		c.lo = ldexp(c.lo, k);
		v = dd_add_d(dd_neg(c), 1.0);
	}
	return copysign(v.hi + v.lo, x);
}

double erfc(double x)
{
	struct dd v;
	int k;

	if (isnan(x))
		return x + x;
	if (x < -6)
		return 2.0;
	if (x > 27.3)
		return isinf(x) ? 0.0 : __math_erange(0.0);
	if (fabs(x) < 0x1p-60)
		return 1.0 - x;
	if (x < 3) { /* 1 - erf x */
		v = erf_series(fabs(x));
		v = x < 0 ? dd_add_d(v, 1.0) : dd_add_d(dd_neg(v), 1.0);
		return v.hi + v.lo;
	}
	v = erfc_fraction(x, &k);
	double r = __scale_dd(v, k);

	return r == 0 ? __math_erange(r) : r; /* glibc: subnormals silently */
}

/* lgamma(x) for x >= 25 by Stirling's series. */
static struct dd lgamma_stirling(struct dd x)
{
	struct dd l = __log_dd2(x), inv = dd_div(dd_from(1.0), x);
	struct dd inv2 = dd_mul(inv, inv), s = dd_from(0.0), p = inv;

	for (int k = 0; k < 20; k++) {
		struct dd t = dd_mul(__stirling[k], p);

		s = dd_add(s, t);
		if (fabs(t.hi) < 0x1p-112)
			break;
		p = dd_mul(p, inv2);
	}
	/* (x - 1/2) log x - x + log(2 pi)/2 + s */
	struct dd r = dd_mul(dd_add_d(x, -0.5), l);

	r = dd_sub(r, x);
	r = dd_add(r, __half_log_2pi);
	return dd_add(r, s);
}

/* lgamma(1 + e) for |e| <= 0.2, by its Taylor series (no cancellation
 * near the zero at 1). */
static struct dd lgamma_near1(struct dd e)
{
	struct dd p = __lgamma1[62];

	for (int k = 61; k >= 0; k--)
		p = dd_add(dd_mul(p, e), __lgamma1[k]);
	return dd_mul(p, e);
}

/* lgamma of x > 0 (a double-double) as a double-double. */
static struct dd lgamma_positive(struct dd x)
{
	struct dd e = dd_add_d(x, -1.0);

	if (fabs(e.hi) <= 0.2)
		return lgamma_near1(e);
	e = dd_add_d(x, -2.0);
	if (fabs(e.hi) <= 0.2) /* lgamma(2 + e) = lgamma(1 + e) + log1p(e) */
		return dd_add(lgamma_near1(e), __log_dd2(dd_add_d(e, 1.0)));
	if (x.hi >= 25)
		return lgamma_stirling(x);
	/* Gamma(x) = Gamma(x + n) / (x (x+1) ... (x+n-1)) */
	struct dd prod = x, y = dd_add_d(x, 1.0);

	for (; y.hi < 25; y = dd_add_d(y, 1.0))
		prod = dd_mul(prod, y);
	return dd_sub(lgamma_stirling(y), __log_dd2(prod));
}

/* sin(pi x) for any finite x, exactly reduced: x - 2 round(x/2). */
static struct dd sin_pi(double x)
{
	double r = x - 2.0 * rint(x * 0.5); /* exact, in [-1, 1] */
	struct dd s, c;
	int neg = r < 0;

	r = fabs(r);
	if (r > 0.5)
		r = 1.0 - r; /* sin(pi (1 - r)) = sin(pi r), exact */
	/* pi r, |pi r| <= pi/2: reduce once more around pi/4 */
	if (r > 0.25) {
		__sincos_dd(dd_mul_d(__pi, 0.5 - r), &s, &c);
		s = c;
	} else {
		__sincos_dd(dd_mul_d(__pi, r), &s, &c);
	}
	return neg ? dd_neg(s) : s;
}

/* lgamma with the sign of Gamma in *sign; x finite, not a pole. */
static struct dd lgamma_dd(double x, int *sign)
{
	*sign = 1;
	if (x > 0)
		return lgamma_positive(dd_from(x));
	/* Gamma(x) Gamma(1 - x) = pi / sin(pi x) */
	struct dd s = sin_pi(x);

	*sign = s.hi < 0 ? -1 : 1;
	if (s.hi < 0)
		s = dd_neg(s);
	struct dd l = dd_sub(__log_dd(__pi.hi), __log_dd2(s));

	l = dd_add_d(l, __pi.lo / __pi.hi);
	return dd_sub(l, lgamma_positive(two_sum(1.0, -x)));
}

double lgamma(double x)
{
	int sign;

	signgam = 1;
	if (isnan(x))
		return x + x;
	if (isinf(x))
		return HUGE_VAL;
	if (x <= 0 && trunc(x) == x) /* a pole */
		return __math_erange(HUGE_VAL);
	if (x == 1 || x == 2)
		return 0.0;
	if (fabs(x) < 0x1p-70) { /* -log|x| */
		signgam = x < 0 ? -1 : 1;
		struct dd l = __log_dd(fabs(x));

		return -(l.hi + l.lo);
	}
	if (x >= 0x1p60) { /* x (log x - 1) - log(x)/2 + log(2 pi)/2 */
		struct dd l = __log_dd(x), p = dd_mul_d(dd_add_d(l, -1.0), x * 0x1p-200);

		p.hi *= 0x1p200; /* scaled so the exact product cannot overflow */
		p.lo *= 0x1p200;
		if (isinf(p.hi))
			return __math_erange(HUGE_VAL);
		p = dd_add(dd_sub(p, dd_mul_d(l, 0.5)), __half_log_2pi);
		return p.hi + p.lo;
	}
	struct dd v = lgamma_dd(x, &sign);

	signgam = sign;
	double r = v.hi + v.lo;

	return isinf(r) ? __math_erange(r) : r;
}

double tgamma(double x)
{
	int sign, k;

	if (isnan(x))
		return x + x;
	if (x == 0)
		return __math_erange(1.0 / x);
	if (isinf(x))
		return x > 0 ? x : __math_edom((x - x) / (x - x));
	if (x < 0 && trunc(x) == x)
		return __math_edom((x - x) / (x - x));
	if (x > 171.7)
		return __math_erange(HUGE_VAL);
	if (x < -184) /* underflows; the sign is sin(pi x)'s */
		return __math_erange(copysign(0.0, sin_pi(x).hi));
	if (fabs(x) < 0x1p-60) {
		double r = 1.0 / x;

		return isinf(r) ? __math_erange(r) : r;
	}
	if (x == trunc(x) && x <= 23) { /* exact factorials */
		double f = 1;

		for (int i = 2; i < (int)x; i++)
			f *= i;
		return f;
	}
	struct dd l = lgamma_dd(x, &sign);
	struct dd e = __exp_dd(l, &k);
	double r = __scale_dd(e, k);

	if (r == 0 || isinf(r))
		__math_erange(0);
	return sign < 0 ? -r : r;
}

float erff(float x) { return (float)erf((double)x); }
float erfcf(float x)
{
	float r = (float)erfc((double)x);

	if (r == 0 && x > 0 && isfinite(x))
		return __math_erangef(r);
	return r;
}
float lgammaf(float x)
{
	float r = (float)lgamma((double)x);

	return isinf(r) && isfinite(x) ? __math_erangef(r) : r;
}
float tgammaf(float x)
{
	float r = (float)tgamma((double)x);

	if ((isinf(r) && isfinite(x)) || (r == 0 && isfinite(x)))
		return __math_erangef(r);
	return r;
}
