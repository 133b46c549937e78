/* mount: with no arguments, lists the mounts (/proc/mounts); otherwise
 * mount [-r] [-t TYPE] [-o OPTIONS] SOURCE DIR mounts a file system (ext2
 * from a block device such as /dev/hda; tmpfs and proc need no device).
 * OPTIONS, comma-separated: ro, rw, remount (`mount -o remount,ro DIR`
 * changes the mount at DIR), bind (`mount --bind DIR1 DIR2`: DIR1 seen at
 * DIR2 too). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__)
#define NR_MOUNT 165
#else
#define NR_MOUNT 40
#endif
#define MS_RDONLY 1
#define MS_REMOUNT 32
#define MS_BIND 4096

#define USAGE "usage: mount [-r] [-t TYPE] [-o ro|rw|remount|bind,...] [--bind] SOURCE DIR\n" \
	      "       mount -o remount,ro|rw DIR\n"

/* Applies one -o list ("remount,ro"); 0, or -1 after a message. */
static int options(const char *list, unsigned long *flags)
{
	char copy[256];
	snprintf(copy, sizeof copy, "%s", list);
	for (char *o = strtok(copy, ","); o; o = strtok(NULL, ",")) {
		if (strcmp(o, "ro") == 0) *flags |= MS_RDONLY;
		else if (strcmp(o, "rw") == 0) *flags &= ~(unsigned long)MS_RDONLY;
		else if (strcmp(o, "remount") == 0) *flags |= MS_REMOUNT;
		else if (strcmp(o, "bind") == 0) *flags |= MS_BIND;
		else {
			printf("mount: option %s is not supported (ro, rw, remount, bind)\n", o);
			return -1;
		}
	}
	return 0;
}

static int list(void)
{
	char buf[512];
	int fd = open("/proc/mounts", O_RDONLY);
	if (fd < 0) {
		printf("mount: /proc/mounts: %s\n", strerror(errno));
		return 1;
	}
	/* Linux's mount prints "SOURCE on DIR type TYPE (OPTIONS)". */
	char line[512];
	int used = 0;
	long n;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (long i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (used < (int)sizeof line - 1) line[used++] = buf[i];
				continue;
			}
			line[used] = 0;
			used = 0;
			char *field[4];
			int k = 0;
			for (char *p = line; k < 4 && *p;) {
				field[k++] = p;
				while (*p && *p != ' ') p++;
				if (*p) *p++ = 0;
			}
			if (k == 4) printf("%s on %s type %s (%s)\n", field[0], field[1], field[2], field[3]);
		}
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	const char *type = "ext2";
	unsigned long flags = 0;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-r") == 0) flags |= MS_RDONLY;
		else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc) type = argv[++i];
		else if (strcmp(argv[i], "--bind") == 0) flags |= MS_BIND;
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			if (options(argv[++i], &flags) < 0) return 2;
		} else {
			printf(USAGE);
			return 2;
		}
	}
	if (i == argc && flags == 0) return list();
	/* A remount names the mount point alone. */
	if ((flags & MS_REMOUNT) && argc - i == 1) {
		if (syscall(NR_MOUNT, "none", argv[i], "none", flags, 0) < 0) {
			printf("mount: %s: %s\n", argv[i], strerror(errno));
			return 1;
		}
		return 0;
	}
	if (argc - i != 2) {
		printf(USAGE);
		return 2;
	}
	if (syscall(NR_MOUNT, argv[i], argv[i + 1], type, flags, 0) < 0) {
		printf("mount: %s on %s: %s\n", argv[i], argv[i + 1], strerror(errno));
		return 1;
	}
	return 0;
}
