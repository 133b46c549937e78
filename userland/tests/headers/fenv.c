/* fenv.h: every rounding mode the architecture has, applied to division,
 * square root, rint/nearbyint/lrint and long double; the exception flags
 * that division by zero, 0/0, overflow, underflow and an inexact result
 * raise; feraiseexcept, the flag save/restore, feholdexcept/feupdateenv,
 * fegetenv/fesetenv and FE_DFL_ENV. Values are printed with %a after the
 * mode is back to nearest (so printf's own rounding is not under test).
 * On riscv32 (soft-float) only round-to-nearest and no flags exist: the
 * program prints which macros the header defines, then what is left. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

static volatile double one = 1.0, three = 3.0, two = 2.0, zero = 0.0, big = 0x1p1023, tiny = 0x1p-1022;
static volatile long double lone = 1.0L, lthree = 3.0L;

static void show_flags(const char *what)
{
	int f = fetestexcept(FE_ALL_EXCEPT);

	printf("%-14s flags %#04x", what, f);
#ifdef FE_INVALID
	printf(" %s", f & FE_INVALID ? "INVALID" : "-");
#endif
#ifdef FE_DIVBYZERO
	printf(" %s", f & FE_DIVBYZERO ? "DIVBYZERO" : "-");
#endif
#ifdef FE_OVERFLOW
	printf(" %s", f & FE_OVERFLOW ? "OVERFLOW" : "-");
#endif
#ifdef FE_UNDERFLOW
	printf(" %s", f & FE_UNDERFLOW ? "UNDERFLOW" : "-");
#endif
#ifdef FE_INEXACT
	printf(" %s", f & FE_INEXACT ? "INEXACT" : "-");
#endif
	printf("\n");
}

static void in_mode(const char *name, int mode)
{
	int set = fesetround(mode), got = fegetround();
	double q = one / three, nq = -one / three, r = sqrt(two);
	double ri[4] = { rint(2.5), rint(-2.5), rint(-1.5), nearbyint(0.5) };
	long li = lrint(-2.5);
	long double lq = lone / lthree;
	float fq = (float)one / (float)three;

	fesetround(FE_TONEAREST);
	printf("%-11s set %d get %s: 1/3 %a -1/3 %a sqrt2 %a float %a\n", name, set, got == mode ? "same" : "other", q, nq, r,
	       (double)fq);
	printf("            rint 2.5 %g -2.5 %g -1.5 %g nearbyint 0.5 %g lrint -2.5 %ld long double 1/3 %.21Lg\n", ri[0], ri[1],
	       ri[2], ri[3], li, lq);
}

int main(void)
{
	printf("macros:");
#ifdef FE_TONEAREST
	printf(" FE_TONEAREST");
#endif
#ifdef FE_UPWARD
	printf(" FE_UPWARD");
#endif
#ifdef FE_DOWNWARD
	printf(" FE_DOWNWARD");
#endif
#ifdef FE_TOWARDZERO
	printf(" FE_TOWARDZERO");
#endif
#ifdef FE_INEXACT
	printf(" FE_INEXACT");
#endif
	printf(" FE_ALL_EXCEPT=%#x\n", FE_ALL_EXCEPT);
	printf("initial round %d, bad mode refused %d\n", fegetround() == FE_TONEAREST, fesetround(12345) != 0);
	in_mode("nearest", FE_TONEAREST);
#ifdef FE_UPWARD
	in_mode("upward", FE_UPWARD);
#endif
#ifdef FE_DOWNWARD
	in_mode("downward", FE_DOWNWARD);
#endif
#ifdef FE_TOWARDZERO
	in_mode("towardzero", FE_TOWARDZERO);
#endif
	volatile double sink;

	feclearexcept(FE_ALL_EXCEPT);
	show_flags("cleared");
	sink = one / zero;
	show_flags("1/0");
	feclearexcept(FE_ALL_EXCEPT);
	sink = zero / zero;
	show_flags("0/0");
	feclearexcept(FE_ALL_EXCEPT);
	sink = big * two;
	show_flags("overflow");
	feclearexcept(FE_ALL_EXCEPT);
	sink = tiny / three;
	show_flags("underflow");
	feclearexcept(FE_ALL_EXCEPT);
	sink = one / three;
	show_flags("1/3");
	feclearexcept(FE_ALL_EXCEPT);
	sink = one + two;
	show_flags("1+2");
	(void)sink;

	fexcept_t saved;

	feclearexcept(FE_ALL_EXCEPT);
	printf("raise all -> %d\n", feraiseexcept(FE_ALL_EXCEPT));
	show_flags("raised");
	fegetexceptflag(&saved, FE_ALL_EXCEPT);
	feclearexcept(FE_ALL_EXCEPT);
	show_flags("cleared again");
	fesetexceptflag(&saved, FE_ALL_EXCEPT);
	show_flags("restored");

	fenv_t env, held;

	feclearexcept(FE_ALL_EXCEPT);
#ifdef FE_UPWARD
	fesetround(FE_UPWARD);
#endif
	fegetenv(&env);
	fesetround(FE_TONEAREST);
	int set = fesetenv(&env);

	printf("fesetenv -> %d, mode restored %d\n", set, fegetround() == (
#ifdef FE_UPWARD
		FE_UPWARD
#else
		FE_TONEAREST
#endif
		));
	fesetenv(FE_DFL_ENV);
	printf("FE_DFL_ENV mode nearest %d\n", fegetround() == FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
	printf("feholdexcept -> %d\n", feholdexcept(&held));
	sink = one / zero;
	show_flags("held, 1/0");
	printf("feupdateenv -> %d\n", feupdateenv(&held));
	show_flags("updated");
	return 0;
}
