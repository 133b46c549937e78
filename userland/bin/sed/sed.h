/* sed's shared declarations: the parsed script (script.c), the input,
 * buffers and output (input.c), the run (run.c) and the options
 * (main.c). sed.c was one 970-line file; the parts have one job each. */
#ifndef SED_H
#define SED_H

#include <regex.h>
#include <stdio.h>
#include <stddef.h>

enum { A_LINE = 1, A_LAST, A_RE, A_STEP, A_PLUS };

struct addr {
	int kind;
	long line, step; /* A_STEP: FIRST~STEP; A_PLUS: +N, in line */
	regex_t *re; /* NULL with A_RE: the last RE used */
};

struct cmd {
	struct addr a1, a2;
	int negate;
	int active;          /* a range between its two addresses */
	long end_line;       /* an active ADDR1,+N range: its last line */
	char name;
	regex_t *re;         /* s: NULL for the last RE used */
	char *text;          /* s: the replacement; a i c: the text; b t T :: the label; r: the file */
	int global, print, nth;
	unsigned char map[256]; /* y */
	int jump;            /* { : past its }; b t T: the command to go to */
	int code;            /* q Q */
	int width;           /* l: the line length (0: no wrapping) */
	FILE *wfile;         /* w, s///w: where the pattern space is written */
};

/* A growing string, always NUL-terminated. */
struct buf {
	char *s;
	size_t len, cap;
};

/* main.c: the options and the exit status. */
extern int quiet, extended, separate, in_place;
extern const char *suffix;
extern int status;

/* script.c: the script's text and its commands. */
extern struct cmd *cmds;
extern int ncmds;
void *xmalloc(size_t n);
void add_script(const char *text);
void parse(void);

/* input.c: buffers, the input stream and the output. */
extern char **files;
extern int nfiles;
extern FILE *out;
extern long lineno;
/* The last line written had no newline (the input's last line). */
extern int missing_newline;
void reserve(struct buf *b, size_t n);
void put(struct buf *b, const char *s, size_t n);
void set(struct buf *b, const char *s, size_t n);
void finish_file(void);
int open_next(void);
void read_ahead(void);
int next_line(struct buf *ps, int *newline);
int is_last(void);
const char *line_file(void);
void emit(const char *s, size_t n, int newline);
void emit_raw(const char *s, size_t n);

/* run.c */
void run(void);
void quit(int code);

#endif
