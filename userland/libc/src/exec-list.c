/* execl, execlp, execle: the argument list copied into an argv on the
 * stack (bounded, so a runaway list fails with E2BIG instead of crashing). */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

#define MAX_LIST_ARGS 1024

enum { PLAIN, SEARCH, WITH_ENV };

static int exec_list(int kind, const char *path, const char *arg0, va_list ap)
{
	char *argv[MAX_LIST_ARGS + 1];
	char **envp = environ;
	int n = 0;

	argv[n++] = (char *)arg0;
	while (arg0 && (argv[n] = va_arg(ap, char *)) != NULL) {
		if (++n == MAX_LIST_ARGS) {
			errno = E2BIG;
			return -1;
		}
	}
	argv[n] = NULL;
	if (kind == WITH_ENV)
		envp = va_arg(ap, char **);
	if (kind == SEARCH)
		return execvpe(path, argv, envp);
	return execve(path, argv, envp);
}

int execl(const char *path, const char *arg, ...)
{
	va_list ap;
	int r;

	va_start(ap, arg);
	r = exec_list(PLAIN, path, arg, ap);
	va_end(ap);
	return r;
}

int execlp(const char *file, const char *arg, ...)
{
	va_list ap;
	int r;

	va_start(ap, arg);
	r = exec_list(SEARCH, file, arg, ap);
	va_end(ap);
	return r;
}

int execle(const char *path, const char *arg, ...)
{
	va_list ap;
	int r;

	va_start(ap, arg);
	r = exec_list(WITH_ENV, path, arg, ap);
	va_end(ap);
	return r;
}
