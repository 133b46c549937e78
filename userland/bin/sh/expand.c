/* sh: word expansion, as POSIX's steps cut down to what this shell has:
 * parameters ($?, $$, $#, $0..$9, ${N}, $@, $*, $NAME and ${NAME} from
 * the shell's variables, and the braced forms ${#NAME}, ${NAME:-WORD},
 * ${NAME:=WORD}, ${NAME:+WORD}, ${NAME:?WORD} (each also without the
 * colon: unset only), ${NAME#P}, ${NAME##P}, ${NAME%P}, ${NAME%%P}),
 * quote removal and pathname expansion. '...'
 * keeps everything; "..." keeps all but $, and its backslash escapes only
 * $ ` " \ ; outside quotes a backslash keeps the next character. No field
 * splitting: a word stays one argument (an unquoted expansion that comes
 * out empty is dropped), except "$@" and $@, which give one argument per
 * positional parameter. An unquoted * ? or [ makes the word a pattern:
 * it becomes the sorted paths that match, or stays as it is if none do. */
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define ARENA_SIZE (8 * SH_MAX_LINE)

static char arena[ARENA_SIZE];
static size_t used;
static int full;

/* The pattern glob() sees: the word with its quoted characters escaped. */
static char pattern[SH_MAX_LINE * 2];
static size_t pattern_len;
static int in_quotes, has_glob;
/* Set by an expansion that failed (${NAME:?}) after its message. */
static int failed;
int expand_fatal;

void expand_reset(void)
{
	used = 0;
	full = 0;
}

static void put(char c)
{
	if (used < ARENA_SIZE)
		arena[used++] = c;
	else
		full = 1;
	if (pattern_len + 2 < sizeof pattern) {
		if (in_quotes && c && strchr("*?[]\\", c))
			pattern[pattern_len++] = '\\';
		else if (!in_quotes && (c == '*' || c == '?' || c == '['))
			has_glob = 1;
		pattern[pattern_len++] = c;
	}
}

static void put_text(const char *s, size_t n)
{
	while (n--)
		put(*s++);
}

static int is_name_char(char c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9');
}

/* $* and $@ outside "$@" alone: the parameters joined by blanks. */
static void put_positionals(void)
{
	for (int i = 1; i <= positional_count(); i++) {
		if (i > 1)
			put(' ');
		put_text(positional_get(i), strlen(positional_get(i)));
	}
}

static int parameter(const char *p, const char *end, int *expanded);
static void expand_span(const char *p, const char *end, int *quoted, int *expanded);

/* The '}' that closes the "${" whose inside starts at q (nested ${...}
 * and quotes skipped), or NULL. */
static const char *closing_brace(const char *q, const char *end)
{
	int depth = 1;

	for (; q < end; q++) {
		if (*q == '\\') {
			q++;
		} else if (*q == '\'' || *q == '"') {
			char quote = *q;

			for (q++; q < end && *q != quote; q++)
				if (quote == '"' && *q == '\\')
					q++;
		} else if (*q == '$' && q + 1 < end && q[1] == '{') {
			depth++;
			q++;
		} else if (*q == '}' && --depth == 0) {
			return q;
		}
	}
	return NULL;
}

/* A parameter's value by name (NAME, digits, or one of ? $ # @ * 0);
 * NULL when unset. */
static const char *value_of(const char *name, int n)
{
	static char buf[SH_MAX_LINE];

	if (n == 1 && strchr("?$#", name[0])) {
		snprintf(buf, sizeof buf, "%d", name[0] == '?' ? last_status : name[0] == '$' ? (int)getpid() : positional_count());
		return buf;
	}
	if (n == 1 && (name[0] == '@' || name[0] == '*')) {
		size_t at = 0;

		buf[0] = '\0';
		for (int i = 1; i <= positional_count(); i++)
			at += (size_t)snprintf(buf + at, at < sizeof buf ? sizeof buf - at : 0, "%s%s", i > 1 ? " " : "", positional_get(i));
		return buf;
	}
	if (name[0] >= '0' && name[0] <= '9')
		return positional_get(atoi(name));
	char var[128];

	snprintf(var, sizeof var, "%.*s", n, name);
	return var_get(var);
}

/* The operand of ${NAME<op>WORD} expanded, copied out of the arena (which
 * is left as it was); NULL when it does not fit. */
static const char *operand(const char *p, const char *end, char *out, size_t size)
{
	size_t start = used, saved_pattern = pattern_len;
	int saved_glob = has_glob, saved_quotes = in_quotes, quoted = 0, expanded = 0;

	in_quotes = 0;
	expand_span(p, end, &quoted, &expanded);
	in_quotes = saved_quotes;
	size_t n = used - start;

	used = start;
	pattern_len = saved_pattern;
	has_glob = saved_glob;
	if (n >= size)
		return NULL;
	memcpy(out, arena + start, n);
	out[n] = '\0';
	return out;
}

/* The value with the shortest or longest prefix (or suffix) matching
 * the pattern removed: ${V#P} ${V##P} ${V%P} ${V%%P}. */
