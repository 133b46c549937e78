/* strtod, strtof, strtold, atof: decimal and hexadecimal floating-point
 * text to the nearest double / float / long double (ties to even), with
 * inf/nan, and ERANGE on overflow and on inexact underflow, as glibc.
 *
 * Decimal: the digits D and exponent x give D * 10^x exactly as a big
 * integer (x >= 0) or as a quotient D * 2^k / 10^-x computed to a few
 * bits more than the format holds plus a sticky remainder bit; the
 * rounding to the format's precision (fewer bits for subnormals) then
 * happens once, on exact information. Before that, a fast path for
 * doubles: up to 19 digits times 10^x in double-double (~2^-100 relative
 * error) decides the rounding whenever it is not that close to a tie. */
#include <ctype.h>
#include <math.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "bignum.h"
#include "float-bits.h"
#include "math/math-internal.h"

/* A format: significand bits (with the leading one), the exponent of the
 * smallest normal and the largest finite value's leading bit, and decimal
 * exponent bounds beyond which the result is surely 0 or infinite. */
struct fmt {
	int mant, emin, emax, dec_min, dec_max, max_digits;
};

static const struct fmt FMT_FLOAT = { 24, -126, 127, -47, 40, 120 };
static const struct fmt FMT_DOUBLE = { 53, -1022, 1023, -325, 310, 800 };
#if __LDBL_MANT_DIG__ == 64
static const struct fmt FMT_LDOUBLE = { 64, -16382, 16383, -4953, 4934, 12000 };
#elif __LDBL_MANT_DIG__ == 113
static const struct fmt FMT_LDOUBLE = { 113, -16382, 16383, -4968, 4934, 12000 };
#endif

/* The rounded result: value = m * 2^(e), m < 2^mant, or a class. */
struct result {
	int neg, inf, nan, range;
	uint32_t m[4];
	int e;
};

/* Rounds q * 2^qe (q != 0, sticky: something nonzero was below q) to the
 * format, setting overflow/underflow. */
static void round_to(const struct fmt *f, struct big *q, int qe, int sticky,
		     struct result *r)
{
	int len = __big_bitlen(q);
	int top = len - 1 + qe; /* exponent of the leading bit */
	int keep = f->mant, drop, half = 0;

	if (top < f->emin)
		keep -= f->emin - top; /* a subnormal: fewer bits */
	drop = len - keep;
	if (keep < 0) { /* below half the smallest subnormal: zero */
		q->n = 0;
		half = 0;
		sticky = 1;
	} else if (drop > 0) {
		int words = drop / 32, bits = drop % 32;

		half = __big_bit(q, drop - 1);
		for (int i = 0; i < drop - 1 && !sticky; i++)
			sticky = __big_bit(q, i);
		for (int i = 0; i < q->n; i++) { /* q >>= drop */
			uint32_t lo = i + words < q->n ? q->w[i + words] : 0;
			uint32_t hi = i + words + 1 < q->n ? q->w[i + words + 1] : 0;

			q->w[i] = bits ? lo >> bits | hi << (32 - bits) : lo;
		}
		while (q->n > 0 && q->w[q->n - 1] == 0)
			q->n--;
		qe += drop;
	} else if (drop < 0) {
		__big_shl(q, -drop);
		qe += drop;
	}
	if (half && (sticky || __big_bit(q, 0)))
		__big_mul_add_small(q, 1, 1);
	if (__big_bitlen(q) > f->mant) { /* rounded up to 2^mant */
		__big_shr1(q);
		qe++;
	}
	/* Tiny and inexact, or nothing left: glibc reports underflow. */
	if (((half || sticky) && top < f->emin) || q->n == 0)
		r->range = 1;
	memset(r->m, 0, sizeof(r->m));
	for (int i = 0; i < q->n && i < 4; i++)
		r->m[i] = q->w[i];
	r->e = qe;
	if (q->n && __big_bitlen(q) - 1 + qe > f->emax)
		r->inf = r->range = 1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int match(const char *s, const char *word)
{
	size_t i = 0;

	for (; word[i]; i++)
		if ((s[i] | 0x20) != word[i])
			return 0;
	return (int)i;
}

/* Hex: 0x h.hhh p±d */
static const char *parse_hex(const struct fmt *f, const char *s,
			     struct big *q, struct result *r)
{
	int sticky = 0, any = 0, point = 0, exp2 = 0, v;
	const char *start = s;

