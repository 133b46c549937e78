/* sh: the parser, POSIX's shell grammar over lex.c's tokens:
 *
 *   list      := and_or { (';' | '&' | newline) and_or } [';' | '&']
 *   and_or    := pipeline { ('&&' | '||') newlines pipeline }
 *   pipeline  := ['!'] command { '|' newlines command }
 *   command   := compound { redirect } | NAME '(' ')' newlines compound
 *              | { assignment | word | redirect }+
 *   compound  := '{' list '}' | '(' list ')' | if | while | until | for
 *              | case
 *   if        := 'if' list 'then' list { 'elif' list 'then' list }
 *                ['else' list] 'fi'
 *   while     := ('while' | 'until') list 'do' list 'done'
 *   for       := 'for' NAME [newlines 'in' { word }] (';' | newline)
 *                newlines 'do' list 'done'
 *   case      := 'case' word newlines 'in' newlines
 *                { ['('] pattern { '|' pattern } ')' [list] (';;' | esac) }
 *                'esac'
 *   redirect  := [digit] ('<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&'
 *                | '<<' | '<<-') word
 *
 * Reserved words (if then else elif fi do done case esac while until for
 * in { } !) are words in the place of a command's first word. A syntax
 * error names the token that does not fit, or the one before it when the
 * line ended; running out of text where more must come is not an error
 * but an incomplete command (main.c reads on). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct parser {
	struct token *toks;
	int n, pos;
	struct pool *pool;
	int failed; /* PARSE_ERROR or PARSE_INCOMPLETE once something went wrong */
	int alias_next; /* after an alias ending in a blank: the word to check too */
};

static const struct token *peek(struct parser *ps)
{
	return &ps->toks[ps->pos];
}

static int fail(struct parser *ps)
{
	const struct token *t = peek(ps);

	if (ps->failed)
		return 0;
	if (t->type == T_END) {
		ps->failed = PARSE_INCOMPLETE;
		return 0;
	}
	ps->failed = PARSE_ERROR;
	if (t->type == T_NEWLINE && ps->pos > 0)
		t--;
	if (t->type == T_NEWLINE)
		fprintf(stderr, "sh: syntax error near newline\n");
	else
		fprintf(stderr, "sh: syntax error near '%.*s'\n", t->len, t->text);
	return 0;
}

static int is_word(const struct token *t, const char *kw)
{
	return t->type == T_WORD && (int)strlen(kw) == t->len && strncmp(t->text, kw, t->len) == 0;
}

/* Does the token end a list (a keyword that closes, or ')' / ';;')? */
static int ends_list(const struct token *t)
{
	static const char *const closers[] = { "then", "else", "elif", "fi", "do", "done", "esac", "}", NULL };

	if (t->type == T_RPAREN || t->type == T_DSEMI || t->type == T_END)
		return 1;
	for (int i = 0; closers[i]; i++)
		if (is_word(t, closers[i]))
			return 1;
	return 0;
}

static void newlines(struct parser *ps)
{
	while (peek(ps)->type == T_NEWLINE)
		ps->pos++;
}

static int expect(struct parser *ps, const char *kw)
{
	newlines(ps);
	if (!is_word(peek(ps), kw))
		return fail(ps);
	ps->pos++;
	return 1;
}

static struct node *new_node(struct parser *ps, enum node_kind kind, int first)
{
	struct node *n = pool_alloc(ps->pool, sizeof *n);

	if (!n) {
		fprintf(stderr, "sh: out of memory\n");
		ps->failed = PARSE_ERROR;
		return NULL;
	}
	n->kind = kind;
	n->src = ps->toks[first].text;
	return n;
}

/* The node's source runs to the end of the last token read. */
static struct node *done_node(struct parser *ps, struct node *n)
{
	if (n && ps->pos > 0) {
		const struct token *last = &ps->toks[ps->pos - 1];

		n->src_len = (int)(last->text + last->len - n->src);
		if (n->src_len < 0)
			n->src_len = 0;
	}
	return n;
}

static struct node *list(struct parser *ps, int top);

/* A word that names an alias: unquoted, nothing to expand in it. */
static int alias_word(const struct token *t)
{
	if (t->type != T_WORD)
		return 0;
	for (int i = 0; i < t->len; i++)
		if (strchr("'\"\\$`=", t->text[i]))
			return 0;
	return 1;
}

