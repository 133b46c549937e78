/* The futex calls and the library's internal lock (thread.h). */
#include <limits.h>
#include <time.h>
#include "atomic.h"
#include "internal.h"
#include "thread.h"

#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE 128
#define FUTEX_CLOCK_REALTIME 256

volatile int __libc_threaded;

/* Sleeps while *addr == value, until woken or the absolute time `abs` (on
 * CLOCK_REALTIME or CLOCK_MONOTONIC) passes; the raw result (0, -EAGAIN,
 * -ETIMEDOUT, -EINTR). */
long __futex_wait(volatile int *addr, int value, const struct timespec *abs,
		  int clock_realtime, int shared)
{
	int op = FUTEX_WAIT_BITSET | (shared ? 0 : FUTEX_PRIVATE) |
		 (clock_realtime ? FUTEX_CLOCK_REALTIME : 0);

	/* FUTEX_BITSET_MATCH_ANY (-1): the kernel reads its low 32 bits. */
	return __syscall6(SYS_futex, (long)addr, op, value, (long)abs, 0, -1);
}

void __futex_wake(volatile int *addr, int count, int shared)
{
	__syscall3(SYS_futex, (long)addr, FUTEX_WAKE | (shared ? 0 : FUTEX_PRIVATE),
		   count);
}

void __lock(volatile int *l)
{
	int c = __a_cas(l, 0, 1);

	if (c == 0)
		return;
	if (c != 2)
		c = __a_swap(l, 2);
	while (c != 0) {
		__futex_wait(l, 2, NULL, 0, 0);
		c = __a_swap(l, 2);
	}
}

int __trylock(volatile int *l)
{
	return __a_cas(l, 0, 1) == 0;
}

void __unlock(volatile int *l)
{
	if (__a_swap(l, 0) == 2)
		__futex_wake(l, 1, 0);
}
