/* sed [-n] [-E|-r] [-s] [-i[SUFFIX]] [-e SCRIPT]... [-f FILE]... [SCRIPT]
 * [FILE]...: the stream editor, POSIX's commands with GNU's common
 * extensions. Each input line goes into the pattern space, the script's
 * commands run on it, and it is printed (unless -n). -i edits each FILE
 * in place (a copy FILE+SUFFIX kept when SUFFIX is given); -s and -i make
 * each file its own stream (line numbers and $ per file).
 *
 * Addresses: N, $, /RE/ (\cREc: any delimiter c; I after it: any case),
 * ADDR1,ADDR2 (a range; a number ADDR2 at or before ADDR1's line selects
 * that line only), GNU's FIRST~STEP and ADDR1,+N, and ! after them
 * selects the other lines.
 * Commands: { } s/RE/REPLACEMENT/[g][p][N][I] (& and \1..\9 in the
 * replacement), y/ABC/XYZ/, p P d D n N g G h H x = q[CODE] a i c (as
 * `a\` + lines or `a TEXT`), : LABEL, b [LABEL], t [LABEL], # comments.
 * REs are POSIX basic ones (-E: extended), \n a newline; an empty RE is
 * the last one used; \n and \t are a newline and a tab in REs and
 * replacements. Status 0; 1 for a bad script (4: a jump to no label); 2
 * when an input file could not be read; q's CODE. */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

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
	char *text;          /* s: the replacement; a i c: the text; b t :: the label */
	int global, print, nth;
	unsigned char map[256]; /* y */
	int jump;            /* { : past its }; b t: the command to go to */
	int code;            /* q */
};

static struct cmd *cmds;
static int ncmds, cap_cmds;
static int quiet, extended, separate, in_place;
static const char *suffix = "";
static int status;

/* --- the script --- */

static char *script;
static size_t script_len;

static void die(const char *what, const char *p)
{
	fprintf(stderr, "sed: -e expression #1, char %d: %s\n", p ? (int)(p - script) : 0, what);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "sed: out of memory\n");
		exit(4);
	}
	return p;
}

static void add_script(const char *text)
{
	size_t n = strlen(text);
	char *bigger = realloc(script, script_len + n + 2);

	if (!bigger)
		xmalloc((size_t)-1);
	script = bigger;
	memcpy(script + script_len, text, n);
	script_len += n;
	script[script_len++] = '\n';
	script[script_len] = '\0';
}

/* Past a bracket expression that starts at p ('['), or NULL. */
static const char *skip_bracket(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	for (; *p && *p != ']'; p++)
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			const char *end = strchr(p + 2, p[1]);

			if (!end || end[1] != ']')
				return NULL;
			p = end + 1;
		}
	return *p ? p + 1 : NULL;
}

/* Reads up to the delimiter from *pp (left past it): \delim is the
 * delimiter, \n a newline; in an RE, brackets are kept whole and other
 * escapes as they are; in a replacement, escapes stay for later. */
