/* sys/statvfs.h, utime.h, syslog.h: statvfs against statfs on the same
 * file system (values differ between machines; their relations and the
 * field copies do not), utime's times read back with stat, and syslog
 * with LOG_PERROR into a file that is then printed (masks, %m,
 * facilities, the trailing newline; no logger listens on /dev/log on
 * either side). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <syslog.h>
#include <unistd.h>
#include <utime.h>

#define FILE_PATH "/tmp/jos-files-check"
#define LOG_PATH "/tmp/jos-files-log"

static void check_statvfs(const char *path)
{
	struct statvfs v;
	struct statfs s;
	int r = statvfs(path, &v), r2 = statfs(path, &s);
	int fd = open(path, O_RDONLY);
	struct statvfs fv;
	int r3 = fstatvfs(fd, &fv);

	close(fd);
	printf("statvfs %s: %d %d %d\n", path, r, r2, r3);
	printf("  bsize same %d frsize %s blocks same %d bfree same %d bavail same %d files same %d ffree same %d favail=ffree %d namemax same %d\n",
	       v.f_bsize == (unsigned long)s.f_bsize, v.f_frsize == (unsigned long)(s.f_frsize ? s.f_frsize : s.f_bsize) ? "ok" : "wrong",
	       v.f_blocks == s.f_blocks, v.f_bfree == s.f_bfree, v.f_bavail == s.f_bavail, v.f_files == s.f_files,
	       v.f_ffree == s.f_ffree, v.f_favail == v.f_ffree, v.f_namemax == (unsigned long)s.f_namelen);
	/* (read-only or not differs: JOS's / is its initramfs) */
	printf("  bavail <= bfree <= blocks %d, fstatvfs same %d, flags same %d\n",
	       v.f_bavail <= v.f_bfree && v.f_bfree <= v.f_blocks,
	       fv.f_blocks == v.f_blocks && fv.f_bsize == v.f_bsize && fv.f_fsid == v.f_fsid,
	       fv.f_flag == v.f_flag);
	errno = 0;
	r = statvfs("/no/such/path", &v);
	printf("  missing: %d errno %d\n", r, errno);
}

static void check_utime(void)
{
	struct utimbuf t = { 1000000000, 1234567890 };
	struct stat st;
	int fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	close(fd);
	printf("utime: %d", utime(FILE_PATH, &t));
	stat(FILE_PATH, &st);
	printf(" atime %lld mtime %lld", (long long)st.st_atime, (long long)st.st_mtime);
	printf(" now %d", utime(FILE_PATH, NULL));
	stat(FILE_PATH, &st);
	printf(" moved %d", st.st_mtime > 1234567890);
	errno = 0;
	int r = utime("/no/such/file", &t);
	printf(" missing %d errno %d\n", r, errno);
	unlink(FILE_PATH);
}

static void check_syslog(void)
{
	int saved = dup(2), fd = open(LOG_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
	char buf[2048];

	dup2(fd, 2);
	openlog("checker", LOG_PERROR, LOG_DAEMON);
	syslog(LOG_ERR, "error %d", 42);
	syslog(LOG_DEBUG, "ends with a newline\n");
	syslog(LOG_INFO | LOG_LOCAL3, "facility in the priority");
	errno = ENOENT;
	syslog(LOG_WARNING, "%m: 100%% sure (%s)", "m");
	syslog(LOG_INFO | 0x10000, "not a priority: said so, then logged");
	int old = setlogmask(LOG_UPTO(LOG_WARNING));

	syslog(LOG_INFO, "masked");
	syslog(LOG_CRIT, "not masked");
	int old2 = setlogmask(0);

	closelog();
	/* (not LOG_CONS: on a board the console is this program's stdout) */
	openlog("second", LOG_PERROR, 0);
	syslog(LOG_ALERT, "after reopen");
	closelog();
	setlogmask(0xff);
	openlog("third", LOG_PERROR | LOG_NDELAY, LOG_USER);
	syslog(LOG_NOTICE, "%s", "a long one: 0123456789012345678901234567890123456789");
	closelog();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(LOG_PATH);
	printf("syslog masks %#x %#x, LOG_MAKEPRI %d LOG_FAC %d LOG_PRI %d, stderr:\n%s", old, old2,
	       LOG_MAKEPRI(LOG_LOCAL1, LOG_ERR), LOG_FAC(LOG_LOCAL1 | LOG_ERR), LOG_PRI(LOG_LOCAL1 | LOG_ERR), buf);
}

int main(void)
{
	check_statvfs("/");
	check_statvfs("/tmp");
	check_utime();
	check_syslog();
	return 0;
}
