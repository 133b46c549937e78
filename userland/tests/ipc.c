/* ipc: processes that cooperate through UNIX domain sockets (stream,
 * datagram, seqpacket; socketpair, pathname and abstract names, listen and
 * accept, SCM_RIGHTS descriptor passing, SO_PEERCRED, shutdown) and wait
 * on several descriptors (poll, select, epoll level- and edge-triggered,
 * eventfd). Prints the same lines natively, under qemu-riscv32 and on both
 * JOS boards. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include "testlib.h"

static void test_socketpair_stream(void)
{
	int sv[2];
	char buf[32] = { 0 };

	check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair(AF_UNIX, SOCK_STREAM)");
	check(write(sv[0], "ping", 4) == 4 && read(sv[1], buf, sizeof(buf)) == 4 &&
	      memcmp(buf, "ping", 4) == 0, "bytes go one way");
	check(send(sv[1], "pong!", 5, 0) == 5 && recv(sv[0], buf, sizeof(buf), 0) == 5 &&
	      memcmp(buf, "pong!", 5) == 0, "and the other");
	check(send(sv[0], "abcdef", 6, 0) == 6 && recv(sv[1], buf, 3, MSG_PEEK) == 3 &&
	      recv(sv[1], buf, 2, 0) == 2 && recv(sv[1], buf, sizeof(buf), 0) == 4 &&
	      memcmp(buf, "cdef", 4) == 0, "MSG_PEEK leaves the bytes; a stream has no boundaries");

	struct ucred cred;
	socklen_t len = sizeof(cred);
	check(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 &&
	      len == sizeof(cred) && cred.pid == getpid() && cred.uid == getuid(),
	      "SO_PEERCRED names this process");
	int type = 0;
	len = sizeof(type);
	check(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_STREAM,
	      "SO_TYPE is SOCK_STREAM");

	check(shutdown(sv[0], SHUT_WR) == 0, "shutdown(SHUT_WR)");
	check(read(sv[1], buf, sizeof(buf)) == 0, "the peer reads end of file");
	check_errno(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE, "sending after SHUT_WR is EPIPE (no SIGPIPE with MSG_NOSIGNAL)");
	close(sv[0]);
	close(sv[1]);
	check_errno(recv(12345, buf, 1, 0), EBADF, "recv on a closed descriptor is EBADF");
	int fds[2];
	pipe(fds);
	check_errno(recv(fds[0], buf, 1, 0), ENOTSOCK, "recv on a pipe is ENOTSOCK");
	close(fds[0]);
	close(fds[1]);
}

/* The child gets a pipe's read end over a socket and reads what the
 * parent writes into the pipe. */
static void test_descriptor_passing(void)
{
	int sv[2], pipefd[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(pipefd);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(sv[0]);
		close(pipefd[0]);
		close(pipefd[1]);
		char data[16] = { 0 }, control[CMSG_SPACE(sizeof(int))];
		struct iovec iov = { data, sizeof(data) };
		struct msghdr msg = { 0 };
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = control;
		msg.msg_controllen = sizeof(control);
		ssize_t n = recvmsg(sv[1], &msg, 0);
		struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
		int ok = n == 4 && memcmp(data, "fd:", 3) == 0 && c && c->cmsg_level == SOL_SOCKET &&
			 c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(int));
		if (!ok)
			_exit(10);
		int passed;
		memcpy(&passed, CMSG_DATA(c), sizeof(int));
		char text[32] = { 0 };
		if (read(passed, text, sizeof(text)) != 11 || memcmp(text, "hello child", 11) != 0)
			_exit(11);
		_exit(0);
	}
	close(sv[1]);
	char control[CMSG_SPACE(sizeof(int))];
	memset(control, 0, sizeof(control));
	struct iovec iov = { "fd:", 4 };
	struct msghdr msg = { 0 };
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = control;
	msg.msg_controllen = sizeof(control);
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &pipefd[0], sizeof(int));
	check(sendmsg(sv[0], &msg, 0) == 4, "sendmsg with SCM_RIGHTS");
	close(pipefd[0]); /* the message holds the read end now */
	check(write(pipefd[1], "hello child", 11) == 11, "write into the passed pipe");
	close(pipefd[1]);
	int status = wait_for(pid);
	check(status == 0, "the child read the pipe through the passed descriptor (%s)", describe_status(status));
	close(sv[0]);
}

