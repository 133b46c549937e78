/* Helpers shared by the conformance programs: numbered checks that print
 * "ok"/"FAIL" lines, wait-status descriptions, checksums and fork helpers.
 * Everything printed is architecture independent. */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Prints "ok <n> - <what>" or "FAIL <n> - <what>"; returns cond. */
int check(int cond, const char *what, ...)
	__attribute__((format(printf, 2, 3)));
/* Expects a -1 return with errno == err. */
int check_errno(long ret, int err, const char *what);
/* Prints the summary line and returns the exit status (0 = all passed). */
int finish(const char *program);

/* "SIGSEGV", "SIGKILL", ... */
const char *signame(int sig);
/* "exited with status 3" or "killed by signal 11 (SIGSEGV)". */
const char *describe_status(int status);

/* CRC-32 (IEEE 802.3, reflected), to compare data without printing it. */
uint32_t crc32(uint32_t crc, const void *p, size_t n);

/* Forks; the child runs fn(arg) and exit()s with its result. Exits the test
 * if fork fails. */
pid_t spawn(int (*fn)(void *), void *arg);
/* waitpid that retries on EINTR; returns the status, or -1. */
int wait_for(pid_t pid);

/* Monotonic time in nanoseconds. */
int64_t now_ns(void);
void sleep_ms(long ms);

#endif
