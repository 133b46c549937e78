/* sh: compound commands, on top of the line parser: if/elif/else/fi,
 * while/until ... do ... done and for NAME [in WORDS]; do ... done,
 * nested, on one line or over several. main.c collects the lines of a
 * compound command (prompting "> ") until its keywords balance, then
 * runs the text here: it is cut into words and separators (';' and
 * newlines, outside quotes), keywords are recognised where a command
 * starts, and every other command list is handed to the line parser
 * (parse.c) and run as a line. Not here: case, functions, break and
 * continue, a compound command inside a pipeline or before && / ||, and
 * here-documents inside compound commands. */
#include <stdio.h>
#include <string.h>
#include "sh.h"

#define MAX_TOKS 1024
#define COMPOUND_SIZE (4 * SH_MAX_LINE)

struct tok {
	const char *text;
	int len;
	int sep; /* ';' or newline */
};

struct compound {
	const char *src;
	struct tok toks[MAX_TOKS];
	int n, pos;
	int error;
};

static int is_word(const struct tok *t, const char *kw)
{
	return !t->sep && (int)strlen(kw) == t->len && strncmp(t->text, kw, t->len) == 0;
}

static int is_opener(const struct tok *t)
{
	return is_word(t, "if") || is_word(t, "while") || is_word(t, "until") || is_word(t, "for");
}

static int is_closer(const struct tok *t)
{
	return is_word(t, "fi") || is_word(t, "done");
}

/* Cuts text into words and separators; -1 when it holds too many. */
static int tokenize(struct compound *c, const char *text)
{
	const char *p = text;

	c->src = text;
	c->n = c->pos = 0;
	c->error = 0;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
			continue;
		}
		if (*p == '#') { /* a comment to the end of the line */
			while (*p && *p != '\n')
				p++;
			continue;
		}
		if (c->n == MAX_TOKS - 1)
			return -1;
		struct tok *t = &c->toks[c->n++];

		t->text = p;
		if (*p == ';' || *p == '\n') {
			t->sep = 1;
			t->len = 1;
			p++;
			continue;
		}
		t->sep = 0;
		while (*p && !strchr(" \t\r\n;", *p)) {
			if (*p == '\\' && p[1]) {
				p += 2;
			} else if (*p == '\'' || *p == '"') {
				char quote = *p++;

				while (*p && *p != quote)
					p += (quote == '"' && *p == '\\' && p[1]) ? 2 : 1;
				if (*p)
					p++;
			} else if (*p == '$' && p[1] == '{') {
				while (*p && *p != '}')
					p++;
				if (*p)
					p++;
			} else {
				p++;
			}
		}
		t->len = (int)(p - t->text);
	}
	return 0;
}

/* Counts the compound commands text opens and closes: *openers gets how
 * many start; the result is how many are still open. */
static int balance(const char *text, int *openers)
{
	static struct compound c;
	int depth = 0, at_start = 1;

	*openers = 0;
	if (tokenize(&c, text) < 0)
		return 0;
	for (int i = 0; i < c.n; i++) {
		const struct tok *t = &c.toks[i];

		if (t->sep) {
			at_start = 1;
			continue;
		}
		if (at_start && is_opener(t)) {
			depth++;
			(*openers)++;
		} else if (at_start && is_closer(t)) {
			depth--;
		}
		/* after these a command starts on the same line */
		at_start = is_word(t, "then") || is_word(t, "do") || is_word(t, "else") ||
			   is_word(t, "elif") || is_word(t, "if") || is_word(t, "while") || is_word(t, "until");
	}
	return depth;
}

int compound_starts(const char *line)
{
	int openers;

	balance(line, &openers);
	return openers > 0;
}

int compound_depth(const char *text)
{
	int openers;

	return balance(text, &openers);
}

static const struct tok *peek(struct compound *c)
{
	static const struct tok end = { "", 0, 1 };

	return c->pos < c->n ? &c->toks[c->pos] : &end;
}

static void skip_separators(struct compound *c)
{
	while (c->pos < c->n && c->toks[c->pos].sep)
		c->pos++;
}

static int syntax_error(struct compound *c)
{
	const struct tok *t = peek(c);

	if (!c->error) {
		if (c->pos >= c->n)
			fprintf(stderr, "sh: syntax error: unexpected end of input\n");
		else
			fprintf(stderr, "sh: syntax error near '%.*s'\n", t->len, t->text);
	}
	c->error = 1;
	return -1;
}

/* Runs (when run is set) or skips one command: a compound command, or the
 * simple commands up to the next separator. */
static int command(struct compound *c, int run);

/* A list of commands up to one of the keywords in stops (NULL-ended),
 * which is left unread. */
static int list(struct compound *c, int run, const char *const *stops)
{
	for (;;) {
		skip_separators(c);
		if (c->pos >= c->n)
			return syntax_error(c);
		for (int i = 0; stops[i]; i++)
			if (is_word(peek(c), stops[i]))
				return 0;
		if (command(c, run && !interrupted && !expand_fatal) < 0)
			return -1;
	}
}

static int expect(struct compound *c, const char *kw)
{
	skip_separators(c);
	if (!is_word(peek(c), kw))
		return syntax_error(c);
	c->pos++;
	return 0;
}

