/* The printf engine and the printf family on top of it. One formatter
 * writes into a "sink" (a string buffer, a FILE or a file descriptor), so
 * every variant shares the conversion code.
 *
 * Everything C11 and POSIX ask for: flags "-+ #0", width and precision
 * (numbers, * or *N$), length modifiers hh h l ll L q j z t, conversions
 * d i u o x X c s p n % e E f F g G a A (the floating ones by libm's
 * __fmt_float), C and S (wide), glibc's %m, and numbered arguments (%N$)
 * as glibc prints them. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include "format-float.h"
#include "thread.h"

#define MAX_POS_ARGS 64 /* numbered arguments: %1$ .. %64$ (NL_ARGMAX) */

struct sink {
	void (*put)(struct sink *s, const char *p, size_t n);
	size_t count; /* everything formatted, written or not */
	int error;    /* EOVERFLOW, EILSEQ...: the call returns -1 */
	char *buf;    /* string sinks */
	size_t cap;
	FILE *file;   /* stream sinks */
	int fd;       /* descriptor sinks */
	size_t used;  /* descriptor sinks: bytes in dbuf */
	char dbuf[128];
};

struct spec {
	int flags;       /* __FMT_* bits */
	int width, prec; /* prec < 0: none given */
	int length;      /* 'H' hh, 'h', 'l', 'q' ll, 'L', 'z', 'j', 't', 0 */
	char conv;
	int argpos;      /* numbered: the value's argument (1-based), or 0 */
	int widthpos, precpos; /* numbered * arguments, or 0 */
};

/* One argument, fetched in order from the va_list (numbered formats read
 * them all first, by the types the format gives them). */
union arg {
	long long i;
	void *p;
	double d;
	long double ld;
};

enum argtype { T_NONE, T_INT, T_LONG, T_LLONG, T_SIZE, T_PTRDIFF, T_INTMAX,
	       T_DOUBLE, T_LDOUBLE, T_PTR };

struct args {
	va_list ap;
	union arg *pos; /* numbered arguments, or NULL */
};

static void emit(struct sink *s, const char *p, size_t n)
{
	if (n == 0)
		return;
	s->put(s, p, n);
	s->count += n;
}

