/* regcomp: parses a BRE or ERE into a tree, then emits a program for the
 * matchers in regex-exec.c (see regex-program.h). Sizes are bounded: a
 * pattern whose program would exceed MAX_PROGRAM instructions (large
 * counted repetitions) fails with REG_ESIZE instead of eating memory. */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "char-class.h"
#include "regex-program.h"

#define MAX_PROGRAM 100000
#define MAX_DEPTH   500

enum { N_EMPTY, N_CHAR, N_ANY, N_SET, N_ASSERT, N_BACKREF, N_CAT, N_ALT,
       N_REPEAT, N_GROUP };

struct node {
	int type;
	int a, b;   /* char / set / op / group; repeat min and max (-1) */
	int child;  /* first child (CAT, ALT), the child (REPEAT, GROUP) */
	int next;   /* next sibling in a CAT or ALT list, or -1 */
};

struct parser {
	const char *p, *end;
	int ere, icase, newline;
	int err;
	int depth;
	int nsub;        /* groups opened so far */
	unsigned closed[4]; /* groups 1..9 closed (for back-references) */
	struct node *nodes;
	int nnodes, cap;
	struct re_prog *prog;
	int setcap;
};

static int new_node(struct parser *ps, int type, int a, int b)
{
	if (ps->nnodes == ps->cap) {
		int cap = ps->cap ? ps->cap * 2 : 64;
		struct node *n;

		if (cap > 4 * MAX_PROGRAM) {
			ps->err = REG_ESIZE;
			return -1;
		}
		n = realloc(ps->nodes, (size_t)cap * sizeof(*n));
		if (!n) {
			ps->err = REG_ESPACE;
			return -1;
		}
		ps->nodes = n;
		ps->cap = cap;
	}
	ps->nodes[ps->nnodes] = (struct node){ type, a, b, -1, -1 };
	return ps->nnodes++;
}

static int new_set(struct parser *ps)
{
	struct re_prog *pr = ps->prog;

	if (pr->nsets == ps->setcap) {
		int cap = ps->setcap ? ps->setcap * 2 : 8;
		unsigned char (*s)[32] = realloc(pr->sets, (size_t)cap * 32);

		if (!s) {
			ps->err = REG_ESPACE;
			return -1;
		}
		pr->sets = s;
		ps->setcap = cap;
	}
	memset(pr->sets[pr->nsets], 0, 32);
	return pr->nsets++;
}

static void set_add(struct parser *ps, int set, int c)
{
	unsigned char *bits = ps->prog->sets[set];

	bits[c >> 3] |= (unsigned char)(1 << (c & 7));
	if (ps->icase && isalpha(c)) {
		int o = islower(c) ? toupper(c) : tolower(c);

		bits[o >> 3] |= (unsigned char)(1 << (o & 7));
	}
}

static int class_set(struct parser *ps, __char_class_fn fn, int underscore,
		     int negate)
{
	int s = new_set(ps);

	if (s < 0)
		return -1;
	for (int c = 0; c < 256; c++) {
		int in = fn(c) || (underscore && c == '_');

		if (in != negate)
			set_add(ps, s, c);
	}
	return new_node(ps, N_SET, s, 0);
}

static int is_space(int c) { return isspace(c); }