	q->n = 0;
	for (;; s++) {
		if (*s == '.' && !point) {
			point = 1;
			continue;
		}
		if ((v = hexval((unsigned char)*s)) < 0)
			break;
		any = 1;
		if (__big_bitlen(q) <= f->mant + 8) {
			__big_mul_add_small(q, 16, (uint32_t)v);
			if (point)
				exp2 -= 4;
		} else {
			sticky |= v != 0;
			if (!point)
				exp2 += 4;
		}
	}
	if (!any)
		return NULL;
	if ((*s | 0x20) == 'p') {
		const char *e = s + 1;
		int eneg = 0;
		long ev = 0;

		if (*e == '+' || *e == '-')
			eneg = *e++ == '-';
		if (isdigit((unsigned char)*e)) {
			for (; isdigit((unsigned char)*e); e++)
				if (ev < 100000)
					ev = ev * 10 + (*e - '0');
			exp2 += (int)(eneg ? -ev : ev);
			s = e;
		}
	}
	(void)start;
	if (__big_is_zero(q))
		return s;
	round_to(f, q, exp2, sticky, r);
	return s;
}

/* D * 10^x for D < 10^19 (a) and a normal result: the double-double
 * product, unless it lies within its error bound of a rounding tie (or at
 * a power of two, where the ties are uneven); returns 1 if it decided. */
static int fast_double(const struct big *a, int x, struct result *r)
{
	uint64_t d = a->n > 1 ? (uint64_t)a->w[1] << 32 | a->w[0] : a->n ? a->w[0] : 0;
	double hi = (double)d;
	struct dd dv = { hi, (double)(int64_t)(d - (uint64_t)hi) };
	struct dd p = dd_mul(dv, __pow10_dd[x + 307]);
	uint64_t bits = bits_of(p.hi);
	double ulp = from_bits(((bits >> 52 & 0x7ff) - 52) << 52);
	struct fp_parts parts;

	if ((bits & ((1ULL << 52) - 1)) == 0 || (bits >> 52 & 0x7ff) <= 53)
		return 0;
	if (0.5 * ulp - fabs(p.lo) <= p.hi * 0x1p-97)
		return 0;
	fp_decode_double(p.hi, &parts);
	memcpy(r->m, parts.m, sizeof(r->m));
	r->e = parts.e;
	return 1;
}

/* Decimal: digits, optional point, optional e±d. */
static const char *parse_dec(const struct fmt *f, const char *s,
			     uint32_t *wa, uint32_t *wb, struct result *r)
{
	struct big a = { wa, 0 }, b = { wb, 0 };
	int nd = 0, any = 0, point = 0, dropped = 0;
	long x = 0;

	for (;; s++) {
		if (*s == '.' && !point) {
			point = 1;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			break;
		any = 1;
		if (*s == '0' && nd == 0) { /* leading zeros */
			if (point)
				x--;
			continue;
		}
		if (nd < f->max_digits) {
			__big_mul_add_small(&a, 10, (uint32_t)(*s - '0'));
			nd++;
			if (point)
				x--;
		} else {
			dropped |= *s != '0';
			if (!point)
				x++;
		}
	}
	if (!any)
		return NULL;
	if ((*s | 0x20) == 'e') {
		const char *e = s + 1;
		int eneg = 0;
		long ev = 0;

		if (*e == '+' || *e == '-')
			eneg = *e++ == '-';
		if (isdigit((unsigned char)*e)) {
			for (; isdigit((unsigned char)*e); e++)
				if (ev < 1000000)
					ev = ev * 10 + (*e - '0');
			x += eneg ? -ev : ev;
			s = e;
		}
	}
	if (nd == 0)
		return s; /* zero */
	if (f->mant == 53 && !dropped && nd <= 19 && x >= -307 && x <= 288 &&
	    fast_double(&a, (int)x, r))
		return s;
	if (dropped) { /* a digit 1 past the kept ones stands for the rest */
		__big_mul_add_small(&a, 10, 1);
		x--;
		nd++;
	}
	if (nd + x <= f->dec_min) {
		r->range = 1;
		return s;
	}
	if (nd + x - 1 >= f->dec_max) {
		r->inf = r->range = 1;
		return s;
	}
	if (x >= 0) {
		__big_mul_pow10(&a, (int)x);
		round_to(f, &a, 0, 0, r);
		return s;
	}
	/* a / 10^-x with q of mant+3 bits: scale a by 2^k first. */
	__big_mul_add_small(&b, 1, 1);
	__big_mul_pow10(&b, (int)-x);
	int k = f->mant + 3 - (__big_bitlen(&a) - __big_bitlen(&b));

	if (k > 0)
		__big_shl(&a, k);
	else
		__big_shl(&b, -k);
	/* q = a / b, q < 2^(mant+4): binary long division. */
	uint32_t qw[5] = { 0 };
	struct big q = { qw, 0 };
	int qbits = f->mant + 4;

	__big_shl(&b, qbits - 1);
	for (int i = qbits - 1; i >= 0; i--) {
		if (__big_cmp(&a, &b) >= 0) {
			__big_sub(&a, &b);
			qw[i / 32] |= 1u << (i % 32);
		}
		__big_shr1(&b);
	}
	q.n = 5;
	while (q.n > 0 && qw[q.n - 1] == 0)
		q.n--;
	round_to(f, &q, -k, !__big_is_zero(&a), r);
	return s;
}

/* Parses s into r for format f; returns the end of the number (s itself if
 * there is none). */
static const char *parse(const struct fmt *f, const char *s, struct result *r)
{
	const char *p = s, *end;
	uint32_t small[2][200];
	uint32_t *heap = NULL, *wa = small[0], *wb = small[1];

	memset(r, 0, sizeof(*r));
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		r->neg = *p++ == '-';
	int n;

	if ((n = match(p, "infinity")) || (n = match(p, "inf"))) {
		r->inf = 1;
		return p + n;
	}
	if ((n = match(p, "nan"))) {
		r->nan = 1;
		p += n;
		if (*p == '(') {
			const char *q = p + 1;

			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			if (*q == ')') {
				/* glibc: a number inside is the payload */
				char *numend;
				unsigned long long pl = strtoull(p + 1, &numend, 0);

				if (numend == q) {
					r->m[0] = (uint32_t)pl;
					r->m[1] = (uint32_t)(pl >> 32);
				}
				p = q + 1;
			}
		}
		return p;
	}
	if (p[0] == '0' && (p[1] | 0x20) == 'x') {
		uint32_t qw[8] = { 0 };
		struct big q = { qw, 0 };

		end = parse_hex(f, p + 2, &q, r);
		return end ? end : p + 1; /* "0x" alone is the number 0 */
	}
	if (f->max_digits > 800) {
		/* long double: room for 12000 digits times 10^(4968+12000) */
		size_t words = 2 * 1900 + 4;

		heap = malloc(words * 2 * sizeof(uint32_t));
		if (!heap) {
			errno = ENOMEM;
			return s;
		}
		wa = heap;
		wb = heap + words;
	}
	end = parse_dec(f, p, wa, wb, r);
	free(heap);
	return end ? end : s;
}

static int apply_errno(const struct result *r)
{
	if (r->range)
		errno = ERANGE;
	return 0;
}

double strtod(const char *s, char **endp)
{
	struct result r;
	const char *end = parse(&FMT_DOUBLE, s, &r);
	uint64_t bits;
	double v;

	if (endp)
		*endp = (char *)end;
	if (end == s)
		return 0.0;
	apply_errno(&r);
	if (r.nan)
		bits = 0x7ff8000000000000ULL |
		       (((uint64_t)r.m[1] << 32 | r.m[0]) & ((1ULL << 51) - 1));
	else if (r.inf)
		bits = 0x7ff0000000000000ULL;
	else {
		uint64_t m = (uint64_t)r.m[1] << 32 | r.m[0];

		if (m >> 52) /* normal: e is the exponent of bit 0 */
			bits = (uint64_t)(r.e + 52 + 1023) << 52 |
			       (m & ((1ULL << 52) - 1));
		else
			bits = m; /* subnormal or zero */
	}
	bits |= (uint64_t)r.neg << 63;
	memcpy(&v, &bits, sizeof(v));
	return v;
}

float strtof(const char *s, char **endp)
{
	struct result r;
	const char *end = parse(&FMT_FLOAT, s, &r);
	uint32_t bits;
	float v;

	if (endp)
		*endp = (char *)end;
	if (end == s)
		return 0.0f;
	apply_errno(&r);
	if (r.nan)
		bits = 0x7fc00000u | (r.m[0] & 0x3fffff);
	else if (r.inf)
		bits = 0x7f800000u;
	else if (r.m[0] >> 23)
		bits = (uint32_t)(r.e + 23 + 127) << 23 | (r.m[0] & 0x7fffff);
	else
		bits = r.m[0];
	bits |= (uint32_t)r.neg << 31;
	memcpy(&v, &bits, sizeof(v));
	return v;
}

long double strtold(const char *s, char **endp)
{
#if __LDBL_MANT_DIG__ == 53
	return strtod(s, endp);
#else
	struct result r;
	const char *end = parse(&FMT_LDOUBLE, s, &r);
	long double v = 0;

	if (endp)
		*endp = (char *)end;
	if (end == s)
		return 0.0L;
	apply_errno(&r);
#if __LDBL_MANT_DIG__ == 64
	uint64_t m = (uint64_t)r.m[1] << 32 | r.m[0];
	uint16_t se;

	if (r.nan) {
		m = 0xc000000000000000ULL | (m & ((1ULL << 62) - 1));
		se = 0x7fff;
	} else if (r.inf) {
		m = 0x8000000000000000ULL;
		se = 0x7fff;
	} else {
		se = m >> 63 ? (uint16_t)(r.e + 63 + 16383) : 0;
	}
	se |= (uint16_t)(r.neg << 15);
	memcpy(&v, &m, 8);
	memcpy((char *)&v + 8, &se, 2);
#else
	uint64_t lo = (uint64_t)r.m[1] << 32 | r.m[0];
	uint64_t hi = (uint64_t)r.m[3] << 32 | r.m[2];

	if (r.nan) {
		hi = 0x7fff800000000000ULL;
	} else if (r.inf) {
		lo = 0;
		hi = 0x7fff000000000000ULL;
	} else if (hi >> 48) {
		hi = (uint64_t)(r.e + 112 + 16383) << 48 |
		     (hi & ((1ULL << 48) - 1));
	}
	hi |= (uint64_t)r.neg << 63;
	memcpy(&v, &lo, 8);
	memcpy((char *)&v + 8, &hi, 8);
#endif
	return v;
#endif
}

double atof(const char *s)
{
	return strtod(s, NULL);
}
