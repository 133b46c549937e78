/* The POSIX odds and ends a small Unix's commands use: <dirent.h>,
 * <pwd.h>/<grp.h> (root), <termios.h> on a
 * non-terminal, uname, rlimits, setenv/unsetenv, qsort/bsearch and
 * <strings.h>; constructors, destructors and atexit in their order;
 * <libgen.h>, <err.h>, <endian.h>, <byteswap.h>, <sys/param.h>, alloca.
 * Compared byte for byte with the same program on glibc. */
#include <alloca.h>
#include <byteswap.h>
#include <dirent.h>
#include <endian.h>
#include <err.h>
#include <errno.h>
#include <libgen.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>
#include <sys/param.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void dirent_check(void)
{
	char dir[64], *names[16];
	int n = 0;
	DIR *d;
	struct dirent *e;

	snprintf(dir, sizeof(dir), "/tmp/libc-unix-%d", (int)getpid());
	mkdir(dir, 0755);
	for (int i = 0; i < 5; i++) {
		char p[96];

		snprintf(p, sizeof(p), "%s/file%d", dir, i);
		close(open(p, O_CREAT | O_WRONLY, 0644));
	}
	d = opendir(dir);
	while (d && (e = readdir(d)) != NULL && n < 16)
		names[n++] = strdup(e->d_name);
	printf("readdir: %d entries, closedir %d\n", n, d ? closedir(d) : -9);
	qsort(names, (size_t)n, sizeof(char *), cmp_str);
	for (int i = 0; i < n; i++) {
		char p[96];

		printf(" %s", names[i]);
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		if (names[i][0] != '.')
			unlink(p);
		free(names[i]);
	}
	printf("\nrmdir: %d\n", rmdir(dir));
	errno = 0;
	d = opendir("/nonexistent/dir");
	printf("opendir(missing): %s errno=%s\n", d ? "DIR" : "NULL",
	       strerror(errno));
}

/* <libgen.h>, <err.h>, <endian.h>, <byteswap.h>, <sys/param.h>, <alloca.h>. */
static void posix_extras(void)
{
	static const char *paths[] = { "/usr/lib/", "usr", "/", "//", "", "a//b//", "/a", "./x/y.c", "..", "x/../", "//a", "///", "//a/b" };
	char copy[32], *heap;
	pid_t pid;
	int status;

	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		strcpy(copy, paths[i]);
		printf("basename(\"%s\") = \"%s\"", paths[i], basename(copy));
		strcpy(copy, paths[i]);
		printf(", dirname = \"%s\"\n", dirname(copy));
	}
	printf("basename(NULL) = \"%s\", dirname(NULL) = \"%s\"\n", basename(NULL), dirname(NULL));
	printf("htobe16 %04x htobe32 %08x be64toh %016llx le32toh %08x bswap_32 %08x\n", (unsigned)htobe16(0x1122), (unsigned)htobe32(0x11223344u),
	       (unsigned long long)be64toh(0x0102030405060708ULL), (unsigned)le32toh(0xa1b2c3d4u), (unsigned)bswap_32(0xdeadbeefu));
	printf("MIN %d MAX %d howmany %d roundup %d powerof2 %d %d MAXPATHLEN %d\n", MIN(3, -4), MAX(3, -4), howmany(10, 4),
	       roundup(10, 4), powerof2(64), powerof2(65), MAXPATHLEN);
	heap = alloca(16);
	strcpy(heap, "on the stack");
	printf("alloca: %s\n", heap);

	fflush(stdout);
	int saved = dup(2);
	dup2(1, 2); /* warn and err write to stderr */
	errno = ENOENT;
	warn("warn %d", 1);
	warnx("warnx %s", "two");
	errno = EACCES;
	warn(NULL);
	pid = fork();
	if (pid == 0)
		errx(3, "errx in a child");
	waitpid(pid, &status, 0);
	printf("errx child: exited %d status %d\n", WIFEXITED(status), WEXITSTATUS(status));
	pid = fork();
	if (pid == 0) {
		errno = ENOTDIR;
		err(4, "err %s", "in a child");
	}
	waitpid(pid, &status, 0);
	printf("err child: exited %d status %d\n", WIFEXITED(status), WEXITSTATUS(status));
	dup2(saved, 2);
	close(saved);
}

static int constructed;

/* gcc's constructor and destructor attributes (.init_array, .fini_array):
 * the destructor runs after the atexit handlers, then stdio is flushed. */
__attribute__((constructor)) static void early(void)
{
	constructed = 42;
}

__attribute__((destructor)) static void late(void)
{
	printf("destructor: after the atexit handler\n");
}

