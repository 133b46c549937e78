/* The printf engine and the printf family on top of it. One formatter
 * writes into a "sink" (a string buffer, a FILE or a file descriptor), so
 * every variant shares the conversion code.
 *
 * Supported: flags "-+ #0", width and precision (numbers or *), length
 * modifiers hh h l ll z j t L, conversions d i u o x X c s p %, and
 * e E f F g G a A through format-float.c. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "format-float.h"

struct sink {
	void (*put)(struct sink *s, const char *p, size_t n);
	size_t count; /* everything formatted, written or not */
	char *buf;    /* string sinks */
	size_t cap;
	FILE *file;   /* stream sinks */
	int fd;       /* descriptor sinks */
	size_t used;  /* descriptor sinks: bytes in dbuf */
	char dbuf[128];
};

struct spec {
	int minus, plus, space, alt, zero;
	int width, prec; /* prec < 0: none given */
	int length;      /* 'H' hh, 'h', 'l', 'L' ll, 'z', 'j', 't', 0 */
	char conv;
};

static void emit(struct sink *s, const char *p, size_t n)
{
	s->put(s, p, n);
	s->count += n;
}

static void pad(struct sink *s, char c, int n)
{
	char chunk[16];

	memset(chunk, c, sizeof(chunk));
	for (; n > 0; n -= (int)sizeof(chunk))
		emit(s, chunk, n < (int)sizeof(chunk) ? (size_t)n : sizeof(chunk));
}

/* Reads flags, width, precision and length; returns the conversion char's
 * position. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-') sp->minus = 1;
		else if (*f == '+') sp->plus = 1;
		else if (*f == ' ') sp->space = 1;
		else if (*f == '#') sp->alt = 1;
		else if (*f == '0') sp->zero = 1;
		else break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->minus = 1;
			sp->width = -sp->width;
		}
		f++;
	}
	for (; *f >= '0' && *f <= '9'; f++)
		sp->width = sp->width * 10 + (*f - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			sp->prec = sp->prec * 10 + (*f - '0');
	}
	if ((f[0] == 'h' || f[0] == 'l') && f[1] == f[0]) {
		sp->length = f[0] == 'h' ? 'H' : 'L';
		f += 2;
	} else if (strchr("hlzjtL", *f) && *f) {
		sp->length = *f == 'L' ? 'L' : *f;
		f++;
	}
	sp->conv = *f;
	return f;
}

/* Fetches an integer argument of the spec's length, as 64 bits. */
static uint64_t fetch_int(const struct spec *sp, va_list *ap, int is_signed)
{
	switch (sp->length) {
	case 'L':
	case 'j':
		return (uint64_t)va_arg(*ap, long long);
	case 'l':
		return is_signed ? (uint64_t)va_arg(*ap, long)
				 : va_arg(*ap, unsigned long);
	case 'z':
	case 't':
		return is_signed ? (uint64_t)va_arg(*ap, intptr_t)
				 : va_arg(*ap, size_t);
	}
	if (!is_signed) {
		unsigned v = va_arg(*ap, unsigned);

		return sp->length == 'H' ? (unsigned char)v
		     : sp->length == 'h' ? (unsigned short)v : v;
	}
	int v = va_arg(*ap, int);

	return (uint64_t)(int64_t)(sp->length == 'H' ? (signed char)v
				 : sp->length == 'h' ? (short)v : v);
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

	if (sp->zero && !sp->minus && sp->prec < 0) {
		zeros += fill > 0 ? fill : 0;
		fill = 0;
	}
	if (!sp->minus)
		pad(s, ' ', fill);
	emit(s, prefix, (size_t)plen);
	pad(s, '0', zeros);
	emit(s, num, (size_t)len);
	if (sp->minus)
		pad(s, ' ', fill);
}

