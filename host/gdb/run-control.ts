/**
 * Run control for the gdb stub: decides, between turns of the machine
 * loop, whether the machine runs, and where it stops — breakpoints,
 * watchpoints, single steps, Ctrl-C, the debugged process's exit.
 *
 * Breakpoints and watchpoints belong to one process, the *debugged* one
 * (pid 1 by default: the program after `jos run --`; `monitor debug PID`
 * picks another): a breakpoint stops only when that process's user code is
 * on the core at the address, never another process that maps the same
 * address.
 *
 * While any breakpoint or watchpoint is set, or a step is in progress, the
 * core runs in precise mode (core-adapter.ts): one instruction per turn,
 * the pc compared with the breakpoints before each, the watched bytes
 * compared after each. Otherwise it runs at full speed and nothing here is
 * on its path. Watchpoints compare values, so they catch a store by any
 * instruction of the process and the kernel's copies into its memory (a
 * read() into a watched buffer), reported when the process next runs.
 * Read and access watchpoints also see the kernel's copies (a write()
 * from a watched buffer: DebugGuest.watchCopies), reported the same way.
 */
import type { Machine, StepOutcome } from '../../platform/machine';
import type { DebugGuest, DebugThread } from './debug-guest';
import type { DataAccess } from './core-adapter';
import type { RunGate } from '../run-loop';
import type { History, TurnObserver } from './history';

/** Instructions per precise-mode call before the run loop looks outside. */
const PRECISE_BATCH = 4096;

export type StopReason =
  | {
      kind: 'signal';
      /** Reverse execution reached the start of the history it keeps. */
      atBegin?: boolean;
      /** A replay (--replay) reached the end of its recording. */
      atEnd?: boolean;
      signal: number;
      pid: number;
      breakpoint?: boolean;
      watch?: { type: 'watch' | 'rwatch' | 'awatch'; address: number };
      /** Stopped in the kernel (a breakpoint on a trap vector): the core's
       * registers are the kernel's, not the thread's. */
      inKernel?: boolean;
    }
  | { kind: 'exited'; code: number; pid: number }
  | { kind: 'killed'; signal: number; pid: number };

export const SIGINT = 2;
export const SIGTRAP = 5;

export type WatchType = 'watch' | 'rwatch' | 'awatch';

interface Watchpoint {
  type: WatchType;
  address: number;
  length: number;
  last: Buffer;
}

export class RunControl implements RunGate {
  private readonly breakpoints = new Set<number>();
  private readonly watchpoints: Watchpoint[] = [];
  private stopped: { promise: Promise<void>; release: () => void } | null = null;
  private interruptPending = false;
  private stepping = false;
  /** Instructions the debugged process retired since the last resume. */
  private liveRetired = 0;
  /** The breakpoint resumed from: passed once before it can hit again. */
  private skipPc: number | null = null;
  /** The same for a kernel breakpoint: passed once the pc moves on. */
  private skipKernelPc: number | null = null;
  /** A host entry (trap vector) the core stopped at for a breakpoint. */
  private hostEntryHit = false;
  private readonly observeHostEntry = (address: number): boolean => {
    if (!this.breakpoints.has(address) || address === this.skipKernelPc) return false;
    this.hostEntryHit = true;
    return true;
  };
  private debuggedPid = 1;
  /** -S: stop when the debugged process first runs. */
  startPending = false;
  /** Set once the debugged process has ended (its exit was reported). */
  private ended = false;
  /** The debugged process as last seen: the table forgets a process once
   * reaped (pid 1 at once), so its end is read from this object. */
  private tracked: DebugThread | null = null;
  lastStop: StopReason | null = null;
  /** Called with every stop (the session sends the stop reply). */
  onStop: (reason: StopReason) => void = () => {};
  /** Wakes the run loop (an interrupt while it sleeps). */
  poke: () => void = () => {};
  /** The past, for reverse execution (null: not available). */
  history: History | null = null;
  /** The core's precise mode as last set. */
  private precise = false;
  /** A gdb client is connected (gdb-server.ts). */
  attached = false;

  constructor(
    private readonly machine: Machine,
    readonly view: DebugGuest,
  ) {
    view.changed = () => this.history?.changedOutside();
  }

  // ---- what gdb asks for ----

  get pid(): number {
    return this.debuggedPid;
  }

  /** The debugged process, once it exists. */
  get debugged(): DebugThread | null {
    const p = this.view.thread(this.debuggedPid);
    if (p !== null) this.tracked = p;
    return p !== null && p.state !== 'zombie' ? p : null;
  }

