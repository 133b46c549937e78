/**
 * The wire between a UART model and whatever is on the other end (the host
 * terminal, a file, a test).
 *
 * Transmission is instantaneous in virtual time: a byte written to the
 * transmitter is on the wire at once, so the guest never sees its line
 * busy. When the host cannot keep up (a slow terminal, a full pipe), the
 * host end freezes the whole machine instead (platform/machine.ts, hold()),
 * as host work does: the transmitter waits for the host, virtual time
 * stands still meanwhile, and the run stays the same whatever the host's
 * speed.
 *
 * Reception is flow-controlled: the far end offers a byte only while the
 * UART's receive FIFO has room (canReceive()), as a line with RTS/CTS, so
 * no input is ever lost; platform/input-feed.ts decides when.
 */
export interface SerialHost {
  /** A byte the UART put on the wire. */
  transmit(byte: number): void;
  /** The UART has room in its receive FIFO again. */
  receiveReady(): void;
}

export interface SerialDevice {
  readonly name: string;
  attachHost(host: SerialHost): void;
  /** True when the receive FIFO has room for a byte from the far end. */
  canReceive(): boolean;
  /** Offers a byte from the host; false when the receive FIFO is full. */
  receive(byte: number): boolean;
}

/** The default far end: bytes sent are kept, nothing arrives. */
export class CollectingSerialHost implements SerialHost {
  readonly bytes: number[] = [];
  transmit(byte: number): void {
    this.bytes.push(byte);
  }
  receiveReady(): void {}
  text(): string {
    return Buffer.from(this.bytes).toString('latin1');
  }
}
