/* Address-space wrappers: the program break and memory mappings. */
#include <errno.h>
#include <unistd.h>
#include <sys/mman.h>
#include "internal.h"

/* Linux's brk returns the new break, or the unchanged one on failure; we
 * remember it so sbrk need not ask twice. */
static char *cur_brk;

int brk(void *addr)
{
	char *got = (char *)__syscall1(SYS_brk, (long)addr);

	cur_brk = got;
	if (got < (char *)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t increment)
{
	char *old;

	if (!cur_brk)
		cur_brk = (char *)__syscall1(SYS_brk, 0);
	old = cur_brk;
	if (increment == 0)
		return old;
	if (brk(old + increment) < 0 || cur_brk != old + increment) {
		errno = ENOMEM;
		return (void *)-1;
	}
	return old;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)__sysret(__arch_mmap(addr, len, prot, flags, fd, off));
}

int munmap(void *addr, size_t len)
{
	return (int)__sysret_call(SYS_munmap, addr, len);
}

int mprotect(void *addr, size_t len, int prot)
{
	return (int)__sysret_call(SYS_mprotect, addr, len, prot);
}
