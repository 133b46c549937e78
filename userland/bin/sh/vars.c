/* sh: variables and positional parameters. Exported variables live in
 * the environment (setenv/unsetenv), so programs the shell runs get
 * them; the others in a small table of the shell's own. `NAME=VALUE`
 * alone sets a variable (exported if it already was), `export` moves
 * one to the environment, `unset` removes it from both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

#define MAX_LOCALS 128

static char *locals[MAX_LOCALS]; /* "NAME=VALUE" */
static int nlocals;

static char **positional; /* $1.. */
static int npositional;
static const char *name0 = "sh";

int is_name(const char *s, size_t n)
{
	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] == '_' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return 1;
}

static int find_local(const char *name)
{
	size_t n = strlen(name);

	for (int i = 0; i < nlocals; i++)
		if (strncmp(locals[i], name, n) == 0 && locals[i][n] == '=')
			return i;
	return -1;
}

static void drop_local(int i)
{
	free(locals[i]);
	locals[i] = locals[--nlocals];
}

const char *var_get(const char *name)
{
	int i = find_local(name);

	return i >= 0 ? strchr(locals[i], '=') + 1 : getenv(name);
}

int var_set(const char *name, const char *value, int export)
{
	int i = find_local(name);

	if (export || getenv(name)) {
		if (i >= 0)
			drop_local(i);
		return setenv(name, value, 1);
	}
	size_t len = strlen(name) + strlen(value) + 2;
	char *entry = malloc(len);

	if (!entry)
		return -1;
	snprintf(entry, len, "%s=%s", name, value);
	if (i >= 0) {
		free(locals[i]);
		locals[i] = entry;
		return 0;
	}
	if (nlocals == MAX_LOCALS) {
		free(entry);
		fprintf(stderr, "sh: too many variables\n");
		return -1;
	}
	locals[nlocals++] = entry;
	return 0;
}

int var_export(const char *name)
{
	int i = find_local(name);

	if (i < 0)
		return getenv(name) ? 0 : setenv(name, "", 1);
	int r = setenv(name, strchr(locals[i], '=') + 1, 1);

	drop_local(i);
	return r;
}

void var_unset(const char *name)
{
	int i = find_local(name);

	if (i >= 0)
		drop_local(i);
	unsetenv(name);
}

void positional_set(const char *zero, int n, char **args)
{
	if (zero)
		name0 = zero;
	positional = args;
	npositional = n;
}

int positional_count(void)
{
	return npositional;
}

/* $0 for n == 0, else $n or NULL when unset. */
const char *positional_get(int n)
{
	if (n == 0)
		return name0;
	return n <= npositional ? positional[n - 1] : NULL;
}

int positional_shift(int n)
{
	if (n > npositional)
		return -1;
	positional += n;
	npositional -= n;
	return 0;
}
