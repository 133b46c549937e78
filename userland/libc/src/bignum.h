/* Private to the libc: unsigned big integers for exact decimal <-> binary
 * conversion (printf's %e %f %g, strtod). Little-endian 32-bit words in a
 * caller-provided array; the caller sizes it for the worst case, so no
 * operation allocates. */
#ifndef _LIBC_BIGNUM_H
#define _LIBC_BIGNUM_H

#include <stdint.h>

struct big {
	uint32_t *w; /* words, least significant first */
	int n;       /* words in use; no leading zero words */
};

void __big_set_words(struct big *b, const uint32_t *src, int n);
int __big_is_zero(const struct big *b);
int __big_bitlen(const struct big *b);
/* b = b * m + add; the result must fit the caller's array. */
void __big_mul_add_small(struct big *b, uint32_t m, uint32_t add);
/* b *= 10^e (e >= 0). */
void __big_mul_pow10(struct big *b, int e);
/* b /= d; returns the remainder. */
uint32_t __big_div_small(struct big *b, uint32_t d);
void __big_shl(struct big *b, int bits);
void __big_shr1(struct big *b);
int __big_cmp(const struct big *a, const struct big *b);
/* a -= b, where a >= b. */
void __big_sub(struct big *a, const struct big *b);
/* Bit i of b (0 = least significant). */
int __big_bit(const struct big *b, int i);

#endif