static int server_child(void *arg)
{
	const struct sockaddr_un *addr = arg;
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	if (connect(s, (const struct sockaddr *)addr, sizeof(*addr)) != 0)
		return 20;
	if (write(s, "hello server", 12) != 12)
		return 21;
	char reply[16] = { 0 };
	if (read(s, reply, sizeof(reply)) != 5 || memcmp(reply, "hi 12", 5) != 0)
		return 22;
	return 0;
}

static void test_listen_accept(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	snprintf(addr.sun_path, sizeof(addr.sun_path), "/tmp/jos-ipc-%d.sock", (int)getpid());
	unlink(addr.sun_path);
	int listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	check(listener >= 0 && (fcntl(listener, F_GETFD) & FD_CLOEXEC), "socket with SOCK_CLOEXEC");
	check(bind(listener, (struct sockaddr *)&addr, sizeof(addr)) == 0, "bind to a path");
	int again = socket(AF_UNIX, SOCK_STREAM, 0);
	check_errno(bind(again, (struct sockaddr *)&addr, sizeof(addr)), EADDRINUSE, "a second bind to it is EADDRINUSE");
	close(again);
	check(listen(listener, 4) == 0, "listen");

	int nb = fcntl(listener, F_GETFL);
	fcntl(listener, F_SETFL, nb | O_NONBLOCK);
	check_errno(accept(listener, NULL, NULL), EAGAIN, "accept with nobody waiting on a non-blocking socket is EAGAIN");
	fcntl(listener, F_SETFL, nb);

	pid_t pid = spawn(server_child, &addr);
	struct sockaddr_un peer;
	socklen_t len = sizeof(peer);
	int conn = accept4(listener, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	check(conn >= 0 && len == sizeof(sa_family_t) && peer.sun_family == AF_UNIX,
	      "accept4: the client is unnamed");
	char buf[32] = { 0 };
	ssize_t n = read(conn, buf, sizeof(buf));
	check(n == 12 && memcmp(buf, "hello server", 12) == 0, "the server reads the client's bytes");
	char reply[8];
	snprintf(reply, sizeof(reply), "hi %d", (int)n);
	write(conn, reply, strlen(reply));
	int status = wait_for(pid);
	check(status == 0, "the client read the reply (%s)", describe_status(status));
	check(read(conn, buf, sizeof(buf)) == 0, "after the client exits the server reads end of file");

	struct sockaddr_un name;
	len = sizeof(name);
	check(getsockname(listener, (struct sockaddr *)&name, &len) == 0 &&
	      len == offsetof(struct sockaddr_un, sun_path) + strlen(addr.sun_path) + 1 &&
	      strcmp(name.sun_path, addr.sun_path) == 0, "getsockname gives the path back");
	len = sizeof(name);
	check(getpeername(conn, (struct sockaddr *)&name, &len) == 0 && len == sizeof(sa_family_t),
	      "getpeername after the client left still names it (unnamed)");
	close(conn);
	close(listener);
	unlink(addr.sun_path);

	struct sockaddr_un nowhere = { .sun_family = AF_UNIX, .sun_path = "/tmp/jos-ipc-nobody-here.sock" };
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	check_errno(connect(s, (struct sockaddr *)&nowhere, sizeof(nowhere)), ENOENT, "connect to a missing path is ENOENT");
	struct sockaddr_un abstract = { .sun_family = AF_UNIX };
	memcpy(abstract.sun_path, "\0jos-ipc-nobody", 15);
	check_errno(connect(s, (struct sockaddr *)&abstract, offsetof(struct sockaddr_un, sun_path) + 15),
		    ECONNREFUSED, "connect to an unbound abstract name is ECONNREFUSED");
	close(s);
}

static void test_datagrams(void)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int namelen = snprintf(addr.sun_path + 1, sizeof(addr.sun_path) - 1, "jos-ipc-dgram-%d", (int)getpid()) + 1;
	socklen_t addrlen = offsetof(struct sockaddr_un, sun_path) + namelen;
	int receiver = socket(AF_UNIX, SOCK_DGRAM, 0);
	check(bind(receiver, (struct sockaddr *)&addr, addrlen) == 0, "bind a datagram socket to an abstract name");
	int sender = socket(AF_UNIX, SOCK_DGRAM, 0);
	check(sendto(sender, "one", 3, 0, (struct sockaddr *)&addr, addrlen) == 3 &&
	      sendto(sender, "two!", 4, 0, (struct sockaddr *)&addr, addrlen) == 4, "sendto twice");
	char buf[16] = { 0 };
	struct sockaddr_un from;
	socklen_t fromlen = sizeof(from);
	check(recvfrom(receiver, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fromlen) == 3 &&
	      memcmp(buf, "one", 3) == 0 && fromlen == 0,
	      "recvfrom gets one message and an unnamed sender");
	check(recv(receiver, buf, 2, 0) == 2 && memcmp(buf, "tw", 2) == 0,
	      "a datagram larger than the buffer is cut");
	check(connect(sender, (struct sockaddr *)&addr, addrlen) == 0 && send(sender, "three", 5, 0) == 5 &&
	      recv(receiver, buf, sizeof(buf), MSG_TRUNC) == 5, "connect sets the destination; MSG_TRUNC gives the real length");
	close(receiver);
	check_errno(send(sender, "x", 1, 0), ECONNREFUSED, "sending to a closed receiver is ECONNREFUSED");
	close(sender);

	int sv[2];
	check(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) == 0, "socketpair(SOCK_SEQPACKET)");
	send(sv[0], "first", 5, 0);
	send(sv[0], "second", 6, 0);
	char small[4];
	struct iovec iov = { small, sizeof(small) };
	struct msghdr msg = { 0 };
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	check(recvmsg(sv[1], &msg, 0) == 4 && (msg.msg_flags & MSG_TRUNC), "seqpacket: a cut message says MSG_TRUNC");
	msg.msg_flags = 0;
	check(recvmsg(sv[1], &msg, 0) == 4 && memcmp(small, "seco", 4) == 0, "the next message starts at its own start");
	close(sv[0]);
	check(recv(sv[1], small, sizeof(small), 0) == 0, "seqpacket: end of file after the peer closes");
	close(sv[1]);
}

