/* sh: word expansion, as POSIX's steps cut down to what this shell has:
 * parameters ($?, $$, $NAME and ${NAME} from the environment) and quote
 * removal. '...' keeps everything; "..." keeps all but $, and its
 * backslash escapes only $ ` " \ ; outside quotes a backslash keeps the
 * next character. No field splitting and no globbing: a word stays one
 * argument (an unquoted expansion that comes out empty is dropped). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define ARENA_SIZE (4 * SH_MAX_LINE)

static char arena[ARENA_SIZE];
static size_t used;
static int full;

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

/* Expands the parameter at p ('$' included, end excluded); returns the
 * characters consumed. A '$' that starts no parameter is itself. */
static int parameter(const char *p, const char *end, int *expanded)
{
	char number[16];
	char name[128];
	int n = 0, braced = p + 1 < end && p[1] == '{';
	const char *q = p + 1 + braced;

	if (q < end && (*q == '?' || *q == '$') && (!braced || (q + 1 < end && q[1] == '}'))) {
		snprintf(number, sizeof number, "%d", *q == '?' ? last_status : (int)getpid());
		put_text(number, strlen(number));
		*expanded = 1;
		return 2 + 2 * braced;
	}
	while (q + n < end && is_name_char(q[n], n == 0) && n < (int)sizeof name - 1) {
		name[n] = q[n];
		n++;
	}
	if (n == 0 || (braced && (q + n >= end || q[n] != '}'))) {
		put('$');
		return 1;
	}
	name[n] = '\0';
	const char *value = getenv(name);

	if (value)
		put_text(value, strlen(value));
	*expanded = 1;
	return 1 + braced + n + braced;
}

char *expand_word(const struct word *w, int *drop)
{
	const char *p = w->text, *end = w->text + w->len;
	size_t start = used;
	int quoted = 0, expanded = 0;

	while (p < end) {
		if (*p == '\\') {
			quoted = 1;
			if (p + 1 < end)
				put(p[1]);
			p += 2;
		} else if (*p == '\'') {
			quoted = 1;
			for (p++; p < end && *p != '\''; p++)
				put(*p);
			p++;
		} else if (*p == '"') {
			quoted = 1;
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
			p++;
		} else if (*p == '$') {
			p += parameter(p, end, &expanded);
		} else {
			put(*p++);
		}
	}
	put('\0');
	if (full) {
		fprintf(stderr, "sh: expansion too long\n");
		return NULL;
	}
	*drop = expanded && !quoted && arena[start] == '\0';
	return arena + start;
}
