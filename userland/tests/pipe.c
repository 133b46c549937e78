/* pipe: pipe2 and fork as IPC. A bulk transfer larger than any pipe
 * buffer (so writers block), ping-pong between two processes, EOF when the
 * last writer closes, SIGPIPE for a writer with no reader, O_NONBLOCK and
 * O_CLOEXEC, dup/dup2 redirection, and readv/writev. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "testlib.h"

#define BULK 200000

static void test_same_process(void)
{
	int fds[2];
	char buf[8] = { 0 };

	check(pipe2(fds, 0) == 0 && fds[0] >= 0 && fds[1] > fds[0],
	      "pipe2 gives two new descriptors");
	check(write(fds[1], "ping", 4) == 4, "write 4 bytes");
	check(read(fds[0], buf, sizeof(buf)) == 4 && memcmp(buf, "ping", 4) == 0,
	      "read them back");
	close(fds[1]);
	check(read(fds[0], buf, sizeof(buf)) == 0, "read after the writer closed is EOF");
	close(fds[0]);
}

/* Writes BULK bytes in odd-sized chunks; exits 0 if all went through. */
static int bulk_writer(void *arg)
{
	int *fds = arg;
	static unsigned char chunk[5000];
	size_t sent = 0;

	close(fds[0]);
	for (unsigned n = 1; sent < BULK; n = n * 7 % 4999 + 1) {
		size_t len = BULK - sent < n ? BULK - sent : n;

		for (size_t i = 0; i < len; i++)
			chunk[i] = (unsigned char)((sent + i) * 13 + ((sent + i) >> 9));
		if (write(fds[1], chunk, len) != (ssize_t)len)
			return 1;
		sent += len;
	}
	return 0;
}

static void test_bulk(void)
{
	int fds[2], status;
	static unsigned char buf[4096];
	size_t total = 0;
	uint32_t crc = 0;
	int in_order = 1;
	pid_t pid;
	ssize_t n;

	pipe2(fds, 0);
	pid = spawn(bulk_writer, fds);
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			in_order &= buf[i] ==
				    (unsigned char)((total + i) * 13 + ((total + i) >> 9));
		crc = crc32(crc, buf, (size_t)n);
		total += (size_t)n;
	}
	close(fds[0]);
	status = wait_for(pid);
	check(total == BULK && in_order, "received %lu bytes, all in order",
	      (unsigned long)total);
	printf("bulk crc 0x%08x\n", (unsigned)crc);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "writer %s", describe_status(status));
}

struct two_pipes {
	int down[2]; /* parent -> child */
	int up[2];   /* child -> parent */
};

/* Child side of the ping-pong: adds one to each number and sends it back.
 * It closes the ends it does not use, or it would never see EOF. */
static int ponger(void *arg)
{
	struct two_pipes *p = arg;
	unsigned v;

	close(p->down[1]);
	close(p->up[0]);
	while (read(p->down[0], &v, sizeof(v)) == sizeof(v)) {
		v++;
		write(p->up[1], &v, sizeof(v));
	}
	return 0;
}

static void test_ping_pong(void)
{
	struct two_pipes p;
	int *down = p.down, *up = p.up, status;
	unsigned v = 0;
	pid_t pid;

	pipe(down);
	pipe(up);
	pid = spawn(ponger, &p);
	close(down[0]);
	close(up[1]);
	for (int i = 0; i < 200; i++) {
		v++;
		write(down[1], &v, sizeof(v));
		read(up[0], &v, sizeof(v));
	}
	close(down[1]);
	status = wait_for(pid);
	close(up[0]);
	check(v == 400, "200 round trips, counter is %u", v);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "ponger saw EOF and %s", describe_status(status));
}

static int write_to_closed(void *arg)
{
	int *fds = arg;

	close(fds[0]);
	write(fds[1], "x", 1);
	return errno == EPIPE ? 10 : 11; /* only if SIGPIPE did not kill us */
}

static void test_sigpipe(void)
{
	int fds[2], status;

	pipe(fds);
	close(fds[0]);
	status = wait_for(spawn(write_to_closed, fds));
	close(fds[1]);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	      "writer without a reader %s", describe_status(status));
}

static void test_flags(void)
{
	int fds[2];
	char c;

	check(pipe2(fds, O_NONBLOCK) == 0, "pipe2(O_NONBLOCK)");
	check_errno(read(fds[0], &c, 1), EAGAIN, "read of an empty O_NONBLOCK pipe");
	check((fcntl(fds[0], F_GETFL) & O_NONBLOCK) != 0, "F_GETFL shows O_NONBLOCK");
	close(fds[0]);
	close(fds[1]);
	check(pipe2(fds, O_CLOEXEC) == 0, "pipe2(O_CLOEXEC)");
	check(fcntl(fds[0], F_GETFD) == FD_CLOEXEC &&
	      fcntl(fds[1], F_GETFD) == FD_CLOEXEC, "both ends are close-on-exec");
	check(fcntl(fds[0], F_SETFD, 0) == 0 && fcntl(fds[0], F_GETFD) == 0,
	      "F_SETFD clears it");
	close(fds[0]);
	close(fds[1]);
	check_errno(pipe2(fds, 0x12345678), EINVAL, "pipe2(bad flags)");
}

static int redirected_hello(void *arg)
{
	int *fds = arg;

	close(fds[0]);
	dup2(fds[1], 1);
	close(fds[1]);
	printf("through stdout\n");
	return 0;
}

static void test_dup(void)
{
	int fds[2], d, status;
	char buf[32] = { 0 };
	ssize_t n;

	pipe(fds);
	d = dup(fds[1]);
	check(d == fds[1] + 1, "dup gives the lowest free descriptor");
	close(fds[1]);
	check(write(d, "dup", 3) == 3, "write through the duplicate");
	check(read(fds[0], buf, 3) == 3 && memcmp(buf, "dup", 3) == 0,
	      "read it from the other end");
	check(dup2(d, 20) == 20 && dup2(20, 20) == 20, "dup2 to 20, and onto itself");
	check(dup3(20, 21, O_CLOEXEC) == 21 && fcntl(21, F_GETFD) == FD_CLOEXEC,
	      "dup3 with O_CLOEXEC");
	check_errno(dup3(20, 20, 0), EINVAL, "dup3 onto itself");
	close(d);
	close(20);
	close(21);
	close(fds[0]);

	pipe(fds);
	status = wait_for(spawn(redirected_hello, fds));
	close(fds[1]);
	n = read(fds[0], buf, sizeof(buf) - 1);
	close(fds[0]);
	check(n == 15 && memcmp(buf, "through stdout\n", 15) == 0 &&
	      WIFEXITED(status), "child's stdout redirected into the pipe");
}

static void test_vectors(void)
{
	int fds[2];
	char a[4], b[6];
	struct iovec out[3] = { { "one", 3 }, { "", 0 }, { "-two-3", 6 } };
	struct iovec in[2] = { { a, sizeof(a) }, { b, sizeof(b) } };

	pipe(fds);
	check(writev(fds[1], out, 3) == 9, "writev of 3 pieces writes 9 bytes");
	check(readv(fds[0], in, 2) == 9 && memcmp(a, "one-", 4) == 0 &&
	      memcmp(b, "two-3", 5) == 0, "readv scatters them across 2 buffers");
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	test_same_process();
	test_bulk();
	test_ping_pong();
	test_sigpipe();
	test_flags();
	test_dup();
	test_vectors();
	return finish("pipe");
}