static void pad(struct sink *s, char c, int n)
{
	char chunk[32];

	memset(chunk, c, sizeof(chunk));
	for (; n > 0; n -= (int)sizeof(chunk))
		emit(s, chunk, n < (int)sizeof(chunk) ? (size_t)n : sizeof(chunk));
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* A decimal number capped at INT_MAX (a larger width is an error). */
static const char *number(const char *f, int *out)
{
	long long v = 0;

	for (; is_digit(*f); f++)
		if ((v = v * 10 + (*f - '0')) > 0x7fffffff)
			v = 0x80000000LL;
	*out = v > 0x7fffffff ? -1 : (int)v;
	return f;
}

/* "N$" after a number: the position, or 0 if this is no position. */
static const char *position(const char *f, int *pos)
{
	const char *p = f;
	int n = 0;

	*pos = 0;
	if (!is_digit(*p) || *p == '0')
		return f;
	p = number(p, &n);
	if (*p != '$' || n <= 0 || n > MAX_POS_ARGS)
		return f;
	*pos = n;
	return p + 1;
}

/* Parses one conversion after '%'; returns the conversion char's position.
 * Widths and precisions given as '*' are taken from args (or noted as
 * positions for numbered formats). */
static const char *parse_spec(const char *f, struct spec *sp)
{
	*sp = (struct spec){ .prec = -1 };
	f = position(f, &sp->argpos);
	for (;; f++) {
		if (*f == '-') sp->flags |= __FMT_MINUS;
		else if (*f == '+') sp->flags |= __FMT_PLUS;
		else if (*f == ' ') sp->flags |= __FMT_SPACE;
		else if (*f == '#') sp->flags |= __FMT_ALT;
		else if (*f == '0') sp->flags |= __FMT_ZERO;
		else if (*f == '\'') ; /* thousands grouping: none in C */
		else break;
	}
	if (*f == '*') {
		f = position(f + 1, &sp->widthpos);
		sp->width = -2; /* from an argument */
	} else {
		f = number(f, &sp->width);
	}
	if (*f == '.') {
		f++;
		if (*f == '*') {
			f = position(f + 1, &sp->precpos);
			sp->prec = -2; /* from an argument */
		} else {
			f = number(f, &sp->prec);
			if (sp->prec < 0)
				sp->prec = -3; /* too large */
		}
	}
	switch (*f) {
	case 'h':
		sp->length = f[1] == 'h' ? 'H' : 'h';
		f += f[1] == 'h' ? 2 : 1;
		break;
	case 'l':
		sp->length = f[1] == 'l' ? 'q' : 'l';
		f += f[1] == 'l' ? 2 : 1;
		break;
	case 'q': case 'L': case 'j': case 'z': case 'Z': case 't':
		sp->length = *f == 'Z' ? 'z' : *f;
		f++;
		break;
	}
	sp->conv = *f;
	return f;
}

/* The type of the argument a conversion consumes. */
static enum argtype arg_type(const struct spec *sp)
{
	switch (sp->conv) {
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
		switch (sp->length) {
		case 'l': return T_LONG;
		case 'q': case 'L': return T_LLONG;
		case 'z': return T_SIZE;
		case 't': return T_PTRDIFF;
		case 'j': return T_INTMAX;
		}
		return T_INT;
	case 'c': case 'C':
		return T_INT; /* wint_t and char both promote to int */
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
	case 'a': case 'A':
		return sp->length == 'L' ? T_LDOUBLE : T_DOUBLE;
	case 's': case 'S': case 'p': case 'n':
		return T_PTR;
	}
	return T_NONE;
}

static union arg fetch_type(va_list *ap, enum argtype t)
{
	union arg a = { 0 };

	switch (t) {
	case T_INT: a.i = va_arg(*ap, int); break;
	case T_LONG: a.i = va_arg(*ap, long); break;
	case T_LLONG: a.i = va_arg(*ap, long long); break;
	case T_SIZE: a.i = (long long)va_arg(*ap, size_t); break;
	case T_PTRDIFF: a.i = va_arg(*ap, ptrdiff_t); break;
	case T_INTMAX: a.i = va_arg(*ap, intmax_t); break;
	case T_DOUBLE: a.d = va_arg(*ap, double); break;
	case T_LDOUBLE: a.ld = va_arg(*ap, long double); break;
	case T_PTR: a.p = va_arg(*ap, void *); break;
	case T_NONE: break;
	}
	return a;
}

/* The value for spec (or its '*' at position pos) from the next argument
 * or from the numbered ones. */
static union arg next_arg(struct args *a, int pos, enum argtype t)
{
	if (a->pos)
		return a->pos[pos > 0 ? pos - 1 : 0];
	return fetch_type(&a->ap, t);
}

/* Numbered formats: walks the format once to learn each argument's type,
 * then reads them all in order. Returns 0, or -1 if the format is bad
 * (a gap, a type given twice differently, mixed numbered/unnumbered). */
static int collect_numbered(const char *fmt, va_list *ap, union arg *out)
{
	enum argtype types[MAX_POS_ARGS] = { T_NONE };
	int max = 0;

	for (const char *f = strchr(fmt, '%'); f; f = strchr(f, '%')) {
		struct spec sp;
		enum argtype t;

		if (f[1] == '%') {
			f += 2;
			continue;
		}
		f = parse_spec(f + 1, &sp);
		if (*f)
			f++;
		t = arg_type(&sp);
		if ((t != T_NONE && !sp.argpos) || (sp.width == -2 && !sp.widthpos) ||
		    (sp.prec == -2 && !sp.precpos))
			return -1;
		if (sp.widthpos) {
			types[sp.widthpos - 1] = T_INT;
			max = sp.widthpos > max ? sp.widthpos : max;
		}
		if (sp.precpos) {
			types[sp.precpos - 1] = T_INT;
			max = sp.precpos > max ? sp.precpos : max;
		}
		if (t != T_NONE) {
			if (types[sp.argpos - 1] != T_NONE &&
			    types[sp.argpos - 1] != t)
				return -1;
			types[sp.argpos - 1] = t;
			max = sp.argpos > max ? sp.argpos : max;
		}
	}
	for (int i = 0; i < max; i++) {
		if (types[i] == T_NONE)
			return -1; /* an argument no conversion names */
		out[i] = fetch_type(ap, types[i]);
	}
	return 0;
}

/* Writes v's digits into the end of buf; returns where they start. */
static char *digits(char *end, uint64_t v, unsigned base, int upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		*--end = set[v % base];
		v /= base;
	} while (v);
	return end;
}

