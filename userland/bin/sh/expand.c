/* sh: word expansion, POSIX's steps in order:
 *
 * 1. tilde (~ and ~/... at the start of a word: $HOME), parameters ($?,
 *    $$, $!, $#, $0..$9, ${N}, $@, $*, $NAME, ${NAME} and the braced forms
 *    ${#NAME}, ${NAME:-WORD}, ${NAME:=WORD}, ${NAME:+WORD}, ${NAME:?WORD},
 *    each also without the colon (unset only), ${NAME#P}, ${NAME##P},
 *    ${NAME%P}, ${NAME%%P}), command substitution ($(...) and `...`: the
 *    command's output, trailing newlines removed) and arithmetic
 *    ($((...)), arith.c);
 * 2. field splitting: what an unquoted expansion gave is cut at the
 *    characters of IFS (default blank, tab, newline): runs of IFS blanks
 *    separate fields and are dropped at the ends, every other IFS
 *    character ends a field (empty ones too); "$@" gives one field per
 *    positional parameter, $@ and $* unquoted one or more per parameter;
 * 3. pathname expansion: a field with an unquoted * ? or [ is a pattern,
 *    replaced by the sorted paths that match it (kept when none does);
 * 4. quote removal: '...' keeps everything; "..." all but $ ` and its
 *    backslash, which escapes only $ ` " \ and newline; outside quotes a
 *    backslash keeps the next character.
 *
 * A word is first expanded into characters that each remember where they
 * came from (quoted, typed unquoted, or from an unquoted expansion), so
 * that steps 2 and 3 act only on the right ones. Results live in an arena
 * that expand_reset() empties before each command. */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "sh.h"

/* Where a character came from. */
enum {
	F_LIT,    /* typed, unquoted: a pattern character, never split */
	F_QUOTED, /* quoted (or a value inside "..."): as it is */
	F_SPLIT,  /* from an unquoted expansion: split on IFS, may match */
	F_BREAK,  /* (no character) a field ends here: between "$@"'s */
	F_MARK,   /* (no character) a quote was here: the field exists */
};

/* Where text is being read: a word, inside "...", the WORD of ${V-WORD}
 * unquoted (its literal text is split, as an expansion's), or a
 * here-document's body (quotes are plain characters). */
enum ctx { CTX_WORD, CTX_DQUOTE, CTX_OPERAND, CTX_HEREDOC };

int expand_fatal;
static int failed;

/* --- the arena: results until expand_reset() --- */

struct block {
	struct block *next;
	size_t used, size;
	char data[];
};

static struct block *blocks;

void expand_reset(void)
{
	while (blocks && blocks->next) {
		struct block *next = blocks->next;

		free(blocks);
		blocks = next;
	}
	if (blocks)
		blocks->used = 0;
}

static char *arena_alloc(size_t n)
{
	if (!blocks || blocks->used + n > blocks->size) {
		size_t size = n > 16384 ? n : 16384;
		struct block *b = malloc(sizeof *b + size);

		if (!b) {
			fprintf(stderr, "sh: out of memory\n");
			failed = 1;
			return NULL;
		}
		b->size = size;
		b->used = 0;
		b->next = blocks;
		blocks = b;
	}
	blocks->used += n;
	return blocks->data + blocks->used - n;
}

char *expand_save(const char *s)
{
	size_t n = strlen(s) + 1;
	char *r = arena_alloc(n);

	if (r)
		memcpy(r, s, n);
	return r;
}

/* --- the characters of the word being expanded --- */

static char *wbuf;
static unsigned char *wflag;
static size_t wlen, wcap;

static void put(char c, int flag)
{
	if (wlen == wcap) {
		size_t cap = wcap ? 2 * wcap : 256;
		char *b = realloc(wbuf, cap);
		unsigned char *f = b ? realloc(wflag, cap) : NULL;

		if (b)
			wbuf = b;
		if (!f) {
			if (!failed)
				fprintf(stderr, "sh: out of memory\n");
			failed = 1;
			return;
		}
		wflag = f;
		wcap = cap;
	}
	wbuf[wlen] = c;
	wflag[wlen++] = (unsigned char)flag;
}

