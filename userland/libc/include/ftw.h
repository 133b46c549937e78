/* File tree walks (POSIX ftw.h): ftw and nftw call a function for every
 * file and directory below a path, directories before their contents
 * (after them with FTW_DEPTH). Values are glibc's. */
#ifndef _FTW_H
#define _FTW_H

#include <sys/stat.h>

#define FTW_F 0   /* a file that is not a directory */
#define FTW_D 1   /* a directory, before its contents */
#define FTW_DNR 2 /* a directory that cannot be read */
#define FTW_NS 3  /* stat failed */
#define FTW_SL 4  /* a symbolic link (FTW_PHYS) */
#define FTW_DP 5  /* a directory, after its contents (FTW_DEPTH) */
#define FTW_SLN 6 /* a symbolic link to nothing (nftw without FTW_PHYS) */

/* nftw's flags */
#define FTW_PHYS 1  /* do not follow symbolic links */
#define FTW_MOUNT 2 /* stay on the starting file system */
#define FTW_CHDIR 4 /* accepted; JOS does not chdir (paths stay whole) */
#define FTW_DEPTH 8 /* directories after their contents */

struct FTW {
	int base;  /* offset of the file name in the path */
	int level; /* depth below the starting path (0) */
};

int ftw(const char *path, int (*fn)(const char *path, const struct stat *st, int type),
	int nopenfd);
int nftw(const char *path,
	 int (*fn)(const char *path, const struct stat *st, int type, struct FTW *ftw),
	 int nopenfd, int flags);

#endif
