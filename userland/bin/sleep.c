/* sleep NUMBER[SUFFIX]...: waits for the sum of the durations; NUMBER may
 * have a fraction (0.25), SUFFIX is s (default), m, h or d, as GNU sleep. */
#include <errno.h>
#include <stdio.h>
#include <time.h>

/* Parses one duration into nanoseconds; -1 if it is not one. */
static long long duration_ns(const char *s)
{
	long long whole = 0, frac = 0, scale = 1000000000LL;
	const char *p = s;
	int any = 0;

	for (; *p >= '0' && *p <= '9'; p++, any = 1) {
		whole = whole * 10 + (*p - '0');
		if (whole > 100000000LL)
			return -1;
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, any = 1)
			if (scale >= 10) {
				scale /= 10;
				frac += (*p - '0') * scale;
			}
	if (!any)
		return -1;
	long long unit = 1;

	switch (*p) {
	case '\0': case 's': break;
	case 'm': unit = 60; break;
	case 'h': unit = 3600; break;
	case 'd': unit = 86400; break;
	default: return -1;
	}
	if (*p && p[1])
		return -1;
	return (whole * 1000000000LL + frac) * unit;
}

int main(int argc, char **argv)
{
	long long total = 0;

	if (argc < 2) {
		fprintf(stderr, "sleep: missing operand\n");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		long long ns = duration_ns(argv[i]);

		if (ns < 0) {
			fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]);
			return 1;
		}
		total += ns;
	}
	struct timespec left = { .tv_sec = total / 1000000000LL, .tv_nsec = total % 1000000000LL };

	while (nanosleep(&left, &left) < 0)
		if (errno != EINTR) {
			perror("sleep");
			return 1;
		}
	return 0;
}
