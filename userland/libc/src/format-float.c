/* printf's %e %f %g %a: exact conversion of the binary value to decimal
 * with big integers, rounded to nearest (ties to even) at the requested
 * digit, laid out as glibc lays it out. See format-float.h. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "bignum.h"
#include "float-bits.h"
#include "format-float.h"

/* The digits of a nonzero finite value: dig[0..nd) are significant
 * decimal digits ('0'..'9'), value ~ 0.dig * 10^point; digits past nd are
 * zeros. */
struct digits {
	char *dig;
	int nd, point;
};

/* Scratch big enough for the value's exact expansion, on the stack for
 * double-sized values and from malloc for wide long doubles. */
struct scratch {
	uint32_t small_words[2][40];
	char small_dig[1200];
	uint32_t *words[2];
	char *dig;
	void *heap;
};

static int scratch_init(struct scratch *s, const struct fp_parts *p)
{
	int mbits = 128, intbits = p->e >= 0 ? mbits + p->e : mbits;
	int fbits = p->e < 0 ? -p->e : 0;
	int nwords = ((intbits > fbits ? intbits : fbits) + 32) / 32 + 2;
	int ndig = intbits * 3 / 10 + fbits + 32;

	s->heap = NULL;
	if (nwords <= 40 && ndig <= (int)sizeof(s->small_dig)) {
		s->words[0] = s->small_words[0];
		s->words[1] = s->small_words[1];
		s->dig = s->small_dig;
		return 0;
	}
	s->heap = malloc((size_t)nwords * 2 * sizeof(uint32_t) + (size_t)ndig);
	if (!s->heap)
		return -1;
	s->words[0] = s->heap;
	s->words[1] = s->words[0] + nwords;
	s->dig = (char *)(s->words[1] + nwords);
	return 0;
}

/* Writes the 9 decimal digits of chunk (< 10^9), skipping leading zeros
 * of the whole number while none has been written. */
static void put_chunk(struct digits *d, uint32_t chunk)
{
	char nine[9];

	for (int i = 8; i >= 0; i--, chunk /= 10)
		nine[i] = (char)('0' + chunk % 10);
	for (int i = 0; i < 9; i++) {
		if (d->nd == 0 && nine[i] == '0')
			d->point--;
		else
			d->dig[d->nd++] = nine[i];
	}
}

/* Generates the digits of p's nonzero finite value until want(point)
 * digits exist or the expansion ends; *sticky says whether nonzero digits
 * remain beyond them. fixed: want = point + prec + 1, else prec + 2. */
static void generate(const struct fp_parts *p, struct scratch *s, int fixed,
		     int prec, struct digits *d, int *sticky)
{
	int fw = p->e < 0 ? (-p->e + 31) / 32 : 0;
	struct big all = { s->words[0], 0 }, ipart = { s->words[1], 0 };

	d->dig = s->dig;
	d->nd = 0;
	d->point = 0;
	/* all = m * 2^(e + 32*fw): words [fw..] are the integer part, words
	 * [0..fw) the fraction scaled by 2^(32*fw). */
	__big_set_words(&all, p->m, 4);
	__big_shl(&all, p->e + 32 * fw);
	if (all.n > fw)
		__big_set_words(&ipart, all.w + fw, all.n - fw);
	if (all.n > fw)
		all.n = fw;
	while (all.n > 0 && all.w[all.n - 1] == 0)
		all.n--;

	/* The integer part, least significant chunk first, then reversed. */
	while (!__big_is_zero(&ipart)) {
		uint32_t chunk = __big_div_small(&ipart, 1000000000);

		for (int i = 0; i < 9; i++, chunk /= 10)
			d->dig[d->nd++] = (char)('0' + chunk % 10);
	}
	while (d->nd > 0 && d->dig[d->nd - 1] == '0')
		d->nd--;
	for (int i = 0, j = d->nd - 1; i < j; i++, j--) {
		char t = d->dig[i];

		d->dig[i] = d->dig[j];
		d->dig[j] = t;
	}
	d->point = d->nd;

	/* The fraction, nine digits per multiplication by 10^9. */
	while (all.n > 0 && d->nd < (fixed ? d->point + prec + 1 : prec + 2)) {
		uint64_t carry = 0;

		for (int i = 0; i < fw; i++) {
			uint64_t t = (uint64_t)(i < all.n ? all.w[i] : 0) *
					     1000000000u + carry;

			all.w[i] = (uint32_t)t;
			carry = t >> 32;
		}
		all.n = fw;
		while (all.n > 0 && all.w[all.n - 1] == 0)
			all.n--;
		put_chunk(d, (uint32_t)carry);
	}
	*sticky = all.n > 0;
}