/* When the word at ps->pos is an alias (not one whose value it came
 * from), replaces it by the tokens of the alias's value; 1 when it did
 * (the word there is then to be checked again). */
static int expand_alias(struct parser *ps)
{
	struct token *t = &ps->toks[ps->pos];
	const char *value = alias_word(t) ? alias_get(t->text, t->len) : NULL;

	if (!value)
		return 0;
	for (const struct alias_use *u = t->alias; u; u = u->outer)
		if ((int)strlen(u->name) == t->len && strncmp(u->name, t->text, t->len) == 0)
			return 0;
	struct alias_use *use = pool_alloc(ps->pool, sizeof *use);
	char *text = pool_strndup(ps->pool, value, strlen(value));
	struct token *vt, *all;
	int vn;

	if (!use || !text || !(use->name = pool_strndup(ps->pool, t->text, t->len))) {
		fprintf(stderr, "sh: out of memory\n");
		ps->failed = PARSE_ERROR;
		return 0;
	}
	use->outer = t->alias;
	if (lex(ps->pool, text, &vt, &vn) != PARSE_OK) {
		fprintf(stderr, "sh: alias %s: syntax error in its value\n", use->name);
		ps->failed = PARSE_ERROR;
		return 0;
	}
	vn--; /* without its T_END */
	all = malloc((ps->n - 1 + vn) * sizeof *all);
	if (!all) {
		free(vt);
		fprintf(stderr, "sh: out of memory\n");
		ps->failed = PARSE_ERROR;
		return 0;
	}
	for (int i = 0; i < vn; i++)
		vt[i].alias = use;
	memcpy(all, ps->toks, ps->pos * sizeof *all);
	memcpy(all + ps->pos, vt, vn * sizeof *all);
	memcpy(all + ps->pos + vn, ps->toks + ps->pos + 1, (ps->n - ps->pos - 1) * sizeof *all);
	free(vt);
	free(ps->toks);
	ps->toks = all;
	ps->n += vn - 1;
	size_t len = strlen(value);

	ps->alias_next = len && (value[len - 1] == ' ' || value[len - 1] == '\t') ? ps->pos + vn : -1;
	return 1;
}

/* A command's name: its aliases expanded, unless it is a reserved word. */
static void expand_name(struct parser *ps)
{
	static const char *const reserved[] = { "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until",
						"for", "{", "}", "!", "in", NULL };

	for (int i = 0; reserved[i]; i++)
		if (is_word(peek(ps), reserved[i]))
			return;
	while (!ps->failed && expand_alias(ps))
		;
}

static int is_redirect(const struct token *t)
{
	return t->type == T_IONUM || (t->type >= T_LESS && t->type <= T_DLESSDASH);
}

static struct redir *redirect(struct parser *ps)
{
	int fd = -1;

	if (peek(ps)->type == T_IONUM)
		fd = ps->toks[ps->pos++].text[0] - '0';
	struct token *op = &ps->toks[ps->pos];
	struct redir *r = pool_alloc(ps->pool, sizeof *r);

	if (!r || !is_redirect(op) || op->type == T_IONUM) {
		fail(ps);
		return NULL;
	}
	ps->pos++;
	if (peek(ps)->type != T_WORD) {
		fail(ps);
		return NULL;
	}
	switch (op->type) {
	case T_LESS: r->kind = R_IN; break;
	case T_GREAT: case T_CLOBBER: r->kind = R_OUT; break;
	case T_DGREAT: r->kind = R_APPEND; break;
	case T_LESSGREAT: r->kind = R_RDWR; break;
	case T_LESSAND: case T_GREATAND: r->kind = R_DUP; break;
	default: r->kind = R_HEREDOC; break;
	}
	r->fd = fd >= 0 ? fd : (op->type == T_LESS || op->type == T_LESSAND || op->type == T_LESSGREAT || r->kind == R_HEREDOC) ? 0 : 1;
	r->target.text = peek(ps)->text;
	r->target.len = peek(ps)->len;
	if (r->kind == R_HEREDOC) {
		r->body = op->body;
		r->body_len = op->body_len;
		r->strip_tabs = op->type == T_DLESSDASH;
		r->expand = !memchr(r->target.text, '\'', r->target.len) && !memchr(r->target.text, '"', r->target.len) &&
			    !memchr(r->target.text, '\\', r->target.len);
	}
	ps->pos++;
	return r;
}

