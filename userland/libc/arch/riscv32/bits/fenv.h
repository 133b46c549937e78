/* <fenv.h> on riscv32: JOS builds for RV32IMC, which has no floating-point
 * unit; libgcc's soft-float always rounds to nearest and records no
 * exception flags. So, as glibc's soft-float ports declare: one rounding
 * mode, no exceptions (FE_ALL_EXCEPT is 0), and an environment with
 * nothing in it. */
#ifndef _BITS_FENV_H
#define _BITS_FENV_H

#define FE_ALL_EXCEPT 0
#define FE_TONEAREST 0

typedef unsigned int fexcept_t;

typedef struct {
	unsigned int __fcsr;
} fenv_t;

#define FE_DFL_ENV ((const fenv_t *)-1)

#endif