static void put_trimmed(const char *value, const char *pattern, int suffix, int longest)
{
	size_t n = strlen(value);
	char buf[SH_MAX_LINE];

	if (n >= sizeof buf) {
		put_text(value, n);
		return;
	}
	for (size_t k = 0; k <= n; k++) {
		size_t cut = longest ? n - k : k; /* characters removed */

		if (suffix) {
			if (fnmatch(pattern, value + n - cut, 0) == 0) {
				put_text(value, n - cut);
				return;
			}
		} else {
			memcpy(buf, value, cut);
			buf[cut] = '\0';
			if (fnmatch(pattern, buf, 0) == 0) {
				put_text(value + cut, n - cut);
				return;
			}
		}
	}
	put_text(value, n);
}

/* ${...} at p: ${NAME}, ${#NAME} (its length), ${NAME:-WORD} ${NAME-WORD}
 * (WORD when unset, or empty with ':'), ${NAME:=WORD} (and assign it),
 * ${NAME:+WORD} (WORD when set), ${NAME:?WORD} (an error when unset),
 * ${NAME#P} ${NAME##P} ${NAME%P} ${NAME%%P} (a prefix or suffix matching
 * the pattern removed). Returns the characters consumed, 0 when it is not
 * a parameter (the '$' is then itself). */
static int braced_form(const char *p, const char *end, int *expanded)
{
	const char *q = p + 2, *close = closing_brace(q, end);
	int length = 0, n = 0;

	if (!close)
		return 0;
	if (*q == '#' && q + 1 < close) { /* ${#NAME}; ${#} alone is the count */
		length = 1;
		q++;
	}
	if (*q == '_' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')) {
		while (q + n < close && is_name_char(q[n], n == 0))
			n++;
	} else if (*q >= '0' && *q <= '9') {
		while (q + n < close && q[n] >= '0' && q[n] <= '9')
			n++;
	} else if (q < close && strchr("?$#@*", *q)) {
		n = 1;
	} else {
		return 0;
	}
	const char *name = q, *op = q + n;
	const char *value = value_of(name, n);
	char word[SH_MAX_LINE], number[16];
	int quoted = in_quotes;

	*expanded = 1;
	in_quotes = 1;
	if (length) {
		if (op != close)
			return in_quotes = quoted, 0;
		snprintf(number, sizeof number, "%zu", value ? strlen(value) : (size_t)0);
		put_text(number, strlen(number));
	} else if (op == close) {
		if (value)
			put_text(value, strlen(value));
	} else {
		int colon = *op == ':';
		char kind = op[colon];
		const char *w = op + colon + 1;

		if (colon && !strchr("-=+?", kind))
			return in_quotes = quoted, 0;
		if (!colon && (kind == '#' || kind == '%')) {
			int longest = w < close && *w == kind;
			const char *pattern = operand(w + longest, close, word, sizeof word);

			put_trimmed(value ? value : "", pattern ? pattern : "", kind == '%', longest);
		} else if (strchr("-=+?", kind)) {
			int set = value && (!colon || *value);

			if (kind == '+') {
				if (set)
					expand_span(w, close, &(int){ 0 }, expanded);
			} else if (set) {
				put_text(value, strlen(value));
			} else if (kind == '?') {
				const char *message = operand(w, close, word, sizeof word);

				fprintf(stderr, "sh: %.*s: %s\n", n, name, message && *message ? message : "parameter not set");
				failed = 1;
				expand_fatal = 1;
			} else {
				const char *v = operand(w, close, word, sizeof word);

				if (kind == '=') {
					char var[128];

					snprintf(var, sizeof var, "%.*s", n, name);
					if (!is_name(name, n)) {
						fprintf(stderr, "sh: %s: cannot assign in this way\n", var);
						failed = 1;
					} else {
						var_set(var, v ? v : "", 0);
					}
				}
				if (v)
					put_text(v, strlen(v));
			}
		} else {
			return in_quotes = quoted, 0;
		}
	}
	in_quotes = quoted;
	return (int)(close - p) + 1;
}

/* Expands the parameter at p ('$' included, end excluded); returns the
 * characters consumed. A '$' that starts no parameter is itself. Values
 * count as quoted: they are not patterns. */