/* Keeps the first keep digits, rounding to nearest, ties to even. */
static void round_digits(struct digits *d, int keep, int sticky)
{
	int rd, up, last;

	if (keep < 0) {
		d->nd = 0;
		return;
	}
	rd = keep < d->nd ? d->dig[keep] - '0' : 0;
	for (int i = keep + 1; i < d->nd && !sticky; i++)
		sticky = d->dig[i] != '0';
	last = keep > 0 && keep - 1 < d->nd ? d->dig[keep - 1] - '0' : 0;
	up = rd > 5 || (rd == 5 && (sticky || (last & 1)));
	if (d->nd > keep)
		d->nd = keep;
	if (!up)
		return;
	while (d->nd < keep)
		d->dig[d->nd++] = '0';
	for (int i = keep - 1; i >= 0; i--) {
		if (d->dig[i] != '9') {
			d->dig[i]++;
			return;
		}
		d->dig[i] = '0';
	}
	/* Carried out of every digit: 99.9 -> 100.0 */
	if (keep > 0)
		d->dig[0] = '1';
	else
		d->dig[d->nd++] = '1';
	d->point++;
}

/* Pieces of the field: a span of text, or a character repeated. */
struct field {
	struct { const char *p; int n; char fill; } seg[12];
	int nseg, len;
};

static void add(struct field *f, const char *p, int n)
{
	if (n > 0) {
		f->seg[f->nseg].p = p;
		f->seg[f->nseg++].n = n;
		f->len += n;
	}
}

static void add_fill(struct field *f, char c, int n)
{
	if (n > 0) {
		f->seg[f->nseg].p = NULL;
		f->seg[f->nseg].fill = c;
		f->seg[f->nseg++].n = n;
		f->len += n;
	}
}

/* [int digits].[prec fraction digits] */
static void lay_fixed(struct field *f, const struct digits *d, int prec,
		      int alt, const char *dot)
{
	if (d->point <= 0 || d->nd == 0) {
		add(f, "0", 1);
	} else {
		add(f, d->dig, d->point < d->nd ? d->point : d->nd);
		add_fill(f, '0', d->point - d->nd);
	}
	if (prec > 0 || alt)
		add(f, dot, 1);
	if (prec <= 0)
		return;
	if (d->nd == 0) {
		add_fill(f, '0', prec);
		return;
	}
	int lead = d->point < 0 ? -d->point : 0; /* zeros right after '.' */
	int start = d->point > 0 ? d->point : 0;
	int avail = d->nd - start;

	if (lead > prec)
		lead = prec;
	add_fill(f, '0', lead);
	if (avail > prec - lead)
		avail = prec - lead;
	add(f, d->dig + start, avail);
	add_fill(f, '0', prec - lead - (avail > 0 ? avail : 0));
}

/* d[.ddd]e+XX */
static void lay_exp(struct field *f, const struct digits *d, int prec,
		    int alt, int upper, char *ebuf, const char *dot)
{
	int x = d->nd ? d->point - 1 : 0, n = 0;
	char tmp[8];

	add(f, d->nd ? d->dig : "0", 1);
	if (prec > 0 || alt)
		add(f, dot, 1);
	if (prec > 0) {
		int avail = d->nd - 1 > prec ? prec : d->nd - 1;

		add(f, d->dig + 1, avail);
		add_fill(f, '0', prec - (avail > 0 ? avail : 0));
	}
	ebuf[n++] = upper ? 'E' : 'e';
	ebuf[n++] = x < 0 ? '-' : '+';
	x = x < 0 ? -x : x;
	int t = 0;
	do {
		tmp[t++] = (char)('0' + x % 10);
		x /= 10;
	} while (x);
	if (t < 2)
		tmp[t++] = '0';
	while (t)
		ebuf[n++] = tmp[--t];
	add(f, ebuf, n);
}