/* A value: quoted inside "...", else subject to splitting. */
static void put_value(const char *s, size_t n, enum ctx ctx)
{
	int flag = ctx == CTX_DQUOTE || ctx == CTX_HEREDOC ? F_QUOTED : F_SPLIT;

	while (n--)
		put(*s++, flag);
}

static const char *ifs(void)
{
	const char *v = var_get("IFS");

	return v ? v : " \t\n";
}

/* The characters from `from` on as a string (flags dropped, a field
 * break as a blank), and the word cut back to `from`. */
static char *take(size_t from, char *out, size_t size)
{
	size_t n = 0;

	for (size_t i = from; i < wlen; i++) {
		if (wflag[i] == F_MARK)
			continue;
		if (n + 1 < size)
			out[n++] = wflag[i] == F_BREAK ? ' ' : wbuf[i];
	}
	out[n] = '\0';
	wlen = from;
	return out;
}

/* As a pattern (quoted pattern characters escaped) from `from` on. */
static char *take_pattern(size_t from, char *out, size_t size)
{
	size_t n = 0;

	for (size_t i = from; i < wlen; i++) {
		if (wflag[i] == F_MARK || wflag[i] == F_BREAK)
			continue;
		if (wflag[i] == F_QUOTED && strchr("*?[]\\", wbuf[i]) && n + 2 < size)
			out[n++] = '\\';
		if (n + 1 < size)
			out[n++] = wbuf[i];
	}
	out[n] = '\0';
	wlen = from;
	return out;
}

static void expand_span(const char *p, const char *end, enum ctx ctx, int at_start);

/* --- finding the ends of nested constructs --- */

/* The closing character of a "$(" "${" or "`" whose inside starts at p,
 * or end; just past a quote that p is at (lex.c's rules). */
static const char *closing(const char *p, const char *end, char open, char close)
{
	const char *c = lex_closing(p, end, open, close);

	return c ? c : end;
}

static const char *skip_quote(const char *p, const char *end)
{
	const char *q = lex_skip_quote(p, end);

	return q ? q : end;
}

/* --- command substitution --- */

char *command_output(const char *text, size_t len)
{
	int fds[2];

	fflush(stdout);
	if (pipe2(fds, O_CLOEXEC) < 0) {
		fprintf(stderr, "sh: pipe: %s\n", strerror(errno));
		failed = 1;
		return NULL;
	}
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "sh: fork: %s\n", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		failed = 1;
		return NULL;
	}
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		close(fds[1]);
		job_control = 0;
		traps_in_child();
		sh_exit(eval_text(text, len));
	}
	close(fds[1]);
	substituted = 1;
	size_t n = 0, cap = 256;
	char *out = malloc(cap);

	for (;;) {
		if (out && n + 1 >= cap) {
			char *bigger = realloc(out, cap * 2);

			if (!bigger) {
				free(out);
				out = NULL;
			} else {
				out = bigger;
				cap *= 2;
			}
		}
		char scratch[256];
		ssize_t r = out ? read(fds[0], out + n, cap - n - 1) : read(fds[0], scratch, sizeof scratch);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (out)
			n += (size_t)r;
	}
	close(fds[0]);
	int raw = 0;

	while (waitpid(pid, &raw, 0) < 0 && errno == EINTR)
		;
	last_status = wait_status(raw, 0);
	if (!out) {
		fprintf(stderr, "sh: out of memory\n");
		failed = 1;
		return NULL;
	}
	while (n > 0 && out[n - 1] == '\n')
		n--;
	out[n] = '\0';
	return out;
}

static void substitute(const char *text, size_t len, enum ctx ctx)
{
	char *out = command_output(text, len);

	if (out) {
		put_value(out, strlen(out), ctx);
		free(out);
	}
}

/* `...`: the command is the text with \$ \` \\ (and \" inside "...")
 * unescaped. */
