/* Resource limits (prlimit64 on both architectures) and usage. The kernel's
 * struct rusage is 18 longs on both (two {sec, usec} pairs of longs, then
 * 14 counters); ours has 64-bit seconds, so it is converted. */
#include <string.h>
#include <sys/resource.h>
#include <sys/times.h>
#include "internal.h"

int prlimit(pid_t pid, int resource, const struct rlimit *new_rl,
	    struct rlimit *old)
{
	return (int)__sysret_call(SYS_prlimit64, pid, resource, new_rl, old);
}

int getrlimit(int resource, struct rlimit *rl)
{
	return prlimit(0, resource, NULL, rl);
}

int setrlimit(int resource, const struct rlimit *rl)
{
	return prlimit(0, resource, rl, NULL);
}

int getrusage(int who, struct rusage *usage)
{
	long k[18];
	long r = __sysret_call(SYS_getrusage, who, k);

	if (r < 0)
		return -1;
	memset(usage, 0, sizeof(*usage));
	usage->ru_utime.tv_sec = k[0];
	usage->ru_utime.tv_usec = k[1];
	usage->ru_stime.tv_sec = k[2];
	usage->ru_stime.tv_usec = k[3];
	memcpy(&usage->ru_maxrss, &k[4], 14 * sizeof(long));
	return 0;
}

clock_t times(struct tms *buf)
{
	return (clock_t)__sysret_call(SYS_times, buf);
}