/* Redirections after a compound command, appended to *tail. */
static int redirects(struct parser *ps, struct redir **tail)
{
	while (is_redirect(peek(ps))) {
		struct redir *r = redirect(ps);

		if (!r)
			return 0;
		*tail = r;
		tail = &r->next;
	}
	return 1;
}

static struct word *words_of(struct parser *ps, int first, int count)
{
	struct word *w = pool_alloc(ps->pool, (count ? count : 1) * sizeof *w);

	if (!w)
		return NULL;
	for (int i = 0, k = 0; k < count; i++) {
		const struct token *t = &ps->toks[first + i];

		if (t->type != T_WORD)
			continue;
		w[k].text = t->text;
		w[k].len = t->len;
		k++;
	}
	return w;
}

/* NAME=... */
static int is_assignment_token(const struct token *t)
{
	const char *eq = memchr(t->text, '=', t->len);

	return eq && is_name(t->text, eq - t->text);
}

static struct node *simple(struct parser *ps)
{
	int first = ps->pos, nwords = 0;
	struct node *n = new_node(ps, N_SIMPLE, first);
	struct redir **tail = &n->redirs;

	if (!n)
		return NULL;
	/* Words and redirections; the words are gathered afterwards. The
	 * command's name after assignments, and a word after an alias that
	 * ends in a blank, may be aliases too. */
	int named = 0;

	for (;;) {
		const struct token *t = peek(ps);

		if (t->type == T_WORD && nwords > 0 && ((!named && !is_assignment_token(t)) || ps->pos == ps->alias_next)) {
			named = 1;
			while (expand_alias(ps))
				;
			if (ps->failed)
				return NULL;
			t = peek(ps);
		}
		if (t->type == T_WORD) {
			named |= !is_assignment_token(t);
			nwords++;
			ps->pos++;
		} else if (is_redirect(t)) {
			struct redir *r = redirect(ps);

			if (!r)
				return NULL;
			*tail = r;
			tail = &r->next;
		} else {
			break;
		}
	}
	if (nwords == 0 && !n->redirs) {
		fail(ps);
		return NULL;
	}
	n->nwords = nwords;
	n->words = pool_alloc(ps->pool, (nwords ? nwords : 1) * sizeof *n->words);
	for (int i = first, k = 0; k < nwords; i++) {
		const struct token *t = &ps->toks[i];

		if (t->type == T_WORD && !(i > first && (ps->toks[i - 1].type >= T_LESS && ps->toks[i - 1].type <= T_DLESSDASH))) {
			n->words[k].text = t->text;
			n->words[k++].len = t->len;
		}
	}
	return done_node(ps, n);
}

static struct node *compound_body(struct parser *ps, const char *closer)
{
	struct node *body = list(ps, 0);

	if (!body || !expect(ps, closer))
		return NULL;
	return body;
}

static struct node *if_clause(struct parser *ps, int first)
{
	struct node *n = new_node(ps, N_IF, first);

	ps->pos++; /* if or elif */
	if (!n || !(n->left = list(ps, 0)) || !expect(ps, "then") || !(n->right = list(ps, 0)))
		return NULL;
	newlines(ps);
	if (is_word(peek(ps), "elif")) {
		n->other = if_clause(ps, ps->pos);
		return n->other ? done_node(ps, n) : NULL;
	}
	if (is_word(peek(ps), "else")) {
		ps->pos++;
		if (!(n->other = list(ps, 0)))
			return NULL;
	}
	return expect(ps, "fi") ? done_node(ps, n) : NULL;
}

static struct node *loop(struct parser *ps, int first)
{
	struct node *n = new_node(ps, is_word(peek(ps), "while") ? N_WHILE : N_UNTIL, first);

	ps->pos++;
	if (!n || !(n->left = list(ps, 0)) || !expect(ps, "do") || !(n->right = compound_body(ps, "done")))
		return NULL;
	return done_node(ps, n);
}

static struct node *for_clause(struct parser *ps, int first)
{
	struct node *n = new_node(ps, N_FOR, first);

