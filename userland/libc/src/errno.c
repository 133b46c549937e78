/* errno, one per thread (a TLS variable: see tls.c), and the helper that
 * turns a raw -errno result into -1 + errno. */
#include <errno.h>
#include "internal.h"

static __thread int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}

long __sysret(long r)
{
	if ((unsigned long)r > -4096UL) {
		errno = (int)-r;
		return -1;
	}
	return r;
}
