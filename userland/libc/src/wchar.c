/* Wide strings and the C locale's conversions: one byte per character,
 * below 0x80; anything else is EILSEQ, as in glibc's C locale. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t wcslen(const wchar_t *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t wcsnlen(const wchar_t *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

wchar_t *wcscpy(wchar_t *dst, const wchar_t *src)
{
	return wmemcpy(dst, src, wcslen(src) + 1);
}

wchar_t *wcsncpy(wchar_t *dst, const wchar_t *src, size_t n)
{
	size_t len = wcsnlen(src, n);

	wmemcpy(dst, src, len);
	wmemset(dst + len, 0, n - len);
	return dst;
}

wchar_t *wcscat(wchar_t *dst, const wchar_t *src)
{
	wcscpy(dst + wcslen(dst), src);
	return dst;
}

wchar_t *wcsncat(wchar_t *dst, const wchar_t *src, size_t n)
{
	wchar_t *d = dst + wcslen(dst);
	size_t len = wcsnlen(src, n);

	wmemcpy(d, src, len);
	d[len] = 0;
	return dst;
}

int wcscmp(const wchar_t *a, const wchar_t *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a < *b ? -1 : *a > *b;
}

int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return *a < *b ? -1 : 1;
		if (!*a)
			break;
	}
	return 0;
}

int wcscoll(const wchar_t *a, const wchar_t *b) { return wcscmp(a, b); }

wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
	for (;; s++) {
		if (*s == c)
			return (wchar_t *)s;
		if (!*s)
			return NULL;
	}
}

wchar_t *wcsrchr(const wchar_t *s, wchar_t c)
{
	const wchar_t *last = NULL;

	for (;; s++) {
		if (*s == c)
			last = s;
		if (!*s)
			return (wchar_t *)last;
	}
}

wchar_t *wcsstr(const wchar_t *hay, const wchar_t *needle)
{
	size_t n = wcslen(needle);

	for (; *hay; hay++)
		if (!wmemcmp(hay, needle, n))
			return (wchar_t *)hay;
	return n ? NULL : (wchar_t *)hay;
}

size_t wcsspn(const wchar_t *s, const wchar_t *accept)
{
	size_t n = 0;

	while (s[n] && wcschr(accept, s[n]))
		n++;
	return n;
}

size_t wcscspn(const wchar_t *s, const wchar_t *reject)
{
	size_t n = 0;

	while (s[n] && !wcschr(reject, s[n]))
		n++;
	return n;
}

wchar_t *wcsdup(const wchar_t *s)
{
	size_t n = wcslen(s) + 1;
	wchar_t *d = malloc(n * sizeof(wchar_t));

	return d ? wmemcpy(d, s, n) : NULL;
}

wchar_t *wmemcpy(wchar_t *dst, const wchar_t *src, size_t n)
{
	return memcpy(dst, src, n * sizeof(wchar_t));
}

wchar_t *wmemmove(wchar_t *dst, const wchar_t *src, size_t n)
{
	return memmove(dst, src, n * sizeof(wchar_t));
}

wchar_t *wmemset(wchar_t *dst, wchar_t c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = c;
	return dst;
}

int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b)
			return *a < *b ? -1 : 1;
	return 0;
}

wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)
{
	for (; n; n--, s++)
		if (*s == c)
			return (wchar_t *)s;
	return NULL;
}

/* wcstol/wcstoul: narrowed to bytes (the C locale has no other digits). */
static int narrow(const wchar_t *s, char *buf, size_t size)
{
	size_t i = 0;

	while (i + 1 < size && s[i] > 0 && s[i] < 0x80) {
		buf[i] = (char)s[i];
		i++;
	}
	buf[i] = '\0';
	return (int)i;
}

long wcstol(const wchar_t *s, wchar_t **end, int base)
{
	char buf[128], *e;
	long v;

	narrow(s, buf, sizeof(buf));
	v = strtol(buf, &e, base);
	if (end)
		*end = (wchar_t *)s + (e - buf);
	return v;
}

