/* sh: variables, positional parameters and functions. Exported variables
 * live in the environment (setenv/unsetenv), so programs the shell runs
 * get them; the others in a small table of the shell's own. `NAME=VALUE`
 * alone sets a variable (exported if it already was), `export` moves
 * one to the environment, `unset` removes it from both; `local NAME` in
 * a function saves NAME's value, restored when the function returns;
 * `NAME=VALUE cmd` before a regular built-in or a function sets NAME,
 * exported, until cmd ends (as dash).
 * Positional parameters are copies, a set per function call. Functions
 * keep their body's node and hold the pool it lives in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define MAX_LOCALS 1024

static char *locals[MAX_LOCALS]; /* "NAME=VALUE" */
static int nlocals;

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

/* s single-quoted, as dash's `set`, `alias` and `trap` print it: each
 * ' as '"'"'. */
void print_quoted(const char *s)
{
	putchar('\'');
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\"'\"'", stdout);
		else
			putchar(*s);
	putchar('\'');
}

static int by_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	for (; *x == *y && *x != '=' && *y != '='; x++, y++)
		;
	return (*x == '=' ? 0 : (unsigned char)*x) - (*y == '=' ? 0 : (unsigned char)*y);
}

/* `set` alone: every variable, NAME='VALUE', sorted by name. */
int vars_list(void)
{
	size_t n = nlocals, k = 0;

	for (char **e = environ; *e; e++)
		n++;
	const char **all = malloc((n ? n : 1) * sizeof *all);

	if (!all) {
		fprintf(stderr, "sh: set: out of memory\n");
		return 1;
	}
	for (int i = 0; i < nlocals; i++)
		all[k++] = locals[i];
	for (char **e = environ; *e; e++)
		all[k++] = *e;
	qsort(all, k, sizeof *all, by_name);
	for (size_t i = 0; i < k; i++) {
		const char *eq = strchr(all[i], '=');

		printf("%.*s=", (int)(eq - all[i]), all[i]);
		print_quoted(eq + 1);
		putchar('\n');
	}
	free(all);
	return 0;
}

/* --- saved values: `local NAME` in each function call's frame, and
 * the assignments before a regular built-in or a function call in a
 * frame of their own (temporary: popped when the command ends) --- */

struct saved_var {
	char *name;
	char *value; /* NULL: was unset */
	int exported;
	struct saved_var *next;
};

#define MAX_FRAMES 256
static struct saved_var *frames[MAX_FRAMES];
static char temporary[MAX_FRAMES];
static int nframes;

static void frame_push(int is_temporary)
{
	if (nframes < MAX_FRAMES) {
		frames[nframes] = NULL;
		temporary[nframes] = (char)is_temporary;
	}
	nframes++;
}

/* Restores what the top frame saved, as it was (exported or not). */
static void frame_pop(void)
{
	if (--nframes >= MAX_FRAMES)
		return;
	for (struct saved_var *s = frames[nframes], *next; s; s = next) {
		next = s->next;
		var_unset(s->name);
		if (s->value)
			var_set(s->name, s->value, s->exported);
		free(s->name);
		free(s->value);
		free(s);
	}
}

void locals_push(void)
{
	frame_push(0);
}

void locals_pop(void)
{
	frame_pop();
}

void temps_push(void)
{
	frame_push(1);
}

void temps_pop(void)
{
	frame_pop();
}

/* Saves NAME's value in frame f (once). */
static int save_in(int f, const char *name)
{
	for (struct saved_var *s = frames[f]; s; s = s->next)
		if (strcmp(s->name, name) == 0)
			return 0;
	struct saved_var *s = calloc(1, sizeof *s);
	const char *v = var_get(name);

	if (!s || !(s->name = strdup(name)) || (v && !(s->value = strdup(v)))) {
		if (s)
			free(s->name);
		free(s);
		return -1;
	}
	s->exported = find_local(name) < 0 && getenv(name) != NULL;
	s->next = frames[f];
	frames[f] = s;
	return 0;
}