/* [...]: the position is just after '['. */
static int bracket(struct parser *ps)
{
	int s = new_set(ps), negate = 0, first = 1;
	unsigned char in[32] = { 0 };

	if (s < 0)
		return -1;
	if (ps->p < ps->end && *ps->p == '^') {
		negate = 1;
		ps->p++;
	}
	for (;; first = 0) {
		int lo, hi;

		if (ps->p >= ps->end) {
			ps->err = REG_EBRACK;
			return -1;
		}
		if (*ps->p == ']' && !first) {
			ps->p++;
			break;
		}
		if (ps->p[0] == '[' && ps->p + 1 < ps->end &&
		    (ps->p[1] == ':' || ps->p[1] == '=' || ps->p[1] == '.')) {
			char kind = ps->p[1];
			const char *name = ps->p + 2, *q = name;

			while (q + 1 < ps->end && !(q[0] == kind && q[1] == ']'))
				q++;
			if (q + 1 >= ps->end) {
				ps->err = REG_EBRACK;
				return -1;
			}
			ps->p = q + 2;
			if (kind == ':') {
				__char_class_fn fn =
					__char_class(name, (size_t)(q - name));

				if (!fn) {
					ps->err = REG_ECTYPE;
					return -1;
				}
				for (int c = 0; c < 256; c++)
					if (fn(c) || (ps->icase && isalpha(c) &&
						      (fn(tolower(c)) ||
						       fn(toupper(c)))))
						in[c >> 3] |= (unsigned char)(1 << (c & 7));
				continue;
			}
			/* [=c=] and [.c.]: one character in the C locale */
			if (q - name != 1) {
				ps->err = REG_ECOLLATE;
				return -1;
			}
			lo = (unsigned char)*name;
		} else {
			lo = (unsigned char)*ps->p++;
		}
		hi = lo;
		if (ps->p + 1 < ps->end && ps->p[0] == '-' && ps->p[1] != ']') {
			ps->p++;
			if (ps->p[0] == '[' && ps->p + 1 < ps->end &&
			    ps->p[1] == '.') {
				if (ps->p + 4 >= ps->end || ps->p[3] != '.' ||
				    ps->p[4] != ']') {
					ps->err = REG_ECOLLATE;
					return -1;
				}
				hi = (unsigned char)ps->p[2];
				ps->p += 5;
			} else {
				hi = (unsigned char)*ps->p++;
			}
			if (hi < lo) {
				ps->err = REG_ERANGE;
				return -1;
			}
		}
		for (int c = lo; c <= hi; c++) {
			in[c >> 3] |= (unsigned char)(1 << (c & 7));
			if (ps->icase && isalpha(c)) {
				int o = islower(c) ? toupper(c) : tolower(c);

				in[o >> 3] |= (unsigned char)(1 << (o & 7));
			}
		}
	}
	for (int c = 0; c < 256; c++) {
		int member = (in[c >> 3] >> (c & 7)) & 1;

		if (negate && ps->newline && c == '\n')
			member = 1; /* a non-matching list never matches \n */
		if (member != negate)
			ps->prog->sets[s][c >> 3] |= (unsigned char)(1 << (c & 7));
	}
	return new_node(ps, N_SET, s, 0);
}

static int parse_alt(struct parser *ps);

/* The end of a BRE branch: end of pattern, "\)" or "\|". */
static int bre_branch_end(const struct parser *ps, const char *p)
{
	return p >= ps->end ||
	       (p[0] == '\\' && p + 1 < ps->end && (p[1] == ')' || p[1] == '|'));
}

static int literal(struct parser *ps, int c)
{
	if (ps->icase && isalpha(c)) {
		int s = new_set(ps);

		if (s < 0)
			return -1;
		set_add(ps, s, c);
		return new_node(ps, N_SET, s, 0);
	}
	return new_node(ps, N_CHAR, c, 0);
}

static int group(struct parser *ps)
{
	int g = ++ps->nsub, n, body;

	if (++ps->depth > MAX_DEPTH) {
		ps->err = REG_ESPACE;
		return -1;
	}
	body = parse_alt(ps);
	if (body < 0)
		return -1;
	if (ps->ere ? (ps->p >= ps->end || *ps->p != ')')
		    : (ps->p + 1 >= ps->end || ps->p[0] != '\\' ||
		       ps->p[1] != ')')) {
		ps->err = REG_EPAREN;
		return -1;
	}
	ps->p += ps->ere ? 1 : 2;
	ps->depth--;
	if (g < 32 * 4)
		ps->closed[g / 32] |= 1u << (g % 32);
	n = new_node(ps, N_GROUP, g, 0);
	if (n >= 0)
		ps->nodes[n].child = body;
	return n;
}

