/* sin, cos, tan: x = n*pi/2 + r (Cody-Waite with pi/2 in four parts for
 * |x| < 2^20, else Payne-Hanek: the bits of 2/pi that matter times the
 * significand, in integers), then sin/cos of r = j/64 + t from a table
 * and short series in t (|t| <= 1/128), all in double-double. */
#include <math.h>
#include "math-internal.h"

/* 64 bits of the 2/pi expansion starting at bit index i (bit 0 is the
 * first after the binary point). */
static uint64_t two_over_pi_bits(int i)
{
	uint64_t v = 0;

	for (int k = 0; k < 64; k++, i++)
		v = v << 1 | (__two_over_pi[i / 24] >> (23 - i % 24) & 1);
	return v;
}

/* Payne-Hanek for |x| >= 2^20: m * 2^e * (2/pi) mod 4, exactly enough. */
static int rem_pio2_large(double x, struct dd *r)
{
	uint64_t u = bits_of(x), m = (u & ((1ULL << 52) - 1)) | 1ULL << 52;
	int e = (int)(u >> 52 & 0x7ff) - 1075; /* x = m * 2^e */
	int i0 = e > 2 ? e - 2 : 0;             /* earlier bits give multiples of 4 */
	uint32_t w[6], mw[2] = { (uint32_t)m, (uint32_t)(m >> 32) }, prod[8] = { 0 };

	/* W = 192 bits of 2/pi from i0: sum over the window = W * 2^-(i0+192). */
	for (int k = 0; k < 3; k++) {
		uint64_t b = two_over_pi_bits(i0 + 64 * k);

		w[5 - 2 * k] = (uint32_t)(b >> 32);
		w[4 - 2 * k] = (uint32_t)b;
	}
	for (int a = 0; a < 2; a++) {
		uint64_t carry = 0;

		for (int b = 0; b < 6; b++) {
			uint64_t t = (uint64_t)mw[a] * w[b] + prod[a + b] + carry;

			prod[a + b] = (uint32_t)t;
			carry = t >> 32;
		}
		prod[a + 6] += (uint32_t)carry;
	}
	/* x*2/pi = prod * 2^(e - i0 - 192): the point is at bit p. */
	int p = i0 + 192 - e;
#define BIT(k) ((k) >= 0 && (k) < 256 ? (int)(prod[(k) / 32] >> ((k) % 32) & 1) : 0)
	int n = BIT(p) | BIT(p + 1) << 1;
	uint64_t f1 = 0, f2 = 0; /* 128 fraction bits */

	for (int k = 1; k <= 64; k++)
		f1 = f1 << 1 | (uint64_t)BIT(p - k);
	for (int k = 65; k <= 128; k++)
		f2 = f2 << 1 | (uint64_t)BIT(p - k);
#undef BIT
	/* f = f1:f2 / 2^128; take f - 1 (negated) when f >= 1/2, n + 1. */
	int fneg = (int)(f1 >> 63), shift = 0;

	if (fneg) {
		f2 = ~f2 + 1;
		f1 = ~f1 + (f2 == 0);
		n++;
	}
	if (f1 == 0) {
		f1 = f2;
		f2 = 0;
		shift = 64;
	}
	int z = __builtin_clzll(f1 | 1);

	if (z) {
		f1 = f1 << z | f2 >> (64 - z);
		f2 <<= z;
	}
	shift += z;
	struct dd f = fast_two_sum((double)(f1 >> 11) * 0x1p-53,
				   (double)((f1 & 0x7ff) << 42 | f2 >> 22) * 0x1p-106);

	f.hi = scalbn(f.hi, -shift);
	f.lo = scalbn(f.lo, -shift);
	if (fneg)
		f = dd_neg(f);
	*r = dd_mul(f, __pi_2);
	if (x < 0) {
		*r = dd_neg(*r);
		n = -n;
	}
	return n & 3;
}

int __rem_pio2(double x, struct dd *r)
{
	double a = fabs(x);

	if (a <= 0x1.921fb54442d18p-1) { /* pi/4 */
		*r = dd_from(x);
		return 0;
	}
	if (a >= 0x1p20)
		return rem_pio2_large(x, r);
	double n = rint(x * 0x1.45f306dc9c883p-1); /* x * 2/pi */
	struct dd v = two_sum(x - n * __pi_2_parts[0], -n * __pi_2_parts[1]);

	v = dd_add_d(v, -n * __pi_2_parts[2]);
	v = dd_add_d(v, -n * __pi_2_parts[3]);
	*r = v;
	return (int)n & 3;
}

