/** A fixed-size byte queue for driver receive buffers. push() refuses a
 * byte when full; the console drivers never offer one then (they leave it
 * in the UART, which holds the far end off). */
export class ByteRing {
  private readonly data: Uint8Array;
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    this.data = new Uint8Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.data.length;
  }

  push(byte: number): boolean {
    if (this.count === this.data.length) return false;
    this.data[(this.head + this.count) % this.data.length] = byte;
    this.count++;
    return true;
  }

  /** The oldest byte, or -1 when empty. */
  shift(): number {
    if (this.count === 0) return -1;
    const byte = this.data[this.head];
    this.head = (this.head + 1) % this.data.length;
    this.count--;
    return byte;
  }
}
