/* errno for libm: EDOM for a domain error (the result is a NaN), ERANGE
 * for overflow and underflow, as glibc reports them. */
#include <errno.h>
#include "math-internal.h"

double __math_edom(double r)
{
	errno = EDOM;
	return r;
}

double __math_erange(double r)
{
	errno = ERANGE;
	return r;
}

float __math_edomf(float r)
{
	errno = EDOM;
	return r;
}

float __math_erangef(float r)
{
	errno = ERANGE;
	return r;
}
