/* epoll and eventfd. riscv32's table has only epoll_create1 and
 * epoll_pwait, which the classic calls are built on everywhere. */
#include <errno.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include "internal.h"

#define KERNEL_SIGSET_SIZE 8

int epoll_create1(int flags)
{
	return (int)__sysret_call(SYS_epoll_create1, flags);
}

int epoll_create(int size)
{
	if (size <= 0) {
		errno = EINVAL;
		return -1;
	}
	return epoll_create1(0);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)
{
	return (int)__sysret_call(SYS_epoll_ctl, epfd, op, fd, event);
}

int epoll_pwait(int epfd, struct epoll_event *events, int max, int timeout_ms,
		const sigset_t *mask)
{
	return (int)__sysret_call(SYS_epoll_pwait, epfd, events, max, timeout_ms,
				  mask, KERNEL_SIGSET_SIZE);
}

int epoll_wait(int epfd, struct epoll_event *events, int max, int timeout_ms)
{
	return epoll_pwait(epfd, events, max, timeout_ms, (const sigset_t *)0);
}

int eventfd(unsigned int initval, int flags)
{
	return (int)__sysret_call(SYS_eventfd2, initval, flags);
}

int eventfd_read(int fd, eventfd_t *value)
{
	return read(fd, value, sizeof(*value)) == sizeof(*value) ? 0 : -1;
}

int eventfd_write(int fd, eventfd_t value)
{
	return write(fd, &value, sizeof(value)) == sizeof(value) ? 0 : -1;
}
