/* /dev/input/event0 as Linux's evdev offers it (JOS only: the boards'
 * keyboards). Checks the ioctls and the errors of bad use, then prints
 * each key event as it arrives ("key CODE VALUE", value 1 press, 0
 * release, 2 repeat; each followed by a SYN_REPORT) until it has seen
 * COUNT releases (the first argument), waiting with poll. The first time
 * events wait, it reads them into a bad buffer (EFAULT; JOS consumes
 * nothing then, where Linux drops the event it failed to copy). A 0-byte
 * read takes nothing: EAGAIN when none waits and the file is non-blocking,
 * else 0 at once, as Linux's evdev_read. */
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testlib.h"

int main(int argc, char **argv)
{
	int releases = argc > 1 ? atoi(argv[1]) : 0;
	int fd = open("/dev/input/event0", O_RDONLY | O_NONBLOCK);
	struct input_event events[8];
	char name[64];
	int version = 0;

	if (!check(fd >= 0, "open /dev/input/event0"))
		return finish("evdev");
	check_errno(open("/dev/input/event0", O_RDONLY), EBUSY, "a second open: EBUSY");
	check(ioctl(fd, EVIOCGVERSION, &version) == 0 && version == EV_VERSION, "EVIOCGVERSION");
	check(ioctl(fd, EVIOCGNAME(sizeof name), name) > 0, "EVIOCGNAME");
	unsigned char types[4] = { 0 };
	check(ioctl(fd, EVIOCGBIT(0, sizeof types), types) > 0 && (types[0] & (1 << EV_KEY)), "EVIOCGBIT: it has EV_KEY");
	unsigned char keys[KEY_MAX / 8 + 1];
	memset(keys, 0, sizeof keys);
	check(ioctl(fd, EVIOCGBIT(EV_KEY, sizeof keys), keys) > 0 && (keys[KEY_A / 8] & (1 << (KEY_A % 8))), "EVIOCGBIT: it has KEY_A");
	check_errno(ioctl(fd, EVIOCGVERSION, (void *)8), EFAULT, "EVIOCGVERSION to a bad pointer: EFAULT");
	check_errno(ioctl(fd, 0x5401, NULL), ENOTTY, "a terminal request: ENOTTY");
	check_errno(read(fd, events, sizeof events[0] - 1), EINVAL, "a read shorter than an event: EINVAL");
	check_errno(read(fd, events, sizeof events), EAGAIN, "nothing waiting, O_NONBLOCK: EAGAIN");
	/* Linux's evdev_read: count 0 does no I/O but checks for EAGAIN. */
	check_errno(read(fd, events, 0), EAGAIN, "a 0-byte read, nothing waiting, O_NONBLOCK: EAGAIN");
	int flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	check(read(fd, events, 0) == 0, "a 0-byte read, nothing waiting, blocking: 0 at once");
	fcntl(fd, F_SETFL, flags);
	/* As Linux: the buffer matters only when there is something to copy. */
	check_errno(read(fd, (void *)8, sizeof events), EAGAIN, "nothing waiting, a bad buffer: EAGAIN");
	struct pollfd p = { fd, POLLIN, 0 };
	check(poll(&p, 1, 0) == 0, "poll: not ready with nothing waiting");
	printf("ready for %d key releases\n", releases);
	fflush(stdout);

	int seen = 0, syn = 0, keyed = 0, waits = 0;
	while (seen < releases) {
		p.revents = 0;
		/* Short polls: an idle wait is not cut short by typed input on
		 * every host, and the test should not wait long for nothing. */
		int ready = poll(&p, 1, 250);
		if (ready == 0 && ++waits < 120)
			continue;
		if (ready != 1) {
			printf("no key for 30 s\n");
			break;
		}
		check(p.revents == POLLIN, "poll: POLLIN with events waiting");
		if (keyed == 0) {
			check_errno(read(fd, (void *)8, sizeof events), EFAULT, "events waiting, a bad buffer: EFAULT");
			check(read(fd, events, 0) == 0, "a 0-byte read with events waiting: 0");
		}
		ssize_t n = read(fd, events, sizeof events);
		if (n < 0 || n % (ssize_t)sizeof events[0]) {
			printf("read: %zd (%s)\n", n, strerror(errno));
			break;
		}
		for (ssize_t i = 0; i < n / (ssize_t)sizeof events[0]; i++) {
			struct input_event *e = &events[i];
			if (e->type == EV_KEY) {
				printf("key %u %d\n", e->code, e->value);
				keyed++;
				seen += e->value == 0;
			} else if (e->type == EV_SYN && e->code == SYN_REPORT) {
				syn++;
			}
		}
	}
	check(syn == keyed, "one SYN_REPORT after each key event");
	close(fd);
	return finish("evdev");
}