int var_local(const char *name)
{
	int f = (nframes < MAX_FRAMES ? nframes : MAX_FRAMES + 1) - 1;

	while (f >= 0 && f < MAX_FRAMES && temporary[f])
		f--;
	if (f < 0 || f >= MAX_FRAMES) {
		fprintf(stderr, "sh: local: not in a function\n");
		return -1;
	}
	return save_in(f, name);
}

int var_temporary(const char *name, const char *value)
{
	if (nframes == 0 || nframes > MAX_FRAMES || !temporary[nframes - 1] || save_in(nframes - 1, name) < 0)
		return -1;
	return var_set(name, value, 1);
}

/* --- positional parameters: copies, a stack of them for functions --- */

struct params {
	char **args; /* the copies, args[0..count) */
	int count;
	int shift;   /* $1 is args[shift] */
};

#define MAX_DEPTH 256
static struct params params[MAX_DEPTH];
static int depth;

static int copy_params(struct params *p, int n, char **args)
{
	char **copies = calloc(n + 1, sizeof *copies);

	if (!copies)
		return -1;
	for (int i = 0; i < n; i++)
		if (!(copies[i] = strdup(args[i]))) {
			while (i--)
				free(copies[i]);
			free(copies);
			return -1;
		}
	p->args = copies;
	p->count = n;
	p->shift = 0;
	return 0;
}

static void free_params(struct params *p)
{
	for (int i = 0; i < p->count; i++)
		free(p->args[i]);
	free(p->args);
	p->args = NULL;
	p->count = p->shift = 0;
}

void positional_set(const char *zero, int n, char **args)
{
	struct params fresh;

	if (zero)
		name0 = zero;
	if (copy_params(&fresh, n, args) < 0) {
		fprintf(stderr, "sh: out of memory\n");
		return;
	}
	free_params(&params[depth]);
	params[depth] = fresh;
}

void positional_push(int n, char **args)
{
	if (depth + 1 >= MAX_DEPTH) {
		fprintf(stderr, "sh: functions nested too deep\n");
		depth++;
		return;
	}
	depth++;
	if (copy_params(&params[depth], n, args) < 0)
		params[depth].count = 0;
}

void positional_pop(void)
{
	if (depth < MAX_DEPTH)
		free_params(&params[depth]);
	depth--;
}

static struct params *current(void)
{
	static struct params none;

	return depth < MAX_DEPTH ? &params[depth] : &none;
}

int positional_count(void)
{
	return current()->count - current()->shift;
}

/* $0 for n == 0, else $n or NULL when unset. */
const char *positional_get(int n)
{
	if (n == 0)
		return name0;
	return n <= positional_count() ? current()->args[current()->shift + n - 1] : NULL;
}

int positional_shift(int n)
{
	if (n > positional_count())
		return -1;
	current()->shift += n;
	return 0;
}

/* --- functions --- */

struct function {
	char *name;
	struct node *body;
	struct pool *pool;
	struct function *next;
};

static struct function *functions;

void function_define(const char *name, struct node *body, struct pool *pool)
{
	struct function *f;

	for (f = functions; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			break;
	if (!f) {
		f = calloc(1, sizeof *f);
		if (!f || !(f->name = strdup(name))) {
			free(f);
			fprintf(stderr, "sh: out of memory\n");
			return;
		}
		f->next = functions;
		functions = f;
	} else {
		pool_release(f->pool);
	}
	pool_hold(pool);
	f->body = body;
	f->pool = pool;
}

struct node *function_find(const char *name)
{
	for (struct function *f = functions; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->body;
	return NULL;
}

int function_unset(const char *name)
{
	for (struct function **link = &functions; *link; link = &(*link)->next) {
		struct function *f = *link;

		if (strcmp(f->name, name) == 0) {
			*link = f->next;
			/* A function unsetting itself keeps running: its pool
			 * is held by the call too. */
			pool_release(f->pool);
			free(f->name);
			free(f);
			return 0;
		}
	}
	return -1;
}