static int if_command(struct compound *c, int run)
{
	static const char *const then_[] = { "then", NULL };
	static const char *const branch[] = { "elif", "else", "fi", NULL };
	static const char *const fi[] = { "fi", NULL };
	int taken = 0, status = 0;

	c->pos++; /* if */
	for (;;) {
		if (list(c, run && !taken, then_) < 0 || expect(c, "then") < 0)
			return -1;
		int chosen = run && !taken && last_status == 0;

		if (list(c, chosen, branch) < 0)
			return -1;
		if (chosen) {
			taken = 1;
			status = last_status;
		}
		if (is_word(peek(c), "elif")) {
			c->pos++;
			continue;
		}
		break;
	}
	if (is_word(peek(c), "else")) {
		c->pos++;
		if (list(c, run && !taken, fi) < 0)
			return -1;
		if (run && !taken) {
			taken = 1;
			status = last_status;
		}
	}
	if (expect(c, "fi") < 0)
		return -1;
	if (run)
		last_status = taken ? status : 0;
	return 0;
}

static int loop_command(struct compound *c, int run)
{
	static const char *const do_[] = { "do", NULL };
	static const char *const done[] = { "done", NULL };
	int until = is_word(peek(c), "until"), start = ++c->pos, status = 0;

	for (;;) {
		c->pos = start;
		if (list(c, run, do_) < 0 || expect(c, "do") < 0)
			return -1;
		int go = run && !interrupted && !expand_fatal && ((last_status == 0) != until);

		if (list(c, go, done) < 0 || expect(c, "done") < 0)
			return -1;
		if (!go)
			break;
		status = last_status;
	}
	if (run)
		last_status = status;
	return 0;
}

static int for_command(struct compound *c, int run)
{
	static const char *const done[] = { "done", NULL };
	char *values[MAX_WORDS + 1];
	int nvalues = 0, status = 0;

	c->pos++; /* for */
	const struct tok *name = peek(c);

	if (name->sep || !is_name(name->text, name->len))
		return syntax_error(c);
	char var[128];

	snprintf(var, sizeof var, "%.*s", name->len, name->text);
	c->pos++;
	if (is_word(peek(c), "in")) {
		c->pos++;
		expand_reset();
		for (; !peek(c)->sep; c->pos++) {
			struct word w = { peek(c)->text, peek(c)->len };

			if (run && (nvalues = expand_fields(&w, values, nvalues, MAX_WORDS)) < 0)
				return -1;
		}
	} else if (run) {
		for (int i = 1; i <= positional_count() && nvalues < MAX_WORDS; i++)
			values[nvalues++] = (char *)positional_get(i);
	}
	/* The values live in the expansion buffer, which the body reuses. */
	static char saved[COMPOUND_SIZE];
	size_t used = 0;

	for (int i = 0; run && i < nvalues; i++) {
		size_t n = strlen(values[i]) + 1;

		if (used + n > sizeof saved) {
			fprintf(stderr, "sh: for: the words are too long\n");
			return -1;
		}
		memcpy(saved + used, values[i], n);
		values[i] = saved + used;
		used += n;
	}
	if (expect(c, "do") < 0)
		return -1;
	int body = c->pos;

	for (int i = 0; run && i < nvalues && !interrupted && !expand_fatal; i++) {
		c->pos = body;
		var_set(var, values[i], 0);
		if (list(c, 1, done) < 0)
			return -1;
		status = last_status;
	}
	c->pos = body;
	if (list(c, 0, done) < 0 || expect(c, "done") < 0)
		return -1;
	if (run)
		last_status = status; /* 0 when there was nothing to do */
	return 0;
}

static int command(struct compound *c, int run)
{
	static struct script script;
	static char line[SH_MAX_LINE];
	const struct tok *t = peek(c);

	if (is_word(t, "if"))
		return if_command(c, run);
	if (is_word(t, "while") || is_word(t, "until"))
		return loop_command(c, run);
	if (is_word(t, "for"))
		return for_command(c, run);
	if (is_closer(t) || is_word(t, "then") || is_word(t, "do") || is_word(t, "else") || is_word(t, "elif"))
		return syntax_error(c);
	const char *start = t->text;
	const char *end = start;

	for (; c->pos < c->n && !c->toks[c->pos].sep; c->pos++)
		end = c->toks[c->pos].text + c->toks[c->pos].len;
	if (!run)
		return 0;
	if (end - start >= (long)sizeof line) {
		fprintf(stderr, "sh: line too long\n");
		last_status = 2;
		return 0;
	}
	memcpy(line, start, end - start);
	line[end - start] = '\0';
	if (parse_line(line, &script) < 0)
		last_status = 2;
	else if (script.nheredocs > 0) {
		fprintf(stderr, "sh: here-documents inside if, while and for are not supported\n");
		last_status = 2;
	} else
		run_script(&script);
	return 0;
}

void compound_run(const char *text)
{
	static struct compound c;

	if (tokenize(&c, text) < 0) {
		fprintf(stderr, "sh: compound command too long\n");
		last_status = 2;
		return;
	}
	/* Checked whole first, so a syntax error runs nothing. */
	while (c.pos < c.n) {
		skip_separators(&c);
		if (c.pos < c.n && command(&c, 0) < 0) {
			last_status = 2;
			return;
		}
	}
	c.pos = 0;
	while (c.pos < c.n && !interrupted && !expand_fatal) {
		skip_separators(&c);
		if (c.pos < c.n && command(&c, 1) < 0) {
			last_status = 2;
			return;
		}
	}
}
