/* sh: the lexer and the parser. The grammar is POSIX's, cut down:
 *
 *   line     := [ pipeline { (';' | '&' | '&&' | '||') pipeline } [';' | '&'] ]
 *               ['#' ...]
 *   pipeline := command { '|' command }
 *   command  := { word | redirect }+
 *   redirect := [digit] ('<' | '>' | '>>' | '>|' | '<&' | '>&' | '<<') word
 *
 * A '&' after a pipeline runs it in the background. '<<' records a
 * here-document: main.c reads its body from the lines that follow.
 *
 * A syntax error names the token that does not fit, or the last token
 * when the line ends too early ("cat |" is an error near '|'). */
#include <stdio.h>
#include <string.h>
#include "sh.h"

enum tok {
	T_WORD, T_IONUM, T_PIPE, T_OR, T_AND, T_SEMI, T_AMP,
	T_LESS, T_GREAT, T_DGREAT, T_CLOBBER, T_LESSAND, T_GREATAND,
	T_DLESS, T_LPAREN, T_RPAREN, T_END,
};

struct token {
	enum tok type;
	const char *text;
	int len;
};

#define MAX_TOKENS 512

struct parser {
	struct token toks[MAX_TOKENS];
	int ntoks, pos;
	struct script *s;
};

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_operator(char c)
{
	return c && strchr("|&;<>()", c) != NULL;
}

/* The two-character operators first, so "||" is not two pipes. */
static const struct {
	const char *text;
	enum tok type;
} operators[] = {
	{ "||", T_OR }, { "&&", T_AND }, { ">>", T_DGREAT }, { ">|", T_CLOBBER },
	{ "<&", T_LESSAND }, { ">&", T_GREATAND }, { "<<", T_DLESS },
	{ "|", T_PIPE }, { "&", T_AMP }, { ";", T_SEMI }, { "<", T_LESS },
	{ ">", T_GREAT }, { "(", T_LPAREN }, { ")", T_RPAREN },
};

/* Scans a word from p (quotes keep blanks and operators in it); returns
 * its end, or NULL after an error for a quote left open. */
static const char *scan_word(const char *p)
{
	while (*p && !is_blank(*p) && !is_operator(*p)) {
		char quote = *p;

		if (quote == '\\') {
			p += p[1] ? 2 : 1;
		} else if (quote == '$' && p[1] == '{') {
			/* ${NAME:-a b}: blanks and operators inside are the word's */
			int depth = 0;

			for (; *p; p++) {
				if (*p == '\\' && p[1]) {
					p++;
				} else if (*p == '$' && p[1] == '{') {
					depth++;
					p++;
				} else if (*p == '}' && --depth == 0) {
					break;
				}
			}
			if (!*p) {
				fprintf(stderr, "sh: syntax error: unterminated ${\n");
				return NULL;
			}
			p++;
		} else if (quote == '\'' || quote == '"') {
			for (p++; *p && *p != quote; p++)
				if (quote == '"' && *p == '\\' && p[1])
					p++;
			if (!*p) {
				fprintf(stderr, "sh: syntax error: unterminated %s quote\n",
					quote == '"' ? "double" : "single");
				return NULL;
			}
			p++;
		} else {
			p++;
		}
	}
	return p;
}

static int tokenize(struct parser *ps, const char *p)
{
	for (;;) {
		struct token *t = &ps->toks[ps->ntoks];

		while (is_blank(*p))
			p++;
		if (ps->ntoks == MAX_TOKENS - 1) {
			fprintf(stderr, "sh: line too long\n");
			return -1;
		}
		t->text = p;
		if (!*p || *p == '#') { /* a comment runs to the end of the line */
			t->type = T_END;
			t->len = 0;
			return 0;
		}
		ps->ntoks++;
		if (is_operator(*p)) {
			for (size_t i = 0;; i++) {
				size_t n = strlen(operators[i].text);

				if (strncmp(p, operators[i].text, n) == 0) {
					t->type = operators[i].type;
					t->len = (int)n;
					break;
				}
			}
			p += t->len;
			continue;
		}
		const char *end = scan_word(p);

		if (!end)
			return -1;
		t->len = (int)(end - p);
		/* "2>file": a single digit right before < or > names the fd. */
		t->type = t->len == 1 && *p >= '0' && *p <= '9' && (*end == '<' || *end == '>')
				  ? T_IONUM : T_WORD;
		p = end;
	}
}

static const struct token *peek(const struct parser *ps)
{
	return &ps->toks[ps->pos];
}

