/* Standard type definitions, from the compiler's predefined types so that
 * sizeof and pointer subtraction agree with them. */
#ifndef _STDDEF_H
#define _STDDEF_H

typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#ifndef __cplusplus
typedef __WCHAR_TYPE__ wchar_t;
#endif
typedef struct {
	long long __ll __attribute__((aligned(__alignof__(long long))));
	long double __ld __attribute__((aligned(__alignof__(long double))));
} max_align_t;

#define NULL ((void *)0)
#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
