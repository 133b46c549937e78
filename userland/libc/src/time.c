/* Clocks and sleeps, over the architecture's clock hooks. */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return (int)__sysret(__arch_clock_gettime(clock, ts));
}

int clock_getres(clockid_t clock, struct timespec *res)
{
	return (int)__sysret(__arch_clock_getres(clock, res));
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__sysret(__arch_nanosleep(req, rem));
}

/* Unlike the others, clock_nanosleep returns the error number itself. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	long r = __arch_clock_nanosleep(clock, flags, req, rem);

	return r < 0 ? (int)-r : 0;
}

time_t time(time_t *out)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (out)
		*out = ts.tv_sec;
	return ts.tv_sec;
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec req = { .tv_sec = seconds }, rem = { 0 };

	if (nanosleep(&req, &rem) < 0)
		return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec req = {
		.tv_sec = usec / 1000000,
		.tv_nsec = (long)(usec % 1000000) * 1000,
	};

	return nanosleep(&req, NULL);
}
