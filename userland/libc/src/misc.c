/* The remaining wrappers: uname, getrandom, and syscall() by number. */
#include <stdarg.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include "internal.h"

int uname(struct utsname *u)
{
	return (int)__sysret_call(SYS_uname, u);
}

ssize_t getrandom(void *buf, size_t n, unsigned int flags)
{
	return __sysret_call(SYS_getrandom, buf, n, flags);
}

/* Always passes six arguments: the kernel ignores the ones it does not
 * use, and reading them from va_list is harmless on both ABIs. */
long syscall(long number, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, number);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __sysret(__syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}
