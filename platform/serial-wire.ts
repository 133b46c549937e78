/**
 * The wire between a UART model and whatever is on the other end (the host
 * terminal, a file, a test). Transmission is instantaneous on the wire: the
 * host is as fast as any baud rate, so a transmitter never fills up.
 * Reception is flow-controlled: a UART refuses a byte when its FIFO is full
 * and asks for more when it has room, so no input is ever lost.
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