static int parameter(const char *p, const char *end, int *expanded)
{
	char number[16];
	char name[128];
	int n = 0, braced = p + 1 < end && p[1] == '{';
	const char *q = p + 1 + braced;
	int quoted = in_quotes;

	if (braced) {
		int consumed = braced_form(p, end, expanded);

		if (consumed > 0)
			return consumed;
	}
	in_quotes = 1;
	if (q < end && strchr("?$#@*0123456789", *q) && (!braced || (q + 1 < end && q[1] == '}') ||
							   (*q >= '0' && *q <= '9'))) {
		int consumed = 2 + 2 * braced;

		*expanded = 1;
		if (*q == '?' || *q == '$' || *q == '#') {
			snprintf(number, sizeof number, "%d", *q == '?' ? last_status : *q == '$' ? (int)getpid() : positional_count());
			put_text(number, strlen(number));
		} else if (*q == '@' || *q == '*') {
			put_positionals();
		} else {
			/* $1 is one digit; ${10} may have more. */
			int index = *q - '0';

			if (braced) {
				int k = 1;

				while (q + k < end && q[k] >= '0' && q[k] <= '9')
					index = index * 10 + (q[k++] - '0');
				if (q + k >= end || q[k] != '}') {
					in_quotes = quoted;
					put('$');
					return 1;
				}
				consumed = 3 + k;
			}
			const char *value = positional_get(index);

			if (value)
				put_text(value, strlen(value));
		}
		in_quotes = quoted;
		return consumed;
	}
	while (q + n < end && is_name_char(q[n], n == 0) && n < (int)sizeof name - 1) {
		name[n] = q[n];
		n++;
	}
	if (n == 0 || (braced && (q + n >= end || q[n] != '}'))) {
		in_quotes = quoted;
		put('$');
		return 1;
	}
	name[n] = '\0';
	const char *value = var_get(name);

	if (value)
		put_text(value, strlen(value));
	*expanded = 1;
	in_quotes = quoted;
	return 1 + braced + n + braced;
}

/* Expands the text [p, end) into the arena: quotes, backslashes and
 * parameters. Sets *quoted when it held a quote, *expanded when a
 * parameter was expanded. */
static void expand_span(const char *p, const char *end, int *quoted, int *expanded)
{
	while (p < end) {
		if (*p == '\\') {
			*quoted = 1;
			in_quotes = 1;
			if (p + 1 < end)
				put(p[1]);
			in_quotes = 0;
			p += 2;
		} else if (*p == '\'') {
			*quoted = 1;
			in_quotes = 1;
			for (p++; p < end && *p != '\''; p++)
				put(*p);
			in_quotes = 0;
			p++;
		} else if (*p == '"') {
			*quoted = 1;
			in_quotes = 1;
			for (p++; p < end && *p != '"';) {
				if (*p == '\\' && p + 1 < end && strchr("$`\"\\", p[1])) {
					put(p[1]);
					p += 2;
				} else if (*p == '$') {
					p += parameter(p, end, expanded);
				} else {
					put(*p++);
				}
			}
			in_quotes = 0;
			p++;
		} else if (*p == '$') {
			p += parameter(p, end, expanded);
		} else {
			put(*p++);
		}
	}
}

char *expand_word(const struct word *w, int *drop)
{
	size_t start = used;
	int quoted = 0, expanded = 0;

	pattern_len = 0;
	has_glob = 0;
	in_quotes = 0;
	failed = 0;
	expand_span(w->text, w->text + w->len, &quoted, &expanded);
	in_quotes = 1;
	put('\0');
	in_quotes = 0;
	if (full) {
		fprintf(stderr, "sh: expansion too long\n");
		return NULL;
	}
	if (failed)
		return NULL;
	*drop = expanded && !quoted && arena[start] == '\0';
	return arena + start;
}

static char *save(const char *s)
{
	size_t n = strlen(s) + 1;

	if (used + n > ARENA_SIZE) {
		full = 1;
		return NULL;
	}
	memcpy(arena + used, s, n);
	used += n;
	return arena + used - n;
}

int expand_fields(const struct word *w, char **argv, int argc, int max)
{
	int drop;

	/* "$@" and $@ alone: one field per positional parameter. */
	if ((w->len == 4 && memcmp(w->text, "\"$@\"", 4) == 0) || (w->len == 2 && memcmp(w->text, "$@", 2) == 0)) {
		for (int i = 1; i <= positional_count(); i++) {
			if (argc >= max || !(argv[argc] = save(positional_get(i)))) {
				fprintf(stderr, "sh: too many arguments\n");
				return -1;
			}
			argc++;
		}
		return argc;
	}
	char *word = expand_word(w, &drop);

	if (!word)
		return -1;
	if (drop)
		return argc;
	if (has_glob) {
		glob_t g;

		pattern[pattern_len > 0 ? pattern_len - 1 : 0] = '\0'; /* without the '\0' put() added */
		if (glob(pattern, 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc; i++) {
				if (argc >= max || !(argv[argc] = save(g.gl_pathv[i]))) {
					globfree(&g);
					fprintf(stderr, "sh: too many arguments\n");
					return -1;
				}
				argc++;
			}
			globfree(&g);
			return argc;
		}
	}
	if (argc >= max) {
		fprintf(stderr, "sh: too many arguments\n");
		return -1;
	}
	argv[argc++] = word;
	return argc;
}

char *expand_text(const char *text, int len)
{
	const char *p = text, *end = text + len;
	size_t start = used;
	int expanded;

	in_quotes = 1;
	while (p < end) {
		if (*p == '\\' && p + 1 < end && strchr("$`\\", p[1])) {
			put(p[1]);
			p += 2;
		} else if (*p == '$') {
			p += parameter(p, end, &expanded);
		} else {
			put(*p++);
		}
	}
	put('\0');
	in_quotes = 0;
	if (full) {
		fprintf(stderr, "sh: here-document too long\n");
		return NULL;
	}
	return arena + start;
}