static void test_poll_select(void)
{
	int fds[2];
	pipe(fds);
	struct pollfd p[2] = { { fds[0], POLLIN, 0 }, { fds[1], POLLOUT, 0 } };
	check(poll(p, 2, 0) == 1 && p[0].revents == 0 && p[1].revents == POLLOUT,
	      "poll: an empty pipe is writable, not readable");
	write(fds[1], "x", 1);
	check(poll(p, 1, 0) == 1 && p[0].revents == POLLIN, "poll: readable once written");
	struct pollfd bad = { 999, POLLIN, 0 };
	check(poll(&bad, 1, 0) == 1 && bad.revents == POLLNVAL, "poll: a closed descriptor is POLLNVAL");
	int64_t t0 = now_ns();
	struct pollfd none = { fds[1], 0, 0 };
	check(poll(&none, 1, 30) == 0 && now_ns() - t0 >= 30000000, "poll: the timeout passes");

	fd_set r, w;
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(fds[0], &r);
	FD_SET(fds[1], &w);
	struct timeval tv = { 0, 0 };
	check(select(fds[1] + 1, &r, &w, NULL, &tv) == 2 && FD_ISSET(fds[0], &r) && FD_ISSET(fds[1], &w),
	      "select: readable and writable");
	char c;
	read(fds[0], &c, 1);
	close(fds[1]);
	p[0].revents = 0;
	check(poll(p, 1, -1) == 1 && (p[0].revents & POLLHUP), "poll: the writer's close is POLLHUP");
	close(fds[0]);

	/* A child writes after a while: poll sleeps until then. */
	pipe(fds);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(20);
		write(fds[1], "late", 4);
		_exit(0);
	}
	struct pollfd wait_for_child = { fds[0], POLLIN, 0 };
	check(poll(&wait_for_child, 1, 5000) == 1 && wait_for_child.revents == POLLIN, "poll sleeps until the child writes");
	wait_for(pid);
	close(fds[0]);
	close(fds[1]);
}