	ps->pos++;
	if (!n)
		return NULL;
	if (peek(ps)->type != T_WORD || !is_name(peek(ps)->text, peek(ps)->len))
		return fail(ps), NULL;
	n->name = pool_strndup(ps->pool, peek(ps)->text, peek(ps)->len);
	ps->pos++;
	newlines(ps);
	if (is_word(peek(ps), "in")) {
		int start = ++ps->pos;

		while (peek(ps)->type == T_WORD)
			ps->pos++;
		n->has_in = 1;
		n->nwords = ps->pos - start;
		n->words = words_of(ps, start, n->nwords);
		if (peek(ps)->type != T_SEMI && peek(ps)->type != T_NEWLINE)
			return fail(ps), NULL;
		ps->pos++;
	} else if (peek(ps)->type == T_SEMI) {
		ps->pos++;
	}
	if (!expect(ps, "do") || !(n->right = compound_body(ps, "done")))
		return NULL;
	return done_node(ps, n);
}

static struct node *case_clause(struct parser *ps, int first)
{
	struct node *n = new_node(ps, N_CASE, first);
	struct case_item **tail;

	ps->pos++;
	if (!n)
		return NULL;
	if (peek(ps)->type != T_WORD)
		return fail(ps), NULL;
	n->nwords = 1;
	n->words = words_of(ps, ps->pos++, 1);
	if (!expect(ps, "in"))
		return NULL;
	tail = &n->items;
	for (;;) {
		newlines(ps);
		if (is_word(peek(ps), "esac")) {
			ps->pos++;
			break;
		}
		if (peek(ps)->type == T_LPAREN)
			ps->pos++;
		struct case_item *item = pool_alloc(ps->pool, sizeof *item);
		int start = ps->pos, count = 0;

		if (!item)
			return fail(ps), NULL;
		for (;;) {
			if (peek(ps)->type != T_WORD)
				return fail(ps), NULL;
			ps->pos++;
			count++;
			if (peek(ps)->type != T_PIPE)
				break;
			ps->pos++;
		}
		if (peek(ps)->type != T_RPAREN)
			return fail(ps), NULL;
		ps->pos++;
		item->npatterns = count;
		item->patterns = words_of(ps, start, count);
		newlines(ps);
		if (peek(ps)->type != T_DSEMI && !is_word(peek(ps), "esac") && !(item->body = list(ps, 0)))
			return NULL;
		*tail = item;
		tail = &item->next;
		newlines(ps);
		if (peek(ps)->type == T_DSEMI)
			ps->pos++;
		else if (!is_word(peek(ps), "esac"))
			return fail(ps), NULL;
	}
	return done_node(ps, n);
}

static struct node *compound(struct parser *ps)
{
	const struct token *t = peek(ps);
	int first = ps->pos;
	struct node *n = NULL;

	if (t->type == T_LPAREN) {
		n = new_node(ps, N_SUBSHELL, first);
		ps->pos++;
		if (!n || !(n->left = list(ps, 0)))
			return NULL;
		newlines(ps);
		if (peek(ps)->type != T_RPAREN)
			return fail(ps), NULL;
		ps->pos++;
	} else if (is_word(t, "{")) {
		n = new_node(ps, N_GROUP, first);
		ps->pos++;
		if (!n || !(n->left = compound_body(ps, "}")))
			return NULL;
	} else if (is_word(t, "if")) {
		n = if_clause(ps, first);
	} else if (is_word(t, "while") || is_word(t, "until")) {
		n = loop(ps, first);
	} else if (is_word(t, "for")) {
		n = for_clause(ps, first);
	} else if (is_word(t, "case")) {
		n = case_clause(ps, first);
	}
	if (!n)
		return NULL;
	if (!redirects(ps, &n->redirs))
		return NULL;
	return done_node(ps, n);
}

static int starts_compound(const struct token *t)
{
	return t->type == T_LPAREN || is_word(t, "{") || is_word(t, "if") || is_word(t, "while") ||
	       is_word(t, "until") || is_word(t, "for") || is_word(t, "case");
}

static struct node *command(struct parser *ps)
{
	expand_name(ps);
	if (ps->failed)
		return NULL;
	const struct token *t = peek(ps);

