/* sh: the lexer. Text (one or more lines) becomes tokens: words, with
 * their quotes, $(...), $((...)), ${...} and `...` inside them kept as
 * typed (expand.c reads them when the command runs); operators; newlines.
 * A word ends at a blank, a newline or an operator outside quotes. '#'
 * starting a word comments out the rest of the line; backslash-newline
 * joins lines. After the newline that ends a line with here-documents
 * (<<WORD, <<-WORD), their bodies are read from the lines that follow,
 * each up to a line that is its delimiter, and stored in the operator's
 * token. Text that ends inside a quote, a substitution or a here-document
 * is incomplete: main.c reads another line and lexes again. */
#include <stdlib.h>
#include <string.h>
#include "sh.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int is_operator(char c)
{
	return c && strchr("|&;<>()\n", c) != NULL;
}

/* The longest operators first, so "||" is not two pipes. */
static const struct {
	const char *text;
	enum tok type;
} operators[] = {
	{ "<<-", T_DLESSDASH }, { "||", T_OR }, { "&&", T_AND }, { ";;", T_DSEMI },
	{ ">>", T_DGREAT }, { ">|", T_CLOBBER }, { "<&", T_LESSAND }, { ">&", T_GREATAND },
	{ "<>", T_LESSGREAT }, { "<<", T_DLESS }, { "|", T_PIPE }, { "&", T_AMP },
	{ ";", T_SEMI }, { "<", T_LESS }, { ">", T_GREAT }, { "(", T_LPAREN },
	{ ")", T_RPAREN }, { "\n", T_NEWLINE },
};

/* Is [p, p + n) the word kw, standing alone (blanks, ; & | ( ) or a
 * newline around it)? */
static int keyword_at(const char *start, const char *p, const char *end, const char *kw)
{
	size_t n = strlen(kw);

	if ((size_t)(end - p) < n || strncmp(p, kw, n) != 0)
		return 0;
	if (p > start && !strchr(" \t\n;&|()", p[-1]))
		return 0;
	return p + n == end || strchr(" \t\n;&|()", p[n]);
}

const char *lex_closing(const char *p, const char *end, char open, char close)
{
	const char *start = p;
	int depth = 1, cases = 0;

	while (p < end) {
		if (*p == '\\') {
			if (p + 1 >= end)
				return NULL;
			p += 2;
		} else if ((*p == '\'' || *p == '"' || *p == '`') && *p != close) {
			p = lex_skip_quote(p, end);
			if (!p)
				return NULL;
		} else if (*p == '$' && p + 1 < end && (p[1] == '(' || p[1] == '{')) {
			p = lex_closing(p + 2, end, p[1], p[1] == '(' ? ')' : '}');
			if (!p)
				return NULL;
			p++;
		} else if (close == ')' && *p == '#' && (p == start || strchr(" \t\n;", p[-1]))) {
			while (p < end && *p != '\n')
				p++;
		} else if (close == ')' && keyword_at(start, p, end, "case")) {
			cases++;
			p += 4;
		} else if (close == ')' && cases && keyword_at(start, p, end, "esac")) {
			cases--;
			p += 4;
		} else if (*p == close && depth == 1 && cases) {
			p++; /* a case pattern's ')' */
		} else if (*p == close && --depth == 0) {
			return p;
		} else {
			if (*p == open && open != close)
				depth++;
			p++;
		}
	}
	return NULL;
}

const char *lex_skip_quote(const char *p, const char *end)
{
	char quote = *p++;

	if (quote == '`') {
		p = lex_closing(p, end, '`', '`');
		return p ? p + 1 : NULL;
	}
	while (p < end && *p != quote) {
		if (quote == '"' && *p == '\\') {
			if (p + 1 >= end)
				return NULL;
			p += 2;
		} else if (quote == '"' && *p == '$' && p + 1 < end && (p[1] == '(' || p[1] == '{')) {
			p = lex_closing(p + 2, end, p[1], p[1] == '(' ? ')' : '}');
			if (!p)
				return NULL;
			p++;
		} else if (quote == '"' && *p == '`') {
			p = lex_skip_quote(p, end);
			if (!p)
				return NULL;
		} else {
			p++;
		}
	}
	return p < end ? p + 1 : NULL;
}