static int escape(struct parser *ps)
{
	int c;

	if (ps->p >= ps->end) {
		ps->err = REG_EESCAPE;
		return -1;
	}
	c = (unsigned char)*ps->p++;
	switch (c) {
	case 'w': return class_set(ps, isalnum, 1, 0);
	case 'W': return class_set(ps, isalnum, 1, 1);
	case 's': return class_set(ps, is_space, 0, 0);
	case 'S': return class_set(ps, is_space, 0, 1);
	case 'b': return new_node(ps, N_ASSERT, RE_WORDB, 0);
	case 'B': return new_node(ps, N_ASSERT, RE_NWORDB, 0);
	case '<': return new_node(ps, N_ASSERT, RE_WBEG, 0);
	case '>': return new_node(ps, N_ASSERT, RE_WEND, 0);
	case '`': return new_node(ps, N_ASSERT, RE_BUFBEG, 0);
	case '\'': return new_node(ps, N_ASSERT, RE_BUFEND, 0);
	}
	if (c >= '1' && c <= '9') {
		int g = c - '0';

		if (!(ps->closed[0] & (1u << g))) {
			ps->err = REG_ESUBREG;
			return -1;
		}
		ps->prog->backrefs = 1;
		return new_node(ps, N_BACKREF, g, 0);
	}
	return literal(ps, c);
}

static int atom(struct parser *ps, int branch_start)
{
	int c = (unsigned char)*ps->p++;

	if (ps->ere) {
		switch (c) {
		case '(': return group(ps);
		case '.': return new_node(ps, N_ANY, ps->newline, 0);
		case '^': return new_node(ps, N_ASSERT, RE_BOL, 0);
		case '$': return new_node(ps, N_ASSERT, RE_EOL, 0);
		case '[': return bracket(ps);
		case '\\': return escape(ps);
		case '*': case '+': case '?':
			ps->err = REG_BADRPT;
			return -1;
		case '{':
			if (ps->p < ps->end &&
			    (isdigit((unsigned char)*ps->p) || *ps->p == ',')) {
				ps->err = REG_BADRPT;
				return -1;
			}
			break;
		}
		return literal(ps, c);
	}
	switch (c) {
	case '.': return new_node(ps, N_ANY, ps->newline, 0);
	case '[': return bracket(ps);
	case '^':
		if (branch_start)
			return new_node(ps, N_ASSERT, RE_BOL, 0);
		break;
	case '$':
		if (bre_branch_end(ps, ps->p))
			return new_node(ps, N_ASSERT, RE_EOL, 0);
		break;
	case '\\':
		if (ps->p < ps->end && *ps->p == '(') {
			ps->p++;
			return group(ps);
		}
		if (ps->p < ps->end && *ps->p == '{') {
			ps->err = REG_BADRPT;
			return -1;
		}
		return escape(ps);
	}
	return literal(ps, c); /* includes '*' at the start of a branch */
}

/* A repetition count: digits up to ',' or the closing brace. Anything else
 * makes it invalid (-2), but the scan goes on to the brace, like glibc's,
 * so the error depends on whether the brace is there. -1: no digits. */
static int number(struct parser *ps)
{
	int n = -1;

	while (ps->p < ps->end && *ps->p != ',' && *ps->p != '}' &&
	       !(!ps->ere && ps->p[0] == '\\' && ps->p + 1 < ps->end &&
		 ps->p[1] == '}')) {
		char c = *ps->p++;

		if (n == -2 || c < '0' || c > '9')
			n = -2;
		else if ((n = (n < 0 ? 0 : n) * 10 + (c - '0')) > RE_DUP_MAX)
			n = RE_DUP_MAX + 1;
	}
	return n;
}

