/* getpwuid/getgrgid and friends over JOS's one user and group: root, with
 * home / and shell /bin/sh. Unknown ids and names give NULL with errno
 * untouched (and 0 from the _r forms), as glibc does for a missing entry. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>

static char root_name[] = "root", no_passwd[] = "x", home[] = "/",
	    shell[] = "/bin/sh";
static char *no_members[] = { NULL };

static struct passwd root_user = {
	root_name, no_passwd, 0, 0, root_name, home, shell,
};
static struct group root_group = { root_name, no_passwd, 0, no_members };
static int pw_next, gr_next; /* getpwent/getgrent: 0 = root, 1 = end */

struct passwd *getpwuid(uid_t uid) { return uid == 0 ? &root_user : NULL; }
struct group *getgrgid(gid_t gid) { return gid == 0 ? &root_group : NULL; }

struct passwd *getpwnam(const char *name)
{
	return strcmp(name, root_name) == 0 ? &root_user : NULL;
}

struct group *getgrnam(const char *name)
{
	return strcmp(name, root_name) == 0 ? &root_group : NULL;
}

/* The _r forms copy the strings into the caller's buffer. */
static char *copy(char **buf, size_t *left, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = *buf;

	if (n > *left)
		return NULL;
	memcpy(p, s, n);
	*buf += n;
	*left -= n;
	return p;
}

static int copy_user(const struct passwd *src, struct passwd *pw, char *buf,
		     size_t size, struct passwd **result)
{
	*result = NULL;
	if (!src)
		return 0;
	*pw = *src;
	if (!(pw->pw_name = copy(&buf, &size, src->pw_name)) ||
	    !(pw->pw_passwd = copy(&buf, &size, src->pw_passwd)) ||
	    !(pw->pw_gecos = copy(&buf, &size, src->pw_gecos)) ||
	    !(pw->pw_dir = copy(&buf, &size, src->pw_dir)) ||
	    !(pw->pw_shell = copy(&buf, &size, src->pw_shell)))
		return ERANGE;
	*result = pw;
	return 0;
}

static int copy_group(const struct group *src, struct group *gr, char *buf,
		      size_t size, struct group **result)
{
	size_t align = (sizeof(char *) - (size_t)buf % sizeof(char *)) %
		       sizeof(char *);

	*result = NULL;
	if (!src)
		return 0;
	if (size < align + sizeof(char *))
		return ERANGE;
	*gr = *src;
	gr->gr_mem = (char **)(buf + align);
	gr->gr_mem[0] = NULL;
	buf += align + sizeof(char *);
	size -= align + sizeof(char *);
	if (!(gr->gr_name = copy(&buf, &size, src->gr_name)) ||
	    !(gr->gr_passwd = copy(&buf, &size, src->gr_passwd)))
		return ERANGE;
	*result = gr;
	return 0;
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size,
	       struct passwd **result)
{
	return copy_user(getpwuid(uid), pw, buf, size, result);
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size,
	       struct passwd **result)
{
	return copy_user(getpwnam(name), pw, buf, size, result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size,
	       struct group **result)
{
	return copy_group(getgrgid(gid), gr, buf, size, result);
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t size,
	       struct group **result)
{
	return copy_group(getgrnam(name), gr, buf, size, result);
}

void setpwent(void) { pw_next = 0; }
void endpwent(void) { pw_next = 0; }
struct passwd *getpwent(void) { return pw_next++ == 0 ? &root_user : NULL; }
void setgrent(void) { gr_next = 0; }
void endgrent(void) { gr_next = 0; }
struct group *getgrent(void) { return gr_next++ == 0 ? &root_group : NULL; }
