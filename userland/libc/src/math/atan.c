/* atan, atan2, asin, acos in double-double: atan x = atan c + atan t with
 * c = j/64 the table point nearest x and t = (x - c)/(1 + x c), |t| <=
 * 1/128, by its series; x > 1 through pi/2 - atan(1/x). asin and acos
 * are atans of exact double-double quotients. */
#include <math.h>
#include "math-internal.h"

struct dd __sqrt_dd(struct dd a)
{
	if (a.hi <= 0)
		return dd_from(0.0);
	double s = sqrt(a.hi);
	struct dd e = dd_sub(a, two_prod(s, s));

	return fast_two_sum(s, e.hi / (2.0 * s));
}

/* atan t, |t| <= ~1/128: t * (1 - u/3 + u^2/5 - ...), degrees to 17. */
static struct dd atan_small(struct dd t)
{
	struct dd u = dd_mul(t, t);
	double uh = u.hi, tail = __inv_int[17].hi;

	for (int k = 15; k >= 9; k -= 2)
		tail = tail * -uh + __inv_int[k].hi; /* 1/9 - u/11 + ... */
	struct dd p = dd_add_d(dd_neg(__inv_int[7]), tail * uh);

	p = dd_add(dd_mul(p, u), __inv_int[5]);
	p = dd_add(dd_mul(p, u), dd_neg(__inv_int[3]));
	p = dd_add_d(dd_mul(p, u), 1.0);
	return dd_mul(p, t);
}

struct dd __atan_dd(struct dd x)
{
	int inv = x.hi > 1.0;

	if (inv)
		x = dd_div(dd_from(1.0), x);
	int j = (int)(x.hi * 64.0 + 0.5);
	double c = j * 0.015625;
	struct dd t = x;

	if (j) /* (x - c) / (1 + x c): numerator exact, denominator dd */
		t = dd_div(dd_add_d(x, -c), dd_add_d(dd_mul_d(x, c), 1.0));
	struct dd a = dd_add(__atan_table[j], atan_small(t));

	return inv ? dd_sub(__pi_2, a) : a;
}

/* Ziv's first phase of atan x, x > 0 finite (a double-double exact to
 * about 2^-100): the same reduction (1/x above 1 as q + (1 - q x)/x, the
 * remainder exact by two_prod), t =
 * (z - c)/(1 + z c) as a quotient and a remainder term (both to about
 * 2^-104), atan t = t - t^3/3 + ... in double past the first term, and
 * atan c from the table added exactly (two_sum). What is left is below
 * 2^-22 and carries a few roundings of 2^-75: the bound is 2^-69 (the
 * result is above 2^-6 then), or 2^-66 |x| below 1/128 where t = x. */
int __atan_fast(struct dd x, double *res)
{
	int inv = x.hi > 1.0;
	double zh = x.hi, zl = x.lo;

	if (inv) {
		struct dd p;

		zh = 1.0 / x.hi;
		p = two_prod(zh, x.hi);
		zl = (((1.0 - p.hi) - p.lo) - zh * x.lo) / x.hi;
	}
	int j = (int)(zh * 64.0 + 0.5);
	double c = j * 0.015625, th = zh, tl = zl;

	if (j) { /* (z - c) / (1 + z c) */
		double nh = zh - c; /* exact */
		struct dd p = two_prod(zh, c), d = fast_two_sum(1.0, p.hi);
		double dl = d.lo + (p.lo + zl * c);

		th = (nh + zl) / d.hi;
		struct dd q = two_prod(th, d.hi);
		tl = (((nh - q.hi) - q.lo) + zl - th * dl) / d.hi;
	}
	double t2 = th * th;
	/* atan(th + tl) = th + tl (1 - t^2) + th t^2 (-1/3 + t^2/5 - ... + t^8/11) */
	double s = th * t2 * (-0x1.5555555555555p-2 + t2 * (0x1.999999999999ap-3 + t2 *
		   (-0x1.2492492492492p-3 + t2 * (0x1.c71c71c71c71cp-4 + t2 * -0x1.745d1745d1746p-4))));
	double low = tl - tl * t2 + s;
	struct dd A = __atan_table[j], h;
	double y, yl, err;

	if (inv) { /* pi/2 - A - t */
		struct dd g = fast_two_sum(__pi_2.hi, -A.hi);

		h = fast_two_sum(g.hi, -th);
		low = h.lo + (g.lo + (__pi_2.lo - A.lo - low));
		err = 0x1p-69;
	} else if (j) {
		h = fast_two_sum(A.hi, th);
		low = h.lo + (A.lo + low);
		err = 0x1p-69;
	} else {
		h = (struct dd){ th, 0.0 };
		err = 0x1p-66 * th;
	}
	y = h.hi + low;
	yl = low - (y - h.hi);
	if (y + (yl + err) != y || y + (yl - err) != y)
		return 0;
	*res = y;
	return 1;
}

