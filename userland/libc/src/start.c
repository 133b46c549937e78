/* Process start-up, called by crt0 with the initial stack pointer: splits
 * Linux's initial stack into argc, argv, envp and auxv, runs the
 * constructors, then main, and exits with its result. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include "internal.h"
#include "thread.h"

char **environ;
/* GNU: argv[0], and its part after the last slash (err.h's messages). */
char *program_invocation_name = "", *program_invocation_short_name = "";
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
	__auxv = (unsigned long *)(p + 1);
	/* First: errno and every __thread variable live in TLS. */
	__libc_tls_init();
	__libc_initial_sp = sp;
	if (argc > 0 && argv[0]) {
		char *slash = strrchr(argv[0], '/');

		program_invocation_name = argv[0];
		program_invocation_short_name = slash ? slash + 1 : argv[0];
	}
	environ = envp;
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
