/* sh: word expansion, as POSIX's steps cut down to what this shell has:
 * parameters ($?, $$, $#, $0..$9, ${N}, $@, $*, $NAME and ${NAME} from
 * the shell's variables), quote removal and pathname expansion. '...'
 * keeps everything; "..." keeps all but $, and its backslash escapes only
 * $ ` " \ ; outside quotes a backslash keeps the next character. No field
 * splitting: a word stays one argument (an unquoted expansion that comes
 * out empty is dropped), except "$@" and $@, which give one argument per
 * positional parameter. An unquoted * ? or [ makes the word a pattern:
 * it becomes the sorted paths that match, or stays as it is if none do. */
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

char *expand_word(const struct word *w, int *drop)
{
	const char *p = w->text, *end = w->text + w->len;
	size_t start = used;
	int quoted = 0, expanded = 0;

	pattern_len = 0;
	has_glob = 0;
	in_quotes = 0;
	while (p < end) {
		if (*p == '\\') {
			quoted = 1;
			in_quotes = 1;
			if (p + 1 < end)
				put(p[1]);
			in_quotes = 0;
			p += 2;
		} else if (*p == '\'') {
			quoted = 1;
			in_quotes = 1;
			for (p++; p < end && *p != '\''; p++)
				put(*p);
			in_quotes = 0;
			p++;
		} else if (*p == '"') {
			quoted = 1;
			in_quotes = 1;
			for (p++; p < end && *p != '"';) {
				if (*p == '\\' && p + 1 < end && strchr("$`\"\\", p[1])) {
					put(p[1]);
					p += 2;
				} else if (*p == '$') {
					p += parameter(p, end, &expanded);
				} else {
					put(*p++);
				}
			}
			in_quotes = 0;
			p++;
		} else if (*p == '$') {
			p += parameter(p, end, &expanded);
		} else {
			put(*p++);
		}
	}
	in_quotes = 1;
	put('\0');
	in_quotes = 0;
	if (full) {
		fprintf(stderr, "sh: expansion too long\n");
		return NULL;
	}
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
