/* frexp, ldexp, scalbn, scalbln, modf, ilogb, logb, nextafter: exponent
 * and ulp manipulation on the bits. */
#include <limits.h>
#include <math.h>
#include "math-internal.h"

double frexp(double x, int *e)
{
	uint64_t u = bits_of(x);
	int be = (int)(u >> 52 & 0x7ff);

	*e = 0;
	if (be == 0x7ff || x == 0)
		return x;
	if (be == 0) { /* subnormal: normalise first */
		x *= 0x1p64;
		u = bits_of(x);
		be = (int)(u >> 52 & 0x7ff) - 64;
	}
	*e = be - 1022;
	return from_bits((u & ~(0x7ffULL << 52)) | 1022ULL << 52);
}

float frexpf(float x, int *e)
{
	double d = frexp((double)x, e);

	return (float)d;
}

/* x * 2^n with one rounding: scaled in steps that are exact, the last
 * one rounding (into the subnormals if it must). */
double scalbn(double x, int n)
{
	if (n > 1023) {
		x *= 0x1p1023;
		n -= 1023;
		if (n > 1023) {
			x *= 0x1p1023;
			n -= 1023;
			if (n > 1023)
				n = 1023;
		}
	} else if (n < -1022) {
		/* 2^-1022 * 2^53 keeps 53 bits until the final step */
		x *= 0x1p-1022 * 0x1p53;
		n += 1022 - 53;
		if (n < -1022) {
			x *= 0x1p-1022 * 0x1p53;
			n += 1022 - 53;
			if (n < -1022)
				n = -1022;
		}
	}
	double r = x * from_bits((uint64_t)(0x3ff + n) << 52);

	if ((isinf(r) && !isinf(x)) || (r == 0 && x != 0))
		return __math_erange(r);
	return r;
}

float scalbnf(float x, int n)
{
	if (n > 400) n = 400;
	if (n < -400) n = -400;
	float r = (float)((double)x * from_bits((uint64_t)(0x3ff + n) << 52));

	if ((isinf(r) && !isinf(x)) || (r == 0 && x != 0))
		return __math_erangef(r);
	return r;
}

double ldexp(double x, int n) { return scalbn(x, n); }
float ldexpf(float x, int n) { return scalbnf(x, n); }

double scalbln(double x, long n)
{
	return scalbn(x, n > INT_MAX ? INT_MAX : n < INT_MIN ? INT_MIN : (int)n);
}

float scalblnf(float x, long n)
{
	return scalbnf(x, n > INT_MAX ? INT_MAX : n < INT_MIN ? INT_MIN : (int)n);
}

double modf(double x, double *ip)
{
	double t = trunc(x);

	*ip = t;
	if (isinf(x))
		return copysign(0.0, x);
	return copysign(x - t, x);
}

float modff(float x, float *ip)
{
	float t = truncf(x);

	*ip = t;
	if (isinf(x))
		return copysignf(0.0f, x);
	return copysignf(x - t, x);
}

int ilogb(double x)
{
	int e;

	if (x == 0 || isnan(x)) {
		__math_edom(0);
		return x == 0 ? FP_ILOGB0 : FP_ILOGBNAN;
	}
	if (isinf(x)) {
		__math_edom(0);
		return INT_MAX;
	}
	frexp(x, &e);
	return e - 1;
}

int ilogbf(float x) { return ilogb((double)x); }

double logb(double x)
{
	int e;

	if (x == 0)
		return -1.0 / fabs(x); /* glibc: no errno */
	if (!isfinite(x))
		return x * x;
	frexp(x, &e);
	return e - 1;
}

float logbf(float x)
{
	return (float)logb((double)x);
}

double nextafter(double x, double y)
{
	uint64_t u;
	double r;

	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	if (x == 0)
		r = copysign(0x1p-1074, y);
	else {
		u = bits_of(x);
		u += (x < y) == (x > 0) ? 1 : -1;
		r = from_bits(u);
	}
	if (isinf(r) || (x != 0 && (fpclassify(r) == FP_SUBNORMAL || r == 0)))
		return __math_erange(r);
	return r;
}

float nextafterf(float x, float y)
{
	uint32_t u;
	float r;

	if (isnan(x) || isnan(y))
		return x + y;
	if (x == y)
		return y;
	if (x == 0)
		r = copysignf(0x1p-149f, y);
	else {
		u = fbits_of(x);
		u += (x < y) == (x > 0) ? 1 : -1;
		r = ffrom_bits(u);
	}
	if (isinf(r) || (x != 0 && (fpclassify(r) == FP_SUBNORMAL || r == 0)))
		return __math_erangef(r);
	return r;
}
