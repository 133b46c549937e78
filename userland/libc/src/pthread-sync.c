/* Barriers, spin locks and pthread_once. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include "atomic.h"
#include "thread.h"

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
	attr->__pshared = PTHREAD_PROCESS_PRIVATE;
	return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_barrier_init(pthread_barrier_t *b, const pthread_barrierattr_t *attr,
			 unsigned count)
{
	if (count == 0 || count > INT_MAX)
		return EINVAL;
	*b = (pthread_barrier_t){ 0, count, 0, 0, attr ? attr->__pshared : 0 };
	return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *b)
{
	return b->__arrived ? EBUSY : 0;
}

/* The last of `count` threads to arrive starts the next round and returns
 * PTHREAD_BARRIER_SERIAL_THREAD; the others sleep until the round moves. */
int pthread_barrier_wait(pthread_barrier_t *b)
{
	int round;

	__lock(&b->__lock);
	if (++b->__arrived == b->__count) {
		b->__arrived = 0;
		__a_fetch_add(&b->__seq, 1);
		__unlock(&b->__lock);
		__futex_wake(&b->__seq, INT_MAX, b->__pshared);
		return PTHREAD_BARRIER_SERIAL_THREAD;
	}
	round = b->__seq;
	__unlock(&b->__lock);
	while (__a_load(&b->__seq) == round)
		__futex_wait(&b->__seq, round, NULL, 0, b->__pshared);
	return 0;
}

int pthread_spin_init(pthread_spinlock_t *s, int pshared)
{
	(void)pshared;
	*s = 0;
	return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *s)
{
	(void)s;
	return 0;
}

/* Spinning yields: on one CPU the holder has to run to let go. */
int pthread_spin_lock(pthread_spinlock_t *s)
{
	while (__a_swap(s, 1))
		while (__a_load(s))
			sched_yield();
	return 0;
}

int pthread_spin_trylock(pthread_spinlock_t *s)
{
	return __a_swap(s, 1) ? EBUSY : 0;
}

int pthread_spin_unlock(pthread_spinlock_t *s)
{
	__a_swap(s, 0);
	return 0;
}

/* 0 not run, 1 running, 3 running with waiters, 2 done. */
int pthread_once(pthread_once_t *once, void (*fn)(void))
{
	int c;

	if (__a_load(once) == 2)
		return 0;
	if (__a_cas(once, 0, 1) == 0) {
		fn();
		if (__a_swap(once, 2) == 3)
			__futex_wake(once, INT_MAX, 0);
		return 0;
	}
	while ((c = __a_load(once)) != 2) {
		if (c == 1)
			__a_cas(once, 1, 3);
		__futex_wait(once, 3, NULL, 0, 0);
	}
	return 0;
}
