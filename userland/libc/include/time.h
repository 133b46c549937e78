/* Clocks and sleeping. time_t is 64 bits on both ABIs; on riscv32 the libc
 * uses the *_time64 system calls. */
#ifndef _TIME_H
#define _TIME_H

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
time_t time(time_t *out);

#endif
