/* ps [-e|-A] [-f]: the processes, from Linux's /proc/PID/stat (and
 * /proc/PID/cmdline for -f), in procps' layout: PID TTY TIME CMD, or with
 * -f UID PID PPID C STIME TTY TIME CMD and the whole command line. By
 * default only the processes on ps's own terminal; -e (-A) all of them. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#define TICKS 100 /* USER_HZ: the unit of /proc's times */

struct proc {
	int pid, ppid, tty;
	char comm[64];
	long long ticks, start;
	unsigned uid;
};

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = 0, r;

	if (fd < 0)
		return -1;
	while ((size_t)n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = '\0';
	return n;
}

/* Fills p from /proc/PID/stat; -1 if the process is gone. */
static int load(int pid, struct proc *p)
{
	char path[64], buf[1024];
	struct stat st;

	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	if (read_file(path, buf, sizeof buf) <= 0)
		return -1;
	/* comm is in parentheses and may hold anything: the last ')' ends it. */
	char *open_paren = strchr(buf, '('), *close_paren = strrchr(buf, ')');

	if (!open_paren || !close_paren || close_paren < open_paren)
		return -1;
	snprintf(p->comm, sizeof p->comm, "%.*s", (int)(close_paren - open_paren - 1), open_paren + 1);
	char *fields[20], *save = NULL, *s = close_paren + 2;
	int n = 0;

	for (char *t = strtok_r(s, " ", &save); t && n < 20; t = strtok_r(NULL, " ", &save))
		fields[n++] = t;
	if (n < 20)
		return -1;
	/* fields[0] is stat's field 3 (state). */
	p->pid = pid;
	p->ppid = atoi(fields[1]);
	p->tty = atoi(fields[4]);
	p->ticks = atoll(fields[11]) + atoll(fields[12]);
	p->start = atoll(fields[19]);
	snprintf(path, sizeof path, "/proc/%d", pid);
	p->uid = stat(path, &st) == 0 ? st.st_uid : 0;
	return 0;
}

/* Linux's tty numbers as names: 4:N ttyN, 136+:N pts/N, 5:1 console. */
static void tty_name(int tty, char *buf, size_t size)
{
	int major = (tty >> 8) & 0xfff, minor = (tty & 0xff) | ((tty >> 12) & 0xfff00);

	if (tty == 0)
		snprintf(buf, size, "?");
	else if (major == 4)
		snprintf(buf, size, "tty%d", minor);
	else if (major >= 136 && major <= 143)
		snprintf(buf, size, "pts/%d", (major - 136) * 256 + minor);
	else if (major == 5 && minor == 1)
		snprintf(buf, size, "console");
	else if (major == 204 && minor >= 64)
		snprintf(buf, size, "ttyS%d", minor - 64);
	else
		snprintf(buf, size, "%d,%d", major, minor);
}

static int by_pid(const void *a, const void *b)
{
	return ((const struct proc *)a)->pid - ((const struct proc *)b)->pid;
}

int main(int argc, char **argv)
{
	int all = 0, full = 0;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || !argv[i][1]) {
			fprintf(stderr, "ps: unsupported argument '%s'\nusage: ps [-e] [-f]\n", argv[i]);
			return 1;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'e' || *p == 'A')
				all = 1;
			else if (*p == 'f')
				full = 1;
			else {
				fprintf(stderr, "ps: unsupported option -- '%c'\nusage: ps [-e] [-f]\n", *p);
				return 1;
			}
		}
	}
	DIR *proc = opendir("/proc");

	if (!proc) {
		fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	struct proc self, *list = NULL;
	int n = 0, cap = 0;
	struct dirent *e;

	if (load(getpid(), &self) < 0) {
		fprintf(stderr, "ps: /proc/%d/stat: cannot read it\n", getpid());
		return 1;
	}
	while ((e = readdir(proc)) != NULL) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);

		if (!*e->d_name || *end)
			continue;
		if (n == cap && !(list = realloc(list, (cap = cap ? cap * 2 : 64) * sizeof *list)))
			return 1;
		if (load((int)pid, &list[n]) == 0 && (all || (list[n].tty == self.tty && list[n].uid == self.uid)))
			n++;
	}
	closedir(proc);
	qsort(list, n, sizeof *list, by_pid);
	/* Boot time (btime in /proc/stat) turns start ticks into STIME. */
	long long boot = -1;
	static char stat_text[4096];

	if (full && read_file("/proc/stat", stat_text, sizeof stat_text) > 0) {
		char *b = strstr(stat_text, "btime ");

		if (b)
			boot = atoll(b + 6);
	}
	if (full)
		printf("UID          PID    PPID  C STIME TTY          TIME CMD\n");
	else
		printf("    PID TTY          TIME CMD\n");
	for (int i = 0; i < n; i++) {
		struct proc *p = &list[i];
		char tty[32], cmd[512];
		long long s = p->ticks / TICKS;

		tty_name(p->tty, tty, sizeof tty);
		if (!full) {
			printf("%7d %-8s %02lld:%02lld:%02lld %s\n", p->pid, tty, s / 3600, s / 60 % 60, s % 60, p->comm);
			continue;
		}
		char path[64], stime[16] = "?";
		struct passwd *pw = getpwuid(p->uid);
		char user[16];

		snprintf(path, sizeof path, "/proc/%d/cmdline", p->pid);
		ssize_t len = read_file(path, cmd, sizeof cmd);

		for (ssize_t k = 0; k + 1 < len; k++)
			if (cmd[k] == '\0')
				cmd[k] = ' ';
		if (len <= 0)
			snprintf(cmd, sizeof cmd, "[%s]", p->comm);
		if (boot >= 0) {
			time_t t = (time_t)(boot + p->start / TICKS);
			struct tm tm;

			gmtime_r(&t, &tm);
			strftime(stime, sizeof stime, "%H:%M", &tm);
		}
		if (pw)
			snprintf(user, sizeof user, "%s", pw->pw_name);
		else
			snprintf(user, sizeof user, "%u", p->uid);
		printf("%-8s %7d %7d  0 %5s %-8s %02lld:%02lld:%02lld %s\n", user, p->pid, p->ppid, stime, tty, s / 3600, s / 60 % 60,
		       s % 60, cmd);
	}
	return 0;
}
