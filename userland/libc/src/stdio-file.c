/* FILE streams: buffering over file descriptors, or over the functions
 * of a cookie stream (fopencookie; fmemopen and open_memstream are built
 * on it). A stream buffers in one direction at a time: pending output is
 * flushed before reading, and read ahead is given back (by seeking) before
 * writing or seeking.
 *
 * Each stream has a recursive lock (flockfile): the calls below take it
 * once the process has a second thread, so that one call's bytes are not
 * interleaved with another thread's. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "thread.h"

#define F_READ  1
#define F_WRITE 2
#define F_EOF   4
#define F_ERR   8
#define F_OWNBUF 16 /* buf was malloc'ed by us */
#define F_COOKIE 32 /* a cookie stream: io and cookie, no descriptor */

struct FILE {
	int fd;
	int flags;
	int mode; /* _IONBF, _IOLBF or _IOFBF */
	unsigned char *buf;
	size_t size;
	size_t wlen;       /* output bytes waiting in buf */
	size_t rpos, rlen; /* unread input is buf[rpos..rlen) */
	int unget;         /* a pushed-back byte, or EOF */
	FILE *next;        /* every open stream, for flushing at exit */
	/* A cookie stream's functions (fd is then -1); unset for a descriptor. */
	cookie_io_functions_t io;
	void *cookie;
	volatile int lock; /* flockfile's: a lock word (thread.h) */
	int owner;         /* the holder's tid */
	int count;         /* how many times it holds it */
};

static unsigned char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];
static FILE files[3] = {
	{ 0, F_READ, _IOLBF, stdin_buf, BUFSIZ, 0, 0, 0, EOF, &files[1], { 0 }, NULL, 0, 0, 0 },
	{ 1, F_WRITE, _IOLBF, stdout_buf, BUFSIZ, 0, 0, 0, EOF, &files[2], { 0 }, NULL, 0, 0, 0 },
	{ 2, F_WRITE, _IONBF, NULL, 0, 0, 0, 0, EOF, NULL, { 0 }, NULL, 0, 0, 0 },
};
FILE *const stdin = &files[0];
FILE *const stdout = &files[1];
FILE *const stderr = &files[2];
static FILE *open_files = &files[0];
static volatile int open_files_lock;

void flockfile(FILE *f)
{
	int tid = __pthread_self()->tid;

	if (f->owner == tid) {
		f->count++;
		return;
	}
	__lock(&f->lock);
	f->owner = tid;
	f->count = 1;
}

int ftrylockfile(FILE *f)
{
	int tid = __pthread_self()->tid;

	if (f->owner == tid) {
		f->count++;
		return 0;
	}
	if (!__trylock(&f->lock))
		return -1;
	f->owner = tid;
	f->count = 1;
	return 0;
}

void funlockfile(FILE *f)
{
	if (--f->count == 0) {
		f->owner = 0;
		__unlock(&f->lock);
	}
}

/* The library's own locking of a stream, skipped while single-threaded. */
int __stdio_lock(FILE *f)
{
	if (!__libc_threaded)
		return 0;
	flockfile(f);
	return 1;
}

void __stdio_unlock(FILE *f, int locked)
{
	if (locked)
		funlockfile(f);
}

static void list_lock(void)
{
	if (__libc_threaded)
		__lock(&open_files_lock);
}

static void list_unlock(void)
{
	if (__libc_threaded)
		__unlock(&open_files_lock);
}

static ssize_t stream_write(FILE *f, const void *p, size_t n)
{
	if (!(f->flags & F_COOKIE))
		return write(f->fd, p, n);
	if (!f->io.write) {
		errno = EBADF;
		return -1;
	}
	return f->io.write(f->cookie, p, n);
}

static ssize_t stream_read(FILE *f, void *p, size_t n)
{
	if (!(f->flags & F_COOKIE))
		return read(f->fd, p, n);
	if (!f->io.read) {
		errno = EBADF;
		return -1;
	}
	return f->io.read(f->cookie, p, n);
}

/* The new position, or -1. */
static off_t stream_seek(FILE *f, off_t offset, int whence)
{
	if (!(f->flags & F_COOKIE))
		return lseek(f->fd, offset, whence);
	if (!f->io.seek) {
		errno = ESPIPE;
		return -1;
	}
	return f->io.seek(f->cookie, &offset, whence) < 0 ? -1 : offset;
}

