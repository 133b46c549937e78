/**
 * The console UART's output on its way to a host file descriptor (stdout or
 * a --serial file), streamed as it is produced, with back-pressure.
 *
 * Bytes collect in a fixed staging buffer and go out in large asynchronous
 * writes, at the latest once per turn of Node's event loop. When more than
 * HIGH_WATER bytes wait for the host (a slow terminal, a pipe nobody
 * reads fast enough), the machine is held — frozen, virtual time included —
 * until they drain below LOW_WATER: the transmitter waits for the host as a
 * real line does, and host memory stays bounded whatever the guest writes.
 * (One write(2) of the guest reaches the host whole, so the bound is the
 * high-water mark plus the largest single write: at most the guest's RAM.)
 */
import * as fs from 'fs';

const STAGING_BYTES = 64 * 1024;
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;
/** How long a write that the OS refuses (EAGAIN) waits before trying again. */
const RETRY_MS = 5;

/** Freezes the machine until the promise settles (Machine.hold). */
export type Hold = (until: Promise<void>) => void;

export class SerialOutput {
  private staging: Buffer = Buffer.allocUnsafe(STAGING_BYTES);
  private staged = 0;
  private readonly queue: Buffer[] = [];
  /** Bytes handed over and not yet written (queue plus the write in flight). */
  private waiting = 0;
  private writing = false;
  private flushScheduled = false;
  /** The reader went away (EPIPE): output is discarded from then on. */
  private broken = false;
  private release: (() => void) | null = null;
  private drained: (() => void) | null = null;
  /** Bytes written to the host so far. */
  written = 0;

  constructor(
    private readonly fd: number,
    private readonly hold: Hold | null,
  ) {}

  byte(b: number): void {
    this.staging[this.staged++] = b;
    if (this.staged === STAGING_BYTES) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => {
        this.flushScheduled = false;
        this.flush();
      });
    }
  }

  /** Hands the staged bytes to the writer. */
  flush(): void {
    if (this.staged === 0) return;
    const chunk = this.staging.subarray(0, this.staged);
    this.staging = Buffer.allocUnsafe(STAGING_BYTES);
    this.staged = 0;
    if (this.broken) return;
    this.queue.push(chunk);
    this.waiting += chunk.length;
    if (this.waiting > HIGH_WATER && this.hold && !this.release) {
      this.hold(new Promise<void>((resolve) => (this.release = resolve)));
    }
    this.pump();
  }

  /** Writes everything still waiting; resolves when done, or after
   * `deadlineMs` if the host stops taking output. */
  close(deadlineMs = Infinity): Promise<void> {
    this.flush();
    if (this.waiting === 0 || this.broken) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = deadlineMs === Infinity ? null : setTimeout(resolve, deadlineMs);
      this.drained = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
    });
  }

  private pump(): void {
    if (this.writing || this.queue.length === 0) return;
    this.writing = true;
    const chunk = this.queue[0];
    fs.write(this.fd, chunk, 0, chunk.length, null, (error, n) => {
      this.writing = false;
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          this.writing = true;
          setTimeout(() => {
            this.writing = false;
            this.pump();
          }, RETRY_MS);
          return;
        }
        // EPIPE and the like: nobody reads any more. The run goes on.
        this.broken = true;
        this.queue.length = 0;
        n = this.waiting;
      } else {
        this.written += n;
        if (n < chunk.length) this.queue[0] = chunk.subarray(n);
        else this.queue.shift();
      }
      this.waiting -= n;
      if (this.release && this.waiting <= LOW_WATER) {
        const release = this.release;
        this.release = null;
        release();
      }
      if (this.waiting === 0 && this.drained) {
        const drained = this.drained;
        this.drained = null;
        drained();
      }
      this.pump();
    });
  }
}