static void format_int(struct sink *s, const struct spec *sp, va_list *ap)
{
	int is_signed = sp->conv == 'd' || sp->conv == 'i';
	unsigned base = sp->conv == 'o' ? 8 : strchr("xXp", sp->conv) ? 16 : 10;
	uint64_t v = fetch_int(sp, ap, is_signed);
	const char *prefix = "";
	char buf[24], *num;
	int len;

	if (is_signed && (int64_t)v < 0) {
		v = -v;
		prefix = "-";
	} else if (is_signed && (sp->plus || sp->space)) {
		prefix = sp->plus ? "+" : " ";
	}
	num = digits(buf + sizeof(buf), v, base, sp->conv == 'X');
	len = (int)(buf + sizeof(buf) - num);
	if (v == 0 && sp->prec == 0)
		len = 0; /* "%.0d" of zero prints no digits */
	if (sp->alt && base == 16 && v != 0)
		prefix = sp->conv == 'X' ? "0X" : "0x";
	if (sp->alt && base == 8 && (len == 0 || *num != '0') &&
	    sp->prec <= len) {
		*--num = '0';
		len++;
	}
	put_number(s, sp, prefix, num, len);
}

static void format_pointer(struct sink *s, const struct spec *sp, void *p)
{
	struct spec hex = *sp;
	char buf[24], *num = digits(buf + sizeof(buf), (uintptr_t)p, 16, 0);

	hex.alt = 0;
	put_number(s, &hex, "0x", num, (int)(buf + sizeof(buf) - num));
}

static void format_string(struct sink *s, const struct spec *sp,
			  const char *str, int len)
{
	if (sp->prec >= 0 && len > sp->prec)
		len = sp->prec;
	if (!sp->minus)
		pad(s, ' ', sp->width - len);
	emit(s, str, (size_t)len);
	if (sp->minus)
		pad(s, ' ', sp->width - len);
}

static void put_sink(void *ctx, const char *p, size_t n)
{
	emit(ctx, p, n);
}

static void format_float(struct sink *s, const struct spec *sp, va_list *ap)
{
	int flags = (sp->minus ? __FMT_MINUS : 0) | (sp->plus ? __FMT_PLUS : 0) |
		    (sp->space ? __FMT_SPACE : 0) | (sp->alt ? __FMT_ALT : 0) |
		    (sp->zero ? __FMT_ZERO : 0);
	long double v;

	if (sp->length == 'L') {
		v = va_arg(*ap, long double);
		flags |= __FMT_LONG;
	} else {
		v = va_arg(*ap, double);
	}
	__fmt_float(put_sink, s, v, sp->conv, flags, sp->width, sp->prec);
}

static void format_one(struct sink *s, const struct spec *sp, va_list *ap)
{
	const char *str;
	char c;

	switch (sp->conv) {
	case 'c':
		c = (char)va_arg(*ap, int);
		format_string(s, &(struct spec){ .minus = sp->minus,
					.width = sp->width, .prec = -1 },
			      &c, 1);
		break;
	case 's':
		str = va_arg(*ap, const char *);
		str = str ? str : "(null)";
		format_string(s, sp, str,
			      (int)strnlen(str, sp->prec < 0 ? (size_t)-1
							     : (size_t)sp->prec));
		break;
	case 'p':
		format_pointer(s, sp, va_arg(*ap, void *));
		break;
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
		format_int(s, sp, ap);
		break;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
	case 'a': case 'A':
		format_float(s, sp, ap);
		break;
	default: /* "%%", or an unknown conversion: print it literally */
		emit(s, &sp->conv, sp->conv ? 1 : 0);
	}
}

static int format(struct sink *s, const char *fmt, va_list ap)
{
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		struct spec sp;

		if (!pct) {
			emit(s, fmt, strlen(fmt));
			break;
		}
		emit(s, fmt, (size_t)(pct - fmt));
		fmt = parse_spec(pct + 1, &sp, &args);
		format_one(s, &sp, &args);
		if (*fmt)
			fmt++;
	}
	va_end(args);
	return s->count > INT32_MAX ? -1 : (int)s->count;
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

	return format(&s, fmt, ap);
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
