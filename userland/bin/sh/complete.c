/* sh: Tab completion for the line editor. The word before the cursor is
 * completed as a command (built-ins and the programs on PATH) when it is
 * the first word of a command and has no '/', else as a path (dot files
 * only when the word starts with '.'). One match is completed whole,
 * with '/' after a directory and a blank after anything else; several
 * are completed as far as they agree, and when that adds nothing they
 * are listed under the line, sorted. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "sh.h"

#define MAX_MATCHES 512

static char *matches[MAX_MATCHES];
static char is_dir[MAX_MATCHES];
static int nmatches;

static void add_match(const char *name, int dir)
{
	for (int i = 0; i < nmatches; i++)
		if (strcmp(matches[i], name) == 0)
			return;
	if (nmatches < MAX_MATCHES && (matches[nmatches] = strdup(name)) != NULL)
		is_dir[nmatches++] = (char)dir;
}

/* Entries of dir starting with prefix; `programs` keeps only files. */
static void scan_directory(const char *dir, const char *prefix, int programs)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = strlen(prefix);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[1024];
		struct stat st;

		if (strncmp(e->d_name, prefix, n) != 0)
			continue;
		if (e->d_name[0] == '.' && prefix[0] != '.')
			continue;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		int dirent_is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);

		if (programs && dirent_is_dir)
			continue;
		add_match(e->d_name, dirent_is_dir);
	}
	closedir(d);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_separator(char c)
{
	return c == ' ' || c == '\t' || c == '|' || c == ';' || c == '&' || c == '<' || c == '>' || c == '(';
}

int complete(const char *line, int cursor, char *addition, size_t size)
{
	char word[SH_MAX_LINE];
	int start = cursor, listed = 0;

	addition[0] = '\0';
	while (start > 0 && !is_separator(line[start - 1]))
		start--;
	snprintf(word, sizeof word, "%.*s", cursor - start, line + start);
	int before = start;

	while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t'))
		before--;
	int command = (before == 0 || strchr("|;&(", line[before - 1])) && !strchr(word, '/');
	const char *prefix = word;

	nmatches = 0;
	if (command) {
		const char *path = getenv("PATH");

		builtin_names(word, add_match);
		for (path = path ? path : "/bin"; *path;) {
			size_t n = strcspn(path, ":");
			char dir[512];

			snprintf(dir, sizeof dir, "%.*s", (int)n, n ? path : ".");
			scan_directory(dir, word, 1);
			path += n + (path[n] == ':');
		}
	} else {
		char dir[SH_MAX_LINE];
		char *slash = strrchr(word, '/');

		if (slash) {
			snprintf(dir, sizeof dir, "%.*s", (int)(slash - word) + (slash == word), word);
			prefix = slash + 1;
		} else {
			snprintf(dir, sizeof dir, ".");
		}
		scan_directory(dir, prefix, 0);
	}
	size_t typed = strlen(prefix);

	if (nmatches == 1) {
		snprintf(addition, size, "%s%s", matches[0] + typed, is_dir[0] ? "/" : " ");
	} else if (nmatches > 1) {
		size_t common = strlen(matches[0]);

		for (int i = 1; i < nmatches; i++) {
			size_t k = 0;

			while (k < common && matches[i][k] == matches[0][k])
				k++;
			common = k;
		}
		if (common > typed) {
			snprintf(addition, size, "%.*s", (int)(common - typed), matches[0] + typed);
		} else {
			qsort(matches, nmatches, sizeof *matches, by_name);
			edit_print("\n");
			for (int i = 0; i < nmatches; i++) {
				edit_print(matches[i]);
				edit_print(i + 1 < nmatches ? "  " : "\n");
			}
			listed = 1;
		}
	}
	for (int i = 0; i < nmatches; i++)
		free(matches[i]);
	return listed;
}
