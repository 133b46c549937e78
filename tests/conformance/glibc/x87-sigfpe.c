/* Unmasked x87 exceptions end as SIGFPE: feenableexcept unmasks them in
 * the x87 control word, the faulting long double operation leaves its
 * destination alone and the next waiting x87 instruction raises #MF, which
 * Linux delivers as SIGFPE with an FPE_* code from the status word. */
#define _GNU_SOURCE
#include <fenv.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile int code, at_fwait;

static void handler(int sig, siginfo_t *info, void *ctx) {
  (void)sig;
  code = info->si_code;
  /* si_addr and the context's RIP: the waiting instruction that reported the error */
  const unsigned char *ip = (const unsigned char *)((ucontext_t *)ctx)->uc_mcontext.gregs[REG_RIP];
  at_fwait = ip == info->si_addr && ip[0] == 0x9b;
  siglongjmp(env, 1);
}

static void try(const char *name, int excepts, long double a, long double b, int op) {
  volatile long double r = 12345.0L;
  feclearexcept(FE_ALL_EXCEPT);
  feenableexcept(excepts);
  if (sigsetjmp(env, 1) == 0) {
    long double t;
    /* a op b, then fwait: the first waiting instruction after an unmasked exception */
    if (op == 0) __asm__ volatile("fldt %1\n\tfldt %2\n\tfdivrp\n\tfwait\n\tfstpt %0" : "=m"(t) : "m"(a), "m"(b)); /* DE F9: st1 / st0 */
    else if (op == 1) __asm__ volatile("fldt %1\n\tfsqrt\n\tfwait\n\tfstpt %0" : "=m"(t) : "m"(a));
    else __asm__ volatile("fldt %1\n\tfldt %2\n\tfmulp\n\tfwait\n\tfstpt %0" : "=m"(t) : "m"(b), "m"(a));
    r = t;
    printf("%s: no signal, result %Lg\n", name, r);
  } else {
    unsigned short sw, cw;
    __asm__ volatile("fnstsw %0\n\tfnstcw %1" : "=m"(sw), "=m"(cw));
    printf("%s: SIGFPE si_code %d at the fwait: %d; in the handler's FPU: status %#x control %#x\n", name, code, at_fwait, sw, cw);
  }
  fedisableexcept(FE_ALL_EXCEPT);
  __asm__ volatile("fninit");
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGFPE, &sa, NULL);
  try("1/0 (ZE unmasked)", FE_DIVBYZERO, 1.0L, 0.0L, 0);
  try("1/0 (ZE masked)", FE_INVALID, 1.0L, 0.0L, 0);
  try("sqrt(-1) (IE unmasked)", FE_INVALID, -1.0L, 0.0L, 1);
  try("huge*huge (OE unmasked)", FE_OVERFLOW, 1e4000L, 1e4000L, 2);
  try("tiny*tiny (UE unmasked)", FE_UNDERFLOW, 1e-4000L, 1e-4000L, 2);
  try("1/3 (PE unmasked)", FE_INEXACT, 1.0L, 3.0L, 0);
  try("1/3 (PE masked)", FE_OVERFLOW, 1.0L, 3.0L, 0);
  try("0/0 (IE unmasked)", FE_INVALID, 0.0L, 0.0L, 0);
  return 0;
}
