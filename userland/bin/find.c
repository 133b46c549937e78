/* find [PATH...] [-name PATTERN] [-type f|d|l|p|c|b|s] [-maxdepth N]
 * [-mindepth N] [-print]: walks each PATH (default ".") depth first, in
 * directory order sorted by name (so the output does not depend on the
 * filesystem), and prints the paths that pass every test. PATTERN is a
 * shell pattern matched against the last component. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *name_pattern;
static char type_wanted;
static int max_depth = -1, min_depth;
static int status;

static int type_matches(mode_t m)
{
	switch (type_wanted) {
	case 0: return 1;
	case 'f': return S_ISREG(m);
	case 'd': return S_ISDIR(m);
	case 'l': return S_ISLNK(m);
	case 'p': return S_ISFIFO(m);
	case 'c': return S_ISCHR(m);
	case 'b': return S_ISBLK(m);
	case 's': return S_ISSOCK(m);
	}
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(const char *path, int depth)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		fprintf(stderr, "find: '%s': %s\n", path, strerror(errno));
		status = 1;
		return;
	}
	const char *base = strrchr(path, '/');

	base = base && base[1] ? base + 1 : path;
	if (depth >= min_depth && type_matches(st.st_mode) && (!name_pattern || fnmatch(name_pattern, base, 0) == 0))
		printf("%s\n", path);
	if (!S_ISDIR(st.st_mode) || (max_depth >= 0 && depth >= max_depth))
		return;
	DIR *dir = opendir(path);
	struct dirent *e;
	char **names = NULL;
	int n = 0, cap = 0;

	if (!dir) {
		fflush(stdout);
		fprintf(stderr, "find: '%s': %s\n", path, strerror(errno));
		status = 1;
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap && !(names = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names)))
			exit(1);
		names[n++] = strdup(e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof *names, by_name);
	for (int i = 0; i < n; i++) {
		char child[4096];

		snprintf(child, sizeof child, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
		walk(child, depth + 1);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	int i = 1, first_path, npaths;

	while (i < argc && (argv[i][0] != '-' || !argv[i][1]))
		i++;
	first_path = 1;
	npaths = i - 1;
	for (; i < argc; i++) {
		const char *arg = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(arg, "-print") == 0)
			continue;
		if (!v) {
			fprintf(stderr, "find: missing argument to '%s'\n", arg);
			return 1;
		}
		if (strcmp(arg, "-name") == 0) {
			name_pattern = v;
		} else if (strcmp(arg, "-type") == 0) {
			if (strlen(v) != 1 || !strchr("fdlpcbs", *v)) {
				fprintf(stderr, "find: Unknown argument to -type: %s\n", v);
				return 1;
			}
			type_wanted = *v;
		} else if (strcmp(arg, "-maxdepth") == 0) {
			max_depth = atoi(v);
		} else if (strcmp(arg, "-mindepth") == 0) {
			min_depth = atoi(v);
		} else {
			fprintf(stderr, "find: unknown predicate '%s'\nusage: find [PATH...] [-name PATTERN] [-type TYPE] [-maxdepth N] [-mindepth N]\n", arg);
			return 1;
		}
		i++;
	}
	if (npaths == 0)
		walk(".", 0);
	for (int p = 0; p < npaths; p++)
		walk(argv[first_path + p], 0);
	return status;
}
