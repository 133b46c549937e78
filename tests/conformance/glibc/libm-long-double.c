/* glibc's long double functions over a spread of arguments, printed with
 * %.20Lg: on x86_64 they run on the x87 (fpatan, fyl2x, fyl2xp1, f2xm1,
 * fscale, frndint, fprem and the arithmetic around them), so the output
 * matches the host's only if the emulated x87 computes the same bits. */
#include <math.h>
#include <stdio.h>

static const long double ARGS[] = {
  0.0L, -0.0L, 1e-30L, -3e-10L, 0.1L, 0.25L, 0.5L, 0.7L, 1.0L, -1.0L, 1.5L, 2.0L, 2.5L, 3.0L,
  3.14159265358979323846L, 4.0L, -5.5L, 7.25L, 10.0L, 33.3L, 100.0L, -250.75L, 1000.0L, 12345.678L,
  1e6L, 1e10L, 1e18L, 1e-300L, 5e-4950L, 11356.5L, -11400.0L,
};
#define N (sizeof ARGS / sizeof ARGS[0])

int main(void) {
  for (unsigned i = 0; i < N; i++) {
    long double x = ARGS[i];
    printf("x=%.20Lg\n", x);
    printf("  sinl %.20Lg cosl %.20Lg tanl %.20Lg\n", sinl(x), cosl(x), tanl(x));
    printf("  expl %.20Lg exp2l %.20Lg expm1l %.20Lg\n", expl(x), exp2l(x), expm1l(x));
    printf("  logl %.20Lg log2l %.20Lg log10l %.20Lg log1pl %.20Lg\n", logl(x), log2l(x), log10l(x), log1pl(x));
    printf("  atanl %.20Lg atan2l(x,3) %.20Lg atan2l(-2,x) %.20Lg\n", atanl(x), atan2l(x, 3.0L), atan2l(-2.0L, x));
    printf("  powl(1.5,x) %.20Lg sqrtl %.20Lg fmodl(x,0.3) %.20Lg\n", powl(1.5L, x), sqrtl(x), fmodl(x, 0.3L));
  }
  return 0;
}
