/* basename NAME [SUFFIX]: NAME without its directories (and without
 * SUFFIX, unless that is all that is left), as POSIX describes it:
 * trailing slashes go first; "/" stays "/". */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char name[4096];
	size_t n;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: basename NAME [SUFFIX]\n");
		return 1;
	}
	snprintf(name, sizeof name, "%s", argv[1]);
	n = strlen(name);
	while (n > 1 && name[n - 1] == '/')
		name[--n] = '\0';
	char *base = strrchr(name, '/');

	if (base && base[1])
		base++;
	else if (!base)
		base = name;
	if (argc == 3) {
		size_t b = strlen(base), s = strlen(argv[2]);

		if (s < b && strcmp(base + b - s, argv[2]) == 0)
			base[b - s] = '\0';
	}
	printf("%s\n", base);
	return 0;
}