static void backquote(const char *p, const char *end, enum ctx ctx)
{
	char *text = malloc(end - p + 1);
	size_t n = 0;

	if (!text) {
		failed = 1;
		return;
	}
	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end && (strchr("$`\\", p[1]) || (ctx == CTX_DQUOTE && p[1] == '"')))
			p++;
		text[n++] = *p;
	}
	substitute(text, n, ctx);
	free(text);
}

/* $((...)): its text expanded as in "...", then computed. */
static void arithmetic(const char *p, const char *end, enum ctx ctx)
{
	size_t from = wlen;
	char expr[SH_MAX_LINE], number[24];
	long value;

	expand_span(p, end, CTX_DQUOTE, 0);
	take(from, expr, sizeof expr);
	if (!arith_eval(expr, &value)) {
		/* As dash: an arithmetic error ends a script (status 2). */
		failed = 1;
		expand_fatal = 1;
		return;
	}
	snprintf(number, sizeof number, "%ld", value);
	put_value(number, strlen(number), ctx);
}

/* --- parameters --- */

static int is_name_char(char c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9');
}

/* A parameter's value by name (NAME, digits, or one of ? $ ! # @ * -);
 * NULL when unset. */
static const char *value_of(const char *name, int n)
{
	static char buf[SH_MAX_LINE];

	if (n == 1 && strchr("?$#!-", name[0])) {
		if (name[0] == '!' && !last_background)
			return NULL;
		if (name[0] == '-')
			return "";
		snprintf(buf, sizeof buf, "%d", name[0] == '?' ? last_status : name[0] == '$' ? (int)getpid() : name[0] == '!' ? (int)last_background : positional_count());
		return buf;
	}
	if (n == 1 && (name[0] == '@' || name[0] == '*')) {
		size_t at = 0;
		const char *sep = ifs();

		buf[0] = '\0';
		for (int i = 1; i <= positional_count(); i++)
			at += (size_t)snprintf(buf + at, at < sizeof buf ? sizeof buf - at : 0, "%.*s%s", i > 1 && *sep ? 1 : 0, sep, positional_get(i));
		return positional_count() ? buf : NULL;
	}
	if (name[0] >= '0' && name[0] <= '9') {
		char digits[16];

		snprintf(digits, sizeof digits, "%.*s", n, name);
		return positional_get(atoi(digits));
	}
	char var[128];

	snprintf(var, sizeof var, "%.*s", n, name);
	return var_get(var);
}

/* set -u: expanding the unset parameter is an error that ends a script
 * (status 2, as ${NAME:?}). */
static void unset_parameter(const char *name, int n)
{
	fprintf(stderr, "sh: %.*s: parameter not set\n", n, name);
	failed = 1;
	expand_fatal = 1;
}

/* $@ and $*: one field per parameter (unquoted: each split further);
 * "$*" joins them with IFS's first character. */
/* Set by "$@" without parameters (no field, unless the quotes hold more). */
static int at_empty_seen;

static void put_positionals(char which, enum ctx ctx)
{
	int n = positional_count();

	if (which == '*' && ctx == CTX_DQUOTE) {
		const char *v = value_of("*", 1);

		if (v)
			put_value(v, strlen(v), ctx);
		return;
	}
	if (n == 0 && ctx == CTX_DQUOTE)
		at_empty_seen = 1;
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			put(0, F_BREAK);
		if (ctx == CTX_DQUOTE)
			put(0, F_MARK);
		put_value(positional_get(i), strlen(positional_get(i)), ctx);
	}
}

/* The value with the shortest or longest prefix (or suffix) matching
 * the pattern removed: ${V#P} ${V##P} ${V%P} ${V%%P}. */