/* sin t and cos t for |t| <= 1/128 + a little. */
static void sincos_small(struct dd t, struct dd *s, struct dd *c)
{
	struct dd u = dd_mul(t, t);
	double uh = u.hi;
	/* sin t = t * (1 - u/3! + u^2/5! - ...): degrees up to 13 */
	double ts = -__inv_fact[13].hi;

	ts = ts * uh + __inv_fact[11].hi;
	ts = ts * uh - __inv_fact[9].hi;
	struct dd ps = dd_add_d(__inv_fact[7], -ts * uh);

	ps = dd_neg(ps);
	ps = dd_add(dd_mul(ps, u), __inv_fact[5]);
	ps = dd_add(dd_mul(ps, u), dd_neg(__inv_fact[3]));
	ps = dd_add_d(dd_mul(ps, u), 1.0);
	*s = dd_mul(ps, t);
	/* cos t = 1 - u/2! + u^2/4! - ...: degrees up to 12 */
	double tc = __inv_fact[12].hi;

	tc = tc * uh - __inv_fact[10].hi;
	tc = tc * uh + __inv_fact[8].hi;
	struct dd pc = dd_add_d(dd_neg(__inv_fact[6]), tc * uh);

	pc = dd_add(dd_mul(pc, u), __inv_fact[4]);
	pc = dd_add(dd_mul(pc, u), dd_neg(__inv_fact[2]));
	*c = dd_add_d(dd_mul(pc, u), 1.0);
}

void __sincos_dd(struct dd r, struct dd *s, struct dd *c)
{
	int neg = r.hi < 0;
	struct dd a = neg ? dd_neg(r) : r, ss, cs;
	int j = (int)(a.hi * 64.0 + 0.5);
	struct dd t = dd_add_d(a, -(double)j * 0.015625);

	sincos_small(t, &ss, &cs);
	if (j) { /* sin(a+t), cos(a+t) from the table's sin a, cos a */
		struct dd s2 = dd_add(dd_mul(__sin_table[j], cs), dd_mul(__cos_table[j], ss));
		struct dd c2 = dd_sub(dd_mul(__cos_table[j], cs), dd_mul(__sin_table[j], ss));

		ss = s2;
		cs = c2;
	}
	*s = neg ? dd_neg(ss) : ss;
	*c = cs;
}

/* Ziv's first phase of sin r (cosine: 0) or cos r (1), r = __rem_pio2's
 * remainder: a = |r| = j/64 + t, |t| <= 1/128, and with the table's
 * S = sin(j/64), C = cos(j/64) (double-double):
 *   sin a = S + C t + S (cos t - 1) + C (sin t - t)
 *   cos a = C - S t + C (cos t - 1) - S (sin t - t)
 * The first product is exact (two_prod) and added exactly to the table's
 * head H; the rest is below |H| 2^-15 + 2^-23 (cos t - 1 and sin t - t by
 * their series in double) and carries a few roundings of 2^-53 of that:
 * the bound is 2^-63 |H| + 2^-70. For j = 0, sin t = t + (sin t - t)
 * with a bound of 2^-64 |t|, cos t = 1 + (cos t - 1) with 2^-64.
 * Returns 0 when the interval does not round to one double. */
static void sincos_eval(struct dd r, int want_cos, double *yp, double *ylp, double *errp)
{
	int neg = r.hi < 0;
	double ah = neg ? -r.hi : r.hi, al = neg ? -r.lo : r.lo;
	int j = (int)(ah * 64.0 + 0.5);
	double th = ah - (double)j * 0.015625, tl = al; /* exact */
	double t2 = th * th;
	double cm1 = t2 * (-0x1p-1 + t2 * (0x1.5555555555555p-5 + t2 * (-0x1.6c16c16c16c17p-10 +
		     t2 * 0x1.a01a01a01a01ap-16)));
	double sm = th * t2 * (-0x1.5555555555555p-3 + t2 * (0x1.1111111111111p-7 + t2 *
		    (-0x1.a01a01a01a01ap-13 + t2 * 0x1.71de3a556c734p-19)));
	double y, yl, err;

	if (j == 0) {
		if (want_cos) {
			double lo = cm1 - th * tl;

			y = 1.0 + lo;
			yl = lo - (y - 1.0);
			err = 0x1p-64;
		} else {
			double lo = tl + sm;

			y = th + lo;
			yl = lo - (y - th);
			err = 0x1p-64 * fabs(th);
		}
	} else {
		struct dd S = __sin_table[j], C = __cos_table[j];
		struct dd head = want_cos ? C : S;
		double other = want_cos ? -S.hi : C.hi, other_lo = want_cos ? -S.lo : C.lo;
		struct dd p = two_prod(other, th);
		struct dd h = fast_two_sum(head.hi, p.hi);
		/* head * (cos t - 1) + other * (sin t - t + tl) + the low parts */
		double lo = h.lo + (p.lo + (head.lo + other_lo * th + other * (sm + tl) + head.hi * (cm1 - th * tl)));

		y = h.hi + lo;
		yl = lo - (y - h.hi);
		err = 0x1p-63 * fabs(head.hi) + 0x1p-70;
	}
	if (neg && !want_cos) {
		y = -y;
		yl = -yl;
	}
	*yp = y;
	*ylp = yl;
	*errp = err;
}