static char *delimited(const char **pp, char delim, int is_re)
{
	const char *p = *pp;
	char *out = xmalloc(strlen(p) + 1), *o = out;

	for (;;) {
		if (!*p)
			die(is_re ? "unterminated address regex" : "unterminated `s' command", p);
		if (*p == delim)
			break;
		if (*p == '\\' && p[1]) {
			if (p[1] == delim) {
				*o++ = delim;
			} else if (p[1] == 'n' && is_re) {
				*o++ = '\n';
			} else if (p[1] == 't' && is_re) {
				*o++ = '\t';
			} else if (p[1] == '\n' && !is_re) {
				*o++ = '\n';
			} else {
				*o++ = p[0];
				*o++ = p[1];
			}
			p += 2;
			continue;
		}
		if (*p == '[' && is_re) {
			const char *end = skip_bracket(p);

			if (!end)
				die("unterminated address regex", p);
			memcpy(o, p, end - p);
			o += end - p;
			p = end;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	*pp = p + 1;
	return out;
}

static regex_t *compile(char *pattern, int icase, const char *where)
{
	if (!*pattern) {
		free(pattern);
		return NULL;
	}
	regex_t *re = xmalloc(sizeof *re);
	int r = regcomp(re, pattern, (extended ? REG_EXTENDED : 0) | (icase ? REG_ICASE : 0));

	if (r) {
		char msg[128];

		regerror(r, re, msg, sizeof msg);
		die(msg, where);
	}
	free(pattern);
	return re;
}

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static const char *address(const char *p, struct addr *a)
{
	if (*p >= '0' && *p <= '9') {
		a->kind = A_LINE;
		a->line = strtol(p, (char **)&p, 10);
		if (*p == '~' && p[1] >= '0' && p[1] <= '9') {
			a->kind = A_STEP;
			a->step = strtol(p + 1, (char **)&p, 10);
		}
		return p;
	}
	if (*p == '+' && p[1] >= '0' && p[1] <= '9') {
		a->kind = A_PLUS;
		a->line = strtol(p + 1, (char **)&p, 10);
		return p;
	}
	if (*p == '$') {
		a->kind = A_LAST;
		return p + 1;
	}
	if (*p == '/' || *p == '\\') {
		char delim = *p == '/' ? '/' : p[1];
		const char *start = p;

		if (!delim || delim == '\n' || delim == '\\')
			die("unexpected `,'", p);
		p += *p == '/' ? 1 : 2;
		char *pattern = delimited(&p, delim, 1);
		int icase = *p == 'I';

		a->kind = A_RE;
		a->re = compile(pattern, icase, start);
		return p + icase;
	}
	return p;
}

/* a, i, c: "a\" then lines (each but the last ending in \), or GNU's
 * "a TEXT" to the end of the line; backslashes removed. */
static const char *text_argument(const char *p, char **text)
{
	char *out = xmalloc(strlen(p) + 1), *o = out;

	p = skip_blanks(p);
	if (*p == '\\') {
		p++;
		if (*p == '\n')
			p++;
	}
	for (; *p && *p != '\n'; p++) {
		if (*p == '\\' && p[1])
			p++;
		*o++ = *p;
	}
	*o = '\0';
	*text = out;
	return p;
}

static const char *label(const char *p, char **text)
{
	p = skip_blanks(p);
	size_t n = strcspn(p, ";\n");

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*text = xmalloc(n + 1);
	memcpy(*text, p, n);
	(*text)[n] = '\0';
	return p + n;
}

static const char *substitute_flags(const char *p, struct cmd *c, int *icase)
{
	for (;; p++) {
		if (*p == 'g')
			c->global = 1;
		else if (*p == 'p')
			c->print = 1;
		else if (*p == 'I' || *p == 'i')
			*icase = 1;
		else if (*p >= '1' && *p <= '9')
			c->nth = (int)strtol(p, (char **)&p, 10), p--;
		else if (*p == '0')
			die("number option to `s' command may not be zero", p);
		else
			return p;
	}
}

static void parse(void)
{
	int stack[64], depth = 0;
	const char *p = script;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ';')
			p++;
		if (!*p)
			break;
		if (*p == '#') {
			if (p == script && p[1] == 'n' && p[2] == '\n')
				quiet = 1;
			p += strcspn(p, "\n");
			continue;
		}
		if (ncmds == cap_cmds) {
			cap_cmds = cap_cmds ? 2 * cap_cmds : 32;
			cmds = realloc(cmds, cap_cmds * sizeof *cmds);
			if (!cmds)
				xmalloc((size_t)-1);
		}
		struct cmd *c = &cmds[ncmds];

		memset(c, 0, sizeof *c);
		p = address(p, &c->a1);
		if (c->a1.kind == A_PLUS)
			die("unexpected `+'", p);
		if (c->a1.kind && *p == ',') {
			p = address(skip_blanks(p + 1), &c->a2);
			if (!c->a2.kind)
				die("unexpected `,'", p);
		}
		p = skip_blanks(p);
		while (*p == '!') {
			c->negate = 1;
			p = skip_blanks(p + 1);
		}
		const char *at = p;

		c->name = *p++;
		switch (c->name) {
		case '{':
			if (depth == (int)(sizeof stack / sizeof stack[0]))
				die("too many {", at);
			stack[depth++] = ncmds;
			ncmds++;
			continue;
		case '}':
			if (!depth)
				die("unexpected `}'", at);
			if (c->a1.kind || c->negate)
				die("} doesn't want any addresses", at);
			cmds[stack[--depth]].jump = ncmds + 1;
			break;
		case '=': case 'd': case 'D': case 'g': case 'G': case 'h': case 'H':
		case 'x': case 'n': case 'N': case 'p': case 'P':
			break;
		case 'q':
			p = skip_blanks(p);
			if (*p >= '0' && *p <= '9')
				c->code = (int)strtol(p, (char **)&p, 10);
			break;
		case 'a': case 'i': case 'c':
			p = text_argument(p, &c->text);
			break;
		case ':':
			if (c->a1.kind)
				die(": doesn't want any addresses", at);
			p = label(p, &c->text);
			if (!*c->text)
				die("\":\" lacks a label", at);
			break;
		case 'b': case 't':
			p = label(p, &c->text);
			break;
		case 's': {
			char delim = *p++;
			int icase = 0;

			if (!delim || delim == '\n' || delim == '\\')
				die("unterminated `s' command", at);
			char *pattern = delimited(&p, delim, 1);

			c->text = delimited(&p, delim, 0);
			p = substitute_flags(p, c, &icase);
			c->re = compile(pattern, icase, at);
			break;
		}
		case 'y': {
			char delim = *p++;

			if (!delim || delim == '\n' || delim == '\\')
				die("unterminated `y' command", at);
			char *from = delimited(&p, delim, 0), *to = delimited(&p, delim, 0);
			char *f = from, *t = to;

			for (int i = 0; i < 256; i++)
				c->map[i] = (unsigned char)i;
			for (; *f && *t; f++, t++) {
				if (*f == '\\')
					f++, *f = *f == 'n' ? '\n' : *f;
				if (*t == '\\')
					t++, *t = *t == 'n' ? '\n' : *t;
				c->map[(unsigned char)*f] = (unsigned char)*t;
			}
			if (*f || *t)
				die("strings for `y' command are different lengths", at);
			free(from);
			free(to);
			break;
		}
		default:
			die(c->name ? "unknown command" : "missing command", at);
		}
		ncmds++;
		p = skip_blanks(p);
		if (*p && *p != ';' && *p != '\n' && *p != '}' && *p != '#')
			die("extra characters after command", p);
	}
	if (depth)
		die("unmatched `{'", p);
	/* Labels. */
	for (int i = 0; i < ncmds; i++) {
		if (cmds[i].name != 'b' && cmds[i].name != 't')
			continue;
		cmds[i].jump = ncmds;
		if (!*cmds[i].text)
			continue;
		int found = 0;

		for (int k = 0; k < ncmds && !found; k++)
			if (cmds[k].name == ':' && strcmp(cmds[k].text, cmds[i].text) == 0)
				cmds[i].jump = k, found = 1;
		if (!found) {
			fprintf(stderr, "sed: can't find label for jump to `%s'\n", cmds[i].text);
			exit(4);
		}
	}
}

