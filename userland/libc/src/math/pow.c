/* pow(x, y) = e^(y log|x|) in double-double, with C99's special cases and
 * the sign from odd integer exponents. */
#include <math.h>
#include "math-internal.h"

/* 0: not an integer, 1: odd integer, 2: even integer. */
static int integer_kind(double y)
{
	if (trunc(y) != y)
		return 0;
	if (fabs(y) >= 0x1p53)
		return 2;
	return fmod(y, 2.0) != 0 ? 1 : 2;
}

double pow(double x, double y)
{
	if (y == 0 || x == 1)
		return 1.0;
	if (isnan(x) || isnan(y))
		return x + y;
	int yint = integer_kind(y);
	double ax = fabs(x);

	if (isinf(y)) {
		if (ax == 1)
			return 1.0;
		return (ax < 1) == (y < 0) ? HUGE_VAL : 0.0;
	}
	if (x == 0) {
		if (y < 0)
			return __math_erange(yint == 1 ? 1.0 / x : HUGE_VAL);
		return yint == 1 ? x : 0.0;
	}
	if (isinf(x)) {
		double r = (y < 0) ? 0.0 : HUGE_VAL;

		return x < 0 && yint == 1 ? -r : r;
	}
	if (x < 0 && !yint)
		return __math_edom((x - x) / (x - x));
	int neg = x < 0 && yint == 1;
	double r;

	if (!__pow_fast(ax, y, &r))
		r = __pow_dd(ax, y);
	return neg ? -r : r;
}

/* Ziv's first phase: log x to ~2^-75 (__log_fast_dd), times y exactly
 * (two_prod) plus the low part, then exp's fast phase told how far off
 * its argument may be (|y| times log's bound). Only where the result is
 * normal and finite; elsewhere, and when it cannot decide, 0. */
int __pow_fast(double x, double y, double *r)
{
	double lerr;
	struct dd l = __log_fast_dd(x, &lerr);
	double approx = l.hi * y;
	int k;

	if (!(approx > -708 && approx < 709.7))
		return 0;
	struct dd t = two_prod(l.hi, y);
	double yl = y * l.lo;

	t = fast_two_sum(t.hi, t.lo + yl);
	double terr = fabs(y) * lerr + 0x1p-52 * fabs(yl) + 0x1p-104 * fabs(t.hi);
	double v;

	if (!__exp_fast(t, terr, &v, &k))
		return 0;
	*r = v * from_bits((uint64_t)(1023 + k) << 52);
	return 1;
}

/* The double-double path: e^(y log x), overflow decided first. */
double __pow_dd(double x, double y)
{
	struct dd l = __log_dd(x), t;
	double r, approx = l.hi * y; /* decides overflow before any dd step */
	int k;

	if (approx > 709.8)
		return __math_erange(HUGE_VAL);
	if (approx < -745.2)
		return __math_erange(0.0);
	t = dd_mul_d(l, y);
	struct dd v = __exp_dd(t, &k);

	r = __scale_dd(v, k);
	if (r == 0 || isinf(r))
		__math_erange(0);
	return r;
}

float powf(float x, float y)
{
	float r = (float)pow((double)x, (double)y);

	if ((isinf(r) || r == 0) && isfinite(x) && isfinite(y) && x != 0)
		return __math_erangef(r);
	return r;
}
