/* strftime for the C locale, with glibc's extensions: the flags '_' (pad
 * with spaces), '-' (no padding), '0' (zeros), '^' (upper case), '#'
 * (swap case of names), a field width, the E and O modifiers (ignored), and
 * %k %l %P %s %C %g %G %V %u. */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const day_names[] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday",
};
static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

struct out {
	char *buf;
	size_t max, len;
	int overflow;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n >= o->max) {
		o->overflow = 1;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* A name (or literal text), padded with spaces to width on the left. */
static void put_text(struct out *o, const char *s, size_t n, int width,
		     int upper, char pad)
{
	char c;

	for (; width > (int)n; width--)
		put(o, pad == '0' ? "0" : " ", 1);
	for (size_t i = 0; i < n; i++) {
		c = s[i];
		if (upper && c >= 'a' && c <= 'z')
			c = (char)(c - 32);
		put(o, &c, 1);
	}
}

/* A number with its natural width digits (zero or space padded). */
static void put_num(struct out *o, long long v, int digits, char natural_pad,
		    char pad, int width)
{
	char tmp[32];
	int n, neg = v < 0;
	unsigned long long u = neg ? 0ULL - (unsigned long long)v
				   : (unsigned long long)v;

	n = snprintf(tmp, sizeof(tmp), "%llu", u);
	if (!pad)
		pad = natural_pad;
	if (width < 0)
		width = digits;
	if (pad == '-')
		width = 0;
	if (neg)
		width--;
	if (pad == '0') {
		if (neg)
			put(o, "-", 1);
		for (int i = n; i < width; i++)
			put(o, "0", 1);
	} else {
		for (int i = n; i < width; i++)
			put(o, " ", 1);
		if (neg)
			put(o, "-", 1);
	}
	put(o, tmp, (size_t)n);
}

/* ISO 8601 week-based year and week number. */
static int iso_week(const struct tm *tm, long long *year)
{
	long long y = tm->tm_year + 1900LL;
	int wday = (tm->tm_wday + 6) % 7; /* Monday = 0 */
	int week = (tm->tm_yday - wday + 10) / 7;

	if (week < 1) {
		/* The last week of the previous year: 52 or 53. */
		long long py = y - 1;
		int pleap = (py % 4 == 0 && py % 100 != 0) || py % 400 == 0;
		int pyday = tm->tm_yday + 365 + pleap;

		*year = py;
		return (pyday - wday + 10) / 7;
	}
	if (week == 53) {
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		int days_in_year = 365 + leap;

		/* Week 53 exists only if Dec 31 is a Thursday or later. */
		if (tm->tm_yday - wday + 3 >= days_in_year) {
			*year = y + 1;
			return 1;
		}
	}
	*year = y;
	return week;
}

static void format(struct out *o, const char *fmt, const struct tm *tm);

static void conv(struct out *o, char c, char pad, int upper, int swap,
		 int width, const struct tm *tm)
{
	char tmp[64];
	const char *name;
	long long iy;
	int h12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
	unsigned wd = (unsigned)tm->tm_wday % 7, mo = (unsigned)tm->tm_mon % 12;

	switch (c) {
	case 'a': case 'A':
		name = day_names[wd];
		put_text(o, name, c == 'a' ? 3 : strlen(name), width,
			 upper || swap, pad);
		return;
	case 'b': case 'h': case 'B':
		name = month_names[mo];
		put_text(o, name, c == 'B' ? strlen(name) : 3, width,
			 upper || swap, pad);
		return;
	case 'p': case 'P': {
		int lower = c == 'P' && !upper;
		const char *s = tm->tm_hour < 12 ? (lower ? "am" : "AM")
						 : (lower ? "pm" : "PM");

		if (swap)
			s = tm->tm_hour < 12 ? "am" : "pm";
		put_text(o, s, 2, width, 0, pad);
		return;
	}
	case 'Z':
		name = tm->tm_zone ? tm->tm_zone : "";
		put_text(o, name, strlen(name), width, upper, pad);
		return;
	case 'n': put_text(o, "\n", 1, width, 0, pad); return;
	case 't': put_text(o, "\t", 1, width, 0, pad); return;
	case '%': put_text(o, "%", 1, width, 0, pad); return;
	case 'C': put_num(o, (tm->tm_year + 1900LL) / 100 -
			  ((tm->tm_year + 1900LL) % 100 < 0), 1, '0', pad, width);
		return;
	case 'd': put_num(o, tm->tm_mday, 2, '0', pad, width); return;
	case 'e': put_num(o, tm->tm_mday, 2, ' ', pad, width); return;
	case 'H': put_num(o, tm->tm_hour, 2, '0', pad, width); return;
	case 'k': put_num(o, tm->tm_hour, 2, ' ', pad, width); return;
	case 'I': put_num(o, h12, 2, '0', pad, width); return;
	case 'l': put_num(o, h12, 2, ' ', pad, width); return;
	case 'j': put_num(o, tm->tm_yday + 1, 3, '0', pad, width); return;
	case 'm': put_num(o, tm->tm_mon + 1, 2, '0', pad, width); return;
	case 'M': put_num(o, tm->tm_min, 2, '0', pad, width); return;
	case 'S': put_num(o, tm->tm_sec, 2, '0', pad, width); return;
	case 'u': put_num(o, wd ? wd : 7, 1, '0', pad, width); return;
	case 'w': put_num(o, wd, 1, '0', pad, width); return;
	case 'U': put_num(o, (tm->tm_yday + 7 - (int)wd) / 7, 2, '0', pad,
			  width);
		return;
	case 'W': put_num(o, (tm->tm_yday + 7 - (int)((wd + 6) % 7)) / 7, 2,
			  '0', pad, width);
		return;
	case 'V': put_num(o, iso_week(tm, &iy), 2, '0', pad, width); return;
	case 'g': iso_week(tm, &iy);
		put_num(o, (iy % 100 + 100) % 100, 2, '0', pad, width);
		return;
	case 'G': iso_week(tm, &iy);
		put_num(o, iy, 1, '0', pad, width);
		return;
	case 'y': put_num(o, ((tm->tm_year + 1900LL) % 100 + 100) % 100, 2,
			  '0', pad, width);
		return;
	case 'Y': put_num(o, tm->tm_year + 1900LL, 1, '0', pad, width); return;
	case 's': {
		struct tm copy = *tm;

		put_num(o, (long long)mktime(&copy), 1, '0', pad, width);
		return;
	}
	case 'z': {
		long off = tm->tm_gmtoff;
		long a = off < 0 ? -off : off;

		snprintf(tmp, sizeof(tmp), "%c%02ld%02ld", off < 0 ? '-' : '+',
			 a / 3600, a / 60 % 60);
		put_text(o, tmp, strlen(tmp), width, 0, pad == '_' ? ' ' : '0');
		return;
	}
	}
	/* The composite conversions are formats of their own. */
	switch (c) {
	case 'c': name = "%a %b %e %H:%M:%S %Y"; break;
	case 'D': case 'x': name = "%m/%d/%y"; break;
	case 'F': name = "%Y-%m-%d"; break;
	case 'r': name = "%I:%M:%S %p"; break;
	case 'R': name = "%H:%M"; break;
	case 'T': case 'X': name = "%H:%M:%S"; break;
	default:
		/* Unknown: glibc copies the conversion as written. */
		tmp[0] = '%';
		tmp[1] = c;
		put(o, tmp, c ? 2 : 1);
		return;
	}
	{
		struct out sub = { tmp, sizeof(tmp), 0, 0 };

		format(&sub, name, tm);
		put_text(o, tmp, sub.len, width, upper, pad);
	}
}

static void format(struct out *o, const char *fmt, const struct tm *tm)
{
	for (; *fmt && !o->overflow; fmt++) {
		char pad = 0;
		int upper = 0, swap = 0, width = -1;

		if (*fmt != '%') {
			put(o, fmt, 1);
			continue;
		}
		for (fmt++;; fmt++) {
			if (*fmt == '_' || *fmt == '-' || *fmt == '0')
				pad = *fmt;
			else if (*fmt == '^')
				upper = 1;
			else if (*fmt == '#')
				swap = 1;
			else
				break;
		}
		if (*fmt >= '1' && *fmt <= '9') {
			width = 0;
			while (*fmt >= '0' && *fmt <= '9' && width < 4096)
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == 'E' || *fmt == 'O')
			fmt++;
		conv(o, *fmt, pad, upper, swap, width, tm);
		if (!*fmt)
			break;
	}
}

size_t strftime(char *buf, size_t max, const char *fmt, const struct tm *tm)
{
	struct out o = { buf, max, 0, 0 };

	format(&o, fmt, tm);
	if (o.overflow || max == 0)
		return 0;
	buf[o.len] = '\0';
	return o.len;
}
