/* Condition variables: one futex word, a sequence number that each signal
 * and broadcast bumps. A waiter reads it before unlocking the mutex and
 * sleeps only while it is unchanged, so a wake between the unlock and the
 * sleep is not lost. Waits may end spuriously, as POSIX allows. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <time.h>
#include "atomic.h"
#include "thread.h"

void __pthread_mutex_relock(pthread_mutex_t *m, int count);

int pthread_condattr_init(pthread_condattr_t *attr)
{
	*attr = (pthread_condattr_t){ CLOCK_REALTIME, PTHREAD_PROCESS_PRIVATE };
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->__clock = clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock)
{
	*clock = attr->__clock;
	return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
	*c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
	if (attr) {
		c->__clock = attr->__clock;
		c->__pshared = attr->__pshared;
	}
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	(void)c;
	return 0;
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
			   const struct timespec *abs)
{
	int seq, count = 1;
	long w;

	if (abs && (abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000))
		return EINVAL;
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != __pthread_self()->tid)
			return EPERM;
		count = m->__count;
		m->__count = 1; /* the unlock below releases it at once */
	}
	seq = __a_load(&c->__seq);
	pthread_mutex_unlock(m);
	w = __futex_wait(&c->__seq, seq, abs, c->__clock == CLOCK_REALTIME,
			 c->__pshared);
	__pthread_mutex_relock(m, count);
	return w == -ETIMEDOUT ? ETIMEDOUT : 0;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
	return pthread_cond_timedwait(c, m, NULL);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	__a_fetch_add(&c->__seq, 1);
	__futex_wake(&c->__seq, 1, c->__pshared);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	__a_fetch_add(&c->__seq, 1);
	__futex_wake(&c->__seq, INT_MAX, c->__pshared);
	return 0;
}
