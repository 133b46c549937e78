/* complex.h: the operators (+ - * / through libgcc, with C99's infinity
 * rules) and every function, double and float, on points in each
 * quadrant, near the unit circle, near the branch points and large.
 * Results are printed to 12 significant digits (floats to 5): JOS's
 * functions are not glibc's algorithms, and may differ in the last bits. */
#include <complex.h>
#include <math.h>
#include <stdio.h>

static const double complex points[] = {
	CMPLX(1.5, 0.5), CMPLX(-2.25, 1.75), CMPLX(-0.3, -0.8), CMPLX(0.7, -3.1), CMPLX(0.6, 0.8),
	CMPLX(1.0000001, 1e-4), CMPLX(0.25, 1.1), CMPLX(12.5, -7.25), CMPLX(1e-3, 2e-3), CMPLX(40.0, 0.75),
	CMPLX(-0.5, 30.0), CMPLX(3.0, 0.0), CMPLX(-3.0, 0.5), CMPLX(1e150, 1e150), CMPLX(2e-9, -1.0),
};
#define NPOINTS (sizeof(points) / sizeof(points[0]))

static void show(const char *name, double complex r)
{
	double re = creal(r), im = cimag(r);

	printf(" %s %.12g%+.12gi", name, isnan(re) ? fabs(re) : re, isnan(im) ? fabs(im) : im);
}

static void showf(const char *name, float complex r)
{
	printf(" %s %.5g%+.5gi", name, (double)crealf(r), (double)cimagf(r));
}

int main(void)
{
	for (unsigned i = 0; i < NPOINTS; i++) {
		double complex z = points[i], w = points[(i + 3) % NPOINTS];

		printf("z = %g%+gi:\n ", creal(z), cimag(z));
		printf(" abs %.12g arg %.12g", cabs(z), carg(z));
		show("conj", conj(z));
		show("proj", cproj(z));
		show("z*w", z * w);
		show("z/w", z / w);
		printf("\n ");
		show("exp", cexp(z));
		show("log", clog(z));
		show("sqrt", csqrt(z));
		printf("\n ");
		show("pow", cpow(z, CMPLX(0.5, 0.25)));
		show("sin", csin(z));
		show("cos", ccos(z));
		printf("\n ");
		show("tan", ctan(z));
		show("sinh", csinh(z));
		show("cosh", ccosh(z));
		printf("\n ");
		show("tanh", ctanh(z));
		show("asin", casin(z));
		show("acos", cacos(z));
		printf("\n ");
		show("atan", catan(z));
		show("asinh", casinh(z));
		show("acosh", cacosh(z));
		show("atanh", catanh(z));
		printf("\n ");
		float complex f = (float complex)z;

		if (cabs(z) < 1e30) {
			showf("expf", cexpf(f));
			showf("logf", clogf(f));
			showf("sqrtf", csqrtf(f));
			showf("sinf", csinf(f));
			showf("atanhf", catanhf(f));
			printf(" absf %.6g", (double)cabsf(f));
		}
		printf("\n");
	}
	/* (a NaN's sign is the hardware's: x86 makes -nan, soft-float +nan) */
	double complex inf = CMPLX(INFINITY, 1.0), nanz = CMPLX(NAN, 2.0);

	show("inf*2i", inf * 2.0 * I);
	show("1/(0+0i)", 1.0 / CMPLX(0.0, 0.0));
	show("exp(-inf+1i)", cexp(CMPLX(-INFINITY, 1.0)));
	show("log(0)", clog(CMPLX(0.0, 0.0)));
	show("sqrt(-4)", csqrt(CMPLX(-4.0, 0.0)));
	show("sqrt(-4-0i)", csqrt(CMPLX(-4.0, -0.0)));
	show("proj", cproj(CMPLX(-INFINITY, -2.0)));
	printf(" nan real %d\n", isnan(creal(nanz)));
	printf("I*I = %g%+gi, sizeof(double complex) %zu, float complex %zu\n", creal(I * I), cimag(I * I),
	       sizeof(double complex), sizeof(float complex));
	return 0;
}
