/* stdio functions built on the stream primitives: getline/getdelim,
 * temporary files, popen/pclose, setbuf/setlinebuf, fgetpos/fsetpos. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "thread.h"

static ssize_t getdelim_u(char **line, size_t *cap, int delim, FILE *f)
{
	size_t n = 0;
	int c;

	if (!line || !cap || !f) {
		errno = EINVAL;
		return -1;
	}
	if (!*line)
		*cap = 0;
	for (;;) {
		if (n + 2 > *cap) {
			size_t want = *cap ? *cap * 2 : 128;
			char *p;

			if (want > SSIZE_MAX) {
				errno = EOVERFLOW;
				return -1;
			}
			p = realloc(*line, want);
			if (!p)
				return -1;
			*line = p;
			*cap = want;
		}
		c = fgetc(f);
		if (c == EOF) {
			if (n == 0) /* nothing read: the buffer is untouched */
				return -1;
			break;
		}
		(*line)[n++] = (char)c;
		if (c == delim)
			break;
	}
	(*line)[n] = '\0';
	return (ssize_t)n;
}

/* One line is one call: another thread's reads do not split it. */
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f)
{
	int locked;
	ssize_t r;

	if (!f)
		return getdelim_u(line, cap, delim, f);
	locked = __stdio_lock(f);
	r = getdelim_u(line, cap, delim, f);
	__stdio_unlock(f, locked);
	return r;
}

ssize_t getline(char **line, size_t *cap, FILE *f)
{
	return getdelim(line, cap, '\n', f);
}

FILE *tmpfile(void)
{
	char path[] = "/tmp/tmpfXXXXXX";
	int fd = mkostemp(path, O_CLOEXEC);
	FILE *f;

	if (fd < 0)
		return NULL;
	unlink(path);
	f = fdopen(fd, "w+");
	if (!f)
		close(fd);
	return f;
}

char *tmpnam(char *buf)
{
	static char own[L_tmpnam];
	char tmpl[] = "/tmp/fileXXXXXX";

	if (!*mktemp(tmpl))
		return NULL;
	if (!buf)
		buf = own;
	strcpy(buf, tmpl);
	return buf;
}

void setbuf(FILE *f, char *buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setbuffer(FILE *f, char *buf, size_t size)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, size);
}

void setlinebuf(FILE *f)
{
	setvbuf(f, NULL, _IOLBF, 0);
}

int fgetpos(FILE *f, fpos_t *pos)
{
	off_t p = ftello(f);

	if (p < 0)
		return -1;
	pos->__pos = p;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
	return fseeko(f, pos->__pos, SEEK_SET);
}

/* popen's children, so pclose can wait for the right one. */
struct piped {
	FILE *f;
	pid_t pid;
	struct piped *next;
};
static struct piped *pipes;

FILE *popen(const char *command, const char *mode)
{
	int fds[2], reading = mode[0] == 'r';
	struct piped *p;
	pid_t pid;

	if ((mode[0] != 'r' && mode[0] != 'w') ||
	    (mode[1] && mode[1] != 'e')) {
		errno = EINVAL;
		return NULL;
	}
	p = malloc(sizeof(*p));
	if (!p)
		return NULL;
	if (pipe2(fds, O_CLOEXEC) < 0) {
		free(p);
		return NULL;
	}
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		free(p);
		return NULL;
	}
	if (pid == 0) {
		int want = reading ? 1 : 0, have = fds[reading ? 1 : 0];

		/* Earlier popen streams are not the child's (POSIX). */
		for (struct piped *q = pipes; q; q = q->next)
			close(fileno(q->f));
		dup2(have, want); /* dup2 clears O_CLOEXEC on the copy */
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(fds[reading ? 1 : 0]);
	p->f = fdopen(fds[reading ? 0 : 1], reading ? "r" : "w");
	if (!p->f) {
		close(fds[reading ? 0 : 1]);
		free(p);
		return NULL;
	}
	p->pid = pid;
	p->next = pipes;
	pipes = p;
	return p->f;
}

int pclose(FILE *f)
{
	struct piped **pp, *p;
	int status;
	pid_t r;

	for (pp = &pipes; *pp && (*pp)->f != f; pp = &(*pp)->next)
		;
	p = *pp;
	if (!p) {
		errno = ECHILD;
		return -1;
	}
	*pp = p->next;
	fclose(f);
	do
		r = waitpid(p->pid, &status, 0);
	while (r < 0 && errno == EINTR);
	free(p);
	return r < 0 ? -1 : status;
}

int vasprintf(char **out, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n < 0 || !(*out = malloc((size_t)n + 1))) {
		va_end(again);
		return -1;
	}
	vsnprintf(*out, (size_t)n + 1, fmt, again);
	va_end(again);
	return n;
}

int asprintf(char **out, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(out, fmt, ap);
	va_end(ap);
	return r;
}

char *ctermid(char *buf)
{
	static char own[L_ctermid];

	return strcpy(buf ? buf : own, "/dev/tty");
}

/* The unlocked forms are the ordinary ones: a stream's lock is recursive,
 * so they work inside flockfile too (flockfile is in stdio-file.c). */
int getc_unlocked(FILE *f) { return fgetc(f); }
int getchar_unlocked(void) { return fgetc(stdin); }
int putc_unlocked(int c, FILE *f) { return fputc(c, f); }
int putchar_unlocked(int c) { return fputc(c, stdout); }
