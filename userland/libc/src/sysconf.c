/* sysconf, pathconf, and the small process facts built on other calls:
 * getpagesize, gethostname, getlogin, ttyname, pause, vfork. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>

long sysconf(int name)
{
	struct rlimit rl;

	switch (name) {
	case _SC_ARG_MAX: return 131072;
	case _SC_CHILD_MAX: return 1024;
	case _SC_CLK_TCK: return 100;
	case _SC_NGROUPS_MAX: return 65536;
	case _SC_OPEN_MAX:
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY)
			return (long)rl.rlim_cur;
		return 1024;
	case _SC_PAGESIZE: return getpagesize();
	case _SC_LINE_MAX: return 2048;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN: return 1;
	case _SC_HOST_NAME_MAX: return 64;
	}
	errno = EINVAL;
	return -1;
}

long fpathconf(int fd, int name)
{
	(void)fd;
	switch (name) {
	case _PC_LINK_MAX: return 127;
	case _PC_NAME_MAX: return 255;
	case _PC_PATH_MAX: return PATH_MAX;
	case _PC_PIPE_BUF: return 4096;
	}
	errno = EINVAL;
	return -1;
}

long pathconf(const char *path, int name)
{
	(void)path;
	return fpathconf(-1, name);
}

int getpagesize(void)
{
	unsigned long p = getauxval(AT_PAGESZ);

	return p ? (int)p : 4096;
}

int gethostname(char *name, size_t len)
{
	struct utsname u;
	size_t n;

	if (uname(&u) < 0)
		return -1;
	n = strlen(u.nodename);
	if (n >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, u.nodename, n + 1);
	return 0;
}

/* Every process runs as root. */
char *getlogin(void)
{
	static char root[] = "root";

	return root;
}

/* The terminal's name from /proc/self/fd when the kernel has it, else
 * the console device every JOS terminal is. */
int ttyname_r(int fd, char *buf, size_t size)
{
	char link[32];
	ssize_t n;

	if (!isatty(fd))
		return errno;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, size - 1);
	if (n < 0) {
		if (size < sizeof("/dev/console"))
			return ERANGE;
		strcpy(buf, "/dev/console");
		return 0;
	}
	buf[n] = '\0';
	return 0;
}

char *ttyname(int fd)
{
	static char buf[PATH_MAX];
	int err = ttyname_r(fd, buf, sizeof(buf));

	if (err) {
		errno = err;
		return NULL;
	}
	return buf;
}

int pause(void)
{
	return ppoll(NULL, 0, NULL, NULL);
}

pid_t vfork(void)
{
	return fork();
}
