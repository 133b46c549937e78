/* sqrt and sqrtf, correctly rounded: the SSE2 instruction on x86_64; on
 * riscv32 (no FPU) an integer square root of the significand, digit by
 * digit, with the remainder deciding the last bit (a square root is never
 * exactly halfway between two doubles). */
#include <math.h>
#include "math-internal.h"

#if defined(__x86_64__)
static double sqrt_positive(double x)
{
	__asm__("sqrtsd %1, %0" : "=x"(x) : "x"(x));
	return x;
}
#else
static double sqrt_positive(double x)
{
	uint64_t u = bits_of(x), m = u & ((1ULL << 52) - 1);
	int e = (int)(u >> 52);

	if (e == 0) { /* subnormal: normalise */
		e = 1;
		while (!(m >> 52)) {
			m <<= 1;
			e--;
		}
	} else {
		m |= 1ULL << 52;
	}
	e -= 1023; /* x = m * 2^(e - 52), m in [2^52, 2^53) */
	if (e & 1) {
		m <<= 1;
		e--;
	}
	/* sqrt(m * 2^54) has 54 bits: the 53 wanted and one rounding bit.
	 * The radicand m * 2^54 is fed two bits at a time from the top. */
	uint64_t hi = m << 10, lo = 0; /* the radicand at the top of hi:lo */
	uint64_t root = 0, rem = 0;

	for (int i = 0; i < 54; i++) {
		rem = rem << 2 | hi >> 62;
		hi = hi << 2 | lo >> 62;
		lo <<= 2;
		uint64_t trial = root << 2 | 1;

		root <<= 1;
		if (rem >= trial) {
			rem -= trial;
			root |= 1;
		}
	}
	/* root has 54 bits; the low one is the rounding bit, rem the rest */
	root = (root >> 1) + (root & 1); /* nearest; no ties possible */
	if (root >> 53) {
		root >>= 1;
		e += 2;
	}
	return from_bits((uint64_t)(e / 2 + 1023) << 52 | (root & ((1ULL << 52) - 1)));
}
#endif

double sqrt(double x)
{
	if (x < 0)
		return __math_edom((x - x) / (x - x));
	if (x == 0 || !isfinite(x))
		return x;
	return sqrt_positive(x);
}

/* Rounding the correctly rounded double again to float is exact enough:
 * 53 >= 2 * 24 + 2. */
float sqrtf(float x)
{
	return (float)sqrt((double)x);
}
