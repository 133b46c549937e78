/**
 * Where every trap lands (xv6's trap.c): system calls to the dispatcher,
 * page faults to the process's memory, device interrupts to their drivers,
 * other exceptions to a signal. On the way out it acts on pending signals,
 * lets the scheduler choose who runs, and arms the timer for the next
 * sleeper's deadline.
 */
import type { InterruptController } from '../../hal/interrupts';
import type { Timer } from '../../hal/timer';
import type { Trap } from '../../hal/trap';
import type { Process } from '../proc/process';
import { BUS_ADRERR, FAULT_CODE, SEGV_ACCERR, SEGV_MAPERR, SIGBUS, SIGKILL, SIGSEGV, signalName } from '../proc/signals';
import type { SyscallDispatcher } from '../syscall/dispatcher';
import { QUANTUM_NS } from '../sched/scheduler';
import type { KernelServices } from '../syscall/services';
import { hexAddress } from '../lib/hex';

export interface Panic {
  (message: string): void;
}

export class TrapDispatcher {
  /** When the kernel last returned to a process or to idle. */
  private lastNs = 0;
  /** The periodic tick runs (boot starts it); it stops while the machine
   * idles (tickless idle), so an idle machine takes no interrupts but the
   * next sleeper's alarm, and its host sleeps. */
  private ticking = true;
  /** The last leave() chose the idle loop. */
  private idling = false;

  constructor(
    private readonly k: KernelServices,
    private readonly syscalls: SyscallDispatcher,
    private readonly interrupts: InterruptController,
    private readonly timer: Timer,
    private readonly panic: Panic,
  ) {}

  handle(trap: Trap): void {
    const now = this.k.monotonicNs();
    const p = this.k.scheduler.current;
    const stats = this.k.scheduler.stats;
    const away = Math.max(0, now - this.lastNs);
    if (p && trap.fromUser) {
      p.cpuTimeNs += away;
      stats.userNs += away;
    } else if (this.idling) stats.idleNs += away;
    else stats.systemNs += away;
    if (!this.dispatch(trap, p, now)) return; // panicked
    this.leave(now);
    // What the kernel's work cost in virtual time (device accesses, the
    // entry charge of a nested trap) is system time.
    const back = this.k.monotonicNs();
    stats.systemNs += Math.max(0, back - now);
    this.lastNs = back;
  }

  /** Acts on the trap; false after a panic (nothing may run on). */
  private dispatch(trap: Trap, p: Process | null, now: number): boolean {
    switch (trap.kind) {
      case 'syscall':
        if (!p) {
          this.panic(`system call with no current process at pc ${hexAddress(trap.pc)}`);
          return false;
        }
        // A thread an exec in its process ended between turns: it goes now.
        if (p.state !== 'zombie') this.syscalls.dispatch(p, p.context);
        break;
      case 'interrupt':
        this.interrupt(trap.vector, now);
        break;
      case 'page-fault':
        if (!p || !trap.fromUser) {
          this.panic(`kernel page fault at ${hexAddress(trap.address)} (${trap.access}), pc ${hexAddress(trap.pc)}`);
          return false;
        }
        if (p.state === 'zombie') break;
        const outcome = p.vm.handleFault(trap.address, trap.access);
        if (outcome === 'oom') {
          // As Linux's OOM killer: the process that needed the page goes.
          this.k.log.warn('mm', `out of memory: killing pid ${p.pid} (${p.name}), which needed a page at ${hexAddress(trap.address)}`);
          this.k.processes.kill(p, SIGKILL);
        } else if (outcome === 'sigbus') {
          // A shared mapping's page past the end of its file, as Linux.
          this.k.log.debug('fault', `pid ${p.pid} (${p.name}): bus error: ${trap.access} at ${hexAddress(trap.address)}, past the end of the mapped object`);
          this.k.processes.forceFault(p, SIGBUS, { code: BUS_ADRERR, address: trap.address });
        } else if (outcome === 'segv') {
          // Logged like Linux's "segfault at": loudly only when it kills.
          const level = p.actionFor(SIGSEGV).handler > 1 ? 'debug' : 'info';
          this.k.log.log(level, 'fault', `pid ${p.pid} (${p.name}): segmentation fault: ${trap.access} at ${hexAddress(trap.address)} by the instruction at ${hexAddress(trap.pc)}`);
          this.k.processes.forceFault(p, SIGSEGV, { code: trap.present ? SEGV_ACCERR : SEGV_MAPERR, address: trap.address });
        }
        break;
      case 'exception':
        if (!p || !trap.fromUser) {
          this.panic(`kernel ${trap.description} at pc ${hexAddress(trap.pc)}`);
          return false;
        }
        this.k.log.log(p.actionFor(trap.signal).handler > 1 ? 'debug' : 'info', 'fault', `pid ${p.pid} (${p.name}): ${trap.description} at ${hexAddress(trap.pc)}: ${signalName(trap.signal)}`);
        this.k.processes.forceFault(p, trap.signal, { code: trap.code ?? FAULT_CODE, address: trap.pc });
        break;
    }
    return true;
  }