/* {m}, {m,}, {m,n} (ERE) or \{...\} (BRE): after the opening brace. */
static int interval(struct parser *ps, int *min, int *max)
{
	*min = number(ps);
	*max = *min;
	if (ps->p < ps->end && *ps->p == ',') {
		ps->p++;
		*max = number(ps);
	}
	if (!ps->ere && ps->p < ps->end && *ps->p == '\\')
		ps->p++;
	if (ps->p >= ps->end) {
		ps->err = REG_EBRACE;
		return -1;
	}
	if (*min == -1)
		*min = 0;
	if (*min == -2 || *max == -2 || (*max >= 0 && *max < *min) ||
	    *min > RE_DUP_MAX || *max > RE_DUP_MAX) {
		ps->err = REG_BADBR;
		return -1;
	}
	ps->p++;
	return 0;
}

static int piece(struct parser *ps, int branch_start)
{
	int n = atom(ps, branch_start);

	/* In a BRE, a '*' after a leading '^' is a literal, not a repeat. */
	if (n >= 0 && !ps->ere && ps->nodes[n].type == N_ASSERT &&
	    ps->nodes[n].a == RE_BOL)
		return n;
	while (n >= 0 && ps->p < ps->end) {
		int min, max, r;
		char c = *ps->p;

		if (c == '*') {
			ps->p++;
			min = 0, max = -1;
		} else if (ps->ere && (c == '+' || c == '?')) {
			ps->p++;
			min = c == '+', max = c == '+' ? -1 : 1;
		} else if (ps->ere && c == '{') {
			ps->p++;
			if (interval(ps, &min, &max) < 0)
				return -1;
		} else if (!ps->ere && c == '\\' && ps->p + 1 < ps->end &&
			   (ps->p[1] == '+' || ps->p[1] == '?')) {
			min = ps->p[1] == '+', max = ps->p[1] == '+' ? -1 : 1;
			ps->p += 2;
		} else if (!ps->ere && c == '\\' && ps->p + 1 < ps->end &&
			   ps->p[1] == '{') {
			ps->p += 2;
			if (interval(ps, &min, &max) < 0)
				return -1;
		} else {
			break;
		}
		r = new_node(ps, N_REPEAT, min, max);
		if (r < 0)
			return -1;
		ps->nodes[r].child = n;
		n = r;
	}
	return n;
}

static int at_branch_end(const struct parser *ps)
{
	if (ps->p >= ps->end)
		return 1;
	if (ps->ere)
		return *ps->p == '|' || (*ps->p == ')' && ps->depth > 0);
	return bre_branch_end(ps, ps->p);
}

static int parse_branch(struct parser *ps)
{
	int cat = new_node(ps, N_CAT, 0, 0), last = -1, start = 1;

	while (cat >= 0 && !at_branch_end(ps)) {
		int n = piece(ps, start);

		if (n < 0)
			return -1;
		if (last < 0)
			ps->nodes[cat].child = n;
		else
			ps->nodes[last].next = n;
		last = n;
		/* In a BRE, '*' right after a leading '^' is literal too. */
		start = !ps->ere && start && ps->nodes[n].type == N_ASSERT &&
			ps->nodes[n].a == RE_BOL;
	}
	return cat;
}

static int parse_alt(struct parser *ps)
{
	int alt = new_node(ps, N_ALT, 0, 0), last = -1;

	for (;;) {
		int b = parse_branch(ps);

		if (b < 0 || alt < 0)
			return -1;
		if (last < 0)
			ps->nodes[alt].child = b;
		else
			ps->nodes[last].next = b;
		last = b;
		if (ps->ere && ps->p < ps->end && *ps->p == '|') {
			ps->p++;
		} else if (!ps->ere && ps->p + 1 < ps->end && ps->p[0] == '\\' &&
			   ps->p[1] == '|') {
			ps->p += 2;
		} else {
			return alt;
		}
	}
}

