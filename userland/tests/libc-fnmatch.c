/* <fnmatch.h> and <glob.h>: wildcard matching with every flag, and glob
 * over a small tree it builds in /tmp. Compared byte for byte with the same
 * program on glibc. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static const struct {
	const char *pattern, *string;
	int flags;
} cases[] = {
	{ "*", "abc", 0 }, { "a*c", "abbbc", 0 }, { "a*c", "abbbd", 0 },
	{ "a?c", "abc", 0 }, { "a?c", "ac", 0 }, { "*.c", "x.c", 0 },
	{ "*.c", ".x.c", FNM_PERIOD }, { ".*", ".x", FNM_PERIOD },
	{ "?x", ".x", FNM_PERIOD }, { "[.]x", ".x", FNM_PERIOD },
	{ "a/*", "a/.b", FNM_PATHNAME | FNM_PERIOD }, { "a/*", "a/.b", FNM_PERIOD },
	{ "*", "a/b", FNM_PATHNAME }, { "*", "a/b", 0 }, { "a?b", "a/b", FNM_PATHNAME },
	{ "a[/]b", "a/b", FNM_PATHNAME }, { "*/b", "a/b", FNM_PATHNAME },
	{ "[a-c]x", "bx", 0 }, { "[!a-c]x", "bx", 0 }, { "[^a-c]x", "dx", 0 },
	{ "[]]", "]", 0 }, { "[!]]", "a", 0 }, { "[a-]", "-", 0 },
	{ "[[:digit:]]*", "7up", 0 }, { "[[:alpha:][:digit:]]", "_", 0 },
	{ "[[:bogus:]]", "b", 0 }, { "\\*", "*", 0 }, { "\\*", "\\*", FNM_NOESCAPE },
	{ "[\\]]", "]", 0 }, { "a\\", "a\\", 0 }, { "ABC", "abc", FNM_CASEFOLD },
	{ "[A-C]x", "bX", FNM_CASEFOLD }, { "a", "a/b/c", FNM_LEADING_DIR },
	{ "a/b", "a/b/c", FNM_LEADING_DIR }, { "a*", "abc/d", FNM_LEADING_DIR | FNM_PATHNAME },
	{ "[", "[", 0 }, { "[abc", "[abc", 0 }, { "*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0 },
	{ "**", "", 0 }, { "", "", 0 }, { "", "a", 0 }, { "a**b", "ab", 0 },
};

static const char *const tree[] = {
	"d/", "d/a.c", "d/b.c", "d/c.h", "d/.hidden", "d/sub/", "d/sub/x.c",
	"d/sub/y.txt", "d/sub2/", "d/sub2/z.c", "d/[x]", "d/star*",
};

static void show_glob(const char *pattern, int flags)
{
	glob_t g;
	int r = glob(pattern, flags, NULL, &g);

	printf("glob(%s, %#x) = %d:", pattern, flags, r);
	if (r == 0 || r == GLOB_NOMATCH) {
		for (size_t i = 0; r == 0 && i < g.gl_pathc; i++)
			printf(" %s", g.gl_pathv[g.gl_offs + i]);
		if (r == 0)
			globfree(&g);
	}
	printf("\n");
}

int main(void)
{
	char dir[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		printf("fnmatch(%s, %s, %#x) = %d\n", cases[i].pattern,
		       cases[i].string, cases[i].flags,
		       fnmatch(cases[i].pattern, cases[i].string, cases[i].flags));

	snprintf(dir, sizeof(dir), "/tmp/libc-glob-%d", (int)getpid());
	if (mkdir(dir, 0755) < 0 || chdir(dir) < 0) {
		perror("tmp dir");
		return 1;
	}
	for (size_t i = 0; i < sizeof(tree) / sizeof(tree[0]); i++) {
		size_t n = strlen(tree[i]);
		char path[64];

		strcpy(path, tree[i]);
		if (path[n - 1] == '/') {
			path[n - 1] = '\0';
			mkdir(path, 0755);
		} else {
			close(open(path, O_CREAT | O_WRONLY, 0644));
		}
	}
	show_glob("d/*.c", 0);
	show_glob("d/*", 0);
	show_glob("d/*", GLOB_MARK);
	show_glob("d/.*", 0);
	show_glob("d/*", GLOB_PERIOD);
	show_glob("d/*/*.c", 0);
	show_glob("d/s*/?.*", 0);
	show_glob("d/[ab].c", 0);
	show_glob("d/\\[x]", 0);
	show_glob("d/star\\*", 0);
	show_glob("d/star\\*", GLOB_NOESCAPE);
	show_glob("d/*.none", 0);
	show_glob("d/*.none", GLOB_NOCHECK);
	show_glob("d/a.c", 0);
	show_glob("d/missing", 0);
	show_glob("d/missing", GLOB_NOCHECK);
	show_glob("d/sub/../*.h", 0);
	show_glob("nothere/*", 0);
	show_glob("d//sub//*.txt", 0);

	glob_t g;
	g.gl_offs = 2;
	glob("d/*.c", GLOB_DOOFFS, NULL, &g);
	glob("d/*.h", GLOB_DOOFFS | GLOB_APPEND, NULL, &g);
	printf("offs+append: %zu [%s %s] %s %s %s %s\n", g.gl_pathc,
	       g.gl_pathv[0] ? "x" : "NULL", g.gl_pathv[1] ? "x" : "NULL",
	       g.gl_pathv[2], g.gl_pathv[3], g.gl_pathv[4],
	       g.gl_pathv[5] ? "x" : "NULL");
	globfree(&g);

	/* clean up */
	for (size_t i = sizeof(tree) / sizeof(tree[0]); i-- > 0;) {
		char path[64];
		size_t n = strlen(tree[i]);

		strcpy(path, tree[i]);
		if (path[n - 1] == '/') {
			path[n - 1] = '\0';
			rmdir(path);
		} else {
			unlink(path);
		}
	}
	chdir("/");
	printf("cleanup: %d\n", rmdir(dir));
	return 0;
}
