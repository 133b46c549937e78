/* Unnamed POSIX semaphores: the value is the futex word; a waiter sleeps
 * while it is 0, and sem_post wakes one when any are registered. */
#include <errno.h>
#include <semaphore.h>
#include "atomic.h"
#include "thread.h"

int sem_init(sem_t *s, int pshared, unsigned value)
{
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	*s = (sem_t){ (int)value, 0, pshared != 0 };
	return 0;
}

int sem_destroy(sem_t *s)
{
	(void)s;
	return 0;
}

int sem_post(sem_t *s)
{
	int v;

	do {
		v = __a_load(&s->__value);
		if (v == SEM_VALUE_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
	} while (__a_cas(&s->__value, v, v + 1) != v);
	if (__a_load(&s->__waiters))
		__futex_wake(&s->__value, 1, s->__pshared);
	return 0;
}

int sem_trywait(sem_t *s)
{
	int v;

	while ((v = __a_load(&s->__value)) > 0)
		if (__a_cas(&s->__value, v, v - 1) == v)
			return 0;
	errno = EAGAIN;
	return -1;
}

/* A signal handler's interruption is EINTR, as on Linux. */
int sem_timedwait(sem_t *s, const struct timespec *abs)
{
	int v;

	for (;;) {
		long w;

		while ((v = __a_load(&s->__value)) > 0)
			if (__a_cas(&s->__value, v, v - 1) == v)
				return 0;
		if (abs && (abs->tv_nsec < 0 || abs->tv_nsec >= 1000000000)) {
			errno = EINVAL;
			return -1;
		}
		__a_fetch_add(&s->__waiters, 1);
		w = __futex_wait(&s->__value, 0, abs, 1, s->__pshared);
		__a_fetch_add(&s->__waiters, -1);
		if (w == -ETIMEDOUT || w == -EINTR) {
			errno = (int)-w;
			return -1;
		}
	}
}

int sem_wait(sem_t *s)
{
	return sem_timedwait(s, NULL);
}

int sem_getvalue(sem_t *s, int *value)
{
	*value = __a_load(&s->__value);
	return 0;
}