/* Writes all of p, retrying short writes; sets F_ERR on failure. */
static int write_all(FILE *f, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = stream_write(f, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->flags |= F_ERR;
			return EOF;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int flush_output(FILE *f)
{
	size_t n = f->wlen;

	f->wlen = 0;
	return n ? write_all(f, f->buf, n) : 0;
}

/* Drops read-ahead, moving the descriptor back to the logical position. */
static void drop_input(FILE *f)
{
	size_t ahead = f->rlen - f->rpos + (f->unget != EOF);

	if (ahead)
		stream_seek(f, -(off_t)ahead, SEEK_CUR);
	f->rpos = f->rlen = 0;
	f->unget = EOF;
}

static int fflush_u(FILE *f)
{
	int r = 0;

	if (!f) {
		__stdio_flush_all();
		return 0;
	}
	if (f->wlen)
		r = flush_output(f);
	if (f->rlen > f->rpos || f->unget != EOF)
		drop_input(f);
	return r;
}

int fflush(FILE *f)
{
	int locked, r;

	if (!f)
		return fflush_u(f);
	locked = __stdio_lock(f);
	r = fflush_u(f);
	__stdio_unlock(f, locked);
	return r;
}

void __stdio_flush_all(void)
{
	list_lock();
	for (FILE *f = open_files; f; f = f->next)
		if (f->wlen)
			flush_output(f);
	list_unlock();
}

static size_t fwrite_u(const void *buf, size_t size, size_t count, FILE *f)
{
	const unsigned char *p = buf;
	size_t n = size * count;

	if (!n)
		return 0;
	if (f->rlen > f->rpos || f->unget != EOF)
		drop_input(f);
	if (f->mode == _IONBF || n >= f->size) {
		if (flush_output(f) || write_all(f, p, n))
			return 0;
		return count;
	}
	if (f->wlen + n > f->size && flush_output(f))
		return 0;
	memcpy(f->buf + f->wlen, p, n);
	f->wlen += n;
	if (f->mode == _IOLBF && memchr(p, '\n', n) && flush_output(f))
		return 0;
	return count;
}

size_t fwrite(const void *buf, size_t size, size_t count, FILE *f)
{
	int locked = __stdio_lock(f);
	size_t r = fwrite_u(buf, size, count, f);

	__stdio_unlock(f, locked);
	return r;
}

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;

	return fwrite(&ch, 1, 1, f) == 1 ? ch : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

static int fputs_u(const char *s, FILE *f)
{
	size_t n = strlen(s);

	if (n && fwrite(s, 1, n, f) != n)
		return EOF;
	return 0;
}

int fputs(const char *s, FILE *f)
{
	int locked = __stdio_lock(f);
	int r = fputs_u(s, f);

	__stdio_unlock(f, locked);
	return r;
}

/* Like glibc, returns the bytes written (a non-negative number). */
static int puts_u(const char *s)
{
	size_t n = strlen(s);

	if ((n && fwrite(s, 1, n, stdout) != n) || fputc('\n', stdout) == EOF)
		return EOF;
	return n < 0x7fffffff ? (int)n + 1 : 0x7fffffff;
}

int puts(const char *s)
{
	int locked = __stdio_lock(stdout);
	int r = puts_u(s);

	__stdio_unlock(stdout, locked);
	return r;
}

/* Refills the read buffer; stdout is flushed first so a prompt shows. */
static int fill(FILE *f)
{
	ssize_t n;

	if (f->wlen && flush_output(f))
		return EOF;
	if (f == stdin && stdout->wlen)
		flush_output(stdout);
	do
		n = stream_read(f, f->buf, f->size);
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		f->flags |= n == 0 ? F_EOF : F_ERR;
		return EOF;
	}
	f->rpos = 0;
	f->rlen = (size_t)n;
	return 0;
}

static int fgetc_u(FILE *f)
{
	int c = f->unget;

	if (c != EOF) {
		f->unget = EOF;
		return c;
	}
	if (f->rpos == f->rlen && fill(f) == EOF)
		return EOF;
	return f->buf[f->rpos++];
}

int fgetc(FILE *f)
{
	int locked = __stdio_lock(f);
	int r = fgetc_u(f);

	__stdio_unlock(f, locked);
	return r;
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

static int ungetc_u(int c, FILE *f)
{
	if (c == EOF || f->unget != EOF)
		return EOF;
	f->unget = (unsigned char)c;
	f->flags &= ~F_EOF;
	return f->unget;
}

int ungetc(int c, FILE *f)
{
	int locked = __stdio_lock(f);
	int r = ungetc_u(c, f);

	__stdio_unlock(f, locked);
	return r;
}

static char *fgets_u(char *buf, int n, FILE *f)
{
	int i = 0, c = 0;

	while (i < n - 1 && (c = fgetc(f)) != EOF) {
		buf[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0 && n > 0 && c == EOF)
		return NULL;
	if (n > 0)
		buf[i] = '\0';
	return buf;
}

char *fgets(char *buf, int n, FILE *f)
{
	int locked = __stdio_lock(f);
	char * r = fgets_u(buf, n, f);

	__stdio_unlock(f, locked);
	return r;
}

/* Serves what is buffered, then reads big remainders straight into the
 * caller's memory instead of going through the buffer. */
static size_t fread_u(void *buf, size_t size, size_t count, FILE *f)
{
	unsigned char *p = buf;
	size_t n = size * count, got = 0;

	if (f->wlen && flush_output(f))
		return 0;
	if (n && f->unget != EOF) {
		p[got++] = (unsigned char)f->unget;
		f->unget = EOF;
	}
	while (got < n) {
		size_t avail = f->rlen - f->rpos, take;

		if (avail == 0 && n - got >= f->size) {
			ssize_t r = stream_read(f, p + got, n - got);

			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				f->flags |= r == 0 ? F_EOF : F_ERR;
				break;
			}
			got += (size_t)r;
			continue;
		}
		if (avail == 0 && fill(f) == EOF)
			break;
		avail = f->rlen - f->rpos;
		take = avail < n - got ? avail : n - got;
		memcpy(p + got, f->buf + f->rpos, take);
		f->rpos += take;
		got += take;
	}
	return size ? got / size : 0;
}

size_t fread(void *buf, size_t size, size_t count, FILE *f)
{
	int locked = __stdio_lock(f);
	size_t r = fread_u(buf, size, count, f);

	__stdio_unlock(f, locked);
	return r;
}

/* "r", "w", "a" with optional "+" (and "b", which means nothing here). */
static int mode_flags(const char *mode, int *oflags)
{
	int plus = strchr(mode, '+') != NULL;

	switch (mode[0]) {
	case 'r':
		*oflags = plus ? O_RDWR : O_RDONLY;
		return plus ? F_READ | F_WRITE : F_READ;
	case 'w':
		*oflags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC;
		return plus ? F_READ | F_WRITE : F_WRITE;
	case 'a':
		*oflags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND;
		return plus ? F_READ | F_WRITE : F_WRITE;
	}
	errno = EINVAL;
	return 0;
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags, flags = mode_flags(mode, &oflags);
	FILE *f;

	if (!flags)
		return NULL;
	f = calloc(1, sizeof(*f) + BUFSIZ);
	if (!f)
		return NULL;
	list_lock();
	*f = (FILE){ fd, flags, _IOFBF, (unsigned char *)(f + 1), BUFSIZ,
		     0, 0, 0, EOF, open_files, { 0 }, NULL, 0, 0, 0 };
	open_files = f;
	list_unlock();
	return f;
}

/* GNU's stream over the caller's functions; a missing one fails its
 * operation (EBADF for read and write, ESPIPE for seek). */
FILE *fopencookie(void *cookie, const char *mode, cookie_io_functions_t io)
{
	int oflags, flags = mode_flags(mode, &oflags);
	FILE *f;

	if (!flags)
		return NULL;
	f = calloc(1, sizeof(*f) + BUFSIZ);
	if (!f)
		return NULL;
	*f = (FILE){ -1, flags | F_COOKIE, _IOFBF, (unsigned char *)(f + 1), BUFSIZ,
		     0, 0, 0, EOF, NULL, io, cookie, 0, 0, 0 };
	if (mode[0] == 'a' && io.seek) {
		off_t end = 0;

		io.seek(cookie, &end, SEEK_END);
	}
	list_lock();
	f->next = open_files;
	open_files = f;
	list_unlock();
	return f;
}

FILE *fopen(const char *path, const char *mode)
{
	int oflags, fd;
	FILE *f;

	if (!mode_flags(mode, &oflags))
		return NULL;
	fd = open(path, oflags | O_CLOEXEC, 0666);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, mode);
	if (!f)
		close(fd);
	return f;
}

static void unlink_stream(FILE *f)
{
	for (FILE **p = &open_files; *p; p = &(*p)->next) {
		if (*p == f) {
			*p = f->next;
			return;
		}
	}
}

int fclose(FILE *f)
{
	int locked = __stdio_lock(f), r = fflush(f);

	if (!(f->flags & F_COOKIE)) {
		if (close(f->fd) < 0)
			r = EOF;
	} else if (f->io.close && f->io.close(f->cookie) < 0) {
		r = EOF;
	}
	__stdio_unlock(f, locked);
	if (f >= files && f < files + 3)
		return r; /* the standard streams are not ours to free */
	list_lock();
	unlink_stream(f);
	list_unlock();
	if (f->flags & F_OWNBUF)
		free(f->buf);
	free(f);
	return r;
}

static int fseeko_u(FILE *f, off_t offset, int whence)
{
	if (fflush(f)) /* also moves the fd back over read-ahead */
		return -1;
	if (stream_seek(f, offset, whence) < 0)
		return -1;
	f->flags &= ~F_EOF;
	return 0;
}

int fseeko(FILE *f, off_t offset, int whence)
{
	int locked = __stdio_lock(f);
	int r = fseeko_u(f, offset, whence);

	__stdio_unlock(f, locked);
	return r;
}

static off_t ftello_u(FILE *f)
{
	off_t pos = stream_seek(f, 0, SEEK_CUR);

	if (pos < 0)
		return -1;
	return pos + (off_t)f->wlen - (off_t)(f->rlen - f->rpos) -
	       (f->unget != EOF);
}

off_t ftello(FILE *f)
{
	int locked = __stdio_lock(f);
	off_t r = ftello_u(f);

	__stdio_unlock(f, locked);
	return r;
}

int fseek(FILE *f, long offset, int whence)
{
	return fseeko(f, offset, whence);
}

/* A position beyond what long holds is EOVERFLOW (riscv32's 2 GiB). */
long ftell(FILE *f)
{
	off_t pos = ftello(f);

	if (pos > (off_t)(~0UL >> 1)) {
		errno = EOVERFLOW;
		return -1;
	}
	return (long)pos;
}

/* Reopens f on path (or, with path NULL, changes its mode): the stream
 * keeps its descriptor number, so freopen(..., stdout) redirects fd 1. */
FILE *freopen(const char *path, const char *mode, FILE *f)
{
	int oflags, flags = mode_flags(mode, &oflags);

	fflush(f);
	if (!flags)
		goto fail;
	if (path) {
		int fd = open(path, oflags | O_CLOEXEC, 0666);

		if (fd < 0)
			goto fail;
		if (fd != f->fd) {
			int cloexec = fcntl(f->fd, F_GETFD) & FD_CLOEXEC;

			if (dup3(fd, f->fd, cloexec ? O_CLOEXEC : 0) < 0) {
				close(fd);
				goto fail;
			}
			close(fd);
		}
	} else if (fcntl(f->fd, F_SETFL, oflags & O_APPEND) < 0) {
		goto fail;
	}
	f->flags = (f->flags & (F_OWNBUF | F_COOKIE)) | flags;
	f->wlen = f->rpos = f->rlen = 0;
	f->unget = EOF;
	return f;
fail:
	fclose(f);
	return NULL;
}

void rewind(FILE *f)
{
	fseek(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

int feof(FILE *f) { return (f->flags & F_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & F_ERR) != 0; }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }
int fileno(FILE *f)
{
	if (f->fd < 0)
		errno = EBADF;
	return f->fd;
}

/* A caller-supplied buffer is used as is; without one we allocate. */
static int setvbuf_u(FILE *f, char *buf, int mode, size_t size)
{
	if (mode != _IONBF && mode != _IOLBF && mode != _IOFBF)
		return -1;
	fflush(f);
	f->mode = mode;
	if (mode == _IONBF || (!buf && size == 0))
		return 0;
	if (!buf) {
		buf = malloc(size);
		if (!buf)
			return -1;
		if (f->flags & F_OWNBUF)
			free(f->buf);
		f->flags |= F_OWNBUF;
	}
	f->buf = (unsigned char *)buf;
	f->size = size;
	return 0;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
	int locked = __stdio_lock(f);
	int r = setvbuf_u(f, buf, mode, size);

	__stdio_unlock(f, locked);
	return r;
}

void perror(const char *msg)
{
	if (msg && *msg)
		fprintf(stderr, "%s: %s\n", msg, strerror(errno));
	else
		fprintf(stderr, "%s\n", strerror(errno));
}

int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	return errno == EISDIR ? rmdir(path) : -1;
}