static void put_trimmed(const char *value, const char *pattern, int suffix, int longest, enum ctx ctx)
{
	size_t n = strlen(value);
	char buf[SH_MAX_LINE];

	if (n >= sizeof buf) {
		put_value(value, n, ctx);
		return;
	}
	for (size_t k = 0; k <= n; k++) {
		size_t cut = longest ? n - k : k; /* characters removed */

		if (suffix) {
			if (fnmatch(pattern, value + n - cut, 0) == 0) {
				put_value(value, n - cut, ctx);
				return;
			}
		} else {
			memcpy(buf, value, cut);
			buf[cut] = '\0';
			if (fnmatch(pattern, buf, 0) == 0) {
				put_value(value + cut, n - cut, ctx);
				return;
			}
		}
	}
	put_value(value, n, ctx);
}

/* ${...}: p at '$', close at its '}'. Returns 0 for a bad substitution. */
static int braced(const char *p, const char *close, enum ctx ctx)
{
	const char *q = p + 2;
	int length = 0, n = 0;

	if (*q == '#' && q + 1 < close) { /* ${#NAME}; ${#} alone is the count */
		length = 1;
		q++;
	}
	if (is_name_char(*q, 1)) {
		while (q + n < close && is_name_char(q[n], n == 0))
			n++;
	} else if (*q >= '0' && *q <= '9') {
		while (q + n < close && q[n] >= '0' && q[n] <= '9')
			n++;
	} else if (q < close && strchr("?$#@*!-", *q)) {
		n = 1;
	} else {
		return 0;
	}
	const char *name = q, *op = q + n;
	const char *value = value_of(name, n);
	char number[24];

	if (opt_nounset && !value && (op == close || length) && !(n == 1 && (*name == '@' || *name == '*'))) {
		unset_parameter(name, n);
		return 1;
	}
	if (length) {
		if (op != close)
			return 0;
		snprintf(number, sizeof number, "%zu", value ? strlen(value) : (size_t)0);
		put_value(number, strlen(number), ctx);
		return 1;
	}
	if (op == close) {
		if (n == 1 && (*name == '@' || *name == '*'))
			put_positionals(*name, ctx);
		else if (value)
			put_value(value, strlen(value), ctx);
		return 1;
	}
	int colon = *op == ':';
	char kind = op[colon];
	const char *w = op + colon + 1;
	/* The operand WORD: inside "..." quoted, else as its own quotes say. */
	enum ctx operand = ctx == CTX_DQUOTE ? CTX_DQUOTE : CTX_OPERAND;

	if (!colon && (kind == '#' || kind == '%')) {
		int longest = w < close && *w == kind;
		char pattern[SH_MAX_LINE];
		size_t from = wlen;

		expand_span(w + longest, close, CTX_OPERAND, 0);
		take_pattern(from, pattern, sizeof pattern);
		put_trimmed(value ? value : "", pattern, kind == '%', longest, ctx);
		return 1;
	}
	if (!strchr("-=+?", kind))
		return 0;
	int set = value && (!colon || *value);

	if (kind == '+') {
		if (set)
			expand_span(w, close, operand, 0);
	} else if (set) {
		if (n == 1 && (*name == '@' || *name == '*'))
			put_positionals(*name, ctx);
		else
			put_value(value, strlen(value), ctx);
	} else if (kind == '-') {
		expand_span(w, close, operand, 0);
	} else {
		char word[SH_MAX_LINE], var[128];
		size_t from = wlen;

		expand_span(w, close, CTX_DQUOTE, 0);
		take(from, word, sizeof word);
		snprintf(var, sizeof var, "%.*s", n, name);
		if (kind == '?') {
			fprintf(stderr, "sh: %s: %s\n", var, *word ? word : "parameter not set");
			failed = 1;
			expand_fatal = 1;
		} else if (!is_name(name, n)) {
			fprintf(stderr, "sh: %s: cannot assign in this way\n", var);
			failed = 1;
		} else {
			var_set(var, word, 0);
			put_value(word, strlen(word), ctx);
		}
	}
	return 1;
}

