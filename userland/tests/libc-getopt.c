/* <getopt.h>: getopt and getopt_long over many command lines: clusters,
 * attached and separate arguments, optional arguments, abbreviations,
 * errors (their messages on stderr, which goes to stdout here), "--",
 * the argument order after GNU's permutation, '+' and '-' optstrings.
 * Compared byte for byte with the same program on glibc. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int flag;

static const struct option longopts[] = {
	{ "verbose", no_argument, NULL, 'v' },
	{ "output", required_argument, NULL, 'o' },
	{ "color", optional_argument, NULL, 'C' },
	{ "colour", optional_argument, NULL, 'C' },
	{ "flag", no_argument, &flag, 42 },
	{ "version", no_argument, NULL, 'V' },
	{ "all", no_argument, NULL, 'a' },
	{ "almost-all", no_argument, NULL, 'A' },
	{ NULL, 0, NULL, 0 },
};

static void run(int is_long, const char *optstring, const char *line)
{
	char copy[256], *argv[32];
	int argc = 0, c, index;

	strcpy(copy, line);
	for (char *tok = strtok(copy, " "); tok && argc < 31;
	     tok = strtok(NULL, " "))
		argv[argc++] = tok;
	argv[argc] = NULL;
	printf("%s \"%s\" [%s]:", is_long ? "long" : "short", optstring, line);
	optind = 0; /* a full restart, as glibc allows */
	flag = 0;
	for (;;) {
		index = -1;
		fflush(stdout);
		c = is_long ? getopt_long(argc, argv, optstring, longopts, &index)
			    : getopt(argc, argv, optstring);
		if (c == -1)
			break;
		if (c == 0)
			printf(" flag=%d", flag);
		else if (c == 1)
			printf(" operand(%s)", optarg);
		else
			printf(" %c", c);
		if (c == '?' || c == ':')
			printf("(optopt=%d)", optopt);
		if (optarg && c != 1)
			printf("=%s", optarg);
		if (index >= 0)
			printf("#%d", index);
	}
	printf(" | optind=%d:", optind);
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
}

int main(void)
{
	dup2(1, 2);
	setvbuf(stdout, NULL, _IONBF, 0);
	run(0, "ab:c::", "p -a -b x -cy -c z");
	run(0, "ab:c::", "p -abx -ac");
	run(0, "ab:", "p one -a two -b three four");
	run(0, "ab:", "p -a -- -b x");
	run(0, "ab:", "p -x -a");
	run(0, "ab:", "p -b");
	run(0, ":ab:", "p -b");
	run(0, ":ab:", "p -q");
	run(0, "+ab", "p -a file -b");
	run(0, "-ab", "p -a file -b other");
	run(0, "ab", "p - -a");
	run(0, "ab:", "p x y -b v z -a");
	run(0, "a", "p");
	run(0, "a:", "p -a -a");
	run(1, "vo:", "p --verbose --output=f --output g x");
	run(1, "vo:", "p --verb --out f");
	run(1, "vo:", "p --col --colo=red --color");
	run(1, "vo:", "p --ver");
	run(1, "vo:", "p --al --all");
	run(1, "vo:", "p --flag --verbose=x");
	run(1, "vo:", "p --output");
	run(1, ":vo:", "p --output");
	run(1, "vo:", "p --nope a -v");
	run(1, "vo:", "p a --output b c -v");
	run(1, "vo:", "p -- --verbose");
	run(1, "vo:", "p -vo x --colour=blue");
	return 0;
}
