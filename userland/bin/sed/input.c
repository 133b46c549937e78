/* sed's input and output: growing buffers, the files read as one stream
 * (or each its own with -s/-i, written in place through a temporary
 * file), a line read ahead so that $ is known, and the output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sed.h"

void reserve(struct buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	while (b->len + n + 1 > b->cap)
		b->cap = b->cap ? 2 * b->cap : 256;
	b->s = realloc(b->s, b->cap);
	if (!b->s)
		xmalloc((size_t)-1);
}

void put(struct buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void set(struct buf *b, const char *s, size_t n)
{
	b->len = 0;
	put(b, s, n);
}

/* --- input: the files as one stream (or each its own with -s/-i), a
 * line read ahead so that $ is known --- */

char **files;
int nfiles;
static int file_index = -1;
static FILE *in;
static struct buf ahead;
static int ahead_ok, ahead_newline;
/* The files the look-ahead line and the current line came from (F). */
static const char *ahead_name = "-", *current_name = "-";
long lineno;

/* in-place: the output of the file being read */
FILE *out;
static char *out_tmp;
static const char *out_name;

void finish_file(void)
{
	if (!out_tmp)
		return;
	if (fclose(out) != 0)
		fprintf(stderr, "sed: couldn't write %s: %s\n", out_tmp, strerror(errno));
	if (*suffix) {
		char *backup = xmalloc(strlen(out_name) + strlen(suffix) + 1);

		sprintf(backup, "%s%s", out_name, suffix);
		if (rename(out_name, backup) < 0)
			fprintf(stderr, "sed: cannot rename %s: %s\n", out_name, strerror(errno));
		free(backup);
	}
	if (rename(out_tmp, out_name) < 0)
		fprintf(stderr, "sed: cannot rename %s: %s\n", out_tmp, strerror(errno));
	free(out_tmp);
	out_tmp = NULL;
	out = stdout;
}

/* Opens the next input file; 0 when there is none. */
int open_next(void)
{
	for (;;) {
		if (in && in != stdin)
			fclose(in);
		in = NULL;
		if (++file_index >= (nfiles ? nfiles : 1))
			return 0;
		const char *name = nfiles ? files[file_index] : "-";

		if (strcmp(name, "-") == 0 && !in_place) {
			in = stdin;
			return 1;
		}
		in = fopen(name, "r");
		if (!in) {
			fprintf(stderr, "sed: can't read %s: %s\n", name, strerror(errno));
			status = 2;
			continue;
		}
		if (in_place) {
			struct stat st;

			out_name = name;
			out_tmp = xmalloc(strlen(name) + 16);
			sprintf(out_tmp, "%s.sed%d", name, (int)getpid());
			out = fopen(out_tmp, "w");
			if (!out) {
				fprintf(stderr, "sed: couldn't open %s: %s\n", out_tmp, strerror(errno));
				exit(4);
			}
			if (fstat(fileno(in), &st) == 0)
				fchmod(fileno(out), st.st_mode & 07777);
		}
		return 1;
	}
}

/* Reads one line of the current file into b; 0 at its end. */
static int read_raw(struct buf *b, int *newline)
{
	int ch;

	b->len = 0;
	reserve(b, 0);
	while ((ch = getc(in)) != EOF && ch != '\n') {
		char c = (char)ch;

		put(b, &c, 1);
	}
	*newline = ch == '\n';
	return ch != EOF || b->len > 0;
}

/* The line after the current one, from this file or (not separate) the
 * next ones. */
void read_ahead(void)
{
	ahead_ok = 0;
	while (in || (!separate && open_next())) {
		if (read_raw(&ahead, &ahead_newline)) {
			ahead_ok = 1;
			ahead_name = nfiles ? files[file_index] : "-";
			return;
		}
		if (separate)
			return;
		if (in != stdin)
			fclose(in);
		in = NULL;
	}
}

/* The next line into the pattern space; 0 at the end of the input. */
int next_line(struct buf *ps, int *newline)
{
	while (!ahead_ok) {
		if (!separate)
			return 0;
		/* -s, -i: this file is done; on to the next one. */
		finish_file();
		if (!open_next())
			return 0;
		lineno = 0;
		for (int i = 0; i < ncmds; i++)
			cmds[i].active = 0;
		read_ahead();
	}
	set(ps, ahead.s, ahead.len);
	*newline = ahead_newline;
	current_name = ahead_name;
	lineno++;
	read_ahead();
	return 1;
}

int is_last(void)
{
	return !ahead_ok;
}

/* The name of the file the current line came from ("-": standard input). */
const char *line_file(void)
{
	return current_name;
}

/* --- output: a line without its newline (the input's last) gets one
 * when more is written after it, as GNU sed does --- */

int missing_newline;

void emit(const char *s, size_t n, int newline)
{
	if (missing_newline)
		putc('\n', out);
	fwrite(s, 1, n, out);
	if (newline)
		putc('\n', out);
	missing_newline = !newline;
}

/* Bytes as they are (a file read by r: no newline added after it). */
void emit_raw(const char *s, size_t n)
{
	if (missing_newline)
		putc('\n', out);
	fwrite(s, 1, n, out);
	missing_newline = 0;
}