/* A '$' at p: the characters consumed. */
static int dollar(const char *p, const char *end, enum ctx ctx)
{
	const char *q = p + 1;

	if (q < end && *q == '(') {
		const char *close = closing(q + 1, end, '(', ')');

		if (close >= end)
			return put('$', ctx == CTX_WORD ? F_LIT : F_QUOTED), 1;
		if (q + 1 < end && q[1] == '(' && close > q + 2 && close[-1] == ')')
			arithmetic(q + 2, close - 1, ctx);
		else
			substitute(q + 1, close - q - 1, ctx);
		return (int)(close - p) + 1;
	}
	if (q < end && *q == '{') {
		const char *close = closing(q + 1, end, '{', '}');

		if (close >= end || !braced(p, close, ctx)) {
			fprintf(stderr, "sh: %.*s: bad substitution\n", (int)(close - p + (close < end)), p);
			failed = 1;
			return (int)(close - p) + (close < end);
		}
		return (int)(close - p) + 1;
	}
	if (q < end && (*q == '@' || *q == '*')) {
		put_positionals(*q, ctx);
		return 2;
	}
	if (q < end && (strchr("?$#!-", *q) || (*q >= '0' && *q <= '9'))) {
		const char *v = value_of(q, 1);

		if (v)
			put_value(v, strlen(v), ctx);
		else if (opt_nounset)
			unset_parameter(q, 1);
		return 2;
	}
	int n = 0;

	while (q + n < end && is_name_char(q[n], n == 0))
		n++;
	if (n == 0) {
		put('$', ctx == CTX_WORD ? F_LIT : ctx == CTX_OPERAND ? F_SPLIT : F_QUOTED);
		return 1;
	}
	const char *v = value_of(q, n);

	if (v)
		put_value(v, strlen(v), ctx);
	else if (opt_nounset)
		unset_parameter(q, n);
	return 1 + n;
}

/* Expands [p, end) onto the word. */
static void expand_span(const char *p, const char *end, enum ctx ctx, int at_start)
{
	int literal = ctx == CTX_WORD ? F_LIT : ctx == CTX_OPERAND ? F_SPLIT : F_QUOTED;
	int quoting = ctx == CTX_DQUOTE || ctx == CTX_HEREDOC;

	if (at_start && ctx == CTX_WORD && p < end && *p == '~' && (p + 1 == end || p[1] == '/')) {
		const char *home = var_get("HOME");

		if (home) {
			put_value(home, strlen(home), CTX_DQUOTE);
			p++;
		}
	}
	while (p < end && !failed) {
		if (*p == '\\') {
			if (p + 1 >= end) {
				put('\\', F_QUOTED);
				p++;
			} else if (p[1] == '\n') {
				p += 2; /* a line continued */
			} else if (!quoting || strchr("$`\\", p[1]) || (ctx == CTX_DQUOTE && p[1] == '"')) {
				put(p[1], F_QUOTED);
				p += 2;
			} else {
				put('\\', F_QUOTED);
				p++;
			}
		} else if (*p == '\'' && !quoting) {
			for (p++; p < end && *p != '\''; p++)
				put(*p, F_QUOTED);
			put(0, F_MARK);
			p++;
		} else if (*p == '"' && !quoting) {
			const char *close = skip_quote(p, end) - 1;
			size_t from = wlen;
			int saved = at_empty_seen;

			if (close < p + 1)
				close = end;
			at_empty_seen = 0;
			expand_span(p + 1, close, CTX_DQUOTE, 0);
			/* "" is an empty field; "$@" without parameters none. */
			if (!at_empty_seen || wlen > from)
				put(0, F_MARK);
			at_empty_seen = saved;
			p = close + 1;
		} else if (*p == '`') {
			const char *close = closing(p + 1, end, '`', '`');

			backquote(p + 1, close, ctx);
			p = close + 1;
		} else if (*p == '$') {
			p += dollar(p, end, ctx);
		} else {
			put(*p++, literal);
		}
	}
}

/* Expands a whole word onto an empty buffer; 0 after an error. */
static int expand_into(const struct word *w, enum ctx ctx)
{
	wlen = 0;
	failed = 0;
	at_empty_seen = 0;
	expand_span(w->text, w->text + w->len, ctx, 1);
	return !failed;
}