  /** Debug another process (monitor debug PID); false if there is none. */
  setDebugged(pid: number): boolean {
    const p = this.view.thread(pid);
    if (p === null || p.state === 'zombie') return false;
    this.debuggedPid = pid;
    this.tracked = p;
    this.ended = false;
    this.history?.forgetLiveSteps();
    return true;
  }

  get isStopped(): boolean {
    return this.stopped !== null;
  }

  /** -S: run until the debugged process's first user instruction, and
   * stop there (gdb then reads the program's code from memory). */
  stopAtStart(): void {
    this.startPending = true;
    this.setPrecise(true);
  }

  /** Stops the machine where it is (a client attaching). */
  stopNow(signal: number): void {
    this.stop({ kind: 'signal', signal, pid: this.reportedPid() });
  }

  /** --replay: the recording is used up. With a client, stop there
   * (`replaylog:end`: gdb may go back); false when there is none. */
  stopAtEnd(): boolean {
    if (!this.attached) return false;
    this.stop({ kind: 'signal', signal: SIGTRAP, pid: this.reportedPid(), atEnd: true });
    return true;
  }

  addBreakpoint(address: number): void {
    this.breakpoints.add(address);
  }

  removeBreakpoint(address: number): boolean {
    return this.breakpoints.delete(address);
  }

  addWatchpoint(type: WatchType, address: number, length: number): boolean {
    const p = this.debugged;
    const current = this.view.read(p, address, length);
    if (current.length !== length) return false;
    this.watchpoints.push({ type, address, length, last: current });
    this.watchAccesses();
    return true;
  }

  removeWatchpoint(type: WatchType, address: number, length: number): boolean {
    const i = this.watchpoints.findIndex((w) => w.type === type && w.address === address && w.length === length);
    if (i < 0) return false;
    this.watchpoints.splice(i, 1);
    this.watchAccesses();
    return true;
  }

  /** Who reports the accesses to the ranges of read and access
   * watchpoints: 'after' cores, their instructions' (core-adapter.ts
   * watchAccesses); on every core, the kernel's copies to and from the
   * debugged process's memory. */
  private watchAccesses(): void {
    const core = this.view.core;
    const ranges = this.watchpoints.filter((w) => w.type !== 'watch');
    this.copyHit = null;
    this.watchingCopies = ranges.length !== 0;
    this.watchCopies();
    if (core.watchTiming !== 'after') return;
    core.watchAccesses(ranges, this.observeAccess);
  }

  /** Read or access watchpoints are set: the kernel's copies count. */
  private watchingCopies = false;
  /** Puts the copy observer on the debugged process's memory (which an
   * execve or a restore replaces: called before each precise turn). */
  private watchCopies(): void {
    const p = this.watchingCopies ? this.debugged : null;
    this.view.watchCopies(p, p === null ? null : this.observeCopy);
  }

  /** The read or access watchpoint a kernel's copy touched, reported once
   * the debugged process runs again (its system call returned). */
  private copyHit: Watchpoint | null = null;
  private readonly observeCopy = (address: number, length: number, write: boolean): void => {
    if (this.copyHit !== null) return;
    for (const w of this.watchpoints) {
      if (w.type === 'watch' || (w.type === 'rwatch' && write)) continue;
      if (address < w.address + w.length && w.address < address + length) {
        this.copyHit = w;
        return;
      }
    }
  };

  /** The read or access watchpoint the current instruction accessed. */
  private accessHit: Watchpoint | null = null;
  private takeAccessHit(): Watchpoint | null {
    const hit = this.accessHit;
    this.accessHit = null;
    return hit;
  }

  private readonly observeAccess = (access: DataAccess): void => {
    if (this.accessHit !== null) return;
    for (const w of this.watchpoints) {
      if (w.type === 'watch' || (w.type === 'rwatch' && !access.read)) continue;
      if (access.address < w.address + w.length && w.address < access.address + access.size) {
        this.accessHit = w;
        return;
      }
    }
  };

  /** Continues (step: one instruction of the debugged process). */
  resume(step: boolean): void {
    if (this.stopped === null) return;
    this.stepping = step;
    this.liveRetired = 0;
    const p = this.debugged;
    this.skipPc = p !== null && this.view.isLive(p) ? this.view.core.pc() : null;
    this.skipKernelPc = this.view.core.inUserMode() ? null : this.view.core.pc();
    this.refreshWatchpoints();
    this.setPrecise(this.needsPrecise());
    const { release } = this.stopped;
    this.stopped = null;
    release();
  }

