/* Read-write locks: an internal lock guards the counts; sleepers wait on a
 * sequence number that every release bumps. Readers are not held back by
 * waiting writers (glibc's default, PTHREAD_RWLOCK_PREFER_READER_NP), so a
 * thread may take a read lock it already holds. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include "thread.h"

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *l, const pthread_rwlockattr_t *attr)
{
	*l = (pthread_rwlock_t)PTHREAD_RWLOCK_INITIALIZER;
	if (attr)
		l->__pshared = attr->__pshared;
	return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *l)
{
	return l->__readers || l->__writer ? EBUSY : 0;
}

/* Waits (the internal lock held, and held again on return) for the next
 * release. */
static void sleep_on(pthread_rwlock_t *l)
{
	int seq = l->__seq;

	l->__wwait++;
	__unlock(&l->__lock);
	__futex_wait(&l->__seq, seq, NULL, 0, l->__pshared);
	__lock(&l->__lock);
	l->__wwait--;
}

static int rdlock(pthread_rwlock_t *l, int try)
{
	__lock(&l->__lock);
	while (l->__writer) {
		if (try) {
			__unlock(&l->__lock);
			return EBUSY;
		}
		sleep_on(l);
	}
	l->__readers++;
	__unlock(&l->__lock);
	return 0;
}

static int wrlock(pthread_rwlock_t *l, int try)
{
	__lock(&l->__lock);
	while (l->__writer || l->__readers) {
		if (try) {
			__unlock(&l->__lock);
			return EBUSY;
		}
		sleep_on(l);
	}
	l->__writer = 1;
	__unlock(&l->__lock);
	return 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *l) { return rdlock(l, 0); }
int pthread_rwlock_tryrdlock(pthread_rwlock_t *l) { return rdlock(l, 1); }
int pthread_rwlock_wrlock(pthread_rwlock_t *l) { return wrlock(l, 0); }
int pthread_rwlock_trywrlock(pthread_rwlock_t *l) { return wrlock(l, 1); }

int pthread_rwlock_unlock(pthread_rwlock_t *l)
{
	int wake;

	__lock(&l->__lock);
	if (l->__writer)
		l->__writer = 0;
	else if (l->__readers)
		l->__readers--;
	else {
		__unlock(&l->__lock);
		return EPERM;
	}
	wake = l->__wwait && !l->__readers;
	if (wake)
		l->__seq++;
	__unlock(&l->__lock);
	if (wake)
		__futex_wake(&l->__seq, INT_MAX, l->__pshared);
	return 0;
}
