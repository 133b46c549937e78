/* cbrt, correctly rounded in two phases (Ziv's strategy, docs/libm.md).
 *
 * Fast phase: x = m 2^(3k) with m in [1, 8), m = f 2^r (f in [1, 2),
 * r = 0, 1, 2). A degree-5 polynomial gives cbrt f within 1.5e-6, times
 * 2^(r/3); one Halley step, y (y^3 + 2m) / (2y^3 + m), takes that to
 * about 1e-17, a few ulps. Then the remainder of y^3 against m exactly
 * enough, and the Newton correction yl = (m - y^3) / (3y^2):
 *   y^2 = s + sl and s y = c + cl exactly (two_prod); sl y rounded errs by
 *   2^-105 m; m - c is exact (Sterbenz: c is within a few ulps of m); the
 *   two subtractions of cl and sl y err by 2^-102 m each: the remainder
 *   d is within 2^-100.5 m.
 *   yl = d / (3s) errs by 2^-51 |yl| <= 2^-98 y (|yl| <= 2^-49 y), d's
 *   error gives 2^-100.5 m / 3y^2 < 2^-102 y, and Newton's truncation,
 *   cbrt(y^3 + d) - y - d/3y^2, is below (d/m)^2 y < 2^-98 y.
 * So cbrt m = y + yl within 2^-96 y; the bound used is 2^-90 y. y + yl is
 * renormalized exactly (fast_two_sum: Halley's y is often an ulp off) to
 * Y + YL; if Y + YL plus and minus the bound rounds to Y both ways, Y is
 * cbrt m correctly rounded (rounding is monotonic), and 2^k Y is exact: cbrt of a double is never
 * subnormal nor overflows. Otherwise (about 1 call in 2^37) the accurate
 * phase, e^(log x / 3) in double-double, decides. */
#include <math.h>
#include "math-internal.h"

/* cbrt(f) on [1, 2], in powers of f - 1.5 (least squares on the relative
 * error, Chebyshev nodes: within 1.4e-6). */
static const double P[6] = {
	0x1.250be7e0019c1p+0, 0x1.047d8487a88aap-2, -0x1.ce5166a739b6cp-5,
	0x1.554d303c15838p-6, -0x1.50b26305fdd09p-7, 0x1.58027123522a4p-8,
};
/* 2^(r/3), r = 0, 1, 2, rounded. */
static const double CBRT2[3] = { 1.0, 0x1.428a2f98d728bp+0, 0x1.965fea53d6e3dp+0 };

int __cbrt_fast(double x, double *out)
{
	uint64_t u = bits_of(x);
	int k3 = 0;

	if (u < 0x0010000000000000ULL) { /* subnormal: 2^54 x */
		u = bits_of(x * 0x1p54);
		k3 = -54;
	}
	int e = (int)(u >> 52) - 1023 + k3;
	int k = e >= 0 ? e / 3 : -((2 - e) / 3);
	int r = e - 3 * k;
	double f = from_bits((u & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
	double m = from_bits((u & 0x000fffffffffffffULL) | ((uint64_t)(1023 + r) << 52));
	double t = f - 1.5;
	double y = (P[0] + t * (P[1] + t * (P[2] + t * (P[3] + t * (P[4] + t * P[5]))))) * CBRT2[r];
	double y3 = y * y * y;

	y = y * (y3 + 2.0 * m) / (2.0 * y3 + m);

	struct dd s = two_prod(y, y);
	struct dd c = two_prod(s.hi, y);
	double d = ((m - c.hi) - c.lo) - s.lo * y;
	struct dd v = fast_two_sum(y, d / (3.0 * s.hi));
	double bound = 0x1p-90 * v.hi;

	if (v.hi + (v.lo - bound) != v.hi || v.hi + (v.lo + bound) != v.hi)
		return 0;
	*out = v.hi * from_bits((uint64_t)(1023 + k) << 52);
	return 1;
}

double __cbrt_dd(double x)
{
	int k;
	struct dd l = __log_dd(x);
	struct dd t = dd_div(l, dd_from(3.0));
	struct dd v = __exp_dd(t, &k);

	return __scale_dd(v, k);
}

double cbrt(double x)
{
	double y;

	if (!isfinite(x) || x == 0)
		return x + x;
	if (!__cbrt_fast(fabs(x), &y))
		y = __cbrt_dd(fabs(x));
	return copysign(y, x);
}

float cbrtf(float x) { return (float)cbrt((double)x); }
