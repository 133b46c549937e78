/* POSIX path name parts; both may modify path and return a pointer into
 * it (or to a static "." or "/"). */
#ifndef _LIBGEN_H
#define _LIBGEN_H

char *basename(char *path);
char *dirname(char *path);

#endif
