/* dmesg [-c] [-C]: the kernel's log, read with syslog(2) (klogctl), one
 * line per message without its "<PRIORITY>" prefix, as util-linux's dmesg
 * prints it: "[    1.234567] subsystem: message". -c clears the log after
 * printing it, -C clears it without printing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_SIZE_BUFFER 10

int main(int argc, char **argv)
{
	int action = SYSLOG_ACTION_READ_ALL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0)
			action = SYSLOG_ACTION_READ_CLEAR;
		else if (strcmp(argv[i], "-C") == 0)
			action = SYSLOG_ACTION_CLEAR;
		else {
			fprintf(stderr, "dmesg: invalid option '%s'\nusage: dmesg [-c] [-C]\n", argv[i]);
			return 1;
		}
	}
	if (action == SYSLOG_ACTION_CLEAR) {
		if (klogctl(SYSLOG_ACTION_CLEAR, NULL, 0) < 0) {
			fprintf(stderr, "dmesg: clear kernel buffer failed: %s\n", strerror(errno));
			return 1;
		}
		return 0;
	}
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);

	if (size <= 0)
		size = 1 << 16;
	char *buf = malloc(size + 1);

	if (!buf) {
		fprintf(stderr, "dmesg: out of memory\n");
		return 1;
	}
	int n = klogctl(action, buf, size);

	if (n < 0) {
		fprintf(stderr, "dmesg: read kernel buffer failed: %s\n", strerror(errno));
		return 1;
	}
	buf[n] = '\0';
	for (char *line = buf; *line;) {
		char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		/* Drop "<N>", the priority syslog puts first. */
		if (line[0] == '<') {
			char *close = memchr(line, '>', len);

			if (close) {
				len -= close + 1 - line;
				line = close + 1;
			}
		}
		fwrite(line, 1, len, stdout);
		putchar('\n');
		line += len + (end != NULL);
	}
	return 0;
}
