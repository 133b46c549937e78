/* fabs, copysign, fmin, fmax, fdim, nan: sign and ordering by bits. */
#include <math.h>
#include "math-internal.h"

double (fabs)(double x) { return from_bits(bits_of(x) & ~(1ULL << 63)); }
float fabsf(float x) { return ffrom_bits(fbits_of(x) & 0x7fffffffu); }
long double fabsl(long double x) { return x < 0 || (x == 0 && __builtin_signbit(x)) ? -x : x; }

double (copysign)(double x, double y)
{
	return from_bits((bits_of(x) & ~(1ULL << 63)) | (bits_of(y) & 1ULL << 63));
}

float copysignf(float x, float y)
{
	return ffrom_bits((fbits_of(x) & 0x7fffffffu) | (fbits_of(y) & 0x80000000u));
}

long double copysignl(long double x, long double y)
{
	return __builtin_signbit(x) != __builtin_signbit(y) ? -x : x;
}

/* A quiet NaN loses to a number; a signalling one makes a NaN; -0 is
 * below +0, as glibc. */
static int snan(double x)
{
	return isnan(x) && !(bits_of(x) >> 51 & 1);
}

static int snanf(float x)
{
	return isnan(x) && !(fbits_of(x) >> 22 & 1);
}

double fmin(double x, double y)
{
	if (snan(x) || snan(y)) return x + y;
	if (isnan(x)) return y;
	if (isnan(y)) return x;
	if (x == y) return signbit(x) ? x : y;
	return x < y ? x : y;
}

float fminf(float x, float y)
{
	if (snanf(x) || snanf(y)) return x + y;
	if (isnan(x)) return y;
	if (isnan(y)) return x;
	if (x == y) return signbit(x) ? x : y;
	return x < y ? x : y;
}

double fmax(double x, double y)
{
	if (snan(x) || snan(y)) return x + y;
	if (isnan(x)) return y;
	if (isnan(y)) return x;
	if (x == y) return signbit(x) ? y : x;
	return x > y ? x : y;
}

float fmaxf(float x, float y)
{
	if (snanf(x) || snanf(y)) return x + y;
	if (isnan(x)) return y;
	if (isnan(y)) return x;
	if (x == y) return signbit(x) ? y : x;
	return x > y ? x : y;
}

double fdim(double x, double y)
{
	if (isnan(x) || isnan(y)) return x + y;
	if (x <= y) return 0.0;
	double r = x - y;

	return isinf(r) && !isinf(x) && !isinf(y) ? __math_erange(r) : r;
}

float fdimf(float x, float y)
{
	if (isnan(x) || isnan(y)) return x + y;
	if (x <= y) return 0.0f;
	float r = x - y;

	return isinf(r) && !isinf(x) && !isinf(y) ? __math_erangef(r) : r;
}

double nan(const char *tag) { (void)tag; return from_bits(0x7ff8000000000000ULL); }
float nanf(const char *tag) { (void)tag; return ffrom_bits(0x7fc00000u); }
