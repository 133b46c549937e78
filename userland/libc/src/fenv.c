/* <fenv.h>. x86_64: both floating-point units are kept in step, as glibc
 * does: SSE2 (MXCSR: flags in bits 0-5, masks in 7-12, rounding in 13-14)
 * computes double and float, the x87 (control word: masks in 0-5,
 * rounding in 10-11; status word: flags in 0-5) computes long double.
 * riscv32 is soft-float: only round-to-nearest and no flags exist. */
#include <fenv.h>

#if defined(__x86_64__)

static unsigned get_mxcsr(void)
{
	unsigned m;

	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void set_mxcsr(unsigned m)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

static unsigned short get_cw(void)
{
	unsigned short cw;

	__asm__ volatile("fnstcw %0" : "=m"(cw));
	return cw;
}

static void set_cw(unsigned short cw)
{
	__asm__ volatile("fldcw %0" : : "m"(cw));
}

int feclearexcept(int excepts)
{
	fenv_t env;

	excepts &= FE_ALL_EXCEPT;
	__asm__ volatile("fnstenv %0" : "=m"(env));
	env.__status_word &= (unsigned short)~excepts;
	__asm__ volatile("fldenv %0" : : "m"(env));
	set_mxcsr(get_mxcsr() & ~(unsigned)excepts);
	return 0;
}

int fetestexcept(int excepts)
{
	unsigned short sw;

	__asm__ volatile("fnstsw %0" : "=m"(sw));
	return (int)((sw | get_mxcsr()) & (unsigned)excepts & FE_ALL_EXCEPT);
}

/* Sets the flags in MXCSR; an exception whose trap is enabled there
 * (feenableexcept) is then raised by an operation that causes it. */
int feraiseexcept(int excepts)
{
	excepts &= FE_ALL_EXCEPT;
	unsigned m = get_mxcsr();

	if (excepts & ~(int)(m >> 7) & FE_ALL_EXCEPT) { /* unmasked: trap for real */
		volatile double zero = 0.0, one = 1.0, big = 0x1p1023, tiny = 0x1p-1022, sink;

		if (excepts & FE_INVALID)
			sink = zero / zero;
		if (excepts & FE_DIVBYZERO)
			sink = one / zero;
		if (excepts & FE_OVERFLOW)
			sink = big * big;
		if (excepts & FE_UNDERFLOW)
			sink = tiny * tiny;
		if (excepts & FE_INEXACT)
			sink = one / 3.0;
		(void)sink;
	}
	set_mxcsr(get_mxcsr() | (unsigned)excepts);
	return 0;
}

int fegetexceptflag(fexcept_t *flagp, int excepts)
{
	*flagp = (fexcept_t)fetestexcept(excepts);
	return 0;
}

int fesetexceptflag(const fexcept_t *flagp, int excepts)
{
	fenv_t env;

	excepts &= FE_ALL_EXCEPT;
	__asm__ volatile("fnstenv %0" : "=m"(env));
	env.__status_word = (unsigned short)((env.__status_word & ~excepts) | (*flagp & excepts));
	__asm__ volatile("fldenv %0" : : "m"(env));
	set_mxcsr((get_mxcsr() & ~(unsigned)excepts) | (*flagp & (unsigned)excepts));
	return 0;
}

int fegetround(void)
{
	return get_cw() & 0xc00;
}

int fesetround(int round)
{
	if (round & ~0xc00)
		return 1;
	set_cw((unsigned short)((get_cw() & ~0xc00) | round));
	set_mxcsr((get_mxcsr() & ~0x6000u) | (unsigned)round << 3);
	return 0;
}

int fegetenv(fenv_t *envp)
{
	__asm__ volatile("fnstenv %0" : "=m"(*envp));
	/* fnstenv masks every x87 exception: put the environment back */
	__asm__ volatile("fldenv %0" : : "m"(*envp));
	envp->__mxcsr = get_mxcsr();
	return 0;
}

int fesetenv(const fenv_t *envp)
{
	fenv_t env;

	__asm__ volatile("fnstenv %0" : "=m"(env));
	if (envp == FE_DFL_ENV) {
		env.__control_word = 0x37f; /* all masked, nearest, extended precision */
		env.__status_word &= (unsigned short)~FE_ALL_EXCEPT;
		env.__mxcsr = 0x1f80;
	} else {
		env.__control_word = envp->__control_word;
		env.__status_word = envp->__status_word;
		env.__mxcsr = envp->__mxcsr;
	}
	__asm__ volatile("fldenv %0" : : "m"(env));
	set_mxcsr(env.__mxcsr);
	return 0;
}

int feholdexcept(fenv_t *envp)
{
	fegetenv(envp);
	fenv_t env = *envp;

	env.__control_word |= FE_ALL_EXCEPT;
	env.__status_word &= (unsigned short)~FE_ALL_EXCEPT;
	env.__mxcsr = (env.__mxcsr | (FE_ALL_EXCEPT << 7)) & ~(unsigned)FE_ALL_EXCEPT;
	return fesetenv(&env);
}

int feupdateenv(const fenv_t *envp)
{
	int raised = fetestexcept(FE_ALL_EXCEPT);

	fesetenv(envp);
	return feraiseexcept(raised);
}

int fegetexcept(void)
{
	return ~get_cw() & FE_ALL_EXCEPT;
}

int feenableexcept(int excepts)
{
	int old = fegetexcept();

	excepts &= FE_ALL_EXCEPT;
	set_cw((unsigned short)(get_cw() & ~excepts));
	set_mxcsr(get_mxcsr() & ~((unsigned)excepts << 7));
	return old;
}

int fedisableexcept(int excepts)
{
	int old = fegetexcept();

	excepts &= FE_ALL_EXCEPT;
	set_cw((unsigned short)(get_cw() | excepts));
	set_mxcsr(get_mxcsr() | (unsigned)excepts << 7);
	return old;
}

#else /* soft-float: one mode, no flags */

int feclearexcept(int excepts) { return excepts & ~FE_ALL_EXCEPT ? -1 : 0; }
int fetestexcept(int excepts) { (void)excepts; return 0; }
int feraiseexcept(int excepts) { return excepts & ~FE_ALL_EXCEPT ? -1 : 0; }
int fegetexceptflag(fexcept_t *flagp, int excepts) { *flagp = 0; return excepts & ~FE_ALL_EXCEPT ? -1 : 0; }
int fesetexceptflag(const fexcept_t *flagp, int excepts) { (void)flagp; return excepts & ~FE_ALL_EXCEPT ? -1 : 0; }
int fegetround(void) { return FE_TONEAREST; }
int fesetround(int round) { return round == FE_TONEAREST ? 0 : 1; }
int fegetenv(fenv_t *envp) { envp->__fcsr = 0; return 0; }
int fesetenv(const fenv_t *envp) { (void)envp; return 0; }
int feholdexcept(fenv_t *envp) { return fegetenv(envp); }
int feupdateenv(const fenv_t *envp) { (void)envp; return 0; }
int fegetexcept(void) { return 0; }
int feenableexcept(int excepts) { return excepts ? -1 : 0; }
int fedisableexcept(int excepts) { (void)excepts; return 0; }

#endif
