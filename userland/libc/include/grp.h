/* The group database. JOS has one group, root (gid 0). */
#ifndef _GRP_H
#define _GRP_H

#include <stddef.h>
#include <sys/types.h>

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem;
};

struct group *getgrgid(gid_t gid);
struct group *getgrnam(const char *name);
int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size,
	       struct group **result);
int getgrnam_r(const char *name, struct group *gr, char *buf, size_t size,
	       struct group **result);
void setgrent(void);
void endgrent(void);
struct group *getgrent(void);

#endif