double atan(double x)
{
	if (isnan(x))
		return x + x;
	if (fabs(x) < 0x1p-27)
		return x;
	if (fabs(x) > 0x1p60)
		return copysign(__pi_2.hi, x);
	double f;

	if (__atan_fast(dd_from(fabs(x)), &f))
		return copysign(f, x);
	struct dd v = __atan_dd(dd_from(fabs(x)));

	return copysign(v.hi + v.lo, x);
}

double atan2(double y, double x)
{
	int sy = signbit(y), sx = signbit(x);
	double r;

	if (isnan(x) || isnan(y))
		return x + y;
	if (y == 0) /* atan2(±0, +x) = ±0, atan2(±0, -x) = ±pi */
		return sx ? copysign(__pi.hi, y) : y;
	if (x == 0)
		return copysign(__pi_2.hi, y);
	if (isinf(x)) {
		if (isinf(y))
			r = sx ? 3 * __pi_4.hi : __pi_4.hi;
		else
			r = sx ? __pi.hi : 0.0;
		return sy ? -r : r;
	}
	if (isinf(y))
		return copysign(__pi_2.hi, y);
	double ax = fabs(x), ay = fabs(y);
	int ex, ey;

	frexp(ax, &ex);
	frexp(ay, &ey);
	struct dd v;

	if (ey - ex > 60) {
		v = __pi_2;
	} else if (ex - ey > 60) {
		if (!sx) { /* tiny: y/x itself */
			r = ay / ax;
			if (r == 0) /* glibc: underflow to zero */
				__math_erange(0);
			return sy ? -r : r;
		}
		v = dd_from(0.0);
	} else {
		/* scale both to avoid overflow in the quotient */
		struct dd q = dd_div(dd_from(scalbn(ay, -ex)), dd_from(scalbn(ax, -ex)));

		/* x > 0: atan2 is atan y/x, whose fast phase may answer */
		if (!sx && __atan_fast(q, &r))
			return sy ? -r : r;
		v = __atan_dd(q);
	}
	if (sx)
		v = dd_sub(__pi, v);
	r = v.hi + v.lo;
	return sy ? -r : r;
}

double asin(double x)
{
	double a = fabs(x);

	if (isnan(x))
		return x + x;
	if (a > 1)
		return __math_edom((x - x) / (x - x));
	if (a < 0x1p-26)
		return x;
	if (a == 1)
		return copysign(__pi_2.hi, x);
	/* asin a = atan(a / sqrt(1 - a^2)), 1 - a^2 exact in dd */
	struct dd d = dd_add_d(dd_neg(two_prod(a, a)), 1.0);
	struct dd z = dd_div(dd_from(a), __sqrt_dd(d));
	double f;

	if (__atan_fast(z, &f))
		return copysign(f, x);
	struct dd v = __atan_dd(z);

	return copysign(v.hi + v.lo, x);
}

double acos(double x)
{
	if (isnan(x))
		return x + x;
	if (fabs(x) > 1)
		return __math_edom((x - x) / (x - x));
	if (x == 1)
		return 0.0;
	if (x == -1)
		return __pi.hi;
	/* acos x = 2 atan(sqrt((1 - x)/(1 + x))) */
	struct dd q = dd_div(two_sum(1.0, -x), two_sum(1.0, x));
	struct dd z = __sqrt_dd(q);
	double r;

	/* doubling is exact: twice atan's rounded value is acos rounded */
	if (__atan_fast(z, &r))
		return 2.0 * r;
	struct dd v = __atan_dd(z);

	return 2.0 * v.hi + 2.0 * v.lo;
}

float atanf(float x) { return (float)atan((double)x); }
float atan2f(float y, float x)
{
	float r = (float)atan2((double)y, (double)x);

	if (r == 0 && y != 0 && isfinite(x) && isfinite(y)) /* glibc: underflow to zero */
		return __math_erangef(r);
	return r;
}
float asinf(float x) { return (float)asin((double)x); }
float acosf(float x) { return (float)acos((double)x); }