	if (starts_compound(t))
		return compound(ps);
	if (ends_list(t) || is_word(t, "!") || is_word(t, "in"))
		return fail(ps), NULL;
	/* NAME ( ) compound: a function. */
	if (t->type == T_WORD && is_name(t->text, t->len) && ps->toks[ps->pos + 1].type == T_LPAREN) {
		int first = ps->pos;
		struct node *n = new_node(ps, N_FUNCTION, first);

		if (!n)
			return NULL;
		n->name = pool_strndup(ps->pool, t->text, t->len);
		ps->pos += 2;
		if (peek(ps)->type != T_RPAREN)
			return fail(ps), NULL;
		ps->pos++;
		newlines(ps);
		if (!starts_compound(peek(ps)))
			return fail(ps), NULL;
		if (!(n->left = compound(ps)))
			return NULL;
		return done_node(ps, n);
	}
	return simple(ps);
}

static struct node *pipeline(struct parser *ps)
{
	int first = ps->pos;
	struct node *n = new_node(ps, N_PIPELINE, first), **tail;

	if (!n)
		return NULL;
	if (is_word(peek(ps), "!")) {
		n->bang = 1;
		ps->pos++;
	}
	tail = &n->left;
	for (;;) {
		struct node *c = command(ps);

		if (!c)
			return NULL;
		*tail = c;
		tail = &c->next;
		if (peek(ps)->type != T_PIPE)
			break;
		ps->pos++;
		newlines(ps);
	}
	return done_node(ps, n);
}

static struct node *and_or(struct parser *ps)
{
	int first = ps->pos;
	struct node *left = pipeline(ps);

	while (left && (peek(ps)->type == T_AND || peek(ps)->type == T_OR)) {
		struct node *n = new_node(ps, peek(ps)->type == T_AND ? N_AND : N_OR, first);

		ps->pos++;
		newlines(ps);
		if (!n)
			return NULL;
		n->left = left;
		if (!(n->right = pipeline(ps)))
			return NULL;
		left = done_node(ps, n);
	}
	return left;
}

/* A list: inside a compound command it runs to the keyword or ')' that
 * ends it (newlines separate); at the top, to the end of the text. */
static struct node *list(struct parser *ps, int top)
{
	struct node *n = new_node(ps, N_LIST, ps->pos), **tail = &n->left;

	if (!n)
		return NULL;
	for (;;) {
		newlines(ps);
		const struct token *t = peek(ps);

		if (t->type == T_END && top)
			break;
		if (ends_list(t)) {
			if (!n->left)
				return fail(ps), NULL; /* an empty list */
			break;
		}
		struct node *item = and_or(ps);

		if (!item)
			return NULL;
		if (peek(ps)->type == T_AMP) {
			struct node *bg = new_node(ps, N_BACKGROUND, ps->pos);

			if (!bg)
				return NULL;
			bg->left = item;
			bg->src = item->src;
			bg->src_len = item->src_len;
			item = bg;
		}
		*tail = item;
		tail = &item->next;
		t = peek(ps);
		if (t->type == T_SEMI || t->type == T_AMP || t->type == T_NEWLINE) {
			ps->pos++;
			continue;
		}
		if (t->type == T_END && top)
			break;
		if (!ends_list(t))
			return fail(ps), NULL;
	}
	return n;
}

int parse_open_text;

int parse(const char *text, size_t len, struct node **tree, struct pool **poolp)
{
	struct parser ps = { .alias_next = -1 };
	struct pool *pool = pool_new();
	char *copy;
	int r;

	*tree = NULL;
	*poolp = NULL;
	if (!pool || !(copy = pool_strndup(pool, text, len))) {
		pool_release(pool);
		fprintf(stderr, "sh: out of memory\n");
		return PARSE_ERROR;
	}
	ps.pool = pool;
	r = lex(pool, copy, &ps.toks, &ps.n);
	parse_open_text = r == PARSE_INCOMPLETE;
	if (r != PARSE_OK) {
		pool_release(pool);
		return r;
	}
	struct node *n = list(&ps, 1);

	if (n && !ps.failed && peek(&ps)->type != T_END)
		fail(&ps); /* a closer with nothing open: "fi", ")" */
	free(ps.toks);
	if (!n || ps.failed) {
		pool_release(pool);
		return ps.failed ? ps.failed : PARSE_ERROR;
	}
	*tree = n;
	*poolp = pool;
	return PARSE_OK;
}
