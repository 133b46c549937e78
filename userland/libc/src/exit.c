/* exit(), atexit(), abort() and assert's failure path. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "internal.h"

#define MAX_ATEXIT 32

static void (*handlers[MAX_ATEXIT])(void);
static int nhandlers;

int atexit(void (*fn)(void))
{
	if (nhandlers == MAX_ATEXIT)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

/* Handlers run in reverse order of registration, then the destructors
 * (.fini_array), then stdio is flushed: glibc's order. */
void exit(int status)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
	__libc_run_destructors();
	if (__stdio_flush_all)
		__stdio_flush_all();
	_exit(status);
}

/* SIGABRT's default action ends us; the _exit only runs if it was caught
 * or ignored, and uses the status a shell would show for SIGABRT. */
void abort(void)
{
	raise(SIGABRT);
	_exit(128 + SIGABRT);
}

void __assert_fail(const char *expr, const char *file, int line,
		   const char *func)
{
	fprintf(stderr, "assertion failed: %s (%s:%d, %s)\n", expr, file, line,
		func);
	abort();
}
