/* realpath: an absolute path with no ".", ".." or symbolic links, each
 * component checked to exist (ENOENT/ENOTDIR as the walk finds them),
 * symbolic links followed at most 40 times (ELOOP). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#define MAX_LINKS 40

char *realpath(const char *path, char *resolved)
{
	char out[PATH_MAX], todo[PATH_MAX], link[PATH_MAX];
	size_t olen = 0, links = 0;
	char *rest;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	if (strlen(path) >= sizeof(todo)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	strcpy(todo, path);
	if (todo[0] != '/') {
		if (!getcwd(out, sizeof(out)))
			return NULL;
		olen = strlen(out);
		if (olen == 1)
			olen = 0; /* "/" */
	}
	rest = todo;
	while (*rest) {
		size_t n;
		struct stat st;

		while (*rest == '/')
			rest++;
		n = strcspn(rest, "/");
		if (n == 0)
			break;
		if (n == 1 && rest[0] == '.') {
			rest += 1;
			continue;
		}
		if (n == 2 && rest[0] == '.' && rest[1] == '.') {
			while (olen > 0 && out[--olen] != '/')
				;
			rest += 2;
			continue;
		}
		if (olen + 1 + n >= sizeof(out)) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		out[olen] = '/';
		memcpy(out + olen + 1, rest, n);
		out[olen + 1 + n] = '\0';
		rest += n;
		if (lstat(out, &st) < 0)
			return NULL;
		if (S_ISLNK(st.st_mode)) {
			ssize_t k;
			size_t rlen = strlen(rest);

			if (++links > MAX_LINKS) {
				errno = ELOOP;
				return NULL;
			}
			k = readlink(out, link, sizeof(link) - 1);
			if (k < 0)
				return NULL;
			if ((size_t)k + rlen + 1 >= sizeof(todo)) {
				errno = ENAMETOOLONG;
				return NULL;
			}
			/* The link's target, then what was left to walk. */
			memmove(todo + k, rest, rlen + 1);
			memcpy(todo, link, (size_t)k);
			rest = todo;
			if (link[0] == '/')
				olen = 0;
			continue;
		}
		if (*rest && !S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return NULL;
		}
		olen += 1 + n;
	}
	if (olen == 0)
		out[olen++] = '/';
	out[olen] = '\0';
	if (!resolved) {
		resolved = malloc(olen + 1);
		if (!resolved)
			return NULL;
	}
	memcpy(resolved, out, olen + 1);
	return resolved;
}
