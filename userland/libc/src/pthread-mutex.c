/* Mutexes on one futex word (0 free, 1 held, 2 held with waiters). A
 * recursive or errorcheck mutex also records its owner's tid; a normal one
 * locked twice by one thread deadlocks, as glibc's does. */
#include <errno.h>
#include <pthread.h>
#include "atomic.h"
#include "thread.h"

static int self_tid(void) { return __pthread_self()->tid; }

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
	*attr = (pthread_mutexattr_t){ PTHREAD_MUTEX_NORMAL, PTHREAD_PROCESS_PRIVATE };
	return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
	if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_ERRORCHECK)
		return EINVAL;
	attr->__type = type;
	return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
	*type = attr->__type;
	return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
	if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
		return EINVAL;
	attr->__pshared = pshared;
	return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attr, int *pshared)
{
	*pshared = attr->__pshared;
	return 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
	*m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	if (attr) {
		m->__type = attr->__type;
		m->__pshared = attr->__pshared;
	}
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return __a_load(&m->__lock) ? EBUSY : 0;
}

/* The owner checks of recursive and errorcheck mutexes: 0 to go on and
 * take the lock, -1 when it was taken recursively, else an error. */
static int owner_check(pthread_mutex_t *m)
{
	if (m->__type == PTHREAD_MUTEX_NORMAL || m->__owner != self_tid())
		return 0;
	if (m->__type == PTHREAD_MUTEX_ERRORCHECK)
		return EDEADLK;
	if (m->__count == 0x7fffffff)
		return EAGAIN;
	m->__count++;
	return -1;
}

static void took(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		m->__owner = self_tid();
		m->__count = 1;
	}
}

/* Locks, sleeping until `abs` at most (NULL: forever). */
static int lock(pthread_mutex_t *m, const struct timespec *abs)
{
	int r = owner_check(m), c;

	if (r)
		return r < 0 ? 0 : r;
	c = __a_cas(&m->__lock, 0, 1);
	if (c != 0) {
		if (abs && (abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000))
			return EINVAL;
		if (c != 2)
			c = __a_swap(&m->__lock, 2);
		while (c != 0) {
			long w = __futex_wait(&m->__lock, 2, abs, 1, m->__pshared);

			if (w == -ETIMEDOUT)
				return ETIMEDOUT;
			c = __a_swap(&m->__lock, 2);
		}
	}
	took(m);
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	return lock(m, NULL);
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abs)
{
	return lock(m, abs);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	int r = owner_check(m);

	if (r == EDEADLK)
		return EBUSY;
	if (r)
		return r < 0 ? 0 : r;
	if (__a_cas(&m->__lock, 0, 1) != 0)
		return EBUSY;
	took(m);
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		if (m->__owner != self_tid() || !__a_load(&m->__lock))
			return EPERM;
		if (--m->__count > 0)
			return 0;
		m->__owner = 0;
	}
	if (__a_swap(&m->__lock, 0) == 2)
		__futex_wake(&m->__lock, 1, m->__pshared);
	return 0;
}

/* For the condition variables: after a wait, the mutex is retaken as
 * contended (2), since other waiters may be sleeping on it. */
void __pthread_mutex_relock(pthread_mutex_t *m, int count)
{
	while (__a_swap(&m->__lock, 2) != 0)
		__futex_wait(&m->__lock, 2, NULL, 0, m->__pshared);
	if (m->__type != PTHREAD_MUTEX_NORMAL) {
		m->__owner = self_tid();
		m->__count = count;
	}
}
