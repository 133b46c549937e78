/* sed's run: each cycle reads a line into the pattern space and runs the
 * commands whose addresses select it (s, y, the hold space, branches,
 * appended text), then prints it unless -n. */
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
