/* The signal-mask half of sigsetjmp/siglongjmp (the registers are in
 * arch/<arch>/setjmp.S). */
#include <setjmp.h>
#include <signal.h>

int __sigsetjmp_tail(sigjmp_buf env, int savemask);

int __sigsetjmp_tail(sigjmp_buf env, int savemask)
{
	env->__mask_saved = savemask != 0;
	if (savemask)
		sigprocmask(SIG_BLOCK, NULL, &env->__mask);
	return 0;
}

void siglongjmp(sigjmp_buf env, int value)
{
	if (env->__mask_saved)
		sigprocmask(SIG_SETMASK, &env->__mask, NULL);
	longjmp(env, value);
}
