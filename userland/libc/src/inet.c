/* Internet address text (arpa/inet.h): inet_pton/inet_ntop for IPv4 and
 * IPv6 with glibc's rules (strict dotted quad for pton, "::" for the
 * longest run of two or more zero groups, the first on a tie, and the
 * "::ffff:a.b.c.d" / "::a.b.c.d" forms), and the classic inet_aton
 * family (1 to 4 parts, each decimal, 0octal or 0xhex). */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

/* Four decimal octets, no leading zeros, nothing after: 1, else 0. */
static int pton4(const char *s, const char *end, unsigned char out[4])
{
	int octets = 0, digits = 0;
	unsigned value = 0;

	for (; s < end; s++) {
		if (*s >= '0' && *s <= '9') {
			if (digits > 0 && value == 0)
				return 0; /* leading zero */
			value = value * 10 + (unsigned)(*s - '0');
			if (value > 255 || ++digits > 3)
				return 0;
		} else if (*s == '.' && digits > 0 && octets < 3) {
			out[octets++] = (unsigned char)value;
			value = 0;
			digits = 0;
		} else {
			return 0;
		}
	}
	if (digits == 0 || octets != 3)
		return 0;
	out[3] = (unsigned char)value;
	return 1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Up to eight groups of 1-4 hex digits, one "::" standing for one or
 * more zero groups, an IPv4 dotted quad as the last 32 bits. */
static int pton6(const char *s, unsigned char out[16])
{
	unsigned char a[16] = { 0 };
	int n = 0, gap = -1;
	const char *end = s + strlen(s);

	if (s[0] == ':' && s[1] != ':')
		return 0;
	if (s[0] == ':')
		s++;
	while (*s) {
		if (*s == ':') { /* the second colon of "::" */
			if (gap >= 0)
				return 0;
			gap = n;
			s++;
			continue;
		}
		const char *start = s;
		unsigned v = 0;
		int digits = 0, h;

		while ((h = hexval(*s)) >= 0 && digits < 5) {
			v = v << 4 | (unsigned)h;
			digits++;
			s++;
		}
		if (*s == '.') { /* IPv4 tail */
			if (n > 12 || !pton4(start, end, a + n))
				return 0;
			n += 4;
			break;
		}
		if (digits == 0 || digits > 4 || n > 14)
			return 0;
		a[n++] = (unsigned char)(v >> 8);
		a[n++] = (unsigned char)v;
		if (*s == ':') {
			s++;
			if (*s == '\0')
				return 0; /* trailing single colon */
		} else if (*s) {
			return 0;
		}
	}
	if (gap >= 0) {
		if (n == 16)
			return 0;
		memmove(a + 16 - (n - gap), a + gap, (size_t)(n - gap));
		memset(a + gap, 0, (size_t)(16 - n));
	} else if (n != 16) {
		return 0;
	}
	memcpy(out, a, 16);
	return 1;
}

int inet_pton(int af, const char *src, void *dst)
{
	if (af == AF_INET)
		return pton4(src, src + strlen(src), dst);
	if (af == AF_INET6)
		return pton6(src, dst);
	errno = EAFNOSUPPORT;
	return -1;
}

static const char *ntop4(const unsigned char *a, char *dst, socklen_t size)
{
	char tmp[INET_ADDRSTRLEN];
	int n = snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);

	if ((socklen_t)n >= size) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, tmp, (size_t)n + 1);
	return dst;
}

static const char *ntop6(const unsigned char *a, char *dst, socklen_t size)
{
	char tmp[INET6_ADDRSTRLEN], *p = tmp;
	unsigned w[8];
	int best = -1, bestlen = 0;

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	for (int i = 0; i < 8;) { /* the longest run of zeros, the first on a tie */
		int j = i;

		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > bestlen) {
			best = i;
			bestlen = j - i;
		}
		i = j > i ? j : i + 1;
	}
	if (bestlen < 2)
		best = -1;
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			i += bestlen - 1;
			if (i == 7)
				*p++ = ':';
			continue;
		}
		if (i > 0)
			*p++ = ':';
		if (i == 6 && best == 0 && (bestlen == 6 || (bestlen == 5 && w[5] == 0xffff))) {
			ntop4(a + 12, p, (socklen_t)(sizeof(tmp) - (size_t)(p - tmp)));
			p += strlen(p);
			break;
		}
		p += sprintf(p, "%x", w[i]);
	}
	*p = '\0';
	if ((socklen_t)(p - tmp) >= size) {
		errno = ENOSPC;
		return NULL;
	}
	memcpy(dst, tmp, (size_t)(p - tmp) + 1);
	return dst;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	if (af == AF_INET)
		return ntop4(src, dst, size);
	if (af == AF_INET6)
		return ntop6(src, dst, size);
	errno = EAFNOSUPPORT;
	return NULL;
}

/* One number of inet_aton: decimal, 0octal or 0xhex; NULL if malformed. */
static const char *aton_part(const char *s, unsigned long *v)
{
	unsigned long long base = 10, n = 0; /* 64 bits: overflow is seen on riscv32 too */
	int digits = 0, d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (;; s++, digits++) {
		d = hexval(*s);
		if (d < 0 || (unsigned long long)d >= base)
			break;
		n = n * base + (unsigned long long)d;
		if (n > 0xffffffffULL)
			return NULL;
	}
	if (digits == 0 && base != 8) /* "0" itself is octal zero; "0x" is nothing */
		return NULL;
	*v = (unsigned long)n;
	return s;
}

int inet_aton(const char *cp, struct in_addr *inp)
{
	unsigned long part[4], v;
	int n = 0;
	const char *s = cp;

	for (;;) {
		if (!isdigit((unsigned char)*s) || !(s = aton_part(s, &part[n++])))
			return 0;
		if (*s != '.')
			break;
		if (n == 4)
			return 0;
		s++;
	}
	if (*s && !isspace((unsigned char)*s))
		return 0;
	/* a, a.b (8.24), a.b.c (8.8.16), a.b.c.d */
	static const unsigned long last_max[5] = { 0, 0xffffffffUL, 0xffffffUL, 0xffffUL, 0xffUL };

	if (part[n - 1] > last_max[n])
		return 0;
	v = part[n - 1];
	for (int i = 0; i < n - 1; i++) {
		if (part[i] > 0xff)
			return 0;
		v |= part[i] << (24 - 8 * i);
	}
	if (inp)
		inp->s_addr = htonl((uint32_t)v);
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;

	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static char buf[INET_ADDRSTRLEN];

	ntop4((const unsigned char *)&in.s_addr, buf, sizeof(buf));
	return buf;
}