unsigned long wcstoul(const wchar_t *s, wchar_t **end, int base)
{
	char buf[128], *e;
	unsigned long v;

	narrow(s, buf, sizeof(buf));
	v = strtoul(buf, &e, base);
	if (end)
		*end = (wchar_t *)s + (e - buf);
	return v;
}

wint_t btowc(int c)
{
	return c >= 0 && c < 0x80 ? (wint_t)c : WEOF;
}

int wctob(wint_t c)
{
	return c < 0x80 ? (int)c : -1;
}

int mbsinit(const mbstate_t *ps)
{
	return !ps || !ps->__count;
}

size_t mbrtowc(wchar_t *wc, const char *s, size_t n, mbstate_t *ps)
{
	unsigned char c;

	(void)ps;
	if (!s)
		return 0;
	if (n == 0)
		return (size_t)-2;
	c = (unsigned char)*s;
	if (c >= 0x80) {
		errno = EILSEQ;
		return (size_t)-1;
	}
	if (wc)
		*wc = c;
	return c != 0;
}

size_t mbrlen(const char *s, size_t n, mbstate_t *ps)
{
	return mbrtowc(NULL, s, n, ps);
}

size_t wcrtomb(char *s, wchar_t wc, mbstate_t *ps)
{
	(void)ps;
	if (!s)
		return 1;
	if ((unsigned)wc >= 0x80) {
		errno = EILSEQ;
		return (size_t)-1;
	}
	*s = (char)wc;
	return 1;
}

size_t mbsrtowcs(wchar_t *dst, const char **src, size_t n, mbstate_t *ps)
{
	const char *s = *src;
	size_t i = 0;

	for (; !dst || i < n; i++, s++) {
		wchar_t wc = 0;

		if (mbrtowc(&wc, s, 1, ps) == (size_t)-1) {
			if (dst)
				*src = s;
			return (size_t)-1;
		}
		if (dst)
			dst[i] = wc;
		if (!wc) {
			if (dst)
				*src = NULL;
			return i;
		}
	}
	*src = s;
	return i;
}

size_t wcsrtombs(char *dst, const wchar_t **src, size_t n, mbstate_t *ps)
{
	const wchar_t *s = *src;
	size_t i = 0;

	for (; !dst || i < n; i++, s++) {
		char c;

		if (wcrtomb(&c, *s, ps) == (size_t)-1) {
			if (dst)
				*src = s;
			return (size_t)-1;
		}
		if (dst)
			dst[i] = c;
		if (!c) {
			if (dst)
				*src = NULL;
			return i;
		}
	}
	*src = s;
	return i;
}

/* <stdlib.h>'s multibyte functions, over the above. */
int mblen(const char *s, size_t n)
{
	return mbtowc(NULL, s, n);
}

int mbtowc(wchar_t *wc, const char *s, size_t n)
{
	size_t r = mbrtowc(wc, s, n, NULL);

	return r == (size_t)-1 || r == (size_t)-2 ? -1 : (int)r;
}

int wctomb(char *s, wchar_t wc)
{
	return s ? (int)wcrtomb(s, wc, NULL) : 0;
}

size_t mbstowcs(wchar_t *dst, const char *src, size_t n)
{
	return mbsrtowcs(dst, &src, n, NULL);
}

size_t wcstombs(char *dst, const wchar_t *src, size_t n)
{
	return wcsrtombs(dst, &src, n, NULL);
}

/* Column widths: printable ASCII is 1, NUL 0, the rest -1 (C locale). */
int wcwidth(wchar_t c)
{
	if (c == 0)
		return 0;
	return c >= 0x20 && c < 0x7f ? 1 : -1;
}

int wcswidth(const wchar_t *s, size_t n)
{
	int w = 0;

	for (size_t i = 0; i < n && s[i]; i++) {
		int c = wcwidth(s[i]);

		if (c < 0)
			return -1;
		w += c;
	}
	return w;
}
