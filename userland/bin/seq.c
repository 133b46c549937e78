/* seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST: the integers from FIRST
 * (default 1) by INCREMENT (default 1) up to LAST, one per line (or SEP
 * between them); -w pads them with zeros to equal width. Integers only:
 * a fractional argument is refused. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long long number(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (!*s || *end || errno) {
		fprintf(stderr, "seq: invalid integer argument: '%s'\n", s);
		exit(1);
	}
	return v;
}

static int digits(long long v)
{
	char buf[32];

	return snprintf(buf, sizeof buf, "%lld", v);
}

int main(int argc, char **argv)
{
	const char *sep = "\n";
	int equal_width = 0, i = 1;
	long long first = 1, step = 1, last;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] && (argv[i][1] < '0' || argv[i][1] > '9'); i++) {
		if (strcmp(argv[i], "-w") == 0)
			equal_width = 1;
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			sep = argv[++i];
		else if (strncmp(argv[i], "-s", 2) == 0 && argv[i][2])
			sep = argv[i] + 2;
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else {
			fprintf(stderr, "seq: invalid option '%s'\nusage: seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST\n", argv[i]);
			return 1;
		}
	}
	switch (argc - i) {
	case 1:
		last = number(argv[i]);
		break;
	case 2:
		first = number(argv[i]);
		last = number(argv[i + 1]);
		break;
	case 3:
		first = number(argv[i]);
		step = number(argv[i + 1]);
		last = number(argv[i + 2]);
		break;
	default:
		fprintf(stderr, "usage: seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST\n");
		return 1;
	}
	if (step == 0) {
		fprintf(stderr, "seq: invalid Zero increment value: '0'\n");
		return 1;
	}
	int width = equal_width ? (digits(first) > digits(last) ? digits(first) : digits(last)) : 0;
	int printed = 0;

	for (long long v = first; step > 0 ? v <= last : v >= last; v += step) {
		if (printed++)
			fputs(sep, stdout);
		if (width && v < 0)
			printf("-%0*lld", width - 1, -v);
		else
			printf("%0*lld", width, v);
	}
	if (printed)
		putchar('\n');
	return 0;
}
