/**
 * `jos run --replay FILE`: the recorded inputs, given back to the machine at
 * the points of the run they arrived at, in place of the outside world; and
 * the checks that the replay still is the recorded run. A departure throws
 * Divergence, which says where and how.
 */
import type { Machine } from '../../platform/machine';
import type { Bus } from '../../platform/bus';
import type { InputPointResult, InputSource } from '../../platform/input-feed';
import type { SerialDevice } from '../../platform/serial-wire';
import { RecordedEvent } from './recording-format';
import type { KeyReplay } from '../keyboard/key-log';
import { ramHash, registerSum } from './machine-checksum';

export class Divergence extends Error {}

export class Replayer implements InputSource {
  private next = 0;
  readonly livePending = false;
  /** Where recorded keys go (--keyboard device|keypad, --display term). */
  keys: KeyReplay | null = null;

  constructor(
    private readonly machine: Machine,
    private readonly bus: Bus,
    private readonly uart: SerialDevice,
    private readonly events: readonly RecordedEvent[],
  ) {
    machine.addInput(this);
  }

  get position(): number {
    return this.next;
  }

  /** Back (or on) to a position saved with the machine's state (reverse
   * execution during a replay: host/gdb/history.ts). */
  seek(position: number): void {
    if (!(Number.isInteger(position) && position >= 0 && position <= this.events.length)) throw new Error(`no recorded event ${position}`);
    this.next = position;
  }

  /** Every recorded event has been reproduced. */
  get exhausted(): boolean {
    return this.next >= this.events.length;
  }

  // ---- InputSource ----

  atTurn(): boolean {
    let any = false;
    for (;;) {
      const e = this.peek();
      if (e === null) return any;
      if (e.kind === 'in' && e.phase === 'turn') {
        if (!this.at(e)) break;
        this.deliver(e);
        any = true;
      } else if (e.kind === 'sum') {
        if (!this.at(e)) break;
        this.check(e, 'periodic checksum');
        this.next++;
      } else break;
    }
    this.expectNotPassed();
    return any;
  }

  atInputPoint(): InputPointResult {
    const e = this.peek();
    if (e !== null && e.kind === 'in' && e.phase === 'point' && this.at(e)) {
      this.deliver(e);
      return 'delivered';
    }
    return 'nothing';
  }

  patienceExpired(): void {}

  /** Before each turn (the replay loop, history.ts): the keys the host
   * gave at this point, between two turns as it did, before the turn's
   * due events fire. Keys typed while the core idled, before a move of
   * virtual time, wait for that move (idle()). */
  beforeTurn(): void {
    if (this.keysBeforeMove()) return;
    for (let e = this.peek(); e !== null && e.kind === 'key' && this.at(e); e = this.peek()) this.giveKey(e);
  }

  /** The recording of a run that was stopped (not powered off) ends here. */
  endsHere(): boolean {
    const e = this.peek();
    if (e === null || e.kind !== 'end' || e.how !== 'stopped' || !this.at(e)) return false;
    this.check(e, 'final checksum');
    if (ramHash(this.bus) !== e.ram) throw this.divergence('RAM differs from the recording at the end');
    this.next++;
    return true;
  }

  /** The core idles: the recorded move of virtual time at this point
   * (and the keys typed while it idled, first). */
  idle(): void {
    while (this.keysBeforeMove()) this.giveKey(this.peek() as RecordedEvent & { kind: 'key' });
    const e = this.peek();
    if (e === null || e.kind !== 'move' || !this.at(e)) {
      throw this.divergence(`the machine idles here, but the recording ${e === null ? 'has ended' : `next has ${describe(e)}`}`);
    }
    this.check(e, 'move of virtual time');
    this.next++;
    if (e.fire) {
      if (this.machine.clock.nextEventNs() !== e.toNs) throw this.divergence(`the next device event is at ${this.machine.clock.nextEventNs()} ns, the recording's at ${e.toNs} ns`);
      this.machine.jumpToNextEvent();
    } else {
      this.machine.clock.jumpTo(e.toNs);
    }
  }

  /** After power-off: the recording must end here too, with the same RAM. */
  finish(): void {
    const e = this.peek();
    if (e === null || e.kind !== 'end') throw this.divergence(`the machine powered off, but the recording ${e === null ? 'has ended' : `next has ${describe(e)}`}`);
    if (e.how !== 'power-off' || !this.at(e)) throw this.divergence(`the machine powered off; the recording ends ${e.how === 'stopped' ? 'stopped' : 'powered off'} at ${where(e)}`);
    this.check(e, 'final checksum');
    if (ramHash(this.bus) !== e.ram) throw this.divergence('RAM differs from the recording at the end');
    this.next++;
  }

  // ---- internals ----

  /** The next event is a key at this point, and after the keys there
   * comes a move of virtual time at the same point: they were typed while
   * the core idled. */
  private keysBeforeMove(): boolean {
    let i = this.next;
    while (i < this.events.length && this.events[i].kind === 'key' && this.at(this.events[i])) i++;
    if (i === this.next || i >= this.events.length) return false;
    const after = this.events[i];
    return after.kind === 'move' && this.at(after);
  }

  private giveKey(e: RecordedEvent & { kind: 'key' }): void {
    this.check(e, 'key');
    this.next++;
    if (this.keys === null) throw this.divergence('the recording has a key, but its header names no keyboard (the file is damaged)');
    this.keys.apply(e.action);
  }

  private peek(): RecordedEvent | null {
    return this.next < this.events.length ? this.events[this.next] : null;
  }

  private here(): { retired: number; ns: number } {
    return { retired: this.machine.cpu?.retired ?? 0, ns: this.machine.clock.nowNs() };
  }

  private at(e: RecordedEvent): boolean {
    const h = this.here();
    return h.retired === e.retired && h.ns === e.ns;
  }

  private deliver(e: RecordedEvent & { kind: 'in' }): void {
    this.check(e, 'input');
    if (!this.uart.canReceive()) throw this.divergence(`the console UART has no room for recorded byte 0x${e.byte.toString(16)}`);
    this.uart.receive(e.byte);
    this.next++;
  }

  private check(e: RecordedEvent, what: string): void {
    const sum = this.machine.cpu ? registerSum(this.machine.cpu) : '00000000';
    if (sum !== e.sum) throw this.divergence(`the registers differ from the recording's (${what}: checksum ${sum}, recorded ${e.sum})`);
  }

  /** A recorded point this replay has gone past without reaching it. */
  private expectNotPassed(): void {
    const e = this.peek();
    if (e === null) return;
    const h = this.here();
    if (h.retired > e.retired || (h.retired === e.retired && h.ns > e.ns)) {
      throw this.divergence(`the replay went past ${describe(e)} without reaching it`);
    }
  }

  private divergence(message: string): Divergence {
    const h = this.here();
    return new Divergence(`replay diverged at instruction ${h.retired}, virtual time ${h.ns} ns (recorded event ${this.next + 1} of ${this.events.length}): ${message}`);
  }
}

function where(e: RecordedEvent): string {
  return `instruction ${e.retired}, ${e.ns} ns`;
}

function describe(e: RecordedEvent): string {
  switch (e.kind) {
    case 'in':
      return `input byte 0x${e.byte.toString(16)} at ${where(e)}`;
    case 'move':
      return `a move of virtual time at ${where(e)}`;
    case 'sum':
      return `a checksum at ${where(e)}`;
    case 'end':
      return `its end at ${where(e)}`;
    case 'key':
      return `a key at ${where(e)}`;
  }
}
