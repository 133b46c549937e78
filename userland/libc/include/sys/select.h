/* select(): fd_set is 1024 bits, as on Linux. */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <sys/types.h>
#include <signal.h>
#include <time.h>

#define FD_SETSIZE 1024
#define __NFDBITS (8 * (int)sizeof(unsigned long))

typedef struct {
	unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define FD_ZERO(s)                                                 \
	do {                                                       \
		for (unsigned __i = 0;                             \
		     __i < sizeof((s)->fds_bits) / sizeof(long); __i++) \
			(s)->fds_bits[__i] = 0;                    \
	} while (0)
#define FD_SET(d, s) \
	((s)->fds_bits[(d) / __NFDBITS] |= (1UL << ((d) % __NFDBITS)))
#define FD_CLR(d, s) \
	((s)->fds_bits[(d) / __NFDBITS] &= ~(1UL << ((d) % __NFDBITS)))
#define FD_ISSET(d, s) \
	(((s)->fds_bits[(d) / __NFDBITS] & (1UL << ((d) % __NFDBITS))) != 0)

struct timeval;
int select(int n, fd_set *r, fd_set *w, fd_set *e, struct timeval *timeout);
int pselect(int n, fd_set *r, fd_set *w, fd_set *e,
	    const struct timespec *timeout, const sigset_t *mask);

#endif
