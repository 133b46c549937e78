/* Private to the libc: the bit layouts of double and long double, taken
 * apart into sign, class and an exact m * 2^e (printf) and put back
 * together (strtod). long double is x87's 80-bit format on x86_64 and
 * IEEE binary128 on riscv32 (ilp32), told apart by __LDBL_MANT_DIG__. */
#ifndef _LIBC_FLOAT_BITS_H
#define _LIBC_FLOAT_BITS_H

#include <stdint.h>
#include <string.h>

enum { FP_KIND_ZERO, FP_KIND_FINITE, FP_KIND_INF, FP_KIND_NAN };

struct fp_parts {
	int neg, kind;
	uint32_t m[4]; /* the significand, least significant word first */
	int e;         /* value = m * 2^e */
	int hex_digits; /* %a: fraction hex digits; m >> 4*hex_digits is the
			   leading digit */
};

static inline void fp_decode_double(double v, struct fp_parts *p)
{
	uint64_t bits, frac;
	int biased;

	memcpy(&bits, &v, sizeof(bits));
	frac = bits & ((1ULL << 52) - 1);
	biased = (int)(bits >> 52 & 0x7ff);
	*p = (struct fp_parts){ .neg = (int)(bits >> 63), .hex_digits = 13 };
	if (biased == 0x7ff) {
		p->kind = frac ? FP_KIND_NAN : FP_KIND_INF;
		return;
	}
	if (biased == 0 && frac == 0) {
		p->kind = FP_KIND_ZERO;
		return;
	}
	p->kind = FP_KIND_FINITE;
	if (biased)
		frac |= 1ULL << 52;
	p->m[0] = (uint32_t)frac;
	p->m[1] = (uint32_t)(frac >> 32);
	p->e = (biased ? biased : 1) - 1075;
}

#if __LDBL_MANT_DIG__ == 64
static inline void fp_decode_long_double(long double v, struct fp_parts *p)
{
	unsigned char raw[10];
	uint64_t mant;
	uint16_t se;
	int biased;

	memcpy(raw, &v, sizeof(raw));
	memcpy(&mant, raw, 8);
	memcpy(&se, raw + 8, 2);
	biased = se & 0x7fff;
	*p = (struct fp_parts){ .neg = se >> 15, .hex_digits = 15 };
	if (biased == 0x7fff) {
		p->kind = mant << 1 ? FP_KIND_NAN : FP_KIND_INF;
		return;
	}
	if (mant == 0) {
		p->kind = FP_KIND_ZERO;
		return;
	}
	p->kind = FP_KIND_FINITE;
	p->m[0] = (uint32_t)mant;
	p->m[1] = (uint32_t)(mant >> 32);
	p->e = (biased ? biased : 1) - 16383 - 63;
}
#elif __LDBL_MANT_DIG__ == 113
static inline void fp_decode_long_double(long double v, struct fp_parts *p)
{
	uint64_t lo, hi;
	int biased;

	memcpy(&lo, (const char *)&v, 8);
	memcpy(&hi, (const char *)&v + 8, 8);
	biased = (int)(hi >> 48 & 0x7fff);
	*p = (struct fp_parts){ .neg = (int)(hi >> 63), .hex_digits = 28 };
	hi &= (1ULL << 48) - 1;
	if (biased == 0x7fff) {
		p->kind = hi | lo ? FP_KIND_NAN : FP_KIND_INF;
		return;
	}
	if (biased == 0 && (hi | lo) == 0) {
		p->kind = FP_KIND_ZERO;
		return;
	}
	p->kind = FP_KIND_FINITE;
	if (biased)
		hi |= 1ULL << 48;
	p->m[0] = (uint32_t)lo;
	p->m[1] = (uint32_t)(lo >> 32);
	p->m[2] = (uint32_t)hi;
	p->m[3] = (uint32_t)(hi >> 32);
	p->e = (biased ? biased : 1) - 16383 - 112;
}
#else /* long double is double */
static inline void fp_decode_long_double(long double v, struct fp_parts *p)
{
	fp_decode_double((double)v, p);
}
#endif

#endif