/* --- buffers --- */

struct buf {
	char *s;
	size_t len, cap;
};

static void reserve(struct buf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	while (b->len + n + 1 > b->cap)
		b->cap = b->cap ? 2 * b->cap : 256;
	b->s = realloc(b->s, b->cap);
	if (!b->s)
		xmalloc((size_t)-1);
}

static void put(struct buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void set(struct buf *b, const char *s, size_t n)
{
	b->len = 0;
	put(b, s, n);
}

/* --- input: the files as one stream (or each its own with -s/-i), a
 * line read ahead so that $ is known --- */

static char **files;
static int nfiles, file_index = -1;
static FILE *in;
static struct buf ahead;
static int ahead_ok, ahead_newline;
static long lineno;

/* in-place: the output of the file being read */
static FILE *out;
static char *out_tmp;
static const char *out_name;

static void finish_file(void)
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
static int open_next(void)
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
static void read_ahead(void)
{
	ahead_ok = 0;
	while (in || (!separate && open_next())) {
		if (read_raw(&ahead, &ahead_newline)) {
			ahead_ok = 1;
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
static int next_line(struct buf *ps, int *newline)
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
	lineno++;
	read_ahead();
	return 1;
}

static int is_last(void)
{
	return !ahead_ok;
}

/* --- output: a line without its newline (the input's last) gets one
 * when more is written after it, as GNU sed does --- */

static int missing_newline;

static void emit(const char *s, size_t n, int newline)
{
	if (missing_newline)
		putc('\n', out);
	fwrite(s, 1, n, out);
	if (newline)
		putc('\n', out);
	missing_newline = !newline;
}

/* --- running --- */

static struct buf ps, hold, appended;
static int ps_newline = 1;
static regex_t *last_re;

static regex_t *use_re(regex_t *re)
{
	if (!re)
		re = last_re;
	if (!re) {
		fprintf(stderr, "sed: no previous regular expression\n");
		exit(1);
	}
	return last_re = re;
}

static int matches(struct addr *a)
{
	switch (a->kind) {
	case A_LINE: return lineno == a->line;
	case A_STEP: return a->step > 0 ? lineno >= a->line && (lineno - a->line) % a->step == 0 : lineno == a->line;
	case A_PLUS: return 0;
	case A_LAST: return is_last();
	default: return regexec(use_re(a->re), ps.s, 0, NULL, 0) == 0;
	}
}

static int selected(struct cmd *c)
{
	int yes;

	if (!c->a1.kind) {
		yes = 1;
	} else if (!c->a2.kind) {
		yes = matches(&c->a1);
	} else if (!c->active) {
		yes = matches(&c->a1);
		if (yes && c->a2.kind == A_PLUS)
			c->end_line = lineno + c->a2.line;
		if (yes)
			c->active = c->a2.kind == A_LINE ? c->a2.line > lineno : c->a2.kind == A_PLUS ? c->a2.line > 0 : 1;
	} else {
		yes = 1;
		if (c->a2.kind == A_LINE ? lineno >= c->a2.line : c->a2.kind == A_PLUS ? lineno >= c->end_line : matches(&c->a2))
			c->active = 0;
	}
	return yes != c->negate;
}

/* The replacement for one match: & the match, \1..\9 its groups. */
static void replacement(struct buf *b, const char *repl, const char *base, const regmatch_t *m)
{
	for (const char *r = repl; *r; r++) {
		if (*r == '&') {
			put(b, base + m[0].rm_so, m[0].rm_eo - m[0].rm_so);
		} else if (*r == '\\' && r[1] >= '0' && r[1] <= '9') {
			int g = *++r - '0';

			if (m[g].rm_so >= 0)
				put(b, base + m[g].rm_so, m[g].rm_eo - m[g].rm_so);
		} else if (*r == '\\' && r[1]) {
			r++;
			put(b, *r == 'n' ? "\n" : *r == 't' ? "\t" : r, 1);
		} else {
			put(b, r, 1);
		}
	}
}

static int substitute(struct cmd *c)
{
	regex_t *re = use_re(c->re);
	static struct buf result;
	regmatch_t m[10];
	size_t pos = 0;
	long count = 0;
	int done = 0;
	long nonempty_end = -1;

	result.len = 0;
	reserve(&result, ps.len);
	while (pos <= ps.len && regexec(re, ps.s + pos, 10, m, pos ? REG_NOTBOL : 0) == 0) {
		size_t start = pos + m[0].rm_so, end = pos + m[0].rm_eo;

		if (start == end && (long)start == nonempty_end) {
			/* No empty match right after a match. */
			if (start >= ps.len)
				break;
			put(&result, ps.s + pos, start + 1 - pos);
			pos = start + 1;
			continue;
		}
		count++;
		if (c->nth ? count == c->nth || (c->global && count > c->nth) : 1) {
			put(&result, ps.s + pos, start - pos);
			replacement(&result, c->text, ps.s + pos, m);
			done = 1;
		} else {
			put(&result, ps.s + pos, end - pos);
		}
		if (done && !c->global)
			pos = end;
		if (done && !c->global)
			break;
		if (start == end) {
			if (start >= ps.len) {
				pos = start;
				break;
			}
			put(&result, ps.s + start, 1);
			pos = start + 1;
		} else {
			pos = end;
			nonempty_end = (long)end;
		}
	}
	if (!done)
		return 0;
	if (pos < ps.len)
		put(&result, ps.s + pos, ps.len - pos);
	set(&ps, result.s, result.len);
	return 1;
}

static void flush_appended(void)
{
	if (appended.len) {
		emit(appended.s, appended.len - 1, 1);
		appended.len = 0;
	}
}

static void end_cycle(int print)
{
	if (print && !quiet)
		emit(ps.s, ps.len, ps_newline);
	flush_appended();
}

static void quit(int code)
{
	fflush(out);
	finish_file();
	fflush(stdout);
	exit(code ? code : status);
}

static void run(void)
{
	int restart = 0;

	for (;;) {
		if (!restart && !next_line(&ps, &ps_newline))
			break;
		restart = 0;
		int flag = 0, print = 1;

		for (int pc = 0; pc < ncmds;) {
			struct cmd *c = &cmds[pc];

			if (c->name == '}' || c->name == ':') {
				pc++;
				continue;
			}
			if (!selected(c)) {
				pc = c->name == '{' ? c->jump : pc + 1;
				continue;
			}
			pc++;
			switch (c->name) {
			case '=':
				if (missing_newline)
					putc('\n', out), missing_newline = 0;
				fprintf(out, "%ld\n", lineno);
				break;
			case 'a':
				put(&appended, c->text, strlen(c->text));
				put(&appended, "\n", 1);
				break;
			case 'i':
				emit(c->text, strlen(c->text), 1);
				break;
			case 'c':
				if (!c->a2.kind || !c->active || c->negate)
					emit(c->text, strlen(c->text), 1);
				print = 0;
				pc = ncmds;
				break;
			case 'd':
				print = 0;
				pc = ncmds;
				break;
			case 'D': {
				char *nl = memchr(ps.s, '\n', ps.len);

				print = 0;
				pc = ncmds;
				if (nl) {
					size_t skip = nl + 1 - ps.s;

					memmove(ps.s, nl + 1, ps.len - skip + 1);
					ps.len -= skip;
					restart = 1;
				}
				break;
			}
			case 'p':
				emit(ps.s, ps.len, 1);
				break;
			case 'P': {
				char *nl = memchr(ps.s, '\n', ps.len);

				emit(ps.s, nl ? (size_t)(nl - ps.s) : ps.len, 1);
				break;
			}
			case 'n':
				if (is_last()) {
					/* GNU: no next line ends the script, printing. */
					pc = ncmds;
					break;
				}
				end_cycle(1);
				next_line(&ps, &ps_newline);
				break;
			case 'N': {
				struct buf line = { 0 };
				int newline;

				if (is_last()) {
					pc = ncmds;
					break;
				}
				flush_appended();
				next_line(&line, &newline);
				put(&ps, "\n", 1);
				put(&ps, line.s, line.len);
				ps_newline = newline;
				free(line.s);
				break;
			}
			case 'g':
				set(&ps, hold.s ? hold.s : "", hold.len);
				break;
			case 'G':
				put(&ps, "\n", 1);
				put(&ps, hold.s ? hold.s : "", hold.len);
				break;
			case 'h':
				set(&hold, ps.s, ps.len);
				break;
			case 'H':
				put(&hold, "\n", 1);
				put(&hold, ps.s, ps.len);
				break;
			case 'x': {
				struct buf t = ps;

				ps = hold;
				hold = t;
				if (!ps.s)
					set(&ps, "", 0);
				break;
			}
			case 'q':
				end_cycle(1);
				quit(c->code);
				break;
			case 's':
				if (substitute(c)) {
					flag = 1;
					if (c->print)
						emit(ps.s, ps.len, 1);
				}
				break;
			case 'y':
				for (size_t i = 0; i < ps.len; i++)
					ps.s[i] = (char)c->map[(unsigned char)ps.s[i]];
				break;
			case 'b':
				pc = c->jump;
				break;
			case 't':
				if (flag) {
					flag = 0;
					pc = c->jump;
				}
				break;
			}
		}
		end_cycle(print);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: sed [-n] [-E] [-s] [-i[SUFFIX]] [-e SCRIPT]... [-f FILE]... [SCRIPT] [FILE]...\n");
	exit(1);
}

static void add_script_file(const char *name)
{
	FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
	struct buf b = { 0 };
	char chunk[512];
	size_t n;

	if (!f) {
		fprintf(stderr, "sed: couldn't open file %s: %s\n", name, strerror(errno));
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		put(&b, chunk, n);
	if (f != stdin)
		fclose(f);
	if (b.len && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	add_script(b.s ? b.s : "");
	free(b.s);
}

int main(int argc, char **argv)
{
	int i = 1, have_script = 0;

	out = stdout;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (char *o = argv[i] + 1; *o; o++) {
			if (*o == 'n') {
				quiet = 1;
			} else if (*o == 'E' || *o == 'r') {
				extended = 1;
			} else if (*o == 's') {
				separate = 1;
			} else if (*o == 'i') {
				in_place = separate = 1;
				suffix = o + 1;
				break;
			} else if (*o == 'e' || *o == 'f') {
				const char *arg = o[1] ? o + 1 : argv[++i];

				if (!arg)
					usage();
				if (*o == 'e')
					add_script(arg);
				else
					add_script_file(arg);
				have_script = 1;
				break;
			} else {
				fprintf(stderr, "sed: invalid option -- '%c'\n", *o);
				usage();
			}
		}
	}
	if (!have_script) {
		if (i >= argc)
			usage();
		add_script(argv[i++]);
	}
	files = argv + i;
	nfiles = argc - i;
	if (in_place && !nfiles) {
		fprintf(stderr, "sed: no input files\n");
		return 1;
	}
	parse();
	if (open_next())
		read_ahead();
	run();
	quit(0);
}
