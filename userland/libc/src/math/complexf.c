/* <complex.h> for float: each function in double (complex.c), rounded
 * once per part. */
#include <complex.h>
#include <math.h>

static float complex narrow(double complex r)
{
	return CMPLXF((float)__real__ r, (float)__imag__ r);
}

float (crealf)(float complex z) { return __real__ z; }
float (cimagf)(float complex z) { return __imag__ z; }
float complex conjf(float complex z) { return CMPLXF(__real__ z, -__imag__ z); }
float complex cprojf(float complex z) { return narrow(cproj(z)); }
float cabsf(float complex z) { return (float)cabs(z); }
float cargf(float complex z) { return (float)carg(z); }
float complex cpowf(float complex z, float complex w) { return narrow(cpow(z, w)); }

#define WIDEN(name) \
	float complex name##f(float complex z) { return narrow(name(z)); }
WIDEN(cexp)
WIDEN(clog)
WIDEN(csqrt)
WIDEN(csin)
WIDEN(ccos)
WIDEN(ctan)
WIDEN(csinh)
WIDEN(ccosh)
WIDEN(ctanh)
WIDEN(casin)
WIDEN(cacos)
WIDEN(catan)
WIDEN(casinh)
WIDEN(cacosh)
WIDEN(catanh)
