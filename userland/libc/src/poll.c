/* poll and select over ppoll and pselect6 (riscv32 has only their time64
 * forms, which take our struct timespec). */
#include <errno.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/time.h>
#include "internal.h"

/* The kernel's sigset is 64 bits on both architectures. */
#define KERNEL_SIGSET_SIZE 8

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout,
	  const sigset_t *mask)
{
	return (int)__sysret_call(SYS_ppoll, fds, n, timeout, mask,
				  KERNEL_SIGSET_SIZE);
}

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
	struct timespec ts = {
		.tv_sec = timeout_ms / 1000,
		.tv_nsec = (long)(timeout_ms % 1000) * 1000000,
	};

	return ppoll(fds, n, timeout_ms < 0 ? NULL : &ts, NULL);
}

int pselect(int n, fd_set *r, fd_set *w, fd_set *e,
	    const struct timespec *timeout, const sigset_t *mask)
{
	/* pselect6's sixth argument: the mask and its size, or NULL. */
	struct { const sigset_t *set; unsigned long size; } sig = {
		mask, KERNEL_SIGSET_SIZE
	};
	struct timespec ts, *tp = NULL;

	if (timeout) { /* the kernel writes back the time left: a copy */
		ts = *timeout;
		tp = &ts;
	}
	return (int)__sysret_call(SYS_pselect6, n, r, w, e, tp,
				  mask ? &sig : NULL);
}

/* Linux's select writes the time left back into *timeout; so do we. */
int select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *timeout)
{
	struct timespec ts, *tp = NULL;
	long ret;

	if (timeout) {
		if (timeout->tv_sec < 0 || timeout->tv_usec < 0) {
			errno = EINVAL;
			return -1;
		}
		ts.tv_sec = timeout->tv_sec + timeout->tv_usec / 1000000;
		ts.tv_nsec = (timeout->tv_usec % 1000000) * 1000;
		tp = &ts;
	}
	ret = __sys(SYS_pselect6, n, r, w, e, tp, 0);
	if (timeout && ret >= 0) {
		timeout->tv_sec = ts.tv_sec;
		timeout->tv_usec = ts.tv_nsec / 1000;
	}
	return (int)__sysret(ret);
}