static void test_epoll_eventfd(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	int fds[2];
	pipe(fds);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
	check(ep >= 0 && epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev) == 0, "epoll_create1 and EPOLL_CTL_ADD");
	check_errno(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev), EEXIST, "adding it twice is EEXIST");
	struct epoll_event out[4];
	check(epoll_wait(ep, out, 4, 0) == 0, "nothing ready yet");
	write(fds[1], "ab", 2);
	check(epoll_wait(ep, out, 4, 0) == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ULL,
	      "level-triggered: ready, with its data");
	check(epoll_wait(ep, out, 4, 0) == 1, "level-triggered: still ready while unread");
	ev.events = EPOLLIN | EPOLLET;
	check(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev) == 0, "EPOLL_CTL_MOD to edge-triggered");
	check(epoll_wait(ep, out, 4, 0) == 1 && epoll_wait(ep, out, 4, 0) == 0,
	      "edge-triggered: reported once");
	write(fds[1], "c", 1);
	check(epoll_wait(ep, out, 4, 0) == 1, "edge-triggered: again after new data");
	int reg = open("/", O_RDONLY | O_DIRECTORY);
	check_errno(epoll_ctl(ep, EPOLL_CTL_ADD, reg, &ev), EPERM, "a directory cannot be watched (EPERM)");
	close(reg);

	int efd = eventfd(3, EFD_NONBLOCK);
	uint64_t value = 0;
	check(efd >= 0 && read(efd, &value, 8) == 8 && value == 3, "eventfd: read takes the whole count");
	check_errno(read(efd, &value, 8), EAGAIN, "eventfd: empty and non-blocking is EAGAIN");
	value = 5;
	write(efd, &value, 8);
	struct epoll_event eev = { .events = EPOLLIN, .data.fd = efd };
	epoll_ctl(ep, EPOLL_CTL_ADD, efd, &eev);
	check(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL) == 0, "EPOLL_CTL_DEL");
	check(epoll_wait(ep, out, 4, 0) == 1 && out[0].data.fd == efd, "epoll sees the eventfd");
	close(efd);
	int sem = eventfd(2, EFD_SEMAPHORE);
	check(read(sem, &value, 8) == 8 && value == 1 && read(sem, &value, 8) == 8 && value == 1,
	      "eventfd semaphore: one at a time");
	check_errno(read(sem, &value, 4), EINVAL, "eventfd: a read of less than 8 bytes is EINVAL");
	close(sem);

	/* epoll_wait sleeps until a child writes into a socket. */
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	struct epoll_event sev = { .events = EPOLLIN | EPOLLRDHUP, .data.u32 = 7 };
	epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &sev);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		sleep_ms(20);
		write(sv[1], "wake", 4);
		_exit(0);
	}
	check(epoll_wait(ep, out, 4, 5000) == 1 && out[0].data.u32 == 7 && out[0].events == EPOLLIN,
	      "epoll_wait sleeps until the child writes to the socket");
	wait_for(pid);
	char buf[8];
	read(sv[0], buf, sizeof(buf));
	close(sv[1]);
	check(epoll_wait(ep, out, 4, 1000) == 1 && (out[0].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) == (EPOLLIN | EPOLLRDHUP | EPOLLHUP),
	      "the peer's close is EPOLLIN | EPOLLRDHUP | EPOLLHUP");
	close(sv[0]);
	close(fds[0]);
	close(fds[1]);
	close(ep);
}

int main(void)
{
	test_socketpair_stream();
	test_descriptor_passing();
	test_listen_accept();
	test_datagrams();
	test_poll_select();
	test_epoll_eventfd();
	return finish("ipc");
}
