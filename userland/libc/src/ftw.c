/* ftw/nftw: a recursive walk that reads each directory's names into
 * memory and closes it before descending, so at most one directory is
 * open at a time whatever nopenfd says (and no depth runs out of
 * descriptors). The path grows in one malloc'd buffer. As glibc: the
 * starting path loses its trailing slashes; a name that stat cannot
 * follow but lstat sees as a link is FTW_SLN for nftw and FTW_NS for
 * ftw; a missing starting path is -1 with errno set. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct walk {
	int (*nfn)(const char *, const struct stat *, int, struct FTW *);
	int (*fn)(const char *, const struct stat *, int);
	int flags;
	dev_t dev;
	char *path;
	size_t cap;
};

static int call(struct walk *w, const struct stat *st, int type, int base, int level)
{
	struct FTW f = { base, level };

	return w->nfn ? w->nfn(w->path, st, type, &f) : w->fn(w->path, st, type);
}

/* The names in the directory at w->path, NUL-separated, or NULL. */
static char *read_names(const char *path, size_t *count)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char *names = NULL;
	size_t len = 0, cap = 0;

	*count = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name) + 1;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (len + n > cap) {
			cap = (len + n) * 2 + 256;
			char *grown = realloc(names, cap);

			if (!grown) {
				free(names);
				closedir(d);
				errno = ENOMEM;
				return NULL;
			}
			names = grown;
		}
		memcpy(names + len, e->d_name, n);
		len += n;
		++*count;
	}
	closedir(d);
	return names ? names : calloc(1, 1);
}

static int visit(struct walk *w, size_t len, int base, int level);

static int walk_dir(struct walk *w, size_t len, int level, const struct stat *st, int base)
{
	size_t count;
	int r;

	if (!(w->flags & FTW_DEPTH) && (r = call(w, st, FTW_D, base, level)))
		return r;
	char *names = read_names(w->path, &count);

	if (!names) {
		if (errno == ENOMEM)
			return -1;
		return (w->flags & FTW_DEPTH) ? call(w, st, FTW_DNR, base, level)
					       : 0; /* reported as FTW_D already */
	}
	char *name = names;

	for (size_t i = 0; i < count; i++, name += strlen(name) + 1) {
		size_t n = strlen(name);

		if (len + n + 2 > w->cap) {
			size_t cap = (len + n + 2) * 2;
			char *grown = realloc(w->path, cap);

			if (!grown) {
				free(names);
				errno = ENOMEM;
				return -1;
			}
			w->path = grown;
			w->cap = cap;
		}
		w->path[len] = '/';
		memcpy(w->path + len + 1, name, n + 1);
		r = visit(w, len + 1 + n, (int)len + 1, level + 1);
		w->path[len] = '\0';
		if (r) {
			free(names);
			return r;
		}
	}
	free(names);
	if (w->flags & FTW_DEPTH)
		return call(w, st, FTW_DP, base, level);
	return 0;
}

static int visit(struct walk *w, size_t len, int base, int level)
{
	struct stat st;
	int type, r;

	memset(&st, 0, sizeof(st));
	r = (w->flags & FTW_PHYS) ? lstat(w->path, &st) : stat(w->path, &st);
	if (r < 0) {
		if (level == 0 || (errno != ENOENT && errno != EACCES && errno != ELOOP))
			return -1;
		if (!(w->flags & FTW_PHYS) && lstat(w->path, &st) == 0 && S_ISLNK(st.st_mode))
			type = w->nfn ? FTW_SLN : FTW_NS;
		else
			type = FTW_NS;
		return call(w, &st, type, base, level);
	}
	if (level == 0)
		w->dev = st.st_dev;
	else if ((w->flags & FTW_MOUNT) && st.st_dev != w->dev)
		return 0;
	if (S_ISDIR(st.st_mode))
		return walk_dir(w, len, level, &st, base);
	type = S_ISLNK(st.st_mode) ? FTW_SL : FTW_F;
	return call(w, &st, type, base, level);
}

static int start(struct walk *w, const char *path)
{
	size_t len = strlen(path);
	int base = 0;

	if (len == 0) {
		errno = ENOENT;
		return -1;
	}
	while (len > 1 && path[len - 1] == '/')
		len--;
	w->cap = len + 256;
	w->path = malloc(w->cap);
	if (!w->path)
		return -1;
	memcpy(w->path, path, len);
	w->path[len] = '\0';
	for (size_t i = 0; i + 1 < len; i++)
		if (w->path[i] == '/')
			base = (int)i + 1;
	int r = visit(w, len, base, 0);

	free(w->path);
	return r;
}

int nftw(const char *path,
	 int (*fn)(const char *path, const struct stat *st, int type, struct FTW *ftw),
	 int nopenfd, int flags)
{
	struct walk w = { .nfn = fn, .flags = flags };

	(void)nopenfd;
	return start(&w, path);
}

int ftw(const char *path, int (*fn)(const char *path, const struct stat *st, int type),
	int nopenfd)
{
	struct walk w = { .fn = fn };

	(void)nopenfd;
	return start(&w, path);
}
