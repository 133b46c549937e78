/* grep [-i] [-v] [-n] [-c] [-l] [-q] [-h] [-H] [-E] [-e PATTERN] PATTERN
 * [FILE]...: prints the lines that match a basic regular expression (-E:
 * an extended one); -i without case, -v the lines that do not match, -n
 * with line numbers, -c only counts, -l only the names of files with a
 * match, -q nothing. With several files each line says its file (-h:
 * never, -H: always). Status 0 if a line was selected, 1 if none, 2 on
 * error, as POSIX says. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int invert, numbers, count_only, names_only, quiet, with_names = -1;
static regex_t re;

static int grep(FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0, n;
	long lineno = 0, matches = 0;
	int c;

	for (;;) {
		n = 0;
		while ((c = fgetc(f)) != EOF && c != '\n') {
			if (n + 1 >= cap) {
				cap = cap ? cap * 2 : 256;
				if (!(line = realloc(line, cap))) {
					fprintf(stderr, "grep: out of memory\n");
					exit(2);
				}
			}
			line[n++] = (char)c;
		}
		if (c == EOF && n == 0)
			break;
		if (!line && !(line = malloc(cap = 256)))
			exit(2);
		line[n] = '\0';
		lineno++;
		if ((regexec(&re, line, 0, NULL, 0) == 0) == invert)
			continue;
		matches++;
		if (quiet)
			return 1;
		if (names_only) {
			printf("%s\n", name);
			break;
		}
		if (count_only)
			continue;
		if (with_names)
			printf("%s:", name);
		if (numbers)
			printf("%ld:", lineno);
		printf("%s\n", line);
	}
	free(line);
	if (count_only) {
		if (with_names)
			printf("%s:", name);
		printf("%ld\n", matches);
	}
	return matches > 0;
}

int main(int argc, char **argv)
{
	int i = 1, flags = REG_NOSUB, found = 0, errors = 0;
	const char *pattern = NULL;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			switch (*p) {
			case 'i': flags |= REG_ICASE; break;
			case 'v': invert = 1; break;
			case 'n': numbers = 1; break;
			case 'c': count_only = 1; break;
			case 'l': names_only = 1; break;
			case 'q': quiet = 1; break;
			case 'h': with_names = 0; break;
			case 'H': with_names = 1; break;
			case 'E': flags |= REG_EXTENDED; break;
			case 'G': flags &= ~REG_EXTENDED; break;
			case 'e':
				pattern = p[1] ? p + 1 : i + 1 < argc ? argv[++i] : NULL;
				if (!pattern) {
					fprintf(stderr, "grep: option requires an argument -- 'e'\n");
					return 2;
				}
				p = " "; /* the rest of this argument was the pattern */
				break;
			default:
				fprintf(stderr, "grep: invalid option -- '%c'\nusage: grep [-ivnclqhHE] [-e PATTERN] PATTERN [FILE]...\n", *p);
				return 2;
			}
			if (*p == ' ')
				break;
		}
	}
	if (!pattern) {
		if (i == argc) {
			fprintf(stderr, "usage: grep [-ivnclqhHE] [-e PATTERN] PATTERN [FILE]...\n");
			return 2;
		}
		pattern = argv[i++];
	}
	int err = regcomp(&re, pattern, flags);

	if (err) {
		char msg[128];

		regerror(err, &re, msg, sizeof msg);
		fprintf(stderr, "grep: %s\n", msg);
		return 2;
	}
	if (with_names < 0)
		with_names = argc - i > 1;
	if (i == argc)
		found = grep(stdin, "(standard input)");
	for (; i < argc; i++) {
		FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");

		if (!f) {
			fflush(stdout);
			fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
			errors = 1;
			continue;
		}
		found |= grep(f, f == stdin ? "(standard input)" : argv[i]);
		if (f != stdin)
			fclose(f);
		if (found && quiet)
			break;
	}
	regfree(&re);
	if (quiet && found)
		return 0;
	return errors ? 2 : !found;
}
