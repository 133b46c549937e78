/* free: memory in use and free, in KiB, from Linux's /proc/meminfo, in
 * procps' layout: total, used, free,
 * shared, buff/cache, available; and the swap line. used = total - available. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The value of "NAME:   N kB" in the text, or 0 when missing. */
static long long field(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, name, n) == 0 && p[n] == ':')
			return strtoll(p + n + 1, NULL, 10);
	return 0;
}

int main(void)
{
	static char text[8192];
	int fd = open("/proc/meminfo", O_RDONLY);
	ssize_t n, total_read = 0;

	if (fd < 0) {
		fprintf(stderr, "free: /proc/meminfo: %s\n", strerror(errno));
		return 1;
	}
	while ((n = read(fd, text + total_read, sizeof text - 1 - total_read)) > 0)
		total_read += n;
	close(fd);
	text[total_read] = '\0';
	long long total = field(text, "MemTotal"), free_kb = field(text, "MemFree");
	long long buffers = field(text, "Buffers"), cached = field(text, "Cached") + field(text, "SReclaimable");
	long long shared = field(text, "Shmem"), available = field(text, "MemAvailable");
	long long swap_total = field(text, "SwapTotal"), swap_free = field(text, "SwapFree");
	/* procps 4: used is what is not available (older: not free, buffers
	 * or cache, which is what a /proc without MemAvailable gets). */
	long long used = available ? total - available : total - free_kb - buffers - cached;
	printf("               total        used        free      shared  buff/cache   available\n");
	printf("Mem:     %11lld %11lld %11lld %11lld %11lld %11lld\n", total, used, free_kb, shared, buffers + cached, available);
	printf("Swap:    %11lld %11lld %11lld\n", swap_total, swap_total - swap_free, swap_free);
	return 0;
}