/* --- emission --- */

struct emitter {
	struct re_prog *prog;
	const struct node *nodes;
	int cap;
	int mark_base; /* the first mark slot: after the capture slots */
	int err;
};

static int emit(struct emitter *e, int op, int x, int y)
{
	struct re_prog *pr = e->prog;

	if (e->err)
		return -1;
	if (pr->len == e->cap) {
		int cap = e->cap ? e->cap * 2 : 64;
		struct re_inst *c;

		if (cap > MAX_PROGRAM * 2 || pr->len >= MAX_PROGRAM) {
			e->err = REG_ESIZE;
			return -1;
		}
		c = realloc(pr->code, (size_t)cap * sizeof(*c));
		if (!c) {
			e->err = REG_ESPACE;
			return -1;
		}
		pr->code = c;
		e->cap = cap;
	}
	if (pr->len >= MAX_PROGRAM) {
		e->err = REG_ESIZE;
		return -1;
	}
	pr->code[pr->len] = (struct re_inst){ (unsigned char)op, x, y };
	return pr->len++;
}

static void gen(struct emitter *e, int n);

static int has_group(const struct node *nodes, int n)
{
	const struct node *nd = &nodes[n];

	if (nd->type == N_GROUP)
		return 1;
	if (nd->type == N_REPEAT)
		return has_group(nodes, nd->child);
	if (nd->type == N_CAT || nd->type == N_ALT)
		for (int c = nd->child; c >= 0; c = nodes[c].next)
			if (has_group(nodes, c))
				return 1;
	return 0;
}

/* One iteration of a repeat; with a mark slot, one that must consume. */
static void gen_iteration(struct emitter *e, int body, int mark)
{
	if (mark >= 0)
		emit(e, RE_SAVE, mark, 0);
	gen(e, body);
	if (mark >= 0)
		emit(e, RE_PROGRESS, mark, 0);
}

