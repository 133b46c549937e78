/* POSIX message queues over Linux's mq_* calls. Names start with '/',
 * which the kernel does not want (glibc strips it the same way). */
#include <errno.h>
#include <mqueue.h>
#include <stdarg.h>
#include <unistd.h>
#include "internal.h"

static const char *kernel_name(const char *name)
{
	if (name[0] != '/') {
		errno = EINVAL;
		return 0;
	}
	return name + 1;
}

mqd_t mq_open(const char *name, int flags, ...)
{
	const char *k = kernel_name(name);
	unsigned mode = 0;
	struct mq_attr *attr = 0;

	if (!k)
		return -1;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, unsigned);
		attr = va_arg(ap, struct mq_attr *);
		va_end(ap);
	}
	return (mqd_t)__sysret_call(SYS_mq_open, k, flags, mode, attr);
}

int mq_close(mqd_t mq)
{
	return close(mq);
}

int mq_unlink(const char *name)
{
	const char *k = kernel_name(name);

	return k ? (int)__sysret_call(SYS_mq_unlink, k) : -1;
}

int mq_timedsend(mqd_t mq, const char *msg, size_t len, unsigned prio,
		 const struct timespec *abs_timeout)
{
	return (int)__sysret_call(SYS_mq_timedsend, mq, msg, len, prio, abs_timeout);
}

int mq_send(mqd_t mq, const char *msg, size_t len, unsigned prio)
{
	return mq_timedsend(mq, msg, len, prio, 0);
}

ssize_t mq_timedreceive(mqd_t mq, char *msg, size_t len, unsigned *prio,
			const struct timespec *abs_timeout)
{
	return __sysret_call(SYS_mq_timedreceive, mq, msg, len, prio, abs_timeout);
}

ssize_t mq_receive(mqd_t mq, char *msg, size_t len, unsigned *prio)
{
	return mq_timedreceive(mq, msg, len, prio, 0);
}

int mq_getattr(mqd_t mq, struct mq_attr *attr)
{
	return (int)__sysret_call(SYS_mq_getsetattr, mq, 0, attr);
}

int mq_setattr(mqd_t mq, const struct mq_attr *attr, struct mq_attr *old)
{
	return (int)__sysret_call(SYS_mq_getsetattr, mq, attr, old);
}

int mq_notify(mqd_t mq, const struct sigevent *event)
{
	return (int)__sysret_call(SYS_mq_notify, mq, event);
}