int __sincos_fast(struct dd r, int want_cos, double *res)
{
	double y, yl, err;

	sincos_eval(r, want_cos, &y, &yl, &err);
	if (y + (yl + err) != y || y + (yl - err) != y)
		return 0;
	*res = y;
	return 1;
}

/* tan r = sin r / cos r (n even) or -cos r / sin r (n odd), from the two
 * evaluations above: the quotient q, its remainder exactly enough
 * (two_prod) for a second term, and a bound of the two relative bounds
 * added, times |q|, plus 2^-100 |q| for the division's own steps. */
int __tan_fast(struct dd r, int odd, double *res)
{
	double sy, syl, se, cy, cyl, ce;

	sincos_eval(r, 0, &sy, &syl, &se);
	sincos_eval(r, 1, &cy, &cyl, &ce);
	double nh = odd ? -cy : sy, nl = odd ? -cyl : syl, ne = odd ? ce : se;
	double dh = odd ? sy : cy, dl = odd ? syl : cyl, de = odd ? se : ce;
	double q = nh / dh;
	struct dd p = two_prod(q, dh);
	double q2 = (((nh - p.hi) - p.lo) + (nl - q * dl)) / dh;
	double y = q + q2, yl = q2 - (y - q);
	double err = fabs(q) * (1.01 * (ne / fabs(nh) + de / fabs(dh)) + 0x1p-100);

	if (y + (yl + err) != y || y + (yl - err) != y)
		return 0;
	*res = y;
	return 1;
}

/* tan's double-double path. */
double __tan_dd(struct dd r, int odd)
{
	struct dd s, c, v;

	__sincos_dd(r, &s, &c);
	v = odd ? dd_neg(dd_div(c, s)) : dd_div(s, c);
	return v.hi + v.lo;
}

double sin(double x)
{
	struct dd r, s, c, v;

	if (!isfinite(x))
		return isnan(x) ? x + x : __math_edom(x - x);
	if (fabs(x) < 0x1p-26)
		return x;
	int n = __rem_pio2(x, &r);
	double f;

	if (__sincos_fast(r, n & 1, &f))
		return n & 2 ? -f : f;
	__sincos_dd(r, &s, &c);
	v = n == 0 ? s : n == 1 ? c : n == 2 ? dd_neg(s) : dd_neg(c);
	return v.hi + v.lo;
}

double cos(double x)
{
	struct dd r, s, c, v;

	if (!isfinite(x))
		return isnan(x) ? x + x : __math_edom(x - x);
	if (fabs(x) < 0x1p-27)
		return 1.0;
	int n = __rem_pio2(x, &r);
	double f;

	/* cos: n = 0 cos r, 1 -sin r, 2 -cos r, 3 sin r */
	if (__sincos_fast(r, !(n & 1), &f))
		return (n + 1) & 2 ? -f : f;
	__sincos_dd(r, &s, &c);
	v = n == 0 ? c : n == 1 ? dd_neg(s) : n == 2 ? dd_neg(c) : s;
	return v.hi + v.lo;
}

double tan(double x)
{
	struct dd r;

	if (!isfinite(x))
		return isnan(x) ? x + x : __math_edom(x - x);
	if (fabs(x) < 0x1p-27)
		return x;
	int n = __rem_pio2(x, &r);
	double f;

	if (__tan_fast(r, n & 1, &f))
		return f;
	return __tan_dd(r, n & 1);
}

float sinf(float x) { return (float)sin((double)x); }
float cosf(float x) { return (float)cos((double)x); }
float tanf(float x) { return (float)tan((double)x); }
