/**
 * A terminal reports key presses, never releases. A tap turns one into a
 * press now (or when the previous tap is over) and a release `holdNs` of
 * virtual time later, so the guest sees make then break, in order, with
 * keys typed ahead queued behind each other. The hold stays well under the
 * PS/2 typematic delay (250 ms at its shortest), so a tap never repeats.
 */
import type { Clock } from '../../platform/clock';

export const DEFAULT_HOLD_NS = 40_000_000;
export const DEFAULT_GAP_NS = 10_000_000;

export class KeyTapper {
  private freeAtNs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly holdNs = DEFAULT_HOLD_NS,
    private readonly gapNs = DEFAULT_GAP_NS,
  ) {}

  tap(press: () => void, release: () => void): void {
    const at = Math.max(this.clock.nowNs(), this.freeAtNs);
    this.clock.schedule(at, press);
    this.clock.schedule(at + this.holdNs, release);
    this.freeAtNs = at + this.holdNs + this.gapNs;
  }

  /** Runs `fn` as soon as the taps queued before it are over — at once
   * when none is — keeping later taps behind it: input that is not a
   * tap (typed bytes) stays in order with the taps around it. */
  inOrder(fn: () => void): void {
    const now = this.clock.nowNs();
    if (this.freeAtNs <= now) {
      fn();
      return;
    }
    this.clock.schedule(this.freeAtNs, fn);
    this.freeAtNs += this.gapNs;
  }

  /** Runs `fn` after `delayNs` of virtual time (a retry), keeping later taps behind it. */
  later(delayNs: number, fn: () => void): void {
    const at = this.clock.nowNs() + delayNs;
    this.clock.schedule(at, fn);
    this.freeAtNs = Math.max(this.freeAtNs, at + this.gapNs);
  }
}
