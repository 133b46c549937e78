/* sed's script: the -e/-f text joined, parsed into commands (addresses,
 * regular expressions compiled, labels resolved to jumps). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sed.h"

struct cmd *cmds;
int ncmds;
static int cap_cmds;

static char *script;
static size_t script_len;

static void die(const char *what, const char *p)
{
	fprintf(stderr, "sed: -e expression #1, char %d: %s\n", p ? (int)(p - script) : 0, what);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "sed: out of memory\n");
		exit(4);
	}
	return p;
}

void add_script(const char *text)
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

/* r and w's file name: the rest of the line. */
static const char *file_argument(const char *p, char **text)
{
	p = skip_blanks(p);
	size_t n = strcspn(p, "\n");

	if (n == 0)
		die("missing filename in r/R/w/W commands", p);
	*text = xmalloc(n + 1);
	memcpy(*text, p, n);
	(*text)[n] = '\0';
	return p + n;
}

/* The files w commands write, each opened (emptied) once while parsing,
 * as sed does even when no line is written. /dev/stdout is the output,
 * /dev/stderr standard error. */
static struct wfile {
	char *name;
	FILE *f;
} wfiles[32];
static int nwfiles;

static FILE *open_wfile(char *name, const char *at)
{
	if (strcmp(name, "/dev/stdout") == 0)
		return stdout;
	if (strcmp(name, "/dev/stderr") == 0)
		return stderr;
	for (int i = 0; i < nwfiles; i++)
		if (strcmp(wfiles[i].name, name) == 0)
			return wfiles[i].f;
	if (nwfiles == (int)(sizeof wfiles / sizeof *wfiles))
		die("too many w files", at);
	FILE *f = fopen(name, "w");

	if (!f) {
		fprintf(stderr, "sed: couldn't open file %s: %s\n", name, strerror(errno));
		exit(4);
	}
	wfiles[nwfiles].name = name;
	wfiles[nwfiles++].f = f;
	return f;
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

void parse(void)
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
		case 'x': case 'n': case 'N': case 'p': case 'P': case 'z': case 'F':
			break;
		case 'l':
			p = skip_blanks(p);
			c->width = 70;
			if (*p >= '0' && *p <= '9')
				c->width = (int)strtol(p, (char **)&p, 10);
			break;
		case 'r':
			p = file_argument(p, &c->text);
			break;
		case 'w':
			p = file_argument(p, &c->text);
			c->wfile = open_wfile(c->text, at);
			break;
		case 'q': case 'Q':
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
		case 'b': case 't': case 'T':
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
			if (*p == 'w') {
				char *name;

				p = file_argument(p + 1, &name);
				c->wfile = open_wfile(name, at);
			}
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
		if (cmds[i].name != 'b' && cmds[i].name != 't' && cmds[i].name != 'T')
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