/* One field (characters [from, to) of the word) onto argv: its matches
 * when it is a pattern, else its characters. */
static int add_field(size_t from, size_t to, char **argv, int argc, int max)
{
	size_t n = 0, pn = 0;
	int glob_chars = 0;
	char *field = malloc(to - from + 1), *pattern = malloc(2 * (to - from) + 1);

	if (!field || !pattern) {
		free(field);
		free(pattern);
		fprintf(stderr, "sh: out of memory\n");
		return -1;
	}
	for (size_t i = from; i < to; i++) {
		char c = wbuf[i];

		if (wflag[i] == F_MARK || wflag[i] == F_BREAK)
			continue;
		field[n++] = c;
		if (wflag[i] == F_QUOTED && strchr("*?[]\\", c))
			pattern[pn++] = '\\';
		else if (wflag[i] != F_QUOTED && (c == '*' || c == '?' || c == '['))
			glob_chars = 1;
		pattern[pn++] = c;
	}
	field[n] = pattern[pn] = '\0';
	if (glob_chars) {
		glob_t g;

		if (glob(pattern, 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc && argc >= 0; i++) {
				if (argc >= max || !(argv[argc] = expand_save(g.gl_pathv[i])))
					argc = -1;
				else
					argc++;
			}
			globfree(&g);
			free(field);
			free(pattern);
			if (argc < 0)
				fprintf(stderr, "sh: too many arguments\n");
			return argc;
		}
	}
	if (argc >= max || !(argv[argc] = expand_save(field))) {
		fprintf(stderr, "sh: too many arguments\n");
		argc = -2;
	}
	free(field);
	free(pattern);
	return argc + 1;
}

int expand_fields(const struct word *w, char **argv, int argc, int max)
{
	const char *sep = ifs();
	size_t start = 0;
	int content = 0, after_blank = 0;

	if (!expand_into(w, CTX_WORD))
		return -1;
	for (size_t i = 0; i <= wlen && argc >= 0; i++) {
		int f = i < wlen ? wflag[i] : F_BREAK;
		char c = i < wlen ? wbuf[i] : 0;

		if (f == F_BREAK) {
			if (content)
				argc = add_field(start, i, argv, argc, max);
			start = i + 1;
			content = after_blank = 0;
		} else if (f == F_SPLIT && c && strchr(sep, c)) {
			int blank = c == ' ' || c == '\t' || c == '\n';

			/* Blanks end a field that has begun; any other IFS
			 * character ends one, empty or not (but after the
			 * blanks that ended the one before, it joins them). */
			if (content || (!blank && !after_blank))
				argc = add_field(start, i, argv, argc, max);
			after_blank = blank && content ? 1 : blank ? after_blank : 0;
			start = i + 1;
			content = 0;
		} else {
			content = 1;
			after_blank = 0;
		}
	}
	return argc;
}

char *expand_word(const struct word *w)
{
	char *out;
	size_t n = 0;

	if (!expand_into(w, CTX_WORD))
		return NULL;
	out = arena_alloc(wlen + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < wlen; i++)
		if (wflag[i] != F_MARK)
			out[n++] = wflag[i] == F_BREAK ? ' ' : wbuf[i];
	out[n] = '\0';
	return out;
}

char *expand_pattern(const struct word *w)
{
	char *out;

	if (!expand_into(w, CTX_WORD))
		return NULL;
	out = arena_alloc(2 * wlen + 1);
	if (!out)
		return NULL;
	return take_pattern(0, out, 2 * wlen + 1);
}

char *expand_text(const char *text, int len)
{
	char *out;
	size_t n = 0;

	wlen = 0;
	failed = 0;
	expand_span(text, text + len, CTX_HEREDOC, 0);
	if (failed)
		return NULL;
	out = arena_alloc(wlen + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < wlen; i++)
		if (wflag[i] != F_MARK && wflag[i] != F_BREAK)
			out[n++] = wbuf[i];
	out[n] = '\0';
	return out;
}