/* Lays out [sign/prefix][zeros][digits] within the field width. */
static void put_number(struct sink *s, const struct spec *sp,
		       const char *prefix, const char *num, int len)
{
	int plen = (int)strlen(prefix);
	int zeros = sp->prec > len ? sp->prec - len : 0;
	int fill = sp->width - plen - zeros - len;

	if ((sp->flags & __FMT_ZERO) && !(sp->flags & __FMT_MINUS) &&
	    sp->prec < 0) {
		zeros += fill > 0 ? fill : 0;
		fill = 0;
	}
	if (!(sp->flags & __FMT_MINUS))
		pad(s, ' ', fill);
	emit(s, prefix, (size_t)plen);
	pad(s, '0', zeros);
	emit(s, num, (size_t)len);
	if (sp->flags & __FMT_MINUS)
		pad(s, ' ', fill);
}

/* Narrows a fetched integer to the conversion's length. */
static uint64_t as_length(const struct spec *sp, long long v, int is_signed)
{
	switch (sp->length) {
	case 'H': return is_signed ? (uint64_t)(signed char)v : (unsigned char)v;
	case 'h': return is_signed ? (uint64_t)(short)v : (unsigned short)v;
	case 'l': return is_signed ? (uint64_t)(long)v : (unsigned long)v;
	case 'z': return is_signed ? (uint64_t)(ptrdiff_t)v : (size_t)v;
	case 't': return is_signed ? (uint64_t)(ptrdiff_t)v : (size_t)v;
	case 'q': case 'L': case 'j': return (uint64_t)v;
	}
	return is_signed ? (uint64_t)(int)v : (unsigned)v;
}

static void format_int(struct sink *s, const struct spec *sp, long long raw)
{
	int is_signed = sp->conv == 'd' || sp->conv == 'i';
	unsigned base = sp->conv == 'o' ? 8 : (sp->conv == 'x' || sp->conv == 'X') ? 16 : 10;
	uint64_t v = as_length(sp, raw, is_signed);
	const char *prefix = "";
	char buf[24], *num;
	int len;

	if (is_signed && (int64_t)v < 0) {
		v = -v;
		prefix = "-";
	} else if (is_signed && (sp->flags & (__FMT_PLUS | __FMT_SPACE))) {
		prefix = sp->flags & __FMT_PLUS ? "+" : " ";
	}
	num = digits(buf + sizeof(buf), v, base, sp->conv == 'X');
	len = (int)(buf + sizeof(buf) - num);
	if (v == 0 && sp->prec == 0)
		len = 0; /* "%.0d" of zero prints no digits */
	if ((sp->flags & __FMT_ALT) && base == 16 && v != 0)
		prefix = sp->conv == 'X' ? "0X" : "0x";
	if ((sp->flags & __FMT_ALT) && base == 8 && (len == 0 || *num != '0') &&
	    sp->prec <= len) {
		*--num = '0';
		len++;
	}
	put_number(s, sp, prefix, num, len);
}

static void format_string(struct sink *s, const struct spec *sp,
			  const char *str, int len)
{
	int fill = sp->width - len;

	if (!(sp->flags & __FMT_MINUS))
		pad(s, ' ', fill);
	emit(s, str, (size_t)len);
	if (sp->flags & __FMT_MINUS)
		pad(s, ' ', fill);
}

