/* Constructors and destructors of a static program: the functions the
 * linker gathers in .preinit_array/.init_array (gcc's
 * __attribute__((constructor)), run before main with main's arguments, as
 * glibc calls them) and .fini_array (destructors, run by exit after the
 * atexit handlers, last first). The bounds are the symbols the default
 * linker scripts provide; weak, so a script without them means none. */
#include "internal.h"

typedef void (*init_fn)(int, char **, char **);
typedef void (*fini_fn)(void);

extern init_fn __preinit_array_start[] __attribute__((weak));
extern init_fn __preinit_array_end[] __attribute__((weak));
extern init_fn __init_array_start[] __attribute__((weak));
extern init_fn __init_array_end[] __attribute__((weak));
extern fini_fn __fini_array_start[] __attribute__((weak));
extern fini_fn __fini_array_end[] __attribute__((weak));

void __libc_run_constructors(int argc, char **argv, char **envp)
{
	for (init_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)(argc, argv, envp);
	for (init_fn *f = __init_array_start; f < __init_array_end; f++)
		(*f)(argc, argv, envp);
}

/* Each destructor runs once, even when one of them calls exit again. */
void __libc_run_destructors(void)
{
	static fini_fn *next;

	if (!next)
		next = __fini_array_end;
	while (next > __fini_array_start)
		(*--next)();
}
