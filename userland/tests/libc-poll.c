/* <poll.h> and <sys/select.h>: readiness of a pipe's ends before and
 * after a write, timeouts, and hang-up. Compared byte for byte with the
 * same program on glibc. */
#include <poll.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/time.h>

int main(void)
{
	int ret, fds[2];

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* poll and select on a pipe: not readable, then readable. */
	pipe(fds);
	struct pollfd p[2] = { { fds[0], POLLIN, 0 }, { fds[1], POLLOUT, 0 } };
	ret = poll(p, 2, 0);
	printf("poll empty: %d revents=%#x %#x\n", ret, p[0].revents,
	       p[1].revents);
	write(fds[1], "x", 1);
	ret = poll(p, 1, 100);
	printf("poll ready: %d revents=%#x\n", ret, p[0].revents);
	fd_set r;
	struct timeval tv = { 0, 1000 };
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	ret = select(fds[0] + 1, &r, NULL, NULL, &tv);
	printf("select ready: %d isset=%d\n", ret, FD_ISSET(fds[0], &r));
	char c;
	read(fds[0], &c, 1);
	FD_ZERO(&r);
	FD_SET(fds[0], &r);
	tv.tv_sec = 0;
	tv.tv_usec = 1000;
	ret = select(fds[0] + 1, &r, NULL, NULL, &tv);
	printf("select timeout: %d isset=%d\n", ret, FD_ISSET(fds[0], &r));
	close(fds[1]);
	ret = poll(p, 1, 100);
	printf("poll hangup: %d revents=%#x\n", ret, p[0].revents);
	close(fds[0]);

	return 0;
}
