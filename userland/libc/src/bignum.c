/* Unsigned big integers: the few operations exact float conversion needs.
 * See bignum.h. */
#include "bignum.h"

static void trim(struct big *b)
{
	while (b->n > 0 && b->w[b->n - 1] == 0)
		b->n--;
}

void __big_set_words(struct big *b, const uint32_t *src, int n)
{
	for (int i = 0; i < n; i++)
		b->w[i] = src[i];
	b->n = n;
	trim(b);
}

int __big_is_zero(const struct big *b)
{
	return b->n == 0;
}

int __big_bitlen(const struct big *b)
{
	if (!b->n)
		return 0;
	return 32 * b->n - __builtin_clz(b->w[b->n - 1]);
}

void __big_mul_add_small(struct big *b, uint32_t m, uint32_t add)
{
	uint64_t carry = add;

	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->w[i] * m + carry;

		b->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry)
		b->w[b->n++] = (uint32_t)carry;
	trim(b);
}

void __big_mul_pow10(struct big *b, int e)
{
	static const uint32_t pow10[10] = { 1, 10, 100, 1000, 10000, 100000,
		1000000, 10000000, 100000000, 1000000000 };

	for (; e >= 9; e -= 9)
		__big_mul_add_small(b, pow10[9], 0);
	if (e)
		__big_mul_add_small(b, pow10[e], 0);
}

uint32_t __big_div_small(struct big *b, uint32_t d)
{
	uint64_t rem = 0;

	for (int i = b->n - 1; i >= 0; i--) {
		uint64_t cur = rem << 32 | b->w[i];

		b->w[i] = (uint32_t)(cur / d);
		rem = cur % d;
	}
	trim(b);
	return (uint32_t)rem;
}

void __big_shl(struct big *b, int bits)
{
	int words = bits / 32, s = bits % 32;

	if (!b->n)
		return;
	if (s) {
		uint32_t top = b->w[b->n - 1] >> (32 - s);

		for (int i = b->n - 1; i > 0; i--)
			b->w[i] = b->w[i] << s | b->w[i - 1] >> (32 - s);
		b->w[0] <<= s;
		if (top)
			b->w[b->n++] = top;
	}
	if (words) {
		for (int i = b->n - 1; i >= 0; i--)
			b->w[i + words] = b->w[i];
		for (int i = 0; i < words; i++)
			b->w[i] = 0;
		b->n += words;
	}
}

void __big_shr1(struct big *b)
{
	for (int i = 0; i < b->n; i++)
		b->w[i] = b->w[i] >> 1 |
			  (i + 1 < b->n ? b->w[i + 1] << 31 : 0);
	trim(b);
}

int __big_cmp(const struct big *a, const struct big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

void __big_sub(struct big *a, const struct big *b)
{
	uint32_t borrow = 0;

	for (int i = 0; i < a->n; i++) {
		uint32_t bw = i < b->n ? b->w[i] : 0;
		uint64_t t = (uint64_t)a->w[i] - bw - borrow;

		a->w[i] = (uint32_t)t;
		borrow = (uint32_t)(t >> 63);
	}
	trim(a);
}

int __big_bit(const struct big *b, int i)
{
	return i / 32 < b->n ? (int)(b->w[i / 32] >> (i % 32) & 1) : 0;
}
