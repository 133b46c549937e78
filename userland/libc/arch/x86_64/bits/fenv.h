/* <fenv.h> on x86_64: SSE's MXCSR and the x87 control and status words
 * (both units are set together), with glibc's values and fenv_t layout
 * (the x87 environment fnstenv stores, then MXCSR). */
#ifndef _BITS_FENV_H
#define _BITS_FENV_H

#define FE_INVALID 0x01
#define __FE_DENORM 0x02
#define FE_DIVBYZERO 0x04
#define FE_OVERFLOW 0x08
#define FE_UNDERFLOW 0x10
#define FE_INEXACT 0x20
#define FE_ALL_EXCEPT (FE_INEXACT | FE_DIVBYZERO | FE_UNDERFLOW | FE_OVERFLOW | FE_INVALID)

#define FE_TONEAREST 0
#define FE_DOWNWARD 0x400
#define FE_UPWARD 0x800
#define FE_TOWARDZERO 0xc00

typedef unsigned short int fexcept_t;

typedef struct {
	unsigned short int __control_word;
	unsigned short int __glibc_reserved1;
	unsigned short int __status_word;
	unsigned short int __glibc_reserved2;
	unsigned short int __tags;
	unsigned short int __glibc_reserved3;
	unsigned int __eip;
	unsigned short int __cs_selector;
	unsigned int __opcode : 11;
	unsigned int __glibc_reserved4 : 5;
	unsigned int __data_offset;
	unsigned short int __data_selector;
	unsigned short int __glibc_reserved5;
	unsigned int __mxcsr;
} fenv_t;

#define FE_DFL_ENV ((const fenv_t *)-1)

#endif
