/* BSD's formatted error messages: "PROGRAM: MESSAGE[: strerror(errno)]"
 * on stderr (PROGRAM is program_invocation_short_name); the err family
 * then exits with the given status. */
#ifndef _ERR_H
#define _ERR_H

#include <stdarg.h>

void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void vwarnx(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void err(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
void errx(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
void verr(int status, const char *fmt, va_list ap) __attribute__((noreturn, format(printf, 2, 0)));
void verrx(int status, const char *fmt, va_list ap) __attribute__((noreturn, format(printf, 2, 0)));

#endif
