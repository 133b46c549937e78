/* The floating-point environment (C99 fenv.h): rounding mode and
 * exception flags. What an architecture has is in <bits/fenv.h>: x86_64
 * has the four rounding modes and five flags; riscv32 (soft-float) only
 * round-to-nearest and no flags. Functions return 0 on success. */
#ifndef _FENV_H
#define _FENV_H

#include <bits/fenv.h>

int feclearexcept(int excepts);
int fegetexceptflag(fexcept_t *flagp, int excepts);
int feraiseexcept(int excepts);
int fesetexceptflag(const fexcept_t *flagp, int excepts);
int fetestexcept(int excepts);
int fegetround(void);
int fesetround(int round);
int fegetenv(fenv_t *envp);
int feholdexcept(fenv_t *envp);
int fesetenv(const fenv_t *envp);
int feupdateenv(const fenv_t *envp);

/* GNU: exceptions that trap (SIGFPE); the previous set, or -1. */
int feenableexcept(int excepts);
int fedisableexcept(int excepts);
int fegetexcept(void);

#endif
