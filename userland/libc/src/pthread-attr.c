/* Thread attributes: detach state, stack size and guard size. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include "thread.h"

int pthread_attr_init(pthread_attr_t *attr)
{
	*attr = (pthread_attr_t){ PTHREAD_CREATE_JOINABLE, 0, 4096 };
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->__detach = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->__detach;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->__stacksize = size;
	return 0;
}

/* 0 set means the default, which this reports as glibc does its own. */
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__stacksize ? attr->__stacksize : 256 * 1024;
	return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	attr->__guardsize = size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->__guardsize;
	return 0;
}

int pthread_getattr_np(pthread_t thread, pthread_attr_t *attr)
{
	struct __pthread *t = (struct __pthread *)thread;

	pthread_attr_init(attr);
	attr->__detach = t->state == THREAD_DETACHED;
	return 0;
}
