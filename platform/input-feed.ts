/**
 * Input from outside the machine (the host's stdin, a test), handed to a
 * UART at *input points*: moments defined by the guest alone, so that the
 * instruction count at which each byte arrives does not depend on how fast
 * the host produced it. This is the layer record/replay builds on: a run is
 * reproduced by the sequence "byte B arrives at instruction count N".
 *
 * An input point is a machine-loop turn in which the core has nothing to run
 * (it waits for an interrupt): the guest can tell input is absent only by
 * waiting for it. Two policies:
 *
 * - `stream` (stdin is a pipe or a file): one byte per input point, while the
 *   UART has room. When no byte is queued and the stream has not ended, the
 *   point asks the machine to wait for the host, with virtual time frozen (as
 *   for host work), rather than let the guest see the absence. A writer that
 *   stays silent longer than the host's patience (an interactive program at
 *   the other end of the pipe) is given up on until it writes again: from
 *   then on that run depends on its timing, as any interactive run does,
 *   and its bytes cut an idle sleep short as typing does.
 * - `live` (stdin is a terminal): bytes go to the UART as soon as it has room,
 *   at every turn of the loop; a person's typing is timing anyway.
 *
 * Either way the UART only gets a byte when its receive FIFO has room, and
 * the feed stops reading the host while its own queue is full (flow control
 * from the host side, as RTS/CTS): nothing is ever dropped.
 */
import type { SerialDevice } from './serial-wire';

export type InputPolicy = 'stream' | 'live';

/** Where in a turn a byte was delivered: its start, or its input point. */
export type DeliveryPhase = 'turn' | 'point';

/** What an input point did. */
export type InputPointResult = 'delivered' | 'nothing' | 'wait';

/** Anything the machine consults at input points. */
export interface InputSource {
  /** The core is waiting for an interrupt: deliver what the policy allows. */
  atInputPoint(retired: number): InputPointResult;
  /** Any turn of the loop, running or not (live input only). */
  atTurn(retired: number): boolean;
  /** The host waited for this source longer than its patience. */
  patienceExpired(): void;
  /** Live input (typing) is queued: worth cutting an idle sleep short. */
  readonly livePending: boolean;
}

/** The host side's flow control: pause and resume reading its input. */
export interface InputFlow {
  pause(): void;
  resume(): void;
}

/** Bytes held before the host is asked to pause reading. */
const HIGH_WATER = 256 * 1024;
/** ...and to resume. */
const LOW_WATER = 64 * 1024;

export class SerialInputFeed implements InputSource {
  private readonly chunks: Uint8Array[] = [];
  private head = 0;
  private queued = 0;
  private ended = false;
  private writerSilent = false;
  /** The host once gave up waiting for this writer: it is interactive (a
   * program at the other end of the pipe), so what it writes later must
   * wake an idle sleep as typing does, or a guest idle in a long timeout
   * would see it only when the timeout's wall time comes. */
  private writerInteractive = false;
  private paused = false;
  /** Bytes delivered so far, and the instruction count of the last one. */
  delivered = 0;
  /** Observes each delivery (a recorder for replay, a test): at a turn's
   * start (live input) or at an input point. */
  onDeliver: ((byte: number, retired: number, phase: DeliveryPhase) => void) | null = null;

  constructor(
    private readonly uart: SerialDevice,
    readonly policy: InputPolicy,
    private readonly flow: InputFlow | null = null,
    /** A source that can be read on demand (a regular file): called when
     * the queue runs dry; returns the next bytes, or null at its end. The
     * machine then never waits for it. */
    private readonly refill: (() => Uint8Array | null) | null = null,
  ) {}

  /** Bytes from the host, in order. */
  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.queued += bytes.length;
    this.writerSilent = false;
    if (this.queued >= HIGH_WATER && this.flow && !this.paused) {
      this.paused = true;
      this.flow.pause();
    }
  }

  /** The host's input has ended (after the bytes already pushed). */
  end(): void {
    this.ended = true;
  }

  get pending(): number {
    return this.queued;
  }

  get livePending(): boolean {
    return (this.policy === 'live' || this.writerInteractive) && this.queued > 0;
  }

  get finished(): boolean {
    return this.ended && this.queued === 0;
  }

  atInputPoint(retired: number): InputPointResult {
    if (this.policy === 'live') return this.atTurn(retired) ? 'delivered' : 'nothing';
    if (this.queued === 0 && this.refill && !this.ended) {
      const more = this.refill();
      if (more) this.push(more);
      else this.end();
    }
    if (this.queued === 0) return this.ended || this.writerSilent ? 'nothing' : 'wait';
    if (!this.uart.canReceive()) return 'nothing';
    this.deliverOne(retired, 'point');
    return 'delivered';
  }

  atTurn(retired: number): boolean {
    if (this.policy !== 'live') return false;
    let any = false;
    while (this.queued > 0 && this.uart.canReceive()) {
      this.deliverOne(retired, 'turn');
      any = true;
    }
    return any;
  }

  patienceExpired(): void {
    if (this.queued === 0 && !this.ended) this.writerSilent = this.writerInteractive = true;
  }

  private deliverOne(retired: number, phase: DeliveryPhase): void {
    const chunk = this.chunks[0];
    const byte = chunk[this.head++];
    if (this.head === chunk.length) {
      this.chunks.shift();
      this.head = 0;
    }
    this.queued--;
    this.uart.receive(byte);
    this.delivered++;
    if (this.onDeliver) this.onDeliver(byte, retired, phase);
    if (this.paused && this.queued <= LOW_WATER) {
      this.paused = false;
      this.flow!.resume();
    }
  }
}