static void at_exit(void)
{
	printf("atexit handler\n");
}

int main(void)
{
	int ret, fds[2], v[] = { 5, 3, 9, 1, 7, 3, 0, -2 }, key = 7;
	struct passwd *pw = getpwuid(0);
	struct group *gr = getgrgid(0);

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("constructor ran before main: %d\n", constructed);
	atexit(at_exit);
	dirent_check();
	posix_extras();

	printf("getpwuid(0): %s uid=%u gid=%u\n", pw ? pw->pw_name : "NULL",
	       pw ? pw->pw_uid : 99, pw ? pw->pw_gid : 99);
	pw = getpwnam("root");
	printf("getpwnam(root): %s\n", pw ? pw->pw_name : "NULL");
	printf("getgrgid(0): %s gid=%u\n", gr ? gr->gr_name : "NULL",
	       gr ? gr->gr_gid : 99);
	printf("getpwnam(nobody-here): %s\n",
	       getpwnam("nobody-here") ? "found" : "NULL");
	printf("getgrnam(root): %s\n", getgrnam("root") ? "found" : "NULL");

	/* A pipe is not a terminal. */
	struct termios t;
	pipe(fds);
	errno = 0;
	ret = isatty(fds[0]);
	printf("isatty(pipe): %d %s\n", ret, strerror(errno));
	ret = tcgetattr(fds[0], &t);
	printf("tcgetattr(pipe): %d %s\n", ret, strerror(errno));
	memset(&t, 0xff, sizeof(t));
	cfmakeraw(&t);
	printf("cfmakeraw: iflag=%#x oflag=%#x lflag=%#x cflag&CSIZE=%#x "
	       "min=%d time=%d\n", t.c_iflag & 0xffff, t.c_oflag & 0xff,
	       t.c_lflag & 0xffff, t.c_cflag & CSIZE, t.c_cc[VMIN],
	       t.c_cc[VTIME]);
	close(fds[0]);
	close(fds[1]);

	struct utsname u;
	ret = uname(&u);
	printf("uname: %d sysname set: %d\n", ret, u.sysname[0] != 0);
	struct rlimit rl;
	ret = getrlimit(RLIMIT_NOFILE, &rl);
	printf("getrlimit(NOFILE): %d cur>=64: %d\n", ret, rl.rlim_cur >= 64);
	ret = getrlimit(999, &rl);
	printf("getrlimit(bad): %d %s\n", ret, strerror(errno));

	/* The environment. */
	ret = setenv("JOS_A", "1", 0);
	printf("setenv: %d %s\n", ret, getenv("JOS_A"));
	ret = setenv("JOS_A", "2", 0);
	printf("no overwrite: %d %s\n", ret, getenv("JOS_A"));
	ret = setenv("JOS_A", "3", 1);
	printf("overwrite: %d %s\n", ret, getenv("JOS_A"));
	for (int i = 0; i < 1000; i++)
		setenv("JOS_LOOP", i & 1 ? "odd" : "even", 1);
	printf("loop: %s\n", getenv("JOS_LOOP"));
	ret = unsetenv("JOS_A");
	printf("unsetenv: %d %s\n", ret, getenv("JOS_A") ? "still" : "gone");
	printf("bad names: %d %d %d\n", setenv("A=B", "x", 1), setenv("", "x", 1),
	       unsetenv("X=Y"));
	printf("getenv(FOO=): %s\n", getenv("FOO=") ? "found" : "NULL");
	char put[] = "JOS_P=put";
	ret = putenv(put);
	printf("putenv: %d %s\n", ret, getenv("JOS_P"));

	/* qsort, bsearch, strings.h */
	qsort(v, 8, sizeof(int), cmp_int);
	for (int i = 0; i < 8; i++)
		printf("%d%c", v[i], i == 7 ? '\n' : ' ');
	int *hit = bsearch(&key, v, 8, sizeof(int), cmp_int);
	key = 4;
	int *miss = bsearch(&key, v, 8, sizeof(int), cmp_int);
	printf("bsearch: %td %s\n", hit ? hit - v : -1, miss ? "found" : "NULL");
	printf("strcasecmp: %d %d %d ffs: %d %d %d\n",
	       strcasecmp("Hello", "hELLO") == 0, strcasecmp("a", "B") < 0,
	       strncasecmp("abcX", "ABCy", 3), ffs(0), ffs(0x80), ffs(-1));
	char z[4] = "abc";
	bzero(z, 2);
	printf("bzero: %d %d %c index=%s rindex=%s\n", z[0], z[1], z[2],
	       index("hello", 'l'), rindex("hello", 'l'));
	return 0;
}