static void gen(struct emitter *e, int n)
{
	const struct node *nd = &e->nodes[n];
	struct re_inst *code;
	int split, jmp, loop;


	if (e->err)
		return;
	switch (nd->type) {
	case N_CHAR: emit(e, RE_CHAR, nd->a, 0); return;
	case N_ANY: emit(e, RE_ANY, nd->a, 0); return;
	case N_SET: emit(e, RE_SET, nd->a, 0); return;
	case N_ASSERT: emit(e, nd->a, 0, 0); return;
	case N_BACKREF: emit(e, RE_BACKREF, nd->a, 0); return;
	case N_CAT:
		for (int c = nd->child; c >= 0; c = e->nodes[c].next)
			gen(e, c);
		return;
	case N_GROUP:
		emit(e, RE_SAVE, 2 * nd->a, 0);
		gen(e, nd->child);
		emit(e, RE_SAVE, 2 * nd->a + 1, 0);
		return;
	case N_ALT: {
		/* SPLIT next-alternative; body; JMP end — chained. */
		int c = nd->child, jumps = -1;

		while (c >= 0 && !e->err) {
			int next = e->nodes[c].next;

			split = next >= 0 ? emit(e, RE_SPLIT, 0, 0) : -1;
			gen(e, c);
			if (next >= 0) {
				jmp = emit(e, RE_JMP, jumps, 0);
				jumps = jmp;
				if (e->err)
					return;
				code = e->prog->code;
				code[split].x = split + 1;
				code[split].y = e->prog->len;
			}
			c = next;
		}
		/* Patch the chain of JMPs (linked through x) to the end. */
		code = e->prog->code;
		while (!e->err && jumps >= 0) {
			int prev = code[jumps].x;

			code[jumps].x = e->prog->len;
			jumps = prev;
		}
		return;
	}
	case N_REPEAT: {
		int min = nd->a, max = nd->b, ends = -1, mark = -1;

		/* Past the first iteration, an iteration that matches the
		 * empty string is not taken (POSIX and glibc: (a*)+ on "aab"
		 * leaves the group at "aa", not at the empty string after it).
		 * That is only visible through captures, so only bodies with
		 * groups pay for the check: a start mark and RE_PROGRESS. */
		if (has_group(e->nodes, nd->child))
			mark = e->mark_base + e->prog->nmarks++;
		for (int i = 0; i < min && !e->err; i++)
			gen_iteration(e, nd->child, i > 0 ? mark : -1);
		if (max < 0 && min == 0 && mark >= 0) {
			/* x* with groups: x? then the guarded loop */
			split = emit(e, RE_SPLIT, 0, 0);
			gen(e, nd->child);
			if (e->err)
				return;
			e->prog->code[split].x = split + 1;
			loop = emit(e, RE_SPLIT, 0, 0);
			gen_iteration(e, nd->child, mark);
			jmp = emit(e, RE_SPLIT, loop + 1, 0);
			if (e->err)
				return;
			code = e->prog->code;
			code[loop].x = loop + 1;
			code[split].y = code[loop].y = code[jmp].y = e->prog->len;
			return;
		}
		if (max < 0) {
			/* x* as (x+)?: SPLIT body, end; body; SPLIT body, end.
			 * An empty iteration still reaches the end through the
			 * body (so (a*)* sets its group on "b", as glibc does). */
			loop = emit(e, RE_SPLIT, 0, 0);
			gen_iteration(e, nd->child, min > 0 ? mark : -1);
			split = emit(e, RE_SPLIT, loop + 1, 0);
			if (e->err)
				return;
			code = e->prog->code;
			code[loop].x = loop + 1;
			code[loop].y = code[split].y = e->prog->len;
			return;
		}
		for (int i = min; i < max && !e->err; i++) {
			split = emit(e, RE_SPLIT, 0, ends);
			ends = split;
			gen_iteration(e, nd->child, i > 0 ? mark : -1);
			if (!e->err)
				e->prog->code[split].x = split + 1;
		}
		code = e->prog->code;
		while (!e->err && ends >= 0) {
			int prev = code[ends].y;

			code[ends].y = e->prog->len;
			ends = prev;
		}
		return;
	}
	}
}

void __regex_free_prog(struct re_prog *pr)
{
	if (!pr)
		return;
	free(pr->code);
	free(pr->sets);
	free(pr);
}

int regcomp(regex_t *re, const char *pattern, int flags)
{
	struct re_prog *pr = calloc(1, sizeof(*pr));
	struct parser ps = {
		.p = pattern, .end = pattern + strlen(pattern),
		.ere = flags & REG_EXTENDED, .icase = !!(flags & REG_ICASE),
		.newline = !!(flags & REG_NEWLINE), .prog = pr,
	};
	struct emitter em = { .prog = pr };
	int root;

	re->__prog = NULL;
	if (!pr)
		return REG_ESPACE;
	pr->cflags = flags;
	root = parse_alt(&ps);
	if (root >= 0 && ps.p < ps.end) /* a ')' or "\)" with no '(' */
		ps.err = REG_EPAREN;
	if (!ps.err) {
		em.nodes = ps.nodes;
		em.mark_base = 2 * (ps.nsub + 1);
		emit(&em, RE_SAVE, 0, 0);
		gen(&em, root);
		emit(&em, RE_SAVE, 1, 0);
		emit(&em, RE_MATCH, 0, 0);
		ps.err = em.err;
	}
	free(ps.nodes);
	if (ps.err) {
		__regex_free_prog(pr);
		return ps.err;
	}
	pr->nsub = ps.nsub;
	re->re_nsub = (size_t)ps.nsub;
	re->__prog = pr;
	return 0;
}

void regfree(regex_t *re)
{
	__regex_free_prog(re->__prog);
	re->__prog = NULL;
}
