/* SYS_* system call numbers for the architecture being compiled for. */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <bits/sysnum.h>

#endif
