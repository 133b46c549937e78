/* fmod, remainder, remquo: exact, by long division of the significands
 * (shift and subtract, one quotient bit per exponent step). */
#include <math.h>
#include "math-internal.h"

/* |x| mod |y| for finite x, nonzero finite y; *quo gets the low bits of
 * the integer quotient. */
static double mod_abs(double x, double y, unsigned *quo)
{
	uint64_t ux = bits_of(x) & ~(1ULL << 63), uy = bits_of(y) & ~(1ULL << 63);
	int ex = (int)(ux >> 52), ey = (int)(uy >> 52);
	uint64_t mx = ux & ((1ULL << 52) - 1), my = uy & ((1ULL << 52) - 1);
	unsigned q = 0;

	*quo = 0;
	if (ux < uy)
		return from_bits(ux);
	/* Significands normalised to [2^52, 2^53), so each step keeps
	 * mx < 2 * my; ex, ey the exponents that go with them. */
	if (ex) mx |= 1ULL << 52; else for (ex = 1; !(mx >> 52); ex--) mx <<= 1;
	if (ey) my |= 1ULL << 52; else for (ey = 1; !(my >> 52); ey--) my <<= 1;
	for (; ex > ey; ex--) {
		if (mx >= my) {
			mx -= my;
			q |= 1;
		}
		mx <<= 1;
		q <<= 1;
	}
	if (mx >= my) {
		mx -= my;
		q |= 1;
	}
	*quo = q;
	/* exact: the remainder is a multiple of y's last place */
	return scalbn((double)mx, ey - 1075);
}

double fmod(double x, double y)
{
	unsigned q;

	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0)
		return __math_edom((x * y) / (x * y));
	if (isinf(y))
		return x;
	return copysign(mod_abs(x, y, &q), x);
}

float fmodf(float x, float y)
{
	return (float)fmod((double)x, (double)y);
}

double remquo(double x, double y, int *quo)
{
	unsigned q;
	double ay = fabs(y), r;

	*quo = 0;
	if (isnan(x) || isnan(y))
		return x + y;
	if (isinf(x) || y == 0) /* glibc's remquo leaves errno alone */
		return (x * y) / (x * y);
	if (isinf(y))
		return x;
	r = mod_abs(x, y, &q);
	/* Round the quotient to nearest, ties to even. */
	if (r > ay - r || (r == ay - r && (q & 1))) {
		r -= ay;
		q++;
	}
	q &= 7; /* glibc reports the low three bits */
	*quo = (signbit(x) != signbit(y)) ? -(int)q : (int)q;
	return signbit(x) ? -r : r;
}

double remainder(double x, double y)
{
	int q;

	if (!isnan(x) && !isnan(y) && (isinf(x) || y == 0))
		return __math_edom((x * y) / (x * y));
	return remquo(x, y, &q);
}

float remquof(float x, float y, int *quo)
{
	return (float)remquo((double)x, (double)y, quo);
}

float remainderf(float x, float y)
{
	return (float)remainder((double)x, (double)y);
}
