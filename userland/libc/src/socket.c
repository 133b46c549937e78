/* The socket calls: one system call each, on both architectures (riscv32's
 * table has them all; send and recv are sendto/recvfrom without an
 * address, as on every Linux architecture). */
#include <sys/socket.h>
#include "internal.h"

int socket(int domain, int type, int protocol)
{
	return (int)__sysret_call(SYS_socket, domain, type, protocol);
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
	return (int)__sysret_call(SYS_socketpair, domain, type, protocol, sv);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	return (int)__sysret_call(SYS_bind, fd, addr, len);
}

int listen(int fd, int backlog)
{
	return (int)__sysret_call(SYS_listen, fd, backlog);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return (int)__sysret_call(SYS_accept4, fd, addr, len, 0);
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	return (int)__sysret_call(SYS_accept4, fd, addr, len, flags);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	return (int)__sysret_call(SYS_connect, fd, addr, len);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return (int)__sysret_call(SYS_getsockname, fd, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return (int)__sysret_call(SYS_getpeername, fd, addr, len);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags,
	       const struct sockaddr *to, socklen_t tolen)
{
	return __sysret_call(SYS_sendto, fd, buf, len, flags, to, tolen);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
		 struct sockaddr *from, socklen_t *fromlen)
{
	return __sysret_call(SYS_recvfrom, fd, buf, len, flags, from, fromlen);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, (const struct sockaddr *)0, 0);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, (struct sockaddr *)0, (socklen_t *)0);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	return __sysret_call(SYS_sendmsg, fd, msg, flags);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	return __sysret_call(SYS_recvmsg, fd, msg, flags);
}

int shutdown(int fd, int how)
{
	return (int)__sysret_call(SYS_shutdown, fd, how);
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t len)
{
	return (int)__sysret_call(SYS_setsockopt, fd, level, name, value, len);
}

int getsockopt(int fd, int level, int name, void *value, socklen_t *len)
{
	return (int)__sysret_call(SYS_getsockopt, fd, level, name, value, len);
}

/* The control message after `c`, or NULL when the next would not fit. */
struct cmsghdr *__cmsg_nxthdr(struct msghdr *m, struct cmsghdr *c)
{
	unsigned char *end = (unsigned char *)m->msg_control + m->msg_controllen;
	unsigned char *next;

	if (c->cmsg_len < sizeof(struct cmsghdr))
		return (struct cmsghdr *)0;
	next = (unsigned char *)c + CMSG_ALIGN(c->cmsg_len);
	if (next + sizeof(struct cmsghdr) > end ||
	    next + CMSG_ALIGN(((struct cmsghdr *)next)->cmsg_len) > end)
		return (struct cmsghdr *)0;
	return (struct cmsghdr *)next;
}