/* Fraction digits worth showing for %g without '#': up to the last
 * nonzero one. */
static int significant_fraction(const struct digits *d, int fixed, int prec)
{
	int last = d->nd - 1;

	while (last >= 0 && d->dig[last] == '0')
		last--;
	int len = fixed ? last + 1 - d->point : last;

	if (len < 0)
		len = 0;
	return len < prec ? len : prec;
}

/* %a: the leading hex digit, prec (or all significant) fraction digits,
 * p+exponent. */
static void lay_hex(struct field *f, struct fp_parts *p, int prec, int alt,
		    int upper, char *buf, const char *dot)
{
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int h = p->hex_digits, x = p->kind == FP_KIND_ZERO ? 0 : p->e + 4 * h;
	uint32_t mw[5] = { p->m[0], p->m[1], p->m[2], p->m[3], 0 };
	struct big m = { mw, 5 };
	int n = 0;

	if (prec < 0) {
		prec = h;
		while (prec > 0 && !(mw[(4 * (h - prec)) / 32] >>
				     ((4 * (h - prec)) % 32) & 15))
			prec--;
	} else if (prec < h) {
		int cut = 4 * (h - prec); /* bits dropped */
		int half = __big_bit(&m, cut - 1), rest = 0, odd = __big_bit(&m, cut);

		for (int i = 0; i < cut - 1 && !rest; i++)
			rest = __big_bit(&m, i);
		if (half && (rest || odd)) {
			/* add 2^cut */
			uint32_t add_w[5] = { 0 };
			uint64_t carry = 0;

			add_w[cut / 32] = 1u << (cut % 32);
			for (int i = 0; i < 5; i++) {
				uint64_t t = (uint64_t)mw[i] + add_w[i] + carry;

				mw[i] = (uint32_t)t;
				carry = t >> 32;
			}
		}
	}
	/* The leading digit is bits [4h, ...). */
	uint32_t lead = 0;

	for (int i = 4 * h + 7; i >= 4 * h; i--)
		lead = lead << 1 | (mw[i / 32] >> (i % 32) & 1);
	if (lead >= 16) { /* x87 long double carried out of 0xf */
		lead >>= 4;
		x += 4;
	}
	buf[n++] = hex[lead];
	if (prec > 0 || alt)
		buf[n++] = *dot;
	for (int j = 0; j < prec && j < h; j++) {
		int b = 4 * (h - 1 - j);

		buf[n++] = hex[mw[b / 32] >> (b % 32) & 15];
	}
	add(f, buf, n);
	if (prec > h)
		add_fill(f, '0', prec - h);
	n = 40;
	buf[n++] = upper ? 'P' : 'p';
	buf[n++] = x < 0 ? '-' : '+';
	x = x < 0 ? -x : x;
	char tmp[8];
	int t = 0;
	do {
		tmp[t++] = (char)('0' + x % 10);
		x /= 10;
	} while (x);
	while (t)
		buf[n++] = tmp[--t];
	add(f, buf + 40, n - 40);
}

static void emit_field(void (*put)(void *, const char *, size_t), void *ctx,
		       const struct field *f)
{
	char chunk[32];

	for (int i = 0; i < f->nseg; i++) {
		if (f->seg[i].p) {
			put(ctx, f->seg[i].p, (size_t)f->seg[i].n);
			continue;
		}
		memset(chunk, f->seg[i].fill, sizeof(chunk));
		for (int n = f->seg[i].n; n > 0; n -= (int)sizeof(chunk))
			put(ctx, chunk, n < (int)sizeof(chunk) ? (size_t)n : sizeof(chunk));
	}
}

