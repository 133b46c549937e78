/* Integer limits for the two ABIs (LP64 on x86_64, ILP32 on riscv32; char
 * is signed on x86_64 and unsigned on riscv), and POSIX's sizes. */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT   8
#define MB_LEN_MAX 16
#define SCHAR_MIN  (-128)
#define SCHAR_MAX  127
#define UCHAR_MAX  255
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN   0
#define CHAR_MAX   UCHAR_MAX
#else
#define CHAR_MIN   SCHAR_MIN
#define CHAR_MAX   SCHAR_MAX
#endif
#define SHRT_MIN   (-32768)
#define SHRT_MAX   32767
#define USHRT_MAX  65535
#define INT_MIN    (-INT_MAX - 1)
#define INT_MAX    2147483647
#define UINT_MAX   4294967295U
#define LONG_MAX   __LONG_MAX__
#define LONG_MIN   (-LONG_MAX - 1L)
#define ULONG_MAX  (LONG_MAX * 2UL + 1UL)
#define LLONG_MAX  9223372036854775807LL
#define LLONG_MIN  (-LLONG_MAX - 1LL)
#define ULLONG_MAX 18446744073709551615ULL
#define LONG_BIT   (__SIZEOF_LONG__ * 8)
#define WORD_BIT   32

#define SSIZE_MAX  LONG_MAX
#define PATH_MAX   4096
#define NAME_MAX   255
#define PIPE_BUF   4096
#define ARG_MAX    131072
#define IOV_MAX    1024
#define LINE_MAX   2048
#define NGROUPS_MAX 65536
#define HOST_NAME_MAX 64
#define LOGIN_NAME_MAX 256
#define TTY_NAME_MAX 32
#define SYMLOOP_MAX 40
#define RE_DUP_MAX 0x7fff
#define PAGE_SIZE  4096
#define PAGESIZE   PAGE_SIZE
#define NZERO      20
/* <pthread.h>: keys per process, destructor rounds, smallest stack. */
#define PTHREAD_KEYS_MAX 128
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#define PTHREAD_STACK_MIN 16384
#define _POSIX_PATH_MAX 256
#define _POSIX_NAME_MAX 14

#endif
