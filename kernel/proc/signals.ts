/**
 * Signal numbers (the same on x86_64 and the asm-generic architectures),
 * their default actions, and the wait status encoding wait4 reports.
 */
export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGILL = 4;
export const SIGTRAP = 5;
export const SIGABRT = 6;
export const SIGBUS = 7;
export const SIGFPE = 8;
export const SIGKILL = 9;
export const SIGUSR1 = 10;
export const SIGSEGV = 11;
export const SIGUSR2 = 12;
export const SIGPIPE = 13;
export const SIGALRM = 14;
export const SIGTERM = 15;
export const SIGCHLD = 17;
export const SIGCONT = 18;
export const SIGSTOP = 19;
export const SIGTSTP = 20;
export const SIGTTIN = 21;
export const SIGTTOU = 22;
export const SIGURG = 23;
export const SIGWINCH = 28;
export const NSIG = 64;

export const SIG_DFL = 0;
export const SIG_IGN = 1;

// sa_flags (the same on x86_64 and asm-generic).
export const SA_NOCLDSTOP = 0x1;
export const SA_SIGINFO = 0x4;
export const SA_RESTORER = 0x0400_0000;
export const SA_ONSTACK = 0x0800_0000;
/** SIGCHLD only: children are reaped at exit, never zombies. */
export const SA_NOCLDWAIT = 0x0000_0002;
export const SA_RESTART = 0x1000_0000;
export const SA_NODEFER = 0x4000_0000;
export const SA_RESETHAND = 0x8000_0000;

// si_code values.
export const SI_USER = 0;
export const SI_KERNEL = 0x80;
export const SI_TKILL = -6;
export const SEGV_MAPERR = 1;
export const SEGV_ACCERR = 2;
/** SIGBUS: a mapped page past the end of its object. */
export const BUS_ADRERR = 2;
export const FAULT_CODE = 1; // ILL_ILLOPC, FPE_INTDIV, BUS_ADRALN, TRAP_BRKPT
// SIGCHLD's si_code (include/uapi/asm-generic/siginfo.h).
export const CLD_EXITED = 1;
export const CLD_KILLED = 2;
export const CLD_DUMPED = 3;
export const CLD_STOPPED = 5;
export const CLD_CONTINUED = 6;

const IGNORED_BY_DEFAULT = new Set([SIGCHLD, SIGCONT, SIGURG, SIGWINCH]);

/** True when the default action is to do nothing. */
export function ignoredByDefault(signal: number): boolean {
  return IGNORED_BY_DEFAULT.has(signal);
}

/** The signals whose default action stops the process (POSIX job control). */
export const STOP_SIGNALS = (1n << BigInt(SIGSTOP)) | (1n << BigInt(SIGTSTP)) | (1n << BigInt(SIGTTIN)) | (1n << BigInt(SIGTTOU));

export function isStopSignal(signal: number): boolean {
  return signal > 0 && signal < 64 && (STOP_SIGNALS & (1n << BigInt(signal))) !== 0n;
}

/** wait4's status word for a stop (WIFSTOPPED, WSTOPSIG). */
export function stoppedStatus(signal: number): number {
  return ((signal & 0xff) << 8) | 0x7f;
}

/** wait4's status word for a continue (WIFCONTINUED). */
export const CONTINUED_STATUS = 0xffff;

/** wait4's status word for a normal exit. */
export function exitedStatus(code: number): number {
  return (code & 0xff) << 8;
}

/** wait4's status word for death by a signal. */
export function killedStatus(signal: number): number {
  return signal & 0x7f;
}

/** The shell's view: the exit code, or 128 + the signal. */
export function shellStatus(waitStatus: number): number {
  const signal = waitStatus & 0x7f;
  return signal === 0 ? (waitStatus >> 8) & 0xff : 128 + signal;
}

const NAMES: Record<number, string> = {
  [SIGHUP]: 'SIGHUP',
  [SIGINT]: 'SIGINT',
  [SIGQUIT]: 'SIGQUIT',
  [SIGILL]: 'SIGILL',
  [SIGTRAP]: 'SIGTRAP',
  [SIGABRT]: 'SIGABRT',
  [SIGBUS]: 'SIGBUS',
  [SIGFPE]: 'SIGFPE',
  [SIGKILL]: 'SIGKILL',
  [SIGUSR1]: 'SIGUSR1',
  [SIGSEGV]: 'SIGSEGV',
  [SIGUSR2]: 'SIGUSR2',
  [SIGPIPE]: 'SIGPIPE',
  [SIGALRM]: 'SIGALRM',
  [SIGTERM]: 'SIGTERM',
  [SIGCHLD]: 'SIGCHLD',
  [SIGCONT]: 'SIGCONT',
  [SIGSTOP]: 'SIGSTOP',
  [SIGTSTP]: 'SIGTSTP',
  [SIGTTIN]: 'SIGTTIN',
  [SIGTTOU]: 'SIGTTOU',
};

export function signalName(signal: number): string {
  return NAMES[signal] ?? `signal ${signal}`;
}
