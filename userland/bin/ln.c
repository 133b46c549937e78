/* ln [-s] [-f] TARGET LINK, ln [-s] [-f] TARGET... DIR: makes a hard link
 * (or with -s a symbolic one) to TARGET; -f replaces an existing LINK. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static int symbolic, force;

static int link_one(const char *target, const char *name)
{
	if (force)
		unlink(name);
	if ((symbolic ? symlink(target, name) : link(target, name)) == 0)
		return 0;
	fprintf(stderr, "ln: failed to create %slink '%s'%s%s: %s\n", symbolic ? "symbolic " : "hard ", name,
		symbolic ? " -> '" : " => '", target, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;
	struct stat st;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 's')
				symbolic = 1;
			else if (*p == 'f')
				force = 1;
			else {
				fprintf(stderr, "ln: invalid option -- '%c'\nusage: ln [-s] [-f] TARGET LINK\n", *p);
				return 1;
			}
		}
	}
	int n = argc - i;

	if (n < 1) {
		fprintf(stderr, "ln: missing file operand\n");
		return 1;
	}
	const char *last = argv[argc - 1];

	if (n == 1 || (stat(last, &st) == 0 && S_ISDIR(st.st_mode))) {
		const char *dir = n == 1 ? "." : last;

		for (int j = i; j < (n == 1 ? argc : argc - 1); j++) {
			char name[4096];
			const char *base = strrchr(argv[j], '/') ? strrchr(argv[j], '/') + 1 : argv[j];

			snprintf(name, sizeof name, "%s/%s", dir, base);
			status |= link_one(argv[j], n == 1 ? base : name);
		}
		return status;
	}
	if (n > 2) {
		fprintf(stderr, "ln: target '%s' is not a directory\n", last);
		return 1;
	}
	return link_one(argv[i], last);
}