  /** Ctrl-C from gdb: stop as soon as the current turn ends. */
  interrupt(): void {
    if (this.stopped !== null) return;
    this.interruptPending = true;
    this.machine.cpu?.requestStop();
    this.poke();
  }

  /** gdb detached: forget everything and let the machine run freely. */
  detach(): void {
    this.attached = false;
    this.breakpoints.clear();
    this.watchpoints.length = 0;
    this.watchAccesses();
    this.stepping = false;
    this.interruptPending = false;
    this.setPrecise(false);
    if (this.stopped !== null) {
      const { release } = this.stopped;
      this.stopped = null;
      release();
    }
  }

  /** Runs `save` with the core as it runs without a debugger: a snapshot
   * taken from gdb must not carry precise mode (one-instruction turns). */
  withoutDebugger<T>(save: () => T): T {
    this.view.core.setPrecise(false);
    try {
      return save();
    } finally {
      this.view.core.setPrecise(this.precise);
    }
  }

  // ---- reverse execution (history.ts) ----

  /** Why reverse execution cannot run now, or null. */
  reverseRefusal(): string | null {
    if (this.history === null) return 'no history is kept (reverse execution needs --clock virtual)';
    if (this.stopped === null) return 'the machine is running';
    if (this.history.disabled !== null) return `no history: the machine could not be checkpointed (${this.history.disabled})`;
    if (this.history.begin >= this.history.length && this.history.length === 0) return 'no history yet';
    return null;
  }

  /**
   * reverse-stepi (`bs`): back to just before the debugged thread's last
   * instruction. reverse-continue (`bc`): back to the last time the
   * debugged thread was at a breakpoint. Returns the stop to report;
   * `atBegin` when history began first (replaylog:begin).
   */
  async reverse(kind: 'step' | 'continue'): Promise<void> {
    const history = this.history!;
    let end = history.length;
    // reverse-stepi: the debugged thread's last instruction is usually
    // marked as it ran (one replay, not two).
    let target = kind === 'step' ? history.lastLiveStep(end) : -1;
    let breakpoint = false;
    let watch: Watchpoint | null = null;
    let atBegin = false;
    // Replays must not stop at kernel breakpoints: the forward run's stops
    // there are where its history restarted.
    this.view.core.setHostEntryObserver(null);
    while (target < 0) {
      if (end <= history.begin) {
        target = history.begin;
        atBegin = true;
        break;
      }
      const search = kind === 'step' ? this.lastInstructionSearch() : this.lastStopSearch();
      const start = await history.replay(end, search.observer, end - 1);
      if (search.found >= 0) {
        target = search.found;
        breakpoint = search.watch === null && kind === 'continue';
        watch = search.watch;
        // gdb steps over a watchpoint that triggers before the access
        // (RISC-V), backwards too: it is reported after the access, and
        // gdb's reverse step lands before it.
        if (watch !== null && this.view.core.watchTiming === 'before') target++;
      } else {
        const earlier = history.checkpointBefore(start);
        if (earlier === null) {
          target = start; // history begins here
          atBegin = true;
        } else end = start;
      }
    }
    await history.replay(target, null);
    history.truncate(target);
    this.afterTimeTravel();
    const reason: StopReason = { kind: 'signal', signal: SIGTRAP, pid: this.reportedPid() };
    if (breakpoint) reason.breakpoint = true;
    if (watch !== null) reason.watch = { type: watch.type, address: watch.address };
    if (atBegin) reason.atBegin = true;
    this.lastStop = reason;
    this.onStop(reason);
  }

  /** reverse-stepi's search of an interval: the last turn that retired an
   * instruction of the debugged thread, or trapped into the kernel without
   * retiring (an ecall) and came back after it (as step() counts them). */
  private lastInstructionSearch(): { observer: TurnObserver; found: number; watch: Watchpoint | null } {
    const pid = this.debuggedPid;
    const core = this.view.core;
    let liveBefore = false;
    let pcBefore = 0;
    let trapped: { turn: number; pc: number } | null = null;
    const search = {
      found: -1,
      watch: null,
      observer: {
        before: (_i: number, precise: boolean) => {
          liveBefore = precise && this.liveThread(pid) !== null;
          if (liveBefore) pcBefore = core.pc();
        },
        after: (i: number, retiredBefore: number) => {
          if (liveBefore && core.retired() > retiredBefore) {
            search.found = i;
            trapped = null;
          } else if (liveBefore && !core.inUserMode()) trapped = { turn: i, pc: pcBefore };
          else if (trapped !== null && this.liveThread(pid) !== null) {
            if (core.pc() !== trapped.pc) search.found = trapped.turn;
            trapped = null;
          }
        },
      },
    };
    return search;
  }

