/* Terminal attributes over the TCGETS/TCSETS* ioctls. The kernel fills the
 * first 36 bytes of struct termios; the speeds live in c_cflag there and
 * are copied out into c_ispeed/c_ospeed, as glibc does. */
#include <errno.h>
#include <string.h>
#include <termios.h>
#include <sys/ioctl.h>

/* The kernel's struct termios: 4 flag words, c_line and 19 characters. */
#define KERNEL_TERMIOS_SIZE 36

int tcgetattr(int fd, struct termios *t)
{
	struct termios k;

	memset(&k, 0, sizeof(k));
	if (ioctl(fd, TCGETS, &k) < 0)
		return -1;
	memset((char *)&k + KERNEL_TERMIOS_SIZE, 0,
	       sizeof(k) - KERNEL_TERMIOS_SIZE);
	k.c_ispeed = k.c_ospeed = k.c_cflag & CBAUD;
	*t = k;
	return 0;
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	static const unsigned long requests[] = { TCSETS, TCSETSW, TCSETSF };
	struct termios k;

	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	k = *t;
	return ioctl(fd, requests[action], &k);
}

int tcflush(int fd, int queue) { return ioctl(fd, TCFLSH, queue); }
int tcdrain(int fd) { return ioctl(fd, TCSBRK, 1); }
int tcflow(int fd, int action) { return ioctl(fd, TCXONC, action); }
int tcsendbreak(int fd, int duration)
{
	(void)duration;
	return ioctl(fd, TCSBRK, 0);
}

pid_t tcgetpgrp(int fd)
{
	int pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	int p = pgrp;

	return ioctl(fd, TIOCSPGRP, &p);
}

pid_t tcgetsid(int fd)
{
	int sid;

	return ioctl(fd, TIOCGSID, &sid) < 0 ? -1 : sid;
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR |
				  IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(tcflag_t)OPOST;
	t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

speed_t cfgetispeed(const struct termios *t) { return t->c_ispeed; }
speed_t cfgetospeed(const struct termios *t) { return t->c_ospeed; }

int cfsetospeed(struct termios *t, speed_t speed)
{
	if (speed & ~(speed_t)CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_cflag = (t->c_cflag & ~(tcflag_t)CBAUD) | speed;
	t->c_ospeed = speed;
	return 0;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
	if (speed & ~(speed_t)CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_ispeed = speed;
	return 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
	return cfsetospeed(t, speed) < 0 ? -1 : cfsetispeed(t, speed);
}
