/* glob: expands a pattern one path component at a time. A component with
 * no wildcard is appended as it is; one with wildcards is matched (with
 * fnmatch) against the entries of each directory reached so far. Results
 * are sorted with strcmp (the C locale's order) unless GLOB_NOSORT. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct list {
	char **v;
	size_t n, cap;
};

static int push(struct list *l, char *s)
{
	if (!s)
		return GLOB_NOSPACE;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (!v) {
			free(s);
			return GLOB_NOSPACE;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return 0;
}

static int has_magic(const char *s, size_t n, int flags)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return 1;
		if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < n)
			i++;
	}
	return 0;
}

/* dir + sep (the pattern's own slashes, kept as written) + name. */
static char *join(const char *dir, const char *sep, size_t nsep,
		  const char *name, size_t n)
{
	size_t d = strlen(dir);
	char *s = malloc(d + nsep + n + 1);

	if (!s)
		return NULL;
	memcpy(s, dir, d);
	memcpy(s + d, sep, nsep);
	memcpy(s + d + nsep, name, n);
	s[d + nsep + n] = '\0';
	return s;
}

/* A literal component with its backslashes removed. */
static char *unescape(const char *s, size_t n, int flags)
{
	char *out = malloc(n + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < n)
			i++;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

static int expand(const char *dir, const char *rest, int flags,
		  int (*errfunc)(const char *, int), struct list *out)
{
	size_t nsep = strspn(rest, "/"), n;
	const char *sep = rest;
	int r = 0;

	rest += nsep;
	if (*rest == '\0') /* done; a trailing slash stays (directories only) */
		return push(out, join(dir, sep, nsep, "", 0));
	n = strcspn(rest, "/");
	if (!has_magic(rest, n, flags)) {
		char *lit = unescape(rest, n, flags), *path;

		if (!lit)
			return GLOB_NOSPACE;
		path = join(dir, sep, nsep, lit, strlen(lit));
		free(lit);
		if (!path)
			return GLOB_NOSPACE;
		r = expand(path, rest + n, flags, errfunc, out);
		free(path);
		return r;
	}
	char pat[256], *where;
	DIR *d;
	struct dirent *e;
	int fl = FNM_PERIOD | (flags & GLOB_NOESCAPE ? FNM_NOESCAPE : 0);

	if (n >= sizeof(pat))
		return 0; /* longer than any name: matches nothing */
	memcpy(pat, rest, n);
	pat[n] = '\0';
	if (flags & GLOB_PERIOD)
		fl &= ~FNM_PERIOD;
	where = *dir || nsep ? join(dir, sep, nsep, "", 0) : strdup(".");
	if (!where)
		return GLOB_NOSPACE;
	d = opendir(where);
	if (!d) {
		if (errno != ENOENT && errno != ENOTDIR &&
		    ((errfunc && errfunc(where, errno)) || (flags & GLOB_ERR)))
			r = GLOB_ABORTED;
		free(where);
		return r;
	}
	free(where);
	while (r == 0 && (e = readdir(d)) != NULL) {
		char *path;

		/* "." and ".." only when asked for by name or GLOB_PERIOD. */
		if ((!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) &&
		    pat[0] != '.' && !(flags & GLOB_PERIOD))
			continue;
		if (fnmatch(pat, e->d_name, fl))
			continue;
		path = join(dir, sep, nsep, e->d_name, strlen(e->d_name));
		if (!path) {
			r = GLOB_NOSPACE;
			break;
		}
		r = expand(path, rest + n, flags, errfunc, out);
		free(path);
	}
	closedir(d);
	return r;
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keeps only names that exist (a literal component is appended without
 * looking) and adds '/' to directories under GLOB_MARK. */
static int finish(struct list *l, int flags)
{
	size_t kept = 0;

	for (size_t i = 0; i < l->n; i++) {
		struct stat st;
		char *s = l->v[i];

		if (lstat(s, &st) != 0) {
			free(s);
			continue;
		}
		if ((flags & GLOB_MARK) && s[strlen(s) - 1] != '/' &&
		    stat(s, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *m = join(s, "/", 1, "", 0);

			free(s);
			if (!m)
				return GLOB_NOSPACE;
			s = m;
		}
		l->v[kept++] = s;
	}
	l->n = kept;
	return 0;
}

int glob(const char *pattern, int flags, int (*errfunc)(const char *, int),
	 glob_t *g)
{
	struct list found = { 0 };
	size_t offs = flags & GLOB_DOOFFS ? g->gl_offs : 0, old = 0;
	int literal = !has_magic(pattern, strlen(pattern), flags);
	int r;
	char **v;

	if (!(flags & GLOB_APPEND)) {
		g->gl_pathc = 0;
		g->gl_pathv = NULL;
	} else {
		old = g->gl_pathc;
	}
	if (!(flags & GLOB_DOOFFS))
		g->gl_offs = 0;
	r = expand("", pattern, flags, errfunc, &found);
	if (r == 0)
		r = finish(&found, flags);
	if (r == 0 && found.n == 0) {
		if (flags & GLOB_NOCHECK || (flags & GLOB_NOMAGIC && literal))
			r = push(&found, strdup(pattern));
		else
			r = GLOB_NOMATCH;
	}
	if (r == 0 && !(flags & GLOB_NOSORT))
		qsort(found.v, found.n, sizeof(char *), compare);
	if (r == 0) {
		v = realloc(g->gl_pathv,
			    (offs + old + found.n + 1) * sizeof(char *));
		if (!v) {
			r = GLOB_NOSPACE;
		} else {
			if (!(flags & GLOB_APPEND))
				for (size_t i = 0; i < offs; i++)
					v[i] = NULL;
			memcpy(v + offs + old, found.v, found.n * sizeof(char *));
			v[offs + old + found.n] = NULL;
			g->gl_pathv = v;
			g->gl_pathc = old + found.n;
			found.n = 0;
		}
	}
	for (size_t i = 0; i < found.n; i++)
		free(found.v[i]);
	free(found.v);
	g->gl_flags = flags | (literal ? 0 : GLOB_MAGCHAR);
	return r;
}

void globfree(glob_t *g)
{
	for (size_t i = 0; i < g->gl_pathc; i++)
		free(g->gl_pathv[g->gl_offs + i]);
	free(g->gl_pathv);
	g->gl_pathv = NULL;
	g->gl_pathc = 0;
}
