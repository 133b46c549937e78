/* date [-u] [-d @SECONDS] [+FORMAT]: the date and time (now, or SECONDS
 * since the epoch) through strftime's FORMAT, by default GNU's
 * "%a %b %e %H:%M:%S %Z %Y" with the zone UTC. Time is UTC: JOS has no time zones, so -u
 * changes nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	const char *format = "%a %b %e %H:%M:%S UTC %Y";
	time_t t = time(NULL);
	int i = 1;

	for (; i < argc; i++) {
		if (strcmp(argv[i], "-u") == 0)
			continue;
		if (strcmp(argv[i], "-d") == 0 && i + 1 < argc && argv[i + 1][0] == '@') {
			char *end;

			errno = 0;
			t = (time_t)strtoll(argv[++i] + 1, &end, 10);
			if (!argv[i][1] || *end || errno) {
				fprintf(stderr, "date: invalid date '%s'\n", argv[i]);
				return 1;
			}
		} else if (argv[i][0] == '+') {
			format = argv[i] + 1;
		} else {
			fprintf(stderr, "date: invalid argument '%s'\nusage: date [-u] [-d @SECONDS] [+FORMAT]\n", argv[i]);
			return 1;
		}
	}
	struct tm tm;
	char buf[1024];

	if (!gmtime_r(&t, &tm)) {
		fprintf(stderr, "date: time %lld is out of range\n", (long long)t);
		return 1;
	}
	size_t n = strftime(buf, sizeof buf, format, &tm);

	if (n == 0 && *format) {
		fprintf(stderr, "date: the format gives nothing or too much\n");
		return 1;
	}
	printf("%s\n", buf);
	return 0;
}
