/**
 * The console UART's output while the terminal shows the screen: the last
 * lines, kept as text for a pane under the picture. A small line discipline
 * is enough for a log: CR returns to the line start, LF starts a new line,
 * BS steps back, TAB goes to the next multiple of 8, and escape sequences
 * (the kernel log's colors) are dropped. Bytes are UTF-8.
 */
import type { SerialDevice, SerialHost } from '../../platform/serial-wire';

const ESC = 0x1b;
const MAX_LINES = 500;

export class SerialPane implements SerialHost {
  private readonly lines: number[][] = [[]];
  private column = 0;
  private escape: 'none' | 'start' | 'csi' = 'none';
  /** Bumped on every change, so a view redraws only when needed. */
  version = 0;
  /** Where bytes the UART is ready for would come from (set by the keyboard). */
  onReceiveReady: () => void = () => {};

  attach(uart: SerialDevice): void {
    uart.attachHost(this);
  }

  transmit(byte: number): void {
    this.version++;
    if (this.escape === 'start') {
      this.escape = byte === 0x5b ? 'csi' : 'none';
      return;
    }
    if (this.escape === 'csi') {
      if (byte >= 0x40 && byte <= 0x7e) this.escape = 'none';
      return;
    }
    const line = this.lines[this.lines.length - 1];
    switch (byte) {
      case ESC:
        this.escape = 'start';
        return;
      case 0x0a:
        this.lines.push([]);
        if (this.lines.length > MAX_LINES) this.lines.shift();
        this.column = 0;
        return;
      case 0x0d:
        this.column = 0;
        return;
      case 0x08:
        if (this.column > 0) this.column--;
        return;
      case 0x09:
        do this.put(line, 0x20);
        while (this.column % 8 !== 0);
        return;
      default:
        if (byte >= 0x20) this.put(line, byte);
    }
  }

  receiveReady(): void {
    this.onReceiveReady();
  }

  /** The last `count` lines (the unfinished one included), as text. */
  tail(count: number): string[] {
    return this.lines.slice(-count).map((bytes) => Buffer.from(bytes).toString('utf8'));
  }

  private put(line: number[], byte: number): void {
    if (this.column < line.length) line[this.column] = byte;
    else line.push(byte);
    this.column++;
  }
}
