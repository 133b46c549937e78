/* utime (POSIX utime.h): set a file's access and modification times in
 * whole seconds; NULL sets both to now. */
#ifndef _UTIME_H
#define _UTIME_H

#include <sys/types.h>

struct utimbuf {
	time_t actime;
	time_t modtime;
};

int utime(const char *path, const struct utimbuf *times);

#endif