  /** reverse-continue's search of an interval: the last turn that began
   * with the debugged thread at a breakpoint, or (watchpoints) whose
   * instruction accessed a watched location: a write that changed it, or
   * on 'before' cores a read the instruction decodes to; or in which the
   * kernel's copy accessed one for a read or access watchpoint. The machine then
   * stops before that turn, as gdb expects of a watchpoint going back. */
  private lastStopSearch(): { observer: TurnObserver; found: number; watch: Watchpoint | null } {
    const pid = this.debuggedPid;
    const core = this.view.core;
    const written = this.watchpoints.filter((w) => w.type !== 'rwatch');
    const read = core.watchTiming === 'before' ? this.watchpoints.filter((w) => w.type !== 'watch') : [];
    // 'after' cores report accesses to read and access watchpoints as
    // they happen (observeAccess): the replayed instructions' too.
    const observed = core.watchTiming === 'after' && this.watchpoints.some((w) => w.type !== 'watch');
    let liveBefore = false;
    /** The last turn that began with the debugged thread's instruction. */
    let lastLive = -1;
    let values: (Buffer | null)[] | null = null;
    const search = {
      found: -1,
      watch: null as Watchpoint | null,
      observer: {
        before: (i: number, precise: boolean) => {
          const p = this.view.thread(pid);
          // Peeked, not read: a search must not fault pages in (the past
          // would then differ from the run's).
          values = p !== null && p.state !== 'zombie' && written.length !== 0 ? written.map((w) => this.view.peek(p, w.address, w.length)) : null;
          this.accessHit = null;
          this.copyHit = null;
          // (A restore made the process's memory object anew.)
          if (this.watchingCopies) this.watchCopies();
          liveBefore = precise && p !== null && p.state !== 'zombie' && this.view.isLive(p);
          if (!liveBefore) return;
          lastLive = i;
          if (this.breakpoints.has(core.pc())) {
            search.found = i;
            search.watch = null;
          }
          if (read.length !== 0) {
            const code = this.view.peek(p, core.pc(), 4) ?? this.view.peek(p, core.pc(), 2);
            const access = code === null ? null : core.accessAt(code);
            const hit = access === null || !access.read ? undefined : read.find((w) => access.address < w.address + w.length && w.address < access.address + access.size);
            if (hit !== undefined) {
              search.found = i;
              search.watch = hit;
            }
          }
        },
        after: (i: number, retiredBefore: number) => {
          const accessed = this.takeAccessHit();
          if (observed && liveBefore && accessed !== null && core.retired() > retiredBefore) {
            search.found = i;
            search.watch = accessed;
          }
          const copied = this.copyHit;
          this.copyHit = null;
          if (copied !== null) {
            // 'after' cores stop before the access: before the system
            // call's instruction, when the kernel's work was a turn of its
            // own after it ('before' cores land after the access for gdb
            // to step back over it).
            search.found = core.watchTiming === 'after' && !liveBefore && lastLive >= 0 ? lastLive : i;
            search.watch = copied;
          }
          if (values === null) return;
          const p = this.view.thread(pid);
          if (p === null) return;
          for (let k = 0; k < written.length; k++) {
            const was = values[k];
            const now = was === null ? null : this.view.peek(p, written[k].address, written[k].length);
            if (was !== null && now !== null && !now.equals(was)) {
              search.found = i;
              search.watch = written[k];
            }
          }
        },
      },
    };
    return search;
  }

  /** The thread `pid` if it is alive and its user code is on the core. */
  private liveThread(pid: number): DebugThread | null {
    const p = this.view.thread(pid);
    return p !== null && p.state !== 'zombie' && this.view.isLive(p) ? p : null;
  }

  /** The machine is somewhere else in time: what was remembered of it
   * is looked up again. */
  private afterTimeTravel(): void {
    this.tracked = null;
    this.trapped = null;
    this.ended = false;
    this.skipPc = null;
    this.skipKernelPc = null;
    this.stepping = false;
    this.refreshWatchpoints();
    // The restored TLB may hold the watched pages' fast entries again.
    this.watchAccesses();
    const precise = this.needsPrecise();
    this.view.core.setPrecise(!precise);
    this.setPrecise(precise);
  }

