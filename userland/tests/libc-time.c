/* <time.h> and <sys/time.h>: calendar conversions, mktime's normalising,
 * strftime's conversions and flags, asctime. Prints only values that are
 * the same everywhere, so its output is compared byte for byte with the
 * same program built against glibc. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>

static const long long stamps[] = {
	0, 1, -1, 86399, 86400, -86400, 951782400 /* 2000-02-29 */,
	951868800, 1234567890, 2147483647, 2147483648LL, 4102444800LL,
	-2208988800LL /* 1900 */, -62135596800LL /* year 1 */,
	253402300799LL /* 9999-12-31 23:59:59 */, 1709164800 /* 2024-02-29 */,
	1735603200 /* 2024-12-31 */, 1104537600 /* 2005-01-01 */,
	1230768000 /* 2009-01-01 */, 1293840000 /* 2011-01-01 */,
	-12219292800LL /* 1582-10-15 */,
};

static const char *const formats[] = {
	"%a %A %b %B %h", "%c", "%C %d %D %e", "%F %g %G", "%H %I %j %k %l",
	"%m %M %n %p %P %r %R", "%S %t %T %u %U %V %w %W", "%x %X %y %Y",
	"%z %Z %%", "%s", "[%10A] [%-10A] [%^a] [%#b] [%_5d] [%-d] [%05e]",
	"[%-H] [%_M] [%3S] [%Ey] [%Od] [%-j] [%4Y] [%_Y]", "%Q %", "",
};

static void show_tm(const char *label, const struct tm *tm)
{
	printf("%s %d-%02d-%02d %02d:%02d:%02d wday=%d yday=%d dst=%d "
	       "off=%ld zone=%s\n", label, tm->tm_year + 1900, tm->tm_mon + 1,
	       tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_wday,
	       tm->tm_yday, tm->tm_isdst, tm->tm_gmtoff, tm->tm_zone);
}

int main(void)
{
	char buf[256];
	struct tm tm;

	for (size_t i = 0; i < sizeof(stamps) / sizeof(stamps[0]); i++) {
		time_t t = (time_t)stamps[i];

		printf("t=%lld\n", stamps[i]);
		gmtime_r(&t, &tm);
		show_tm(" gmtime   ", &tm);
		localtime_r(&t, &tm);
		show_tm(" localtime", &tm);
		printf(" asctime   %s", asctime(&tm));
		printf(" mktime    %lld\n", (long long)mktime(&tm));
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			size_t n = strftime(buf, sizeof(buf), formats[f], &tm);

			printf(" strftime  %zu [%s]\n", n, buf);
		}
	}

	/* mktime normalises out-of-range fields and fills wday/yday. */
	static const int fields[][6] = {
		{ 2024, 13, 1, 0, 0, 0 },   { 2024, 0, 0, 0, 0, 0 },
		{ 2023, 2, 29, 0, 0, 0 },   { 2024, 2, 29, 24, 0, 0 },
		{ 2000, 1, 1, -1, 0, 0 },   { 1999, 12, 31, 23, 59, 60 },
		{ 2024, 1, 1, 0, -1, 0 },   { 2024, -13, 1, 0, 0, 0 },
		{ 2024, 6, 400, 0, 0, 0 },  { 1970, 1, 1, 0, 0, -1 },
		{ 2038, 1, 19, 3, 14, 8 },  { 1969, 12, 31, 23, 59, 59 },
	};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = fields[i][0] - 1900;
		tm.tm_mon = fields[i][1] - 1;
		tm.tm_mday = fields[i][2];
		tm.tm_hour = fields[i][3];
		tm.tm_min = fields[i][4];
		tm.tm_sec = fields[i][5];
		printf("mktime(%d-%d-%d %d:%d:%d) = %lld", fields[i][0],
		       fields[i][1], fields[i][2], fields[i][3], fields[i][4],
		       fields[i][5], (long long)mktime(&tm));
		show_tm(" ->", &tm);
	}

	/* strftime reports a buffer too small with 0. */
	gmtime_r(&(time_t){ 1234567890 }, &tm);
	printf("small: %zu %zu %zu\n", strftime(buf, 5, "%Y-%m", &tm),
	       strftime(buf, 8, "%Y-%m", &tm), strftime(buf, 1, formats[13], &tm));

	/* The clocks move forward and agree with each other. */
	struct timeval tv;
	struct timespec ts;
	time_t now = time(NULL);
	int ok = gettimeofday(&tv, NULL) == 0 &&
		 clock_gettime(CLOCK_REALTIME, &ts) == 0 &&
		 tv.tv_sec >= now && ts.tv_sec >= tv.tv_sec &&
		 tv.tv_usec >= 0 && tv.tv_usec < 1000000;
	printf("clocks agree: %s\n", ok ? "yes" : "no");
	clock_t c0 = clock();
	for (volatile int i = 0; i < 1000000; i++)
		;
	printf("clock() advances: %s\n", clock() >= c0 && c0 >= 0 ? "yes" : "no");
	printf("timespec_get: %d\n", timespec_get(&ts, TIME_UTC));
	return 0;
}
