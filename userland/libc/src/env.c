/* The environment: getenv over the array crt0 found on the initial stack,
 * and setenv/unsetenv/putenv, which move it to the heap on first change.
 * As with glibc, a "NAME=value" string setenv made is never freed (a
 * pointer getenv returned stays valid) but is reused when the same pair is
 * set again, so a loop of setenv calls does not grow the heap. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **heap_env;  /* environ once it lives in the heap */
static size_t heap_cap;  /* slots in heap_env, the NULL included */
static char **owned;     /* every string setenv allocated */
static size_t nowned, owned_cap;

static size_t name_len(const char *s)
{
	return strcspn(s, "=");
}

static char **find(const char *name, size_t n)
{
	for (char **e = environ; e && *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return e;
	return NULL;
}

char *getenv(const char *name)
{
	size_t n = strlen(name);
	char **e = name_len(name) == n ? find(name, n) : NULL;

	return e ? *e + n + 1 : NULL;
}

/* A string setenv made earlier with exactly this content, or NULL. */
static char *reuse(const char *name, size_t n, const char *value)
{
	for (size_t i = 0; i < nowned; i++)
		if (!strncmp(owned[i], name, n) && owned[i][n] == '=' &&
		    !strcmp(owned[i] + n + 1, value))
			return owned[i];
	return NULL;
}

static int remember(char *s)
{
	if (nowned == owned_cap) {
		size_t cap = owned_cap ? owned_cap * 2 : 16;
		char **p = realloc(owned, cap * sizeof(*p));

		if (!p)
			return -1;
		owned = p;
		owned_cap = cap;
	}
	owned[nowned++] = s;
	return 0;
}

/* Makes room for one more entry, copying environ to the heap if needed. */
static int grow(size_t count)
{
	if (environ == heap_env && count + 2 <= heap_cap)
		return 0;
	size_t cap = (count + 2) * 2;
	char **p = malloc(cap * sizeof(*p));

	if (!p)
		return -1;
	if (count)
		memcpy(p, environ, count * sizeof(*p));
	p[count] = NULL;
	if (environ == heap_env)
		free(heap_env);
	environ = heap_env = p;
	heap_cap = cap;
	return 0;
}

/* Puts entry (NAME=value) in place of NAME's current one, or appends. */
static int put_entry(char *entry, size_t n, int own)
{
	char **e = find(entry, n);
	size_t count = 0;

	if (e) {
		*e = entry;
		return own ? remember(entry) : 0;
	}
	while (environ && environ[count])
		count++;
	if (grow(count) < 0 || (own && remember(entry) < 0))
		return -1;
	environ[count] = entry;
	environ[count + 1] = NULL;
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t n = name ? strlen(name) : 0, v;
	char *entry;

	if (n == 0 || name_len(name) != n) {
		errno = EINVAL;
		return -1;
	}
	if (!overwrite && find(name, n))
		return 0;
	entry = reuse(name, n, value);
	if (entry)
		return put_entry(entry, n, 0);
	v = strlen(value);
	entry = malloc(n + v + 2);
	if (!entry)
		return -1;
	memcpy(entry, name, n);
	entry[n] = '=';
	memcpy(entry + n + 1, value, v + 1);
	if (put_entry(entry, n, 1) < 0) {
		free(entry);
		return -1;
	}
	return 0;
}

int putenv(char *string)
{
	size_t n = name_len(string);

	if (!string[n]) /* no '=': glibc removes the variable */
		return unsetenv(string);
	return put_entry(string, n, 0);
}

int unsetenv(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	char **e;

	if (n == 0 || name_len(name) != n) {
		errno = EINVAL;
		return -1;
	}
	while ((e = find(name, n)) != NULL) {
		do
			e[0] = e[1];
		while (*e++);
	}
	return 0;
}

int clearenv(void)
{
	free(heap_env);
	heap_env = NULL;
	heap_cap = 0;
	environ = NULL;
	return 0;
}
