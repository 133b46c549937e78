/* Basic system types. Chosen so that one layout serves both ABIs: off_t and
 * time_t are 64 bits on riscv32 too (the time64 / large-file world). */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef __PTRDIFF_TYPE__ ssize_t; /* long on LP64, int on ILP32 */
typedef int64_t off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef uint64_t dev_t;
typedef uint64_t ino_t;
typedef uint64_t nlink_t;
typedef int64_t blksize_t;
typedef int64_t blkcnt_t;
typedef int64_t time_t;
typedef int clockid_t;
typedef unsigned int useconds_t;
typedef long suseconds_t;
typedef long clock_t;
typedef int id_t;
typedef unsigned int key_t;
typedef uint64_t fsblkcnt_t;
typedef uint64_t fsfilcnt_t;
typedef char *caddr_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
/* A thread (<pthread.h>): the address of its control block. */
typedef unsigned long pthread_t;

#endif