  // ---- RunGate ----

  held(): Promise<void> | null {
    return this.stopped?.promise ?? null;
  }

  wantsAttention(): boolean {
    return this.interruptPending;
  }

  step(turn: number): StepOutcome {
    if (this.checkInterrupt()) return 'ran';
    if (!this.needsPrecise()) {
      const outcome = this.exec(turn);
      this.checkEnded();
      this.checkInterrupt();
      return outcome;
    }
    const core = this.view.core;
    for (let i = 0; i < PRECISE_BATCH; i++) {
      const p = this.debugged;
      const live = p !== null && this.view.isLive(p);
      if (live && this.startPending) {
        this.startPending = false;
        this.stop({ kind: 'signal', signal: SIGTRAP, pid: p.pid });
        return 'ran';
      }
      if (live && this.breakpoints.size !== 0) {
        const pc = core.pc();
        if (this.breakpoints.has(pc) && pc !== this.skipPc) {
          this.stop({ kind: 'signal', signal: SIGTRAP, pid: p.pid, breakpoint: true });
          return 'ran';
        }
      }
      if (!live && this.breakpoints.size !== 0 && !core.inUserMode()) {
        // The kernel's code (trap vectors): any process, supervisor mode.
        const pc = core.pc();
        if (this.breakpoints.has(pc) && pc !== this.skipKernelPc) {
          this.stop({ kind: 'signal', signal: SIGTRAP, pid: this.reportedPid(), breakpoint: true, inKernel: true });
          return 'ran';
        }
      }
      if (live && this.watchpoints.length !== 0 && core.watchTiming === 'before') {
        const hit = this.accessedWatchpoint(p);
        if (hit !== null) {
          this.stop({ kind: 'signal', signal: SIGTRAP, pid: p.pid, watch: { type: hit.type, address: hit.address } });
          return 'ran';
        }
      }
      if (this.watchingCopies) this.watchCopies();
      const before = core.retired();
      const pcBefore = live ? core.pc() : 0;
      this.accessHit = null;
      const outcome = this.exec(1);
      if (this.hostEntryHit) {
        this.hostEntryHit = false;
        // A turn cut short by the observer cannot be taken again without
        // it: the past begins again here.
        this.history?.restart();
        this.stop({ kind: 'signal', signal: SIGTRAP, pid: this.reportedPid(), breakpoint: true, inKernel: true });
        return 'ran';
      }
      if (live && core.retired() > before) this.liveStep(this.history?.length);
      else if (live && !core.inUserMode()) this.trapped = { turn: this.history?.length, pc: pcBefore };
      else if (this.trapped !== null && p !== null && this.view.isLive(p)) {
        // Back from the kernel: the instruction that trapped without
        // retiring ran (an ecall: the thread goes on after it), or it
        // faulted and runs again.
        if (core.pc() !== this.trapped.pc) this.liveStep(this.trapped.turn);
        this.trapped = null;
      }
      if (this.skipKernelPc !== null && core.pc() !== this.skipKernelPc) this.skipKernelPc = null;
      if (this.checkEnded()) return outcome;
      // (An access that faulted is not one: the instruction runs again.)
      const accessed = this.takeAccessHit();
      if (live && accessed !== null && core.retired() > before) {
        // 'after' cores: the instruction read (or wrote) a watched location.
        const hit = accessed;
        if (hit.type === 'awatch') this.refreshWatchpoints();
        this.stop({ kind: 'signal', signal: SIGTRAP, pid: p.pid, watch: { type: hit.type, address: hit.address } });
        return 'ran';
      }
      if (p !== null && this.view.isLive(p)) {
        if (this.copyHit !== null) {
          // The kernel read (or wrote) a watched location for the system
          // call the process just returned from.
          const hit = this.copyHit;
          this.copyHit = null;
          if (hit.type === 'awatch') this.refreshWatchpoints();
          this.stop({ kind: 'signal', signal: SIGTRAP, pid: p.pid, watch: { type: hit.type, address: hit.address } });
          return 'ran';
        }
        const hit = this.changedWatchpoint(p);
        if (hit !== null) {
          this.stop({ kind: 'signal', signal: SIGTRAP, pid: p.pid, watch: { type: 'watch', address: hit.address } });
          return 'ran';
        }
        if (this.stepping && this.liveRetired > 0) {
          this.stop({ kind: 'signal', signal: SIGTRAP, pid: p.pid });
          return 'ran';
        }
      }
      if (this.checkInterrupt() || outcome !== 'ran') return outcome;
    }
    return 'ran';
  }

