/* uptime: the time of day, how long the system has been up and the load
 * averages, as procps prints them, from Linux's /proc/uptime and
 * /proc/loadavg (users: JOS keeps no login records, so "0 user", as procps words it). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The first line of a /proc file into buf; -1 after saying why not. */
static int read_proc(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, size - 1);

	if (n < 0) {
		fprintf(stderr, "uptime: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	buf[n] = '\0';
	return 0;
}

int main(void)
{
	char up[128], load[128], clock[16];
	char *fields[3];

	if (read_proc("/proc/uptime", up, sizeof up) < 0 || read_proc("/proc/loadavg", load, sizeof load) < 0)
		return 1;
	long seconds = strtol(up, NULL, 10);
	char *save = NULL, *p = load;

	for (int i = 0; i < 3; i++, p = NULL)
		fields[i] = strtok_r(p, " \n", &save);
	if (!fields[0] || !fields[1] || !fields[2]) {
		fprintf(stderr, "uptime: /proc/loadavg: unexpected format\n");
		return 1;
	}
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M:%S", &tm);
	printf(" %s up ", clock);
	long days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60;

	if (days)
		printf("%ld day%s, ", days, days == 1 ? "" : "s");
	if (hours)
		printf("%2ld:%02ld,  ", hours, minutes);
	else
		printf("%ld min,  ", minutes);
	/* procps prints the averages with two decimals, as /proc has them. */
	printf("0 user,  load average: %s, %s, %s\n", fields[0], fields[1], fields[2]);
	return 0;
}
