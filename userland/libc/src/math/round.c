/* floor, ceil, trunc, round, rint, nearbyint and their integer forms, by
 * clearing fraction bits (round to nearest even for rint: the default
 * rounding mode is the only one JOS's libc supports). */
#include <limits.h>
#include <math.h>
#include "math-internal.h"

/* x with its fraction dropped toward zero. */
double trunc(double x)
{
	uint64_t u = bits_of(x);
	int e = (int)(u >> 52 & 0x7ff) - 1023;

	if (e >= 52)
		return x; /* integral, inf or nan */
	if (e < 0)
		return from_bits(u & 1ULL << 63);
	return from_bits(u & ~((1ULL << (52 - e)) - 1));
}

float truncf(float x)
{
	uint32_t u = fbits_of(x);
	int e = (int)(u >> 23 & 0xff) - 127;

	if (e >= 23)
		return x;
	if (e < 0)
		return ffrom_bits(u & 0x80000000u);
	return ffrom_bits(u & ~((1u << (23 - e)) - 1));
}

double floor(double x)
{
	double t = trunc(x);

	return t > x ? t - 1.0 : t;
}

float floorf(float x)
{
	float t = truncf(x);

	return t > x ? t - 1.0f : t;
}

double ceil(double x)
{
	double t = trunc(x);

	return t < x ? t + 1.0 : (t == 0 ? copysign(0.0, x) : t);
}

float ceilf(float x)
{
	float t = truncf(x);

	return t < x ? t + 1.0f : (t == 0 ? copysignf(0.0f, x) : t);
}

/* Halfway cases away from zero. */
double round(double x)
{
	double t = trunc(x), a = fabs(x - t);

	if (a >= 0.5)
		t += copysign(1.0, x);
	return t == 0 ? copysign(0.0, x) : t;
}

float roundf(float x)
{
	float t = truncf(x), a = fabsf(x - t);

	if (a >= 0.5f)
		t += copysignf(1.0f, x);
	return t == 0 ? copysignf(0.0f, x) : t;
}

/* Adding and subtracting 2^52 (2^23) rounds the fraction off in the
 * current rounding mode: to nearest even by default, and as fesetround
 * asks on x86_64 (<fenv.h>). The sign decides which way to add, so that
 * upward and downward round the value, not its magnitude. */
double rint(double x)
{
	const double big = 4503599627370496.0; /* 2^52 */
	double r;

	if (!(fabs(x) < big))
		return x;
	r = x >= 0 ? (x + big) - big : (x - big) + big;
	return copysign(r, x);
}

float rintf(float x)
{
	const float big = 8388608.0f; /* 2^23 */
	float r;

	if (!(fabsf(x) < big))
		return x;
	r = x >= 0 ? (x + big) - big : (x - big) + big;
	return copysignf(r, x);
}

double nearbyint(double x) { return rint(x); }
float nearbyintf(float x) { return rintf(x); }

/* Out of range or NaN: the type's minimum, as glibc on x86_64 gives (the
 * conversion instruction's "integer indefinite"). */
#define TO_INT(name, type, ftype, fround, lo, hi)                  \
	type name(ftype x)                                          \
	{                                                           \
		ftype r = fround(x);                                \
		if (!(r >= (ftype)(lo) && r < -(ftype)(lo)))        \
			return (type)(lo);                          \
		return (type)r;                                     \
	}

TO_INT(lround, long, double, round, LONG_MIN, LONG_MAX)
TO_INT(lroundf, long, float, roundf, LONG_MIN, LONG_MAX)
TO_INT(llround, long long, double, round, LLONG_MIN, LLONG_MAX)
TO_INT(llroundf, long long, float, roundf, LLONG_MIN, LLONG_MAX)
TO_INT(lrint, long, double, rint, LONG_MIN, LONG_MAX)
TO_INT(lrintf, long, float, rintf, LONG_MIN, LONG_MAX)
TO_INT(llrint, long long, double, rint, LLONG_MIN, LLONG_MAX)
TO_INT(llrintf, long long, float, rintf, LLONG_MIN, LLONG_MAX)
