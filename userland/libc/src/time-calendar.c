/* Calendar time: seconds since the epoch <-> broken-down UTC time, over
 * the proleptic Gregorian calendar (400-year cycles of 146097 days). Local
 * time is UTC. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <time.h>

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;

void tzset(void) {}

/* Days from 1970-01-01 to year-month-day (month 1..12), any year. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static struct tm *fill_tm(time_t t, struct tm *tm, const char *zone)
{
	int64_t days = t / 86400, secs = t % 86400, era, doe, yoe, y, doy, mp;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	tm->tm_wday = (int)((days % 7 + 11) % 7); /* 1970-01-01: Thursday */
	/* The inverse of days_from_civil. */
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	tm->tm_mon = (int)(mp < 10 ? mp + 2 : mp - 10);
	y += tm->tm_mon <= 1;
	if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(y - 1900);
	tm->tm_yday = (int)(days_from_civil(y, tm->tm_mon + 1, tm->tm_mday) -
			    days_from_civil(y, 1, 1));
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = zone;
	return tm;
}

struct tm *gmtime_r(const time_t *t, struct tm *out)
{
	return fill_tm(*t, out, "GMT");
}

struct tm *localtime_r(const time_t *t, struct tm *out)
{
	return fill_tm(*t, out, "UTC");
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *localtime(const time_t *t)
{
	static struct tm tm;

	return localtime_r(t, &tm);
}

/* Normalises out-of-range fields (months beyond 11, day 0, 70 seconds...)
 * the way mktime must, then rewrites *tm from the resulting time. */
static time_t to_time(struct tm *tm, const char *zone)
{
	int64_t year = (int64_t)tm->tm_year + 1900, mon = tm->tm_mon, t;
	struct tm out;

	year += mon / 12;
	mon %= 12;
	if (mon < 0) {
		mon += 12;
		year--;
	}
	t = days_from_civil(year, (int)mon + 1, 1) + tm->tm_mday - 1;
	t = t * 86400 + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 +
	    tm->tm_sec;
	if (!fill_tm(t, &out, zone))
		return -1;
	*tm = out;
	return t;
}

time_t mktime(struct tm *tm) { return to_time(tm, "UTC"); }
time_t timegm(struct tm *tm) { return to_time(tm, "GMT"); }

double difftime(time_t end, time_t start)
{
	return (double)(end - start);
}

char *asctime_r(const struct tm *tm, char *buf)
{
	static const char days[] = "SunMonTueWedThuFriSat";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	unsigned wd = (unsigned)tm->tm_wday, mo = (unsigned)tm->tm_mon;

	if (wd > 6 || mo > 11) {
		errno = EOVERFLOW;
		return NULL;
	}
	/* 26 bytes for every year of four digits, as C requires. */
	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", days + 3 * wd,
		 months + 3 * mo, tm->tm_mday, tm->tm_hour, tm->tm_min,
		 tm->tm_sec, 1900 + tm->tm_year);
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[26];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	static char buf[26];

	return ctime_r(t, buf);
}
