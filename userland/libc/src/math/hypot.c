/* hypot in double-double: it scales both by a power of two, sums the
 * exact squares, takes a double-double square root and rounds once. */
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
