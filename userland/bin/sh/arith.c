/* sh: arithmetic expansion, $((...)): C's integer expressions on long,
 * as POSIX asks: constants (decimal, 0x hex, 0 octal), variables by name
 * (unset or empty is 0), ( ), unary + - ! ~, * / %, + -, << >>,
 * < <= > >=, == !=, &, ^, |, &&, || (short-circuit), ?: and the
 * assignments = *= /= %= += -= <<= >>= &= ^= |=. Division by zero is an
 * error. A recursive-descent parser that evaluates as it goes; `skip`
 * parses without side effects (the untaken side of && || ?:). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

struct arith {
	const char *p;
	int skip;
	const char *error;
};

static void blanks(struct arith *a)
{
	while (isspace((unsigned char)*a->p))
		a->p++;
}

static int next_is(struct arith *a, const char *op)
{
	size_t n = strlen(op);

	blanks(a);
	if (strncmp(a->p, op, n) != 0)
		return 0;
	/* "<" is not the start of "<<" or "<=", "&" not of "&&"... */
	if (n == 1 && a->p[1] && strchr("<>&|=", op[0]) && (a->p[1] == op[0] || a->p[1] == '='))
		return 0;
	if (n == 1 && strchr("*/%+-^!", op[0]) && a->p[1] == '=')
		return 0;
	if (n == 2 && op[1] != '=' && a->p[2] == '=' && strchr("<>", op[0]))
		return 0;
	a->p += n;
	return 1;
}

static long assignment(struct arith *a);

static long variable(struct arith *a, char *name)
{
	const char *v = var_get(name);
	char *end;
	long n;

	if (!v || !*v)
		return 0;
	n = strtol(v, &end, 0);
	while (isspace((unsigned char)*end))
		end++;
	if (*end && !a->error)
		a->error = "bad number";
	return n;
}

static long primary(struct arith *a, char *name)
{
	blanks(a);
	name[0] = '\0';
	if (*a->p == '(') {
		a->p++;
		long v = assignment(a);

		blanks(a);
		if (*a->p != ')') {
			if (!a->error)
				a->error = "missing ')'";
			return 0;
		}
		a->p++;
		return v;
	}
	if (isdigit((unsigned char)*a->p)) {
		char *end;
		long v = strtol(a->p, &end, 0);

		if (isalnum((unsigned char)*end) && !a->error)
			a->error = "bad number";
		a->p = end;
		return v;
	}
	if (isalpha((unsigned char)*a->p) || *a->p == '_') {
		int n = 0;

		while ((isalnum((unsigned char)a->p[n]) || a->p[n] == '_') && n < 127) {
			name[n] = a->p[n];
			n++;
		}
		name[n] = '\0';
		a->p += n;
		return variable(a, name);
	}
	if (!a->error)
		a->error = *a->p ? "syntax error" : "missing operand";
	return 0;
}

static long unary(struct arith *a, char *name)
{
	blanks(a);
	if (*a->p == '+' || *a->p == '-' || *a->p == '!' || *a->p == '~') {
		char op = *a->p++;
		char ignored[128];
		long v = unary(a, ignored);

		name[0] = '\0';
		return op == '-' ? -v : op == '!' ? !v : op == '~' ? ~v : v;
	}
	return primary(a, name);
}

static long binary(struct arith *a, int level);

/* Binary operators by precedence, loosest first. */
static const char *const levels[][5] = {
	{ "||" }, { "&&" }, { "|" }, { "^" }, { "&" }, { "==", "!=" },
	{ "<=", ">=", "<", ">" }, { "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
};
#define NLEVELS (int)(sizeof levels / sizeof levels[0])

static long apply(struct arith *a, const char *op, long l, long r)
{
	if ((op[0] == '/' || op[0] == '%') && r == 0) {
		if (!a->skip && !a->error)
			a->error = "division by zero";
		return 0;
	}
	switch (op[0]) {
	case '*': return l * r;
	case '/': return l / r;
	case '%': return l % r;
	case '+': return l + r;
	case '-': return l - r;
	case '<': return op[1] == '<' ? (long)((unsigned long)l << (r & 63)) : op[1] == '=' ? l <= r : l < r;
	case '>': return op[1] == '>' ? l >> (r & 63) : op[1] == '=' ? l >= r : l > r;
	case '=': return l == r;
	case '!': return l != r;
	case '&': return l & r;
	case '^': return l ^ r;
	case '|': return l | r;
	}
	return 0;
}

static long binary(struct arith *a, int level)
{
	char name[128];

	if (level == NLEVELS)
		return unary(a, name);
	long l = binary(a, level + 1);

	for (;;) {
		const char *op = NULL;

		for (int i = 0; i < 5 && levels[level][i]; i++)
			if (next_is(a, levels[level][i])) {
				op = levels[level][i];
				break;
			}
		if (!op)
			return l;
		if (strcmp(op, "&&") == 0 || strcmp(op, "||") == 0) {
			int decided = op[0] == '&' ? !l : !!l, saved = a->skip;

			a->skip |= decided;
			long r = binary(a, level + 1);

			a->skip = saved;
			l = decided ? op[0] == '|' : !!r;
			continue;
		}
		l = apply(a, op, l, binary(a, level + 1));
	}
}

static long conditional(struct arith *a)
{
	long c = binary(a, 0);

	if (!next_is(a, "?"))
		return c;
	int saved = a->skip;

	a->skip = saved || !c;
	long t = assignment(a);

	a->skip = saved;
	if (!next_is(a, ":")) {
		if (!a->error)
			a->error = "missing ':'";
		return 0;
	}
	a->skip = saved || c;
	long f = conditional(a);

	a->skip = saved;
	return c ? t : f;
}

static long assignment(struct arith *a)
{
	static const char *const ops[] = { "=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=", NULL };
	const char *start = a->p;
	char name[128];

	unary(a, name);
	if (name[0] && !a->error) {
		blanks(a);
		for (int i = 0; ops[i]; i++) {
			size_t n = strlen(ops[i]);

			if (strncmp(a->p, ops[i], n) != 0 || (n == 1 && a->p[1] == '='))
				continue;
			a->p += n;
			long r = assignment(a);
			long v = r;

			if (n > 1) {
				char op[3] = { ops[i][0], n == 3 ? ops[i][1] : 0, 0 };

				v = apply(a, op, variable(a, name), r);
			}
			if (!a->skip && !a->error) {
				char text[24];

				snprintf(text, sizeof text, "%ld", v);
				var_set(name, text, 0);
			}
			return v;
		}
	}
	a->p = start;
	a->error = NULL;
	return conditional(a);
}

int arith_eval(const char *expr, long *value)
{
	struct arith a = { expr, 0, NULL };

	*value = assignment(&a);
	blanks(&a);
	if (!a.error && *a.p)
		a.error = "syntax error";
	if (a.error) {
		fprintf(stderr, "sh: arithmetic expression: %s: \"%s\"\n", a.error, expr);
		return 0;
	}
	return 1;
}