/* A word from p: its end, or NULL when the text ends inside it. */
static const char *scan_word(const char *p)
{
	const char *end = p + strlen(p);

	while (*p && !is_blank(*p) && !is_operator(*p)) {
		if (*p == '\\') {
			if (!p[1])
				return NULL;
			p += 2;
		} else if (*p == '\'' || *p == '"' || *p == '`') {
			p = lex_skip_quote(p, end);
		} else if (*p == '$' && (p[1] == '(' || p[1] == '{')) {
			p = lex_closing(p + 2, end, p[1], p[1] == '(' ? ')' : '}');
			if (p)
				p++;
		} else {
			p++;
		}
		if (!p)
			return NULL;
	}
	return p;
}

/* The delimiter of a here-document: the word with its quotes removed. */
static char *delimiter(struct pool *pool, const struct token *t)
{
	char *d = pool_alloc(pool, t->len + 1);
	int n = 0;

	for (int i = 0; i < t->len; i++) {
		char c = t->text[i];

		if (c == '\'' || c == '"')
			continue;
		if (c == '\\' && i + 1 < t->len)
			c = t->text[++i];
		d[n++] = c;
	}
	d[n] = '\0';
	return d;
}

/* Reads the body of the here-document whose operator is t from p (the
 * start of the line after the command); the text after its delimiter
 * line, or NULL when the text ends first. */
static const char *read_body(struct pool *pool, struct token *t, const struct token *word, const char *p)
{
	const char *d = delimiter(pool, word);
	size_t dn = strlen(d);

	t->body = p;
	for (;;) {
		const char *line = p, *nl = strchr(p, '\n');

		if (!nl)
			return NULL;
		if (t->type == T_DLESSDASH)
			while (*line == '\t')
				line++;
		if ((size_t)(nl - line) == dn && strncmp(line, d, dn) == 0) {
			t->body_len = (int)(p - t->body);
			return nl + 1;
		}
		p = nl + 1;
	}
}

int lex(struct pool *pool, const char *p, struct token **out, int *count)
{
	struct token *toks = NULL;
	int n = 0, cap = 0, pending = 0; /* here-documents waiting for the newline */

	for (;;) {
		while (is_blank(*p) || (*p == '\\' && p[1] == '\n'))
			p += *p == '\\' ? 2 : 1;
		if (*p == '\\' && !p[1])
			goto incomplete;
		if (*p == '#')
			while (*p && *p != '\n')
				p++;
		if (n + 1 >= cap) {
			cap = cap ? 2 * cap : 64;
			struct token *bigger = realloc(toks, cap * sizeof *toks);

			if (!bigger) {
				free(toks);
				return PARSE_ERROR;
			}
			toks = bigger;
		}
		struct token *t = &toks[n];

		memset(t, 0, sizeof *t);
		t->text = p;
		if (!*p) {
			t->type = T_END;
			if (pending)
				goto incomplete;
			*out = toks;
			*count = n + 1;
			return PARSE_OK;
		}
		n++;
		if (is_operator(*p)) {
			for (size_t i = 0;; i++) {
				size_t len = strlen(operators[i].text);

				if (strncmp(p, operators[i].text, len) == 0) {
					t->type = operators[i].type;
					t->len = (int)len;
					break;
				}
			}
			p += t->len;
			if (t->type == T_DLESS || t->type == T_DLESSDASH)
				pending++;
			if (t->type == T_NEWLINE && pending) {
				/* The bodies, in the order of their operators. */
				for (int i = 0; i < n && pending; i++) {
					if ((toks[i].type != T_DLESS && toks[i].type != T_DLESSDASH) || toks[i].body ||
					    i + 1 >= n || toks[i + 1].type != T_WORD)
						continue;
					p = read_body(pool, &toks[i], &toks[i + 1], p);
					if (!p)
						goto incomplete;
					pending--;
				}
				pending = 0; /* an operator without a word: the parser says so */
			}
			continue;
		}
		const char *end = scan_word(p);

		if (!end)
			goto incomplete;
		t->len = (int)(end - p);
		/* "2>file": a single digit right before < or > names the fd. */
		t->type = t->len == 1 && *p >= '0' && *p <= '9' && (*end == '<' || *end == '>') ? T_IONUM : T_WORD;
		p = end;
	}
incomplete:
	free(toks);
	return PARSE_INCOMPLETE;
}
