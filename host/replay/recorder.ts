/**
 * `jos run --record FILE`: writes down every input from outside the machine
 * with the point of the run it arrived at (recording-format.ts), and
 * register checksums every CHECK_INTERVAL instructions, so that `--replay`
 * can run the same machine again without the outside world and notice
 * where it departs from the recording.
 */
import * as fs from 'fs';
import type { Machine } from '../../platform/machine';
import type { Bus } from '../../platform/bus';
import type { DeliveryPhase, InputPointResult, InputSource, SerialInputFeed } from '../../platform/input-feed';
import { KeyAction, RecordedEvent, RecordingHeader, eventLine } from './recording-format';
import { ramHash, registerSum } from './machine-checksum';

/** Instructions between periodic register checksums. */
export const CHECK_INTERVAL = 1 << 22;

export class Recorder implements InputSource {
  private readonly lines: string[] = [];
  private nextCheck = CHECK_INTERVAL;
  readonly livePending = false;

  constructor(
    private readonly machine: Machine,
    private readonly bus: Bus,
    private readonly path: string,
    header: RecordingHeader,
  ) {
    this.lines.push(JSON.stringify(header));
    // Checksums at turn starts: after this the machine consults us too.
    machine.addInput(this);
  }

  /** Records what `feed` delivers (the console's input). */
  watch(feed: SerialInputFeed): void {
    const before = feed.onDeliver;
    feed.onDeliver = (byte, retired, phase: DeliveryPhase) => {
      before?.(byte, retired, phase);
      this.add({ kind: 'in', ...this.point(), phase, byte, sum: this.sum() });
    };
  }

  /** A key the host gave the machine's keyboard side (key-log.ts). */
  key(action: KeyAction): void {
    this.add({ kind: 'key', ...this.point(), action, sum: this.sum() });
  }

  /** host/run-loop.ts's onClockMove. */
  clockMove(toNs: number, fire: boolean): void {
    if (!(toNs > this.machine.clock.nowNs()) || toNs === Infinity) return; // no move
    this.add({ kind: 'move', ...this.point(), toNs, fire, sum: this.sum() });
  }

  // ---- InputSource: a periodic checksum at the start of turns ----

  atTurn(retired: number): boolean {
    if (retired >= this.nextCheck) {
      this.nextCheck = (Math.floor(retired / CHECK_INTERVAL) + 1) * CHECK_INTERVAL;
      this.add({ kind: 'sum', ...this.point(), sum: this.sum() });
    }
    return false;
  }

  atInputPoint(): InputPointResult {
    return 'nothing';
  }

  patienceExpired(): void {}

  /** The end of the run: the last record, then the file. */
  finish(): void {
    const how = this.machine.poweredOff ? 'power-off' : 'stopped';
    this.add({ kind: 'end', ...this.point(), sum: this.sum(), how, ram: ramHash(this.bus) });
    fs.writeFileSync(this.path, this.lines.join('\n') + '\n');
  }

  private point(): { retired: number; ns: number } {
    return { retired: this.machine.cpu?.retired ?? 0, ns: this.machine.clock.nowNs() };
  }

  private sum(): string {
    return this.machine.cpu ? registerSum(this.machine.cpu) : '00000000';
  }

  private add(event: RecordedEvent): void {
    this.lines.push(eventLine(event));
  }
}
