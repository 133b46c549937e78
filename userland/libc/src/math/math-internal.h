/* Private to libm: double-double arithmetic (a value as the unevaluated
 * sum hi + lo of two doubles, |lo| <= ulp(hi)/2, about 106 bits) and the
 * kernels built on it. The transcendental functions evaluate in
 * double-double and round once at the end, so they are correctly rounded
 * except when the true value lies within ~2^-100 relative of a tie.
 * Needs IEEE double arithmetic with no excess precision and no
 * reassociation: SSE2 on x86_64, libgcc's soft-float on riscv32. */
#ifndef _LIBM_INTERNAL_H
#define _LIBM_INTERNAL_H

#include <stdint.h>
#include <string.h>

/* The library is compiled without builtins (-ffreestanding); the kernels'
 * sign and rounding helpers are asked for as builtins by name so that they
 * are instructions, not calls. */
#define fabs(x) __builtin_fabs(x)
#define copysign(x, y) __builtin_copysign(x, y)

struct dd {
	double hi, lo;
};

static inline uint64_t bits_of(double x)
{
	uint64_t u;

	__builtin_memcpy(&u, &x, sizeof(u));
	return u;
}

static inline double from_bits(uint64_t u)
{
	double x;

	__builtin_memcpy(&x, &u, sizeof(x));
	return x;
}

static inline uint32_t fbits_of(float x)
{
	uint32_t u;

	__builtin_memcpy(&u, &x, sizeof(u));
	return u;
}

static inline float ffrom_bits(uint32_t u)
{
	float x;

	__builtin_memcpy(&x, &u, sizeof(x));
	return x;
}

/* a + b exactly, as s + e. */
static inline struct dd two_sum(double a, double b)
{
	double s = a + b, bb = s - a;

	return (struct dd){ s, (a - (s - bb)) + (b - bb) };
}

/* The same when |a| >= |b| (or a == 0). */
static inline struct dd fast_two_sum(double a, double b)
{
	double s = a + b;

	return (struct dd){ s, b - (s - a) };
}

/* a * b exactly (barring overflow/underflow): Dekker's product. */
static inline struct dd two_prod(double a, double b)
{
	const double split = 134217729.0; /* 2^27 + 1 */
	double p = a * b, t, ah, al, bh, bl;

	t = split * a;
	ah = t - (t - a);
	al = a - ah;
	t = split * b;
	bh = t - (t - b);
	bl = b - bh;
	return (struct dd){ p, ((ah * bh - p) + ah * bl + al * bh) + al * bl };
}

static inline struct dd dd_add(struct dd a, struct dd b)
{
	struct dd s = two_sum(a.hi, b.hi), t = two_sum(a.lo, b.lo);

	s.lo += t.hi;
	s = fast_two_sum(s.hi, s.lo);
	s.lo += t.lo;
	return fast_two_sum(s.hi, s.lo);
}

static inline struct dd dd_add_d(struct dd a, double b)
{
	struct dd s = two_sum(a.hi, b);

	s.lo += a.lo;
	return fast_two_sum(s.hi, s.lo);
}

static inline struct dd dd_neg(struct dd a)
{
	return (struct dd){ -a.hi, -a.lo };
}

static inline struct dd dd_sub(struct dd a, struct dd b)
{
	return dd_add(a, dd_neg(b));
}

static inline struct dd dd_mul(struct dd a, struct dd b)
{
	struct dd p = two_prod(a.hi, b.hi);

	p.lo += a.hi * b.lo + a.lo * b.hi;
	return fast_two_sum(p.hi, p.lo);
}

static inline struct dd dd_mul_d(struct dd a, double b)
{
	struct dd p = two_prod(a.hi, b);

	p.lo += a.lo * b;
	return fast_two_sum(p.hi, p.lo);
}

static inline struct dd dd_div(struct dd a, struct dd b)
{
	double q1 = a.hi / b.hi, q2, q3;
	struct dd r = dd_sub(a, dd_mul_d(b, q1));

	q2 = r.hi / b.hi;
	r = dd_sub(r, dd_mul_d(b, q2));
	q3 = r.hi / b.hi;
	struct dd q = fast_two_sum(q1, q2);

	return dd_add_d(q, q3);
}

static inline struct dd dd_from(double a)
{
	return (struct dd){ a, 0.0 };
}

