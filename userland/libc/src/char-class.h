/* Private: the POSIX character classes ([:alpha:] ...) by name, shared by
 * fnmatch, glob and regex. */
#ifndef _LIBC_CHAR_CLASS_H
#define _LIBC_CHAR_CLASS_H

#include <stddef.h>

typedef int (*__char_class_fn)(int c);

/* The class named by the len bytes at name, or NULL if there is none. */
__char_class_fn __char_class(const char *name, size_t len);

#endif