/* %ls: the wide string converted in the C locale, at most prec bytes. */
static void format_wide(struct sink *s, const struct spec *sp,
			const wchar_t *ws)
{
	char out[256];
	int len = 0;
	size_t limit = sp->prec < 0 ? (size_t)-1 : (size_t)sp->prec;

	if (!ws) {
		format_string(s, sp, "(null)", sp->prec < 0 || sp->prec >= 6 ? 6 : 0);
		return;
	}
	/* Measure first (the padding comes before the text). */
	for (const wchar_t *w = ws; *w && (size_t)len < limit; w++, len++) {
		if ((unsigned)*w >= 0x80) {
			s->error = EILSEQ;
			return;
		}
	}
	if (!(sp->flags & __FMT_MINUS))
		pad(s, ' ', sp->width - len);
	for (int i = 0; i < len;) {
		int n = 0;

		while (n < (int)sizeof(out) && i < len)
			out[n++] = (char)ws[i++];
		emit(s, out, (size_t)n);
	}
	if (sp->flags & __FMT_MINUS)
		pad(s, ' ', sp->width - len);
}

static void put_float(void *ctx, const char *p, size_t n)
{
	emit(ctx, p, n);
}

static void store_count(const struct spec *sp, void *p, size_t count)
{
	switch (sp->length) {
	case 'H': *(signed char *)p = (signed char)count; break;
	case 'h': *(short *)p = (short)count; break;
	case 'l': *(long *)p = (long)count; break;
	case 'q': case 'L': case 'j': *(long long *)p = (long long)count; break;
	case 'z': *(size_t *)p = count; break;
	case 't': *(ptrdiff_t *)p = (ptrdiff_t)count; break;
	default: *(int *)p = (int)count;
	}
}

static void format_one(struct sink *s, struct spec *sp, struct args *a)
{
	enum argtype t = arg_type(sp);
	union arg v;
	const char *str;
	char c;

	if (sp->width == -2) {
		int w = (int)next_arg(a, sp->widthpos, T_INT).i;

		sp->width = w;
		if (w < 0) {
			sp->flags |= __FMT_MINUS;
			sp->width = w == -2147483647 - 1 ? -1 : -w;
		}
	}
	if (sp->prec == -2) {
		int p = (int)next_arg(a, sp->precpos, T_INT).i;

		sp->prec = p < 0 ? -1 : p;
	}
	if (sp->width < 0 || sp->prec == -3) {
		s->error = EOVERFLOW;
		if (t != T_NONE)
			next_arg(a, sp->argpos, t);
		return;
	}
	v = t == T_NONE ? (union arg){ 0 } : next_arg(a, sp->argpos, t);
	switch (sp->conv) {
	case 'c':
		if (sp->length != 'l') {
			c = (char)v.i;
			format_string(s, sp, &c, 1);
			break;
		}
		__attribute__((fallthrough)); /* %lc */
	case 'C': {
		wchar_t w[2] = { (wchar_t)v.i, 0 };
		struct spec one = *sp;

		one.prec = -1;
		if (w[0] == 0) {
			format_string(s, sp, "", 1);
			break;
		}
		format_wide(s, &one, w);
		break;
	}
	case 's':
		if (sp->length == 'l') {
			format_wide(s, sp, v.p);
			break;
		}
		str = v.p;
		if (!str) /* glibc: "(null)" if it fits the precision */
			str = sp->prec < 0 || sp->prec >= 6 ? "(null)" : "";
		format_string(s, sp, str,
			      (int)strnlen(str, sp->prec < 0 ? (size_t)-1
							     : (size_t)sp->prec));
		break;
	case 'S':
		format_wide(s, sp, v.p);
		break;
	case 'p':
		if (!v.p) { /* glibc prints (nil) */
			struct spec str_spec = *sp;

			str_spec.prec = -1;
			format_string(s, &str_spec, "(nil)", 5);
		} else {
			struct spec hex = *sp;
			char buf[24], *num = digits(buf + sizeof(buf),
						    (uintptr_t)v.p, 16, 0);

			hex.flags &= ~__FMT_ALT;
			if (hex.flags & __FMT_PLUS)
				put_number(s, &hex, "+0x", num,
					   (int)(buf + sizeof(buf) - num));
			else if (hex.flags & __FMT_SPACE)
				put_number(s, &hex, " 0x", num,
					   (int)(buf + sizeof(buf) - num));
			else
				put_number(s, &hex, "0x", num,
					   (int)(buf + sizeof(buf) - num));
		}
		break;
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
		format_int(s, sp, v.i);
		break;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
	case 'a': case 'A':
		__fmt_float(put_float, s, t == T_DOUBLE ? v.d : 0.0,
			    t == T_LDOUBLE ? v.ld : 0.0L, sp->conv,
			    sp->flags | (t == T_LDOUBLE ? __FMT_LONG : 0),
			    sp->width, sp->prec);
		break;
	case 'n':
		store_count(sp, v.p, s->count);
		break;
	case 'm':
		str = strerror(errno);
		format_string(s, sp, str,
			      (int)strnlen(str, sp->prec < 0 ? (size_t)-1
							     : (size_t)sp->prec));
		break;
	case '%':
		emit(s, "%", 1);
		break;
	default: /* unknown: glibc prints the conversion as written */
		break;
	}
}

