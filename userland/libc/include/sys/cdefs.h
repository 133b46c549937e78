/* The declaration helpers glibc-era code uses in its own headers. */
#ifndef _SYS_CDEFS_H
#define _SYS_CDEFS_H

#ifdef __cplusplus
#define __BEGIN_DECLS extern "C" {
#define __END_DECLS }
#else
#define __BEGIN_DECLS
#define __END_DECLS
#endif
#define __THROW
#define __P(args) args
#define __CONCAT(x, y) x##y
#define __STRING(x) #x
#define __attribute_pure__ __attribute__((pure))
#define __attribute_const__ __attribute__((const))
#define __attribute_malloc__ __attribute__((malloc))
#define __attribute_noinline__ __attribute__((noinline))
#define __attribute_deprecated__ __attribute__((deprecated))
#define __wur __attribute__((warn_unused_result))
#define __nonnull(params) __attribute__((nonnull params))
#define __glibc_unlikely(cond) __builtin_expect((cond), 0)
#define __glibc_likely(cond) __builtin_expect((cond), 1)

#endif
