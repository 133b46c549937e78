/* Thread-specific data: PTHREAD_KEYS_MAX keys, each value in the thread's
 * control block with the key's creation number, so that a deleted and
 * re-created key starts out NULL in every thread. */
#include <errno.h>
#include <pthread.h>
#include "thread.h"

static struct {
	int used;
	unsigned seq;
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];
static volatile int keys_lock;

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	__lock(&keys_lock);
	for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if (!keys[k].used) {
			keys[k].used = 1;
			keys[k].seq++;
			keys[k].destructor = destructor;
			__unlock(&keys_lock);
			*key = k;
			return 0;
		}
	}
	__unlock(&keys_lock);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	int r = 0;

	__lock(&keys_lock);
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		r = EINVAL;
	else
		keys[key].used = 0;
	__unlock(&keys_lock);
	return r;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct __pthread *self = __pthread_self();

	if (key >= PTHREAD_KEYS_MAX || self->specific_seq[key] != keys[key].seq)
		return NULL;
	return self->specific[key];
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct __pthread *self = __pthread_self();

	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	self->specific[key] = (void *)value;
	self->specific_seq[key] = keys[key].seq;
	self->specific_used = 1;
	return 0;
}

/* At the thread's end: each non-NULL value of a key with a destructor is
 * set to NULL and passed to it; destructors may set values again, so up to
 * PTHREAD_DESTRUCTOR_ITERATIONS rounds. */
void __pthread_run_key_destructors(struct __pthread *self)
{
	for (int round = 0; self->specific_used && round < PTHREAD_DESTRUCTOR_ITERATIONS;
	     round++) {
		self->specific_used = 0;
		for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
			void (*d)(void *) = keys[k].destructor;
			void *v = self->specific[k];

			if (!keys[k].used || self->specific_seq[k] != keys[k].seq ||
			    !v || !d)
				continue;
			self->specific[k] = NULL;
			d(v);
		}
	}
}
