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
	int neg = x < 0 && yint == 1, k;
	struct dd l = __log_dd(ax), t;
	double r, approx = l.hi * y; /* decides overflow before any dd step */

	if (approx > 709.8)
		r = __math_erange(HUGE_VAL);
	else if (approx < -745.2)
		r = __math_erange(0.0);
	else {
		t = dd_mul_d(l, y);
		struct dd v = __exp_dd(t, &k);

		r = __scale_dd(v, k);
		if (r == 0 || isinf(r))
			__math_erange(0);
	}
	return neg ? -r : r;
}

float powf(float x, float y)
{
	float r = (float)pow((double)x, (double)y);

	if ((isinf(r) || r == 0) && isfinite(x) && isfinite(y) && x != 0)
		return __math_erangef(r);
	return r;
}