  // ---- internals ----

  /** The debugged thread trapped into the kernel without retiring (a
   * RISC-V ecall, a page fault): the turn (its index in the history) and
   * its pc. */
  private trapped: { turn: number | undefined; pc: number } | null = null;

  /** An instruction of the debugged thread ran in turn `turn` (the history's
   * index after it: `turn - 1` is the turn; undefined without history). */
  private liveStep(turn: number | undefined): void {
    this.trapped = null;
    this.liveRetired++;
    this.skipPc = null;
    if (turn !== undefined) this.history?.markLiveStep(turn - 1);
  }

  /** One turn of the machine, logged when there is a history. */
  private exec(budget: number): StepOutcome {
    return this.history !== null ? this.history.step(budget, this.precise) : this.machine.step(budget);
  }

  private setPrecise(on: boolean): void {
    this.precise = on;
    this.view.core.setPrecise(on);
    this.view.core.setHostEntryObserver(on && this.breakpoints.size !== 0 ? this.observeHostEntry : null);
  }

  private needsPrecise(): boolean {
    return this.stepping || this.startPending || this.breakpoints.size !== 0 || this.watchpoints.length !== 0;
  }

  private checkInterrupt(): boolean {
    if (!this.interruptPending) return false;
    this.interruptPending = false;
    this.stopNow(SIGINT);
    return true;
  }

  /** Reports the debugged process's end once; true if it just ended. */
  private checkEnded(): boolean {
    if (this.ended) return false;
    const p = this.view.thread(this.debuggedPid) ?? this.tracked;
    if (p !== null) this.tracked = p;
    const ended = p !== null && p.state === 'zombie';
    if (!ended && !this.machine.poweredOff) return false;
    this.ended = true;
    this.stepping = false;
    this.breakpoints.clear();
    this.watchpoints.length = 0;
    this.watchAccesses();
    this.setPrecise(false);
    let reason: StopReason;
    if (p === null || !ended) {
      // The machine went off under it (reboot): its status is the run's.
      reason = { kind: 'exited', code: (this.machine.powerOffStatus ?? 0) & 0xff, pid: this.debuggedPid };
    } else {
      const status = p.waitStatus;
      const signal = status & 0x7f;
      reason = signal === 0 ? { kind: 'exited', code: (status >> 8) & 0xff, pid: p.pid } : { kind: 'killed', signal, pid: p.pid };
    }
    // The process is gone: the machine runs on (other processes), and gdb
    // hears of the end.
    this.lastStop = reason;
    this.onStop(reason);
    return true;
  }

  /** The thread a stop is reported for: the process on the core if it is
   * the debugged one or there is no debugged one yet, else the debugged. */
  private reportedPid(): number {
    const debugged = this.debugged;
    if (debugged !== null) return debugged.pid;
    return this.view.onCore()?.pid ?? this.debuggedPid;
  }

  private stop(reason: StopReason): void {
    if (this.stopped !== null) return;
    let release = (): void => {};
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.stopped = { promise, release };
    this.stepping = false;
    this.machine.cpu?.requestStop();
    this.lastStop = reason;
    this.onStop(reason);
  }

  private refreshWatchpoints(): void {
    const p = this.debugged;
    for (const w of this.watchpoints) {
      const now = this.view.read(p, w.address, w.length);
      if (now.length === w.length) w.last = now;
    }
  }

  /** 'before' cores: the watchpoint the next instruction's access hits. */
  private accessedWatchpoint(p: DebugThread): Watchpoint | null {
    const core = this.view.core;
    const pc = core.pc();
    if (pc === this.skipPc) return null;
    const access = core.accessAt(this.view.read(p, pc, 4));
    if (access === null) return null;
    for (const w of this.watchpoints) {
      const overlaps = access.address < w.address + w.length && w.address < access.address + access.size;
      if (!overlaps) continue;
      if (w.type === 'awatch' || (w.type === 'watch' && access.write) || (w.type === 'rwatch' && access.read)) return w;
    }
    return null;
  }

  /** Value changes of write watchpoints: stores on 'after' cores, and on
   * both the kernel's copies into the process's memory. */
  private changedWatchpoint(p: DebugThread): Watchpoint | null {
    for (const w of this.watchpoints) {
      if (w.type !== 'watch') continue;
      const now = this.view.read(p, w.address, w.length);
      if (now.length === w.length && !now.equals(w.last)) {
        w.last = now;
        return w;
      }
    }
    return null;
  }
}