  /** Work finished outside any trap (host work: an exec's ELF) may have
   * made a process runnable. An idle core picks it up now (with the tick
   * stopped, nothing else would wake it); a busy one at its next trap. */
  kick(): void {
    if (!this.idling) return;
    const now = this.k.monotonicNs();
    this.k.scheduler.stats.idleNs += Math.max(0, now - this.lastNs);
    this.lastNs = now;
    this.leave(now);
  }

  /** Chooses who runs next and arranges the return to them (or idling). */
  leave(now = this.k.monotonicNs()): void {
    const scheduler = this.k.scheduler;
    // A deadline that passed between ticks (or while the tick was stopped)
    // is due now: idling until an alarm set in the past would be for ever.
    scheduler.wakeExpired(now);
    for (;;) {
      const next = scheduler.pick(now);
      if (!next) {
        if (this.ticking && this.timer.stopPeriodic) {
          this.timer.stopPeriodic();
          this.ticking = false;
        }
        this.idling = true;
        this.k.trapHost.idle();
        break;
      }
      this.idling = false;
      if (!this.ticking) {
        this.timer.startPeriodic(QUANTUM_NS);
        this.ticking = true;
      }
      if (next.hasPendingSignal()) {
        if (next.pendingRestart !== null && this.k.processes.nextSignalIsCaught(next)) this.syscalls.retryBeforeSignal(next);
        this.k.processes.deliverSignals(next, this.k.trapHost.signals);
        if (next.state !== 'runnable') continue; // it died or stopped
      }
      this.k.trapHost.switchTo(next.context, next.vm.space);
      break;
    }
    this.k.processes.destroyRetired();
    this.armTimer(now);
  }

  private interrupt(vector: number, now: number): void {
    const source = this.interrupts.acknowledge(vector);
    if (source === null) return; // spurious: no end of interrupt
    this.k.scheduler.stats.interrupts++;
    switch (source) {
      case 'timer':
        this.timer.handleInterrupt();
        this.k.scheduler.tick(now);
        break;
      case 'serial':
        this.k.tty.receive();
        break;
      case 'disk':
        this.k.disk?.handleInterrupt?.();
        break;
      case 'keyboard':
        for (const event of this.k.keyboard?.handleInterrupt() ?? []) {
          if (this.k.keyEvents?.deliver(event)) continue;
          if (event.pressed && event.char) this.k.tty.inputText(event.char);
        }
        break;
      default:
        this.k.log.debug('irq', `interrupt from ${source} with no handler`);
    }
    this.interrupts.endOfInterrupt(source);
  }

  private armTimer(now: number): void {
    const deadline = this.k.scheduler.nextDeadlineNs();
    if (deadline !== Infinity) this.timer.setAlarm(Math.max(deadline, now));
  }
}
