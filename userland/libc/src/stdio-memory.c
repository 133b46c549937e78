/* Streams over memory, as cookie streams (fopencookie in stdio-file.c):
 * fmemopen (a fixed buffer; POSIX.1-2008 with glibc's choices) and
 * open_memstream (a growing buffer the caller frees). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* fmemopen: data is buf[0..end), the stream writes at most size bytes (0
 * is allowed: nothing to read, no room to write) and, where it fits, keeps
 * a NUL after what it wrote. */
struct fixed_memory {
	char *buf;
	size_t size, end, pos;
	int append, own;
};

static ssize_t fixed_read(void *cookie, char *out, size_t n)
{
	struct fixed_memory *m = cookie;
	size_t left = m->pos < m->end ? m->end - m->pos : 0;

	if (n > left)
		n = left;
	memcpy(out, m->buf + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

static ssize_t fixed_write(void *cookie, const char *in, size_t n)
{
	struct fixed_memory *m = cookie;
	int add_nul = n == 0 || in[n - 1] != '\0';

	if (m->append)
		m->pos = m->end;
	if (m->pos >= m->size) {
		errno = ENOSPC;
		return -1;
	}
	if (n > m->size - m->pos)
		n = m->size - m->pos;
	memcpy(m->buf + m->pos, in, n);
	m->pos += n;
	if (m->pos > m->end) {
		m->end = m->pos;
		/* glibc: a NUL after the data, or in the last byte when full. */
		if (m->end < m->size && add_nul)
			m->buf[m->end] = '\0';
		else if (!m->append && add_nul)
			m->buf[m->size - 1] = '\0';
	}
	return (ssize_t)n;
}

/* Seeks from the start, the position or the end of the data; a position
 * outside the buffer is EINVAL. */
static int fixed_seek(void *cookie, off_t *offset, int whence)
{
	struct fixed_memory *m = cookie;
	off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off_t)m->pos : (off_t)m->end;

	if ((whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) ||
	    *offset < -base || base + *offset > (off_t)m->size) {
		errno = EINVAL;
		return -1;
	}
	m->pos = (size_t)(base + *offset);
	*offset = (off_t)m->pos;
	return 0;
}

static int fixed_close(void *cookie)
{
	struct fixed_memory *m = cookie;

	if (m->own)
		free(m->buf);
	free(m);
	return 0;
}

FILE *fmemopen(void *buf, size_t size, const char *mode)
{
	static const cookie_io_functions_t io = { fixed_read, fixed_write, fixed_seek, fixed_close };
	struct fixed_memory *m;
	FILE *f;

	if (!strchr("rwa", mode[0]) || !mode[0]) {
		errno = EINVAL;
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->buf = buf;
	if (!buf) {
		m->buf = calloc(1, size ? size : 1);
		m->own = 1;
		if (!m->buf) {
			free(m);
			return NULL;
		}
	}
	m->size = size;
	if (mode[0] == 'r')
		m->end = size;
	else if (mode[0] == 'a')
		m->end = m->pos = strnlen(m->buf, size);
	else if (buf && size && strchr(mode, '+'))
		m->buf[0] = '\0'; /* w+ truncates */
	m->append = mode[0] == 'a';
	f = fopencookie(m, mode, io);
	if (!f)
		fixed_close(m);
	return f;
}

/* open_memstream: *bufp and *sizep always show the data and the
 * position; the buffer grows as needed and is kept NUL-terminated. */
struct growing_memory {
	char **bufp;
	size_t *sizep;
	char *buf;
	size_t capacity, end, pos;
};

static int grow(struct growing_memory *m, size_t need)
{
	size_t capacity = m->capacity;
	char *buf;

	if (need < m->capacity)
		return 0;
	while (capacity <= need) {
		if (capacity > ((size_t)-1) / 2) {
			errno = ENOMEM;
			return -1;
		}
		capacity *= 2;
	}
	buf = realloc(m->buf, capacity);
	if (!buf)
		return -1;
	memset(buf + m->capacity, 0, capacity - m->capacity);
	m->buf = buf;
	m->capacity = capacity;
	return 0;
}

static void publish(struct growing_memory *m)
{
	*m->bufp = m->buf;
	*m->sizep = m->pos;
}

static ssize_t growing_write(void *cookie, const char *in, size_t n)
{
	struct growing_memory *m = cookie;

	if (n > ((size_t)-1) - m->pos - 1 || grow(m, m->pos + n) < 0)
		return -1;
	memcpy(m->buf + m->pos, in, n);
	m->pos += n;
	if (m->pos > m->end)
		m->end = m->pos;
	m->buf[m->end] = '\0';
	publish(m);
	return (ssize_t)n;
}

/* Any position from 0 up is allowed; a write past the end fills the gap
 * with zeros (the buffer is kept zeroed past the data). */
static int growing_seek(void *cookie, off_t *offset, int whence)
{
	struct growing_memory *m = cookie;
	off_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off_t)m->pos : (off_t)m->end;

	if ((whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) || *offset < -base) {
		errno = EINVAL;
		return -1;
	}
	if (grow(m, (size_t)(base + *offset)) < 0)
		return -1;
	m->pos = (size_t)(base + *offset);
	*offset = (off_t)m->pos;
	publish(m);
	return 0;
}

static int growing_close(void *cookie)
{
	publish(cookie);
	free(cookie); /* the buffer is the caller's now */
	return 0;
}

FILE *open_memstream(char **bufp, size_t *sizep)
{
	static const cookie_io_functions_t io = { NULL, growing_write, growing_seek, growing_close };
	struct growing_memory *m;
	FILE *f;

	if (!bufp || !sizep) {
		errno = EINVAL;
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->capacity = 64;
	m->buf = calloc(1, m->capacity);
	if (!m->buf) {
		free(m);
		return NULL;
	}
	m->bufp = bufp;
	m->sizep = sizep;
	publish(m);
	f = fopencookie(m, "w", io);
	if (!f) {
		free(m->buf);
		free(m);
	}
	return f;
}
