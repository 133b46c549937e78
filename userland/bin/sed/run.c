/* sed's run: each cycle reads a line into the pattern space and runs the
 * commands whose addresses select it (s, y, the hold space, branches,
 * appended text), then prints it unless -n. */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sed.h"

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

/* GNU's case conversions in a replacement: \U and \L until \E (or the
 * other one), \u and \l for the next character only. */
struct case_state {
	char mode, next; /* 'U', 'L' or 0; 'u', 'l' or 0 */
};

static void put_cased(struct buf *b, const char *s, size_t n, struct case_state *cs)
{
	for (size_t i = 0; i < n; i++) {
		char ch = s[i], how = cs->next ? cs->next : cs->mode;

		if (how == 'u' || how == 'U')
			ch = (char)toupper((unsigned char)ch);
		else if (how == 'l' || how == 'L')
			ch = (char)tolower((unsigned char)ch);
		cs->next = 0;
		put(b, &ch, 1);
	}
}

/* The replacement for one match: & the match, \1..\9 its groups. */
static void replacement(struct buf *b, const char *repl, const char *base, const regmatch_t *m)
{
	struct case_state cs = { 0, 0 };

	for (const char *r = repl; *r; r++) {
		if (*r == '&') {
			put_cased(b, base + m[0].rm_so, m[0].rm_eo - m[0].rm_so, &cs);
		} else if (*r == '\\' && r[1] >= '0' && r[1] <= '9') {
			int g = *++r - '0';

			if (m[g].rm_so >= 0)
				put_cased(b, base + m[g].rm_so, m[g].rm_eo - m[g].rm_so, &cs);
		} else if (*r == '\\' && (r[1] == 'U' || r[1] == 'L')) {
			cs.mode = *++r;
			cs.next = 0;
		} else if (*r == '\\' && (r[1] == 'u' || r[1] == 'l')) {
			cs.next = *++r;
		} else if (*r == '\\' && r[1] == 'E') {
			r++;
			cs.mode = cs.next = 0;
		} else if (*r == '\\' && r[1]) {
			r++;
			put_cased(b, *r == 'n' ? "\n" : *r == 't' ? "\t" : r, 1, &cs);
		} else {
			put_cased(b, r, 1, &cs);
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

/* The text a and r queued in this cycle, in their order. */
static void flush_appended(void)
{
	if (appended.len) {
		emit_raw(appended.s, appended.len);
		appended.len = 0;
	}
}

/* r: the file's bytes join the queue (a file that cannot be read adds
 * nothing, as in sed). */
static void queue_file(const char *name)
{
	FILE *f = fopen(name, "r");
	char chunk[512];
	size_t n;

	if (!f)
		return;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		put(&appended, chunk, n);
	fclose(f);
}

/* w and s///w: the pattern space and a newline. */
static void write_to(FILE *f)
{
	if (f == stdout) {
		emit(ps.s, ps.len, 1);
		return;
	}
	fwrite(ps.s, 1, ps.len, f);
	putc('\n', f);
	fflush(f);
}

/* l: the pattern space unambiguously: C escapes, other unprintable
 * bytes as three octal digits, lines broken with \ before `width`
 * (0: not broken), $ at its end. */
static void list(int width)
{
	static struct buf line;
	char esc[8];

	line.len = 0;
	reserve(&line, 0);
	for (size_t i = 0; i < ps.len; i++) {
		unsigned char ch = (unsigned char)ps.s[i];
		const char *named = NULL;

		switch (ch) {
		case '\\': named = "\\\\"; break;
		case '\a': named = "\\a"; break;
		case '\b': named = "\\b"; break;
		case '\f': named = "\\f"; break;
		case '\n': named = "\\n"; break;
		case '\r': named = "\\r"; break;
		case '\t': named = "\\t"; break;
		case '\v': named = "\\v"; break;
		}
		if (named)
			strcpy(esc, named);
		else if (ch < 32 || ch >= 127)
			snprintf(esc, sizeof esc, "\\%03o", ch);
		else
			esc[0] = (char)ch, esc[1] = '\0';
		size_t n = strlen(esc);

		if (width > 0 && line.len + n > (size_t)width - 1) {
			put(&line, "\\", 1);
			emit(line.s, line.len, 1);
			line.len = 0;
		}
		put(&line, esc, n);
	}
	put(&line, "$", 1);
	emit(line.s, line.len, 1);
}

static void end_cycle(int print)
{
	if (print && !quiet)
		emit(ps.s, ps.len, ps_newline);
	flush_appended();
}

void quit(int code)
{
	fflush(out);
	finish_file();
	fflush(stdout);
	exit(code ? code : status);
}

void run(void)
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
			case 'Q':
				quit(c->code);
				break;
			case 'z':
				ps.len = 0;
				ps.s[0] = '\0';
				break;
			case 'F':
				emit(line_file(), strlen(line_file()), 1);
				break;
			case 'l':
				list(c->width);
				break;
			case 'r':
				queue_file(c->text);
				break;
			case 'w':
				write_to(c->wfile);
				break;
			case 's':
				if (substitute(c)) {
					flag = 1;
					if (c->print)
						emit(ps.s, ps.len, 1);
					if (c->wfile)
						write_to(c->wfile);
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
			case 'T':
				if (!flag)
					pc = c->jump;
				else
					flag = 0;
				break;
			}
		}
		end_cycle(print);
	}
}
