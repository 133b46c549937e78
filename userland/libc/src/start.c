/* Process start-up, called by crt0 with the initial stack pointer: splits
 * Linux's initial stack into argc, argv, envp and auxv, runs the
 * constructors, then main, and exits with its result. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/auxv.h>
#include "internal.h"

char **environ;
unsigned long *__auxv;
void *__libc_initial_sp;

int main(int argc, char **argv, char **envp);
void __libc_start(long *sp) __attribute__((noreturn, used));

void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	__libc_initial_sp = sp;
	environ = envp;
	__auxv = (unsigned long *)(p + 1);
	__libc_run_constructors(argc, argv, envp);
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = __auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}