static int format(struct sink *s, const char *fmt, va_list ap)
{
	union arg pos[MAX_POS_ARGS];
	struct args a = { .pos = NULL };
	int saved_errno = errno;

	va_copy(a.ap, ap);
	if (strchr(fmt, '$')) { /* maybe numbered arguments */
		const char *p = strchr(fmt, '%');
		struct spec first;

		while (p && p[1] == '%')
			p = strchr(p + 2, '%');
		if (p) {
			parse_spec(p + 1, &first);
			if (first.argpos) {
				if (collect_numbered(fmt, &a.ap, pos) < 0) {
					va_end(a.ap);
					errno = EINVAL;
					return -1;
				}
				a.pos = pos;
			}
		}
	}
	while (*fmt) {
		const char *pct = strchr(fmt, '%'), *end;
		struct spec sp;

		if (!pct) {
			emit(s, fmt, strlen(fmt));
			break;
		}
		emit(s, fmt, (size_t)(pct - fmt));
		end = parse_spec(pct + 1, &sp);
		errno = saved_errno; /* %m reports the caller's errno */
		if (!*end) { /* a lone '%' at the end: glibc prints nothing */
			break;
		}
		if (!strchr("diouxXcsCSpneEfFgGaAm%", sp.conv)) {
			/* unknown conversion: printed as written */
			emit(s, pct, (size_t)(end + 1 - pct));
		} else {
			format_one(s, &sp, &a);
		}
		fmt = end + 1;
	}
	va_end(a.ap);
	if (s->error) {
		errno = s->error;
		return -1;
	}
	if (s->count > 0x7fffffff) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)s->count;
}

/* String sink: keeps the first cap-1 bytes; the caller terminates. */
static void put_string(struct sink *s, const char *p, size_t n)
{
	size_t room = s->cap > s->count + 1 ? s->cap - s->count - 1 : 0;

	if (room)
		memcpy(s->buf + s->count, p, n < room ? n : room);
}

static void put_file(struct sink *s, const char *p, size_t n)
{
	fwrite(p, 1, n, s->file);
}

static void put_fd(struct sink *s, const char *p, size_t n)
{
	if (s->used + n > sizeof(s->dbuf)) {
		write(s->fd, s->dbuf, s->used);
		s->used = 0;
	}
	if (n > sizeof(s->dbuf)) {
		write(s->fd, p, n);
		return;
	}
	memcpy(s->dbuf + s->used, p, n);
	s->used += n;
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct sink s = { .put = put_string, .buf = buf, .cap = n };
	int r = format(&s, fmt, ap);

	if (n)
		buf[s.count < n ? s.count : n - 1] = '\0';
	return r;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vsnprintf(buf, SIZE_MAX / 2, fmt, ap);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct sink s = { .put = put_file, .file = f };
	int locked = __stdio_lock(f), r = format(&s, fmt, ap);

	r = r >= 0 && ferror(f) ? -1 : r;
	__stdio_unlock(f, locked);
	return r;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	struct sink s = { .put = put_fd, .fd = fd };
	int r = format(&s, fmt, ap);

	if (s.used)
		write(fd, s.dbuf, s.used);
	return r;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsprintf(buf, fmt, ap);
	va_end(ap);
	return r;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return r;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(f, fmt, ap);
	va_end(ap);
	return r;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vdprintf(fd, fmt, ap);
	va_end(ap);
	return r;
}
