/* <complex.h> for double: the elementary functions from the real ones,
 * with the usual care where the textbook formula loses the answer: clog
 * near |z| = 1 (x^2 + y^2 - 1 from exact squares, then log1p), csqrt by
 * Kahan's formula (no cancellation, scaled near overflow), ctanh through
 * sinh^2 x + cos^2 y (one rounding per factor; +-1 beyond |x| = 354),
 * the inverse functions on the half plane where z + sqrt(z^2 + 1) does not
 * cancel, then by symmetry. cpow is cexp(w clog z), as in glibc. Infinite
 * and NaN parts follow C99 Annex G for cexp, clog, csqrt and cproj;
 * elsewhere they propagate through the formulas. */
#include <complex.h>
#include <math.h>
#include "math-internal.h"

#define C(x, y) CMPLX(x, y)

double (creal)(double complex z) { return __real__ z; }
double (cimag)(double complex z) { return __imag__ z; }
double complex conj(double complex z) { return C(__real__ z, -__imag__ z); }

double complex cproj(double complex z)
{
	if (isinf(__real__ z) || isinf(__imag__ z))
		return C(INFINITY, copysign(0.0, __imag__ z));
	return z;
}

double cabs(double complex z) { return hypot(__real__ z, __imag__ z); }
double carg(double complex z) { return atan2(__imag__ z, __real__ z); }

double complex cexp(double complex z)
{
	double x = __real__ z, y = __imag__ z;

	if (y == 0 && !isnan(x))
		return C(exp(x), y);
	if (isinf(x) && !isfinite(y)) /* e^(+-inf + i inf or nan) */
		return x > 0 ? C(x, y - y) : C(0.0, 0.0);
	double s = sin(y), c = cos(y);

	if (x > 709) { /* e^x overflows alone; the product may not */
		double h = exp(x * 0.5);

		return C(h * c * h, h * s * h);
	}
	double e = exp(x);

	return C(e * c, e * s);
}

double complex clog(double complex z)
{
	double x = __real__ z, y = __imag__ z, ax = fabs(x), ay = fabs(y), re;

	if (isinf(x) || isinf(y))
		return C(INFINITY, atan2(y, x));
	if (ax < ay) {
		double t = ax;

		ax = ay;
		ay = t;
	}
	if (ax == 0)
		re = -1.0 / ax; /* -inf, divide-by-zero */
	else if (ax >= 0.5 && ax <= 1.5 && ay < 1.2) {
		/* log|z| = log1p(x^2 + y^2 - 1) / 2, the squares exact */
		struct dd a = two_prod(ax, ax), b = two_prod(ay, ay);
		struct dd d = dd_add(dd_add_d(a, -1.0), b);

		re = 0.5 * log1p(d.hi + d.lo);
	} else if (ax > 0x1p1000) {
		re = log(hypot(x * 0x1p-2, y * 0x1p-2)) + 2 * __ln2.hi;
	} else {
		re = log(hypot(x, y));
	}
	return C(re, atan2(y, x));
}

double complex csqrt(double complex z)
{
	double x = __real__ z, y = __imag__ z, t;

	if (isinf(y))
		return C(INFINITY, y);
	if (isinf(x)) {
		if (x > 0)
			return C(x, isnan(y) ? y : copysign(0.0, y));
		return C(isnan(y) ? fabs(y - y) : 0.0, copysign(INFINITY, y));
	}
	if (x == 0 && y == 0)
		return C(0.0, y);
	if (fabs(x) > 0x1p1020 || fabs(y) > 0x1p1020) /* halve to keep hypot finite */
		t = 2.0 * sqrt((fabs(x * 0.25) + hypot(x * 0.25, y * 0.25)) * 0.5);
	else
		t = sqrt((fabs(x) + hypot(x, y)) * 0.5);
	if (x >= 0)
		return C(t, y / (2 * t));
	return C(fabs(y) / (2 * t), copysign(t, y));
}

double complex cpow(double complex z, double complex w)
{
	return cexp(w * clog(z));
}

double complex csinh(double complex z)
{
	double x = __real__ z, y = __imag__ z;

	return C(sinh(x) * cos(y), cosh(x) * sin(y));
}

double complex ccosh(double complex z)
{
	double x = __real__ z, y = __imag__ z;

	return C(cosh(x) * cos(y), sinh(x) * sin(y));
}

double complex ctanh(double complex z)
{
	double x = __real__ z, y = __imag__ z, s = sin(y), c = cos(y);

	if (fabs(x) > 354) /* e^-2|x| is below every rounding of the real part */
		return C(copysign(1.0, x), 4 * s * c * exp(-2 * fabs(x)));
	double sh = sinh(x), ch = cosh(x), den = sh * sh + c * c;

	return C(sh * ch / den, s * c / den);
}

/* f(z) = -i g(iz) for the trigonometric functions: iz = -y + ix. */
#define ROTATED(f, g)                                           \
	double complex f(double complex z)                      \
	{                                                       \
		double complex r = g(C(-__imag__ z, __real__ z)); \
		return C(__imag__ r, -__real__ r);              \
	}

double complex csin(double complex z)
{
	double x = __real__ z, y = __imag__ z;

	return C(sin(x) * cosh(y), cos(x) * sinh(y));
}

double complex ccos(double complex z)
{
	double x = __real__ z, y = __imag__ z;

	return C(cos(x) * cosh(y), -(sin(x) * sinh(y)));
}

ROTATED(ctan, ctanh)

/* asinh z = log(z + sqrt(z^2 + 1)) for Re z >= 0; odd. */
double complex casinh(double complex z)
{
	double x = __real__ z, y = __imag__ z;
	int neg = signbit(x);
	double ax = fabs(x), ay = neg ? -y : y;
	/* z^2 + 1 = x^2 + (1 - y)(1 + y) + 2xy i: no cancellation near +-i */
	double complex root = csqrt(C(ax * ax + (1 - ay) * (1 + ay), 2 * ax * ay));
	double complex r = clog(C(ax + __real__ root, ay + __imag__ root));

	return neg ? C(-__real__ r, -__imag__ r) : r;
}

ROTATED(casin, casinh)

/* acos z = pi/2 - asin z; on the real axis the real part is acos x
 * (0 or pi beyond +-1) exactly, not a difference. */
double complex cacos(double complex z)
{
	double complex s = casin(z);
	double x = __real__ z;

	if (__imag__ z == 0 && !isnan(x))
		return C(fabs(x) <= 1 ? acos(x) : x > 0 ? 0.0 : __pi.hi, -__imag__ s);
	return C(__pi_2.hi - __real__ s + __pi_2.lo, -__imag__ s);
}

/* acosh z = log(z + sqrt(z + 1) sqrt(z - 1)) (Kahan's branch cuts). */
double complex cacosh(double complex z)
{
	return clog(z + csqrt(z + 1.0) * csqrt(z - 1.0));
}

/* atanh z = log((1 + z) / (1 - z)) / 2, in real terms. */
double complex catanh(double complex z)
{
	double x = __real__ z, y = __imag__ z;
	double den = (1 - x) * (1 - x) + y * y;

	return C(0.25 * log1p(4 * x / den), 0.5 * atan2(2 * y, (1 - x) * (1 + x) - y * y));
}

ROTATED(catan, catanh)
