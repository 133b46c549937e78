/* Clocks and sleeping. time_t is 64 bits on both ABIs; on riscv32 the libc
 * uses the *_time64 system calls. */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
#if __SIZEOF_LONG__ == 4
	long __pad; /* keeps the layout of the kernel's 64-bit timespec */
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
