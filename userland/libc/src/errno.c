/* errno (one thread per process, so a plain global) and the helper that
 * turns a raw -errno result into -1 + errno. */
#include <errno.h>
#include "internal.h"

int errno;

long __sysret(long r)
{
	if ((unsigned long)r > -4096UL) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