/* Tables (tables.c, written by gen-tables.py). */
extern const struct dd __exp_table[64];   /* 2^(j/64) */
extern const double __ln2_64[3];          /* ln2/64 = [0]+[1]+[2] */
extern const struct dd __ln2, __inv_ln2, __inv_ln10, __ln10;
extern const struct dd __pi, __pi_2, __pi_4;
extern const double __log_inv[129];       /* ~1/(1 + j/128) */
extern const struct dd __log_table[129];  /* -log(__log_inv[j]) */
extern const struct dd __sin_table[53], __cos_table[53]; /* at j/64 */
extern const double __pi_2_parts[4];
extern const uint32_t __two_over_pi[53];  /* 24 bits each */
extern const struct dd __atan_table[65];  /* atan(j/64) */
extern const struct dd __inv_fact[24];    /* 1/k! */
extern const struct dd __inv_int[40];     /* 1/k (k >= 1) */
extern const struct dd __stirling[20];    /* B_2k / (2k (2k - 1)), k >= 1 */
extern const struct dd __two_over_sqrt_pi, __inv_sqrt_pi, __half_log_2pi;
extern const struct dd __lgamma1[63];     /* lgamma(1+e) = sum [k-1] e^k */
extern const struct dd __pow10_dd[616];   /* 10^k, k = -307..308 (strtod) */

/* Kernels (double-double in, double-double out). */
/* e^x = 2^*k * result, for |x| < ~746; result in [0.7, 1.5]. */
struct dd __exp_dd(struct dd x, int *k);
/* Ziv's fast phase of __exp_dd for |x| < ~745, x known to within xerr:
 * 1 and e^x = 2^*k * *y correctly rounded (y in [0.99, 2.02)), or 0 when
 * it cannot tell. */
int __exp_fast(struct dd x, double xerr, double *y, int *k);
/* The same evaluation unrounded: e^x = 2^*k (*y + *yl) within 2^*k *err. */
void __exp_eval(struct dd x, double xerr, double *y, double *yl, double *err, int *k);
/* sinh (sign -1) or cosh (+1) of 0.25 <= a <= 22 by the fast phase (1 and
 * *y, or 0), and by the double-double path for 2^-10 <= a <= 22. */
int __hyper_fast(double a, int sign, double *y);
double __hyper_dd(double a, int sign);
/* tanh: the fast phase for 0.25 <= a <= 22 (1 and *y, or 0), and the
 * double-double path for 2^-27 <= a <= 22. */
int __tanh_fast(double a, double *y);
double __tanh_dd(double a);
/* expm1: the fast phase for 0.25 <= |x|, -40 <= x <= 690 (1 and *y, or
 * 0), and the double-double path for 2^-7 <= |x|, -40 <= x <= 709.79. */
int __expm1_fast(double x, double *y);
double __expm1_dd(double x);
/* log1p for 2^-8 <= |x|, x > -1, finite: the fast phase (1 and *y, or 0)
 * and the double-double path. */
int __log1p_fast(double x, double *y);
double __log1p_dd(double x);
/* The same for log(x), finite x > 0: 1 and *y = log(x) rounded, or 0. */
int __log_fast(double x, double *y);
/* log(x) for finite x > 0 as a double-double with a bound *err on its
 * error (about 2^-75 |log x|): pow's first phase. */
struct dd __log_fast_dd(double x, double *err);
/* pow's two phases for x > 0, the result before its sign: 1 and *r, or 0;
 * and the double-double path. */
int __pow_fast(double x, double y, double *r);
/* log(x) * c rounded (c = __inv_ln2, __inv_ln10), or 0; and 2^f =
 * 2^*k * *y for |f| <= 1/2, or 0. */
int __log_scaled_fast(double x, struct dd c, double *y);
int __exp2_fast(double f, double *y, int *k);
double __pow_dd(double x, double y);
/* log(x) for finite x > 0 (subnormals included). */
struct dd __log_dd(double x);
/* log(x.hi + x.lo). */
struct dd __log_dd2(struct dd x);
/* x = n * pi/2 + r, |r| <= ~pi/4; returns n mod 4. */
int __rem_pio2(double x, struct dd *r);
/* sin and cos of |r| <= ~pi/4 + a bit. */
void __sincos_dd(struct dd r, struct dd *s, struct dd *c);
/* Ziv's fast phase of it: 1 and *y = sin r (want_cos 0) or cos r,
 * correctly rounded, or 0 when it cannot tell. */
int __sincos_fast(struct dd r, int want_cos, double *y);
/* tan of the remainder (odd: -cot): the fast phase (1 and *y, or 0) and
 * the double-double path. */
int __tan_fast(struct dd r, int odd, double *y);
double __tan_dd(struct dd r, int odd);
/* atan(x) for x >= 0. */
struct dd __atan_dd(struct dd x);
/* Its fast phase for x > 0 (exact to ~2^-100): 1 and *y = atan x
 * rounded, or 0. */
int __atan_fast(struct dd x, double *y);
struct dd __sqrt_dd(struct dd x);
/* cbrt of a finite x > 0: the fast phase (1 and *y, or 0) and the
 * double-double path, e^(log x / 3). */
int __cbrt_fast(double x, double *y);
double __cbrt_dd(double x);

/* 2^k * (hi + lo), rounded once, with overflow/underflow. */
double __scale_dd(struct dd v, int k);
/* errno helpers: return their argument after setting EDOM / ERANGE. */
double __math_edom(double r);
double __math_erange(double r);
float __math_edomf(float r);
float __math_erangef(float r);

#endif
