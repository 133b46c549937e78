/* stat FILE...: a file's inode facts in GNU stat's default layout (name,
 * size, blocks, I/O block, type; device, inode, links; access bits,
 * owner and group; the access, modify and change times in UTC with
 * nanoseconds). -L follows symbolic links. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

static const char *type_name(mode_t m, long long size)
{
	if (S_ISREG(m))
		return size ? "regular file" : "regular empty file";
	if (S_ISDIR(m))
		return "directory";
	if (S_ISLNK(m))
		return "symbolic link";
	if (S_ISCHR(m))
		return "character special file";
	if (S_ISBLK(m))
		return "block special file";
	if (S_ISFIFO(m))
		return "fifo";
	if (S_ISSOCK(m))
		return "socket";
	return "weird file";
}

/* Linux's dev_t: 12 bits of major at bit 8 (more at bit 32), minor in
 * the low byte and bits 20 up. */
static unsigned major_of(unsigned long long dev)
{
	return (unsigned)(((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffULL));
}

static unsigned minor_of(unsigned long long dev)
{
	return (unsigned)((dev & 0xff) | ((dev >> 12) & ~0xffULL));
}

static void print_time(const char *label, const struct timespec *ts)
{
	struct tm tm;
	char buf[64];
	time_t t = ts->tv_sec;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
	printf("%s: %s.%09ld +0000\n", label, buf, (long)ts->tv_nsec);
}

static int show(const char *path, int follow)
{
	struct stat st;
	char mode[11];

	if ((follow ? stat(path, &st) : lstat(path, &st)) < 0) {
		fprintf(stderr, "stat: cannot stat '%s': %s\n", path, strerror(errno));
		return 1;
	}
	mode_t m = st.st_mode;

	mode[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		mode[1 + i] = m & (0400 >> i) ? "rwxrwxrwx"[i] : '-';
	mode[10] = '\0';
	if (S_ISLNK(m)) {
		char target[4096];
		ssize_t n = readlink(path, target, sizeof target - 1);

		target[n > 0 ? n : 0] = '\0';
		printf("  File: %s -> %s\n", path, target);
	} else {
		printf("  File: %s\n", path);
	}
	printf("  Size: %-10lld\tBlocks: %-10lld IO Block: %-6ld %s\n", (long long)st.st_size, (long long)st.st_blocks,
	       (long)st.st_blksize, type_name(m, (long long)st.st_size));
	printf("Device: %u,%u\tInode: %-11llu Links: ", major_of(st.st_dev), minor_of(st.st_dev),
	       (unsigned long long)st.st_ino);
	if (S_ISCHR(m) || S_ISBLK(m))
		printf("%-5lu Device type: %u,%u\n", (unsigned long)st.st_nlink, major_of(st.st_rdev), minor_of(st.st_rdev));
	else
		printf("%lu\n", (unsigned long)st.st_nlink);
	struct passwd *pw = getpwuid(st.st_uid);
	struct group *gr = getgrgid(st.st_gid);

	printf("Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n", (unsigned)(m & 07777), mode, (unsigned)st.st_uid,
	       pw ? pw->pw_name : "UNKNOWN", (unsigned)st.st_gid, gr ? gr->gr_name : "UNKNOWN");
	print_time("Access", &st.st_atim);
	print_time("Modify", &st.st_mtim);
	print_time("Change", &st.st_ctim);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, follow = 0, status = 0;

	if (i < argc && strcmp(argv[i], "-L") == 0) {
		follow = 1;
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "stat: missing operand\nusage: stat [-L] FILE...\n");
		return 1;
	}
	for (; i < argc; i++)
		status |= show(argv[i], follow);
	return status;
}
