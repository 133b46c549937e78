/**
 * Host work outside virtual time: the kernel hands a promise (an ELF parse by
 * an asynchronous library, a host file read) to the machine, which stops
 * running guest code and freezes virtual time until it settles, then calls
 * back. So a run stays deterministic however long the host takes.
 */
export const HOST_WORK = Symbol.for('jos.hal.HostWork');

export interface HostWork {
  run<T>(work: Promise<T>, done: (result: T | Error) => void): void;
}
