/* hypot and cbrt in double-double: hypot scales both by a power of two,
 * sums the exact squares and takes a double-double square root; cbrt is
 * e^(log|x| / 3). Both round once. */
#include <math.h>
#include "math-internal.h"

double hypot(double x, double y)
{
	double ax = fabs(x), ay = fabs(y), t;
	int ex, ey;

	if (isinf(x) || isinf(y))
		return HUGE_VAL;
	if (isnan(x) || isnan(y))
		return x + y;
	if (ax < ay) {
		t = ax;
		ax = ay;
		ay = t;
	}
	if (ay == 0)
		return ax;
	frexp(ax, &ex);
	frexp(ay, &ey);
	if (ex - ey > 60)
		return ax;
	double sx = scalbn(ax, -ex), sy = scalbn(ay, -ex);
	struct dd s = __sqrt_dd(dd_add(two_prod(sx, sx), two_prod(sy, sy)));
	double r = __scale_dd(s, ex);

	return r;
}

float hypotf(float x, float y)
{
	float r = (float)hypot((double)x, (double)y);

	if (isinf(r) && isfinite(x) && isfinite(y))
		return __math_erangef(r);
	return r;
}

double cbrt(double x)
{
	int k;

	if (!isfinite(x) || x == 0)
		return x + x;
	struct dd l = __log_dd(fabs(x));
	struct dd t = dd_div(l, dd_from(3.0));
	struct dd v = __exp_dd(t, &k);
	double r = __scale_dd(v, k);

	return copysign(r, x);
}

float cbrtf(float x) { return (float)cbrt((double)x); }
