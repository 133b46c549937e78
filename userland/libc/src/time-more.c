/* The other clocks of the C library: clock(), gettimeofday, timespec_get,
 * interval timers and alarm(). The kernel's itimerval is four longs on both
 * architectures (32-bit seconds on riscv32), so it is converted. */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include "internal.h"

clock_t clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return (clock_t)-1;
	return (clock_t)(ts.tv_sec * CLOCKS_PER_SEC + ts.tv_nsec / 1000);
}

int gettimeofday(struct timeval *tv, void *tz)
{
	struct timespec ts;

	if (tz) /* no time zones: a struct timezone of zeros */
		*(struct timezone *)tz = (struct timezone){ 0, 0 };
	if (!tv)
		return 0;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
}

int timespec_get(struct timespec *ts, int base)
{
	if (base != TIME_UTC || clock_gettime(CLOCK_REALTIME, ts) < 0)
		return 0;
	return base;
}

int setitimer(int which, const struct itimerval *value, struct itimerval *old)
{
	long k[4] = { (long)value->it_interval.tv_sec, value->it_interval.tv_usec,
		      (long)value->it_value.tv_sec, value->it_value.tv_usec };
	long o[4];

	if (__sysret_call(SYS_setitimer, which, k, old ? o : NULL) < 0)
		return -1;
	if (old)
		*old = (struct itimerval){ { o[0], o[1] }, { o[2], o[3] } };
	return 0;
}

int getitimer(int which, struct itimerval *value)
{
	long o[4];

	if (__sysret_call(SYS_getitimer, which, o) < 0)
		return -1;
	*value = (struct itimerval){ { o[0], o[1] }, { o[2], o[3] } };
	return 0;
}

/* Rounds the old timer's remainder to the nearest second, never to 0 when
 * some time was left (glibc's rule). */
unsigned int alarm(unsigned int seconds)
{
	struct itimerval it = { { 0, 0 }, { seconds, 0 } }, old;
	unsigned int left;

	if (setitimer(ITIMER_REAL, &it, &old) < 0)
		return 0;
	left = (unsigned int)old.it_value.tv_sec;
	if (old.it_value.tv_usec >= 500000 ||
	    (left == 0 && old.it_value.tv_usec > 0))
		left++;
	return left;
}
