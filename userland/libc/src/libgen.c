/* POSIX basename and dirname (libgen.h): trailing slashes do not count;
 * "" and NULL give "."; the root is "/", except that dirname keeps a
 * leading "//" (which POSIX leaves to the implementation) as glibc does. */
#include <libgen.h>
#include <string.h>

char *basename(char *path)
{
	static char dot[] = ".", slash[] = "/";
	size_t n;

	if (!path || !*path)
		return dot;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	if (n == 1 && path[0] == '/')
		return slash;
	char *last = strrchr(path, '/');

	return last ? last + 1 : path;
}

char *dirname(char *path)
{
	static char dot[] = ".", slash[] = "/";
	size_t n;

	if (!path || !*path)
		return dot;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--; /* trailing slashes */
	while (n > 0 && path[n - 1] != '/')
		n--; /* the last component */
	if (n == 0)
		return dot;
	while (n > 1 && path[n - 1] == '/')
		n--; /* the slashes before it */
	if (n == 1 && path[0] == '/') {
		if (path[1] != '/' || path[2] == '/')
			return slash;
		n = 2;
	}
	path[n] = '\0';
	return path;
}