int __fmt_float(void (*put)(void *ctx, const char *p, size_t n), void *ctx,
		double dv, long double ld, int conv, int flags, int width,
		int prec)
{
	int upper = conv >= 'A' && conv <= 'Z', lower = conv | 0x20;
	int alt = flags & __FMT_ALT;
	struct fp_parts p;
	struct field body = { .nseg = 0 }, out = { .nseg = 0 };
	struct scratch s;
	struct digits d = { 0 };
	char ebuf[16], hbuf[64];
	const char *sign = "", *dot = ".";
	int sticky, fixed, x_unrounded = 0;

	if (flags & __FMT_LONG)
		fp_decode_long_double(ld, &p);
	else
		fp_decode_double(dv, &p);
	if (p.neg)
		sign = "-";
	else if (flags & __FMT_PLUS)
		sign = "+";
	else if (flags & __FMT_SPACE)
		sign = " ";
	s.heap = NULL;

	if (p.kind == FP_KIND_INF || p.kind == FP_KIND_NAN) {
		add(&body, p.kind == FP_KIND_INF ? (upper ? "INF" : "inf")
						 : (upper ? "NAN" : "nan"), 3);
		flags &= ~__FMT_ZERO;
	} else if (lower == 'a') {
		lay_hex(&body, &p, prec, alt, upper, hbuf, dot);
	} else {
		if (prec < 0)
			prec = 6;
		if (lower == 'g' && prec == 0)
			prec = 1;
		if (p.kind == FP_KIND_FINITE) {
			if (scratch_init(&s, &p) < 0) {
				errno = ENOMEM;
				return -1;
			}
			fixed = lower == 'f';
			generate(&p, &s, fixed, lower == 'g' ? prec - 1 : prec,
				 &d, &sticky);
			x_unrounded = d.point - 1;
			round_digits(&d, fixed ? d.point + prec
					       : (lower == 'g' ? prec : prec + 1),
				     sticky);
		}
		if (lower == 'f') {
			lay_fixed(&body, &d, prec, alt, dot);
		} else if (lower == 'e') {
			lay_exp(&body, &d, prec, alt, upper, ebuf, dot);
		} else {
			int x = d.nd ? d.point - 1 : 0;

			fixed = prec > x && x >= -4;
			/* glibc: when rounding carries 9.99 into the exponential
			 * style (x was prec-1), the fraction keeps the fixed
			 * style's length (none): "%#.3g" of 999.5 is "1.e+03". */
			if (!fixed && prec > x_unrounded && x_unrounded >= -4)
				prec = prec - 1 - x_unrounded + 1;
			prec = fixed ? prec - 1 - x : prec - 1;
			if (!alt)
				prec = significant_fraction(&d, fixed, prec);
			if (fixed)
				lay_fixed(&body, &d, prec, alt, dot);
			else
				lay_exp(&body, &d, prec, alt, upper, ebuf, dot);
		}
	}

	int prefix = lower == 'a' && p.kind <= FP_KIND_FINITE ? 2 : 0;
	int pad = width - body.len - (int)strlen(sign) - prefix;

	if (pad > 0 && !(flags & (__FMT_MINUS | __FMT_ZERO)))
		add_fill(&out, ' ', pad);
	add(&out, sign, (int)strlen(sign));
	add(&out, upper ? "0X" : "0x", prefix);
	if (pad > 0 && !(flags & __FMT_MINUS) && (flags & __FMT_ZERO))
		add_fill(&out, '0', pad);
	emit_field(put, ctx, &out);
	emit_field(put, ctx, &body);
	if (pad > 0 && (flags & __FMT_MINUS)) {
		struct field tail = { .nseg = 0 };

		add_fill(&tail, ' ', pad);
		emit_field(put, ctx, &tail);
	}
	free(s.heap);
	return out.len + body.len + (pad > 0 && (flags & __FMT_MINUS) ? pad : 0);
}