/* The error names the unexpected token, or at the end the one before. */
static int syntax_error(const struct parser *ps)
{
	const struct token *t = peek(ps);

	if (t->type == T_END && ps->pos > 0)
		t--;
	if (t->type == T_END)
		fprintf(stderr, "sh: syntax error at end of line\n");
	else
		fprintf(stderr, "sh: syntax error near '%.*s'\n", t->len, t->text);
	return -1;
}

static int too_complex(void)
{
	fprintf(stderr, "sh: line too complex\n");
	return -1;
}

static int parse_redirect(struct parser *ps)
{
	struct script *s = ps->s;
	int fd = -1;

	if (peek(ps)->type == T_IONUM)
		fd = ps->toks[ps->pos++].text[0] - '0';
	const struct token *op = &ps->toks[ps->pos];
	enum redir_kind kind;

	switch (op->type) {
	case T_LESS: kind = R_IN; break;
	case T_GREAT: case T_CLOBBER: kind = R_OUT; break;
	case T_DGREAT: kind = R_APPEND; break;
	case T_LESSAND: case T_GREATAND: kind = R_DUP; break;
	case T_DLESS: kind = R_HEREDOC; break;
	default: return syntax_error(ps); /* a digit before "|" */
	}
	ps->pos++;
	if (peek(ps)->type != T_WORD)
		return syntax_error(ps);
	if (s->nredirs == MAX_REDIRS)
		return too_complex();
	struct redir *r = &s->redirs[s->nredirs++];

	r->fd = fd >= 0 ? fd : (op->type == T_LESS || op->type == T_LESSAND || op->type == T_DLESS) ? 0 : 1;
	r->kind = kind;
	r->target.text = peek(ps)->text;
	r->target.len = peek(ps)->len;
	if (kind == R_HEREDOC) {
		if (s->nheredocs == MAX_HEREDOCS)
			return too_complex();
		r->body = s->nheredocs;
		s->heredocs[s->nheredocs].len = 0;
		/* A quoted delimiter keeps the body as it is. */
		s->heredocs[s->nheredocs++].expand = !memchr(r->target.text, '\'', r->target.len) &&
						     !memchr(r->target.text, '"', r->target.len) &&
						     !memchr(r->target.text, '\\', r->target.len);
	}
	ps->pos++;
	return 0;
}

static int parse_command(struct parser *ps)
{
	struct script *s = ps->s;
	struct command *c;

	if (s->ncommands == MAX_COMMANDS)
		return too_complex();
	c = &s->commands[s->ncommands];
	c->first_word = s->nwords;
	c->first_redir = s->nredirs;
	for (;;) {
		enum tok t = peek(ps)->type;

		if (t == T_WORD) {
			if (s->nwords == MAX_WORDS)
				return too_complex();
			s->words[s->nwords].text = peek(ps)->text;
			s->words[s->nwords++].len = peek(ps)->len;
			ps->pos++;
		} else if (t == T_IONUM || (t >= T_LESS && t <= T_DLESS)) {
			if (parse_redirect(ps) < 0)
				return -1;
		} else {
			break;
		}
	}
	c->nwords = s->nwords - c->first_word;
	c->nredirs = s->nredirs - c->first_redir;
	if (c->nwords == 0 && c->nredirs == 0)
		return syntax_error(ps);
	s->ncommands++;
	return 0;
}

static int parse_pipeline(struct parser *ps, enum connector after)
{
	struct script *s = ps->s;
	struct pipeline *p;

	if (s->npipelines == MAX_PIPELINES)
		return too_complex();
	p = &s->pipelines[s->npipelines];
	p->first_command = s->ncommands;
	p->after = after;
	if (parse_command(ps) < 0)
		return -1;
	while (peek(ps)->type == T_PIPE) {
		ps->pos++;
		if (parse_command(ps) < 0)
			return -1;
	}
	p->ncommands = s->ncommands - p->first_command;
	s->npipelines++;
	return 0;
}

int parse_line(const char *line, struct script *s)
{
	static struct parser ps;
	enum connector after = C_SEQ;

	memset(s, 0, sizeof *s);
	ps.ntoks = ps.pos = 0;
	ps.s = s;
	if (tokenize(&ps, line) < 0)
		return -1;
	if (peek(&ps)->type == T_END)
		return 0;
	for (;;) {
		if (parse_pipeline(&ps, after) < 0)
			return -1;
		switch (peek(&ps)->type) {
		case T_END:
			return 0;
		case T_AMP:
			s->pipelines[s->npipelines - 1].background = 1;
			/* fall through */
		case T_SEMI:
			ps.pos++;
			if (peek(&ps)->type == T_END)
				return 0;
			after = C_SEQ;
			break;
		case T_AND:
		case T_OR:
			after = peek(&ps)->type == T_AND ? C_AND : C_OR;
			ps.pos++;
			break;
		default:
			return syntax_error(&ps);
		}
	}
}
