/**
 * The GDB Remote Serial Protocol's framing (gdb manual, appendix E.1
 * "Overview"): a packet is `$payload#cc`, cc the payload's byte sum modulo
 * 256 in two hex digits; `+` / `-` acknowledge; a lone 0x03 outside a packet
 * is an interrupt (Ctrl-C). In binary payloads (X, vFile...) `}` escapes the
 * next byte XOR 0x20, and `#`, `$`, `}` and `*` must be escaped.
 *
 * The decoder is a byte-at-a-time state machine, so packets may arrive split
 * over TCP chunks in any way; a payload is kept as raw bytes (latin1) so
 * binary data survives untouched.
 */

export type RspEvent =
  | { kind: 'packet'; payload: Buffer }
  /** A packet whose checksum did not match: answer with `-`. */
  | { kind: 'corrupt' }
  | { kind: 'interrupt' }
  | { kind: 'ack' }
  | { kind: 'nack' };

/** Longest payload accepted; a longer one is garbage (PacketSize we offer
 * in qSupported is far smaller). */
export const MAX_PAYLOAD = 1 << 20;

const enum State {
  Idle,
  Payload,
  Escape,
  Check1,
  Check2,
}

export class RspDecoder {
  private state = State.Idle;
  private payload: number[] = [];
  private sum = 0;
  private check = 0;

  /** Feeds received bytes; returns the events they complete, in order. */
  push(chunk: Uint8Array): RspEvent[] {
    const events: RspEvent[] = [];
    for (const byte of chunk) {
      switch (this.state) {
        case State.Idle:
          if (byte === 0x24 /* $ */) {
            this.state = State.Payload;
            this.payload = [];
            this.sum = 0;
          } else if (byte === 0x03) events.push({ kind: 'interrupt' });
          else if (byte === 0x2b /* + */) events.push({ kind: 'ack' });
          else if (byte === 0x2d /* - */) events.push({ kind: 'nack' });
          // Anything else between packets is line noise: ignored, as gdb does.
          break;
        case State.Payload:
          this.sum = (this.sum + byte) & 0xff;
          if (byte === 0x23 /* # */) {
            this.sum = (this.sum - byte) & 0xff;
            this.state = State.Check1;
          } else if (byte === 0x24) {
            // A new packet starts: the unfinished one is dropped.
            this.payload = [];
            this.sum = 0;
          } else if (this.payload.length >= MAX_PAYLOAD) {
            this.state = State.Idle;
            events.push({ kind: 'corrupt' });
          } else {
            this.payload.push(byte);
            if (byte === 0x7d /* } */) this.state = State.Escape;
          }
          break;
        case State.Escape:
          // The escaped byte counts in the checksum as sent.
          this.sum = (this.sum + byte) & 0xff;
          this.payload.push(byte);
          this.state = State.Payload;
          break;
        case State.Check1:
          this.check = hexDigit(byte) << 4;
          this.state = this.check < 0 ? State.Idle : State.Check2;
          if (this.check < 0) events.push({ kind: 'corrupt' });
          break;
        case State.Check2: {
          const low = hexDigit(byte);
          this.state = State.Idle;
          if (low < 0 || (this.check | low) !== this.sum) events.push({ kind: 'corrupt' });
          else events.push({ kind: 'packet', payload: Buffer.from(this.payload) });
          break;
        }
      }
    }
    return events;
  }
}

function hexDigit(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

/** Frames a payload as `$payload#cc`, escaping the bytes that must be. */
export function encodePacket(payload: string | Uint8Array): Buffer {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload;
  const out: number[] = [0x24];
  let sum = 0;
  for (const b of bytes) {
    if (b === 0x23 || b === 0x24 || b === 0x7d || b === 0x2a) {
      out.push(0x7d, b ^ 0x20);
      sum += 0x7d + (b ^ 0x20);
    } else {
      out.push(b);
      sum += b;
    }
  }
  out.push(0x23);
  const cc = (sum & 0xff).toString(16).padStart(2, '0');
  out.push(cc.charCodeAt(0), cc.charCodeAt(1));
  return Buffer.from(out);
}

/** Undoes `}` escaping of a binary payload (X packets). */
export function unescapeBinary(data: Uint8Array): Buffer {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0x7d && i + 1 < data.length) out.push(data[++i] ^ 0x20);
    else out.push(data[i]);
  }
  return Buffer.from(out);
}

/** Bytes as lowercase hex pairs. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Hex pairs to bytes; null when the text is not whole hex pairs. */
export function fromHex(text: string): Buffer | null {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  return Buffer.from(text, 'hex');
}

/** A hex number of at most 16 digits as a bigint; null when malformed. */
export function parseHexNumber(text: string): bigint | null {
  if (!/^[0-9a-fA-F]{1,16}$/.test(text)) return null;
  return BigInt('0x' + text);
}
