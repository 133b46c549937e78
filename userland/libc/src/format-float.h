/* Private to the libc: printf's floating-point conversions, shared by the
 * printf engine (stdio-format.c) and implemented in format-float.c. */
#ifndef _LIBC_FORMAT_FLOAT_H
#define _LIBC_FORMAT_FLOAT_H

#include <stddef.h>

#define __FMT_MINUS 1
#define __FMT_PLUS 2
#define __FMT_SPACE 4
#define __FMT_ALT 8
#define __FMT_ZERO 16
#define __FMT_LONG 32 /* the argument was a long double (else a double) */

/* Emits one %e %f %g %a conversion (either case) of the argument, the
 * whole field (sign, digits, padding to width), through put: ld with
 * __FMT_LONG, else dv. A double is never widened to long double on the way:
 * riscv32's soft-float conversion would make a NaN positive. prec < 0
 * means none given. Returns the bytes emitted, or -1 if memory ran out. */
int __fmt_float(void (*put)(void *ctx, const char *p, size_t n), void *ctx,
		double dv, long double ld, int conv, int flags, int width,
		int prec);

#endif
