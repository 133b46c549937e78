/* Clocks, sleeping and calendar time. time_t is 64 bits on both ABIs; on
 * riscv32 the libc uses the *_time64 system calls. There are no time
 * zones: local time is UTC, as glibc's with TZ unset and no /etc/localtime. */
#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>
#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
#if __SIZEOF_LONG__ == 4
	/* Unnamed padding up to the kernel's 64-bit tv_nsec (little-endian:
	 * the high half). The kernel ignores it, as Linux does on 32-bit. */
	long : 32;
#endif
};

struct tm {
	int tm_sec;
	int tm_min;
	int tm_hour;
	int tm_mday;
	int tm_mon;
	int tm_year;
	int tm_wday;
	int tm_yday;
	int tm_isdst;
	long tm_gmtoff;
	const char *tm_zone;
};

#define CLOCKS_PER_SEC 1000000L
#define TIME_UTC 1

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1

int clock_gettime(clockid_t clock, struct timespec *ts);
int clock_getres(clockid_t clock, struct timespec *res);
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem);
int timespec_get(struct timespec *ts, int base);
time_t time(time_t *out);
clock_t clock(void);
double difftime(time_t end, time_t start);

struct tm *gmtime_r(const time_t *t, struct tm *out);
struct tm *gmtime(const time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *out);
struct tm *localtime(const time_t *t);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
char *asctime_r(const struct tm *tm, char *buf);
char *asctime(const struct tm *tm);
char *ctime_r(const time_t *t, char *buf);
char *ctime(const time_t *t);
size_t strftime(char *buf, size_t max, const char *fmt, const struct tm *tm);
void tzset(void);

extern char *tzname[2];
extern long timezone;
extern int daylight;

#endif
