/* test EXPRESSION, [ EXPRESSION ]: POSIX test. Status 0 when true, 1 when
 * false, 2 on a malformed expression. Primaries: -e -f -d -r -w -x -s -L
 * -h -p -b -c -S FILE, -z -n STRING, STRING, S1 = S2, S1 != S2, N1 -eq
 * -ne -lt -le -gt -ge N2, F1 -nt -ot F2; and ! E, ( E ), E -a E, E -o E
 * (-a binds tighter than -o). With 1 to 4 arguments, POSIX's rules by
 * argument count decide first, so `test -n` and `test ! =` mean what
 * POSIX says. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static char **args;
static int nargs, pos;

static void fail(const char *what, const char *arg)
{
	fprintf(stderr, "test: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
	exit(2);
}

static long long integer(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (!*s || *end || errno)
		fail("integer expression expected", s);
	return v;
}

static int unary_file(char op, const char *path)
{
	struct stat st;

	if (op == 'L' || op == 'h')
		return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
	if (stat(path, &st) < 0)
		return 0;
	switch (op) {
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	case 'b': return S_ISBLK(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'S': return S_ISSOCK(st.st_mode);
	case 's': return st.st_size > 0;
	case 'r': return access(path, R_OK) == 0;
	case 'w': return access(path, W_OK) == 0;
	case 'x': return access(path, X_OK) == 0;
	}
	return 0;
}

static int is_unary(const char *s)
{
	return s[0] == '-' && s[1] && !s[2] && strchr("efdpbcSsrwxLhzn", s[1]);
}

static int is_binary(const char *s)
{
	static const char *const ops[] = { "=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "<", ">" };

	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(s, ops[i]) == 0)
			return 1;
	return 0;
}

static long long mtime_ns(const char *path, int *ok)
{
	struct stat st;

	*ok = stat(path, &st) == 0;
	return *ok ? st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec : 0;
}

static int binary(const char *a, const char *op, const char *b)
{
	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(a, b) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(a, b) != 0;
	if (strcmp(op, "<") == 0)
		return strcmp(a, b) < 0;
	if (strcmp(op, ">") == 0)
		return strcmp(a, b) > 0;
	if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0) {
		int oka, okb;
		long long ta = mtime_ns(a, &oka), tb = mtime_ns(b, &okb);

		if (op[1] == 'n')
			return oka && (!okb || ta > tb);
		return okb && (!oka || ta < tb);
	}
	long long x = integer(a), y = integer(b);

	if (strcmp(op, "-eq") == 0) return x == y;
	if (strcmp(op, "-ne") == 0) return x != y;
	if (strcmp(op, "-lt") == 0) return x < y;
	if (strcmp(op, "-le") == 0) return x <= y;
	if (strcmp(op, "-gt") == 0) return x > y;
	return x >= y;
}

static int or_expr(void);

static const char *next(void)
{
	if (pos >= nargs)
		fail("argument expected", NULL);
	return args[pos++];
}

static int primary(void)
{
	const char *a = next();

	if (strcmp(a, "!") == 0)
		return !primary();
	if (strcmp(a, "(") == 0) {
		int v = or_expr();

		if (pos >= nargs || strcmp(args[pos], ")") != 0)
			fail("')' expected", NULL);
		pos++;
		return v;
	}
	if (pos + 1 < nargs && is_binary(args[pos])) {
		const char *op = args[pos++];

		return binary(a, op, next());
	}
	if (is_unary(a) && pos < nargs) {
		const char *operand = next();

		if (a[1] == 'z')
			return operand[0] == '\0';
		if (a[1] == 'n')
			return operand[0] != '\0';
		return unary_file(a[1], operand);
	}
	return a[0] != '\0';
}

static int and_expr(void)
{
	int v = primary();

	while (pos < nargs && strcmp(args[pos], "-a") == 0) {
		pos++;
		v = primary() && v;
	}
	return v;
}

static int or_expr(void)
{
	int v = and_expr();

	while (pos < nargs && strcmp(args[pos], "-o") == 0) {
		pos++;
		v = and_expr() || v;
	}
	return v;
}

/* POSIX's rules for 0 to 4 arguments; -1 when they do not decide. */
static int by_count(void)
{
	switch (nargs) {
	case 0:
		return 0;
	case 1:
		return args[0][0] != '\0';
	case 2:
		if (strcmp(args[0], "!") == 0)
			return args[1][0] == '\0';
		if (is_unary(args[0])) {
			pos = 0;
			return primary();
		}
		fail("unary operator expected", args[0]);
		break;
	case 3:
		if (is_binary(args[1]))
			return binary(args[0], args[1], args[2]);
		if (strcmp(args[0], "!") == 0) {
			args++, nargs--;
			return !by_count();
		}
		if (strcmp(args[0], "(") == 0 && strcmp(args[2], ")") == 0)
			return args[1][0] != '\0';
		break;
	case 4:
		if (strcmp(args[0], "!") == 0) {
			args++, nargs--;
			return !by_count();
		}
		break;
	}
	return -1;
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];

	args = argv + 1;
	nargs = argc - 1;
	if (strcmp(name, "[") == 0) {
		if (nargs == 0 || strcmp(args[nargs - 1], "]") != 0)
			fail("missing ']'", NULL);
		nargs--;
	}
	int v = by_count();

	if (v >= 0)
		return !v;
	pos = 0;
	v = or_expr();
	if (pos < nargs)
		fail("extra argument", args[pos]);
	return !v;
}
