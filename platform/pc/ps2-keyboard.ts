/**
 * A PS/2 (AT) keyboard as the 8042 sees it: a device on the controller's
 * first port that answers commands and queues scancodes. Its output is set
 * 1, as PC software sees it with the controller's translation on (the
 * default; the model does not produce raw set 2 when translation is off).
 *
 * Modelled commands (IBM PS/2 keyboard technical reference): 0xFF reset
 * (ACK then the BAT result 0xAA), 0xF6 defaults, 0xF5 disable scanning (and
 * defaults), 0xF4 enable scanning, 0xF3 typematic (ACK, argument ACK),
 * 0xF2 identify (ACK 0xAB 0x83, translated 0xAB 0x41), 0xF0 scancode set
 * (argument 0 reports set 2, translated 0x41), 0xEE echo, 0xED LEDs, 0xFE
 * resend; anything else answers 0xFE. Responses are immediate (a real BAT
 * takes ~500 ms): kernel drivers run between guest instructions, when
 * virtual time stands still. The 16-byte buffer overflows as the real one
 * does: the last byte becomes the overrun code 0xFF.
 */
import { scancodesFor } from './scancodes';

export const KBD_ACK = 0xfa;
export const KBD_RESEND = 0xfe;
export const KBD_BAT_OK = 0xaa;
export const KBD_ECHO = 0xee;
const KBD_OVERRUN = 0xff;

export const KBD_CMD_LEDS = 0xed;
export const KBD_CMD_ECHO = 0xee;
export const KBD_CMD_SCANCODE_SET = 0xf0;
export const KBD_CMD_IDENTIFY = 0xf2;
export const KBD_CMD_TYPEMATIC = 0xf3;
export const KBD_CMD_ENABLE = 0xf4;
export const KBD_CMD_DISABLE = 0xf5;
export const KBD_CMD_DEFAULTS = 0xf6;
export const KBD_CMD_RESEND = 0xfe;
export const KBD_CMD_RESET = 0xff;

const BUFFER_SIZE = 16;

export class Ps2Keyboard {
  private readonly queue: number[] = [];
  private scanning = true;
  private pendingCommand = 0;
  private lastSent = KBD_BAT_OK;
  /** Scroll lock bit 0, num lock bit 1, caps lock bit 2. */
  leds = 0;
  typematic = 0x2b;
  /** Called when a byte becomes available (the controller may take it). */
  onData: () => void = () => {};

  /** The next byte for the controller, or -1. */
  take(): number {
    if (this.queue.length === 0) return -1;
    const byte = this.queue.shift()!;
    this.lastSent = byte;
    return byte;
  }

  get hasData(): boolean {
    return this.queue.length > 0;
  }

  /** A host key event. Returns false when the key is unknown or the buffer
   * cannot take the whole sequence (the host may retry later). */
  key(name: string, pressed: boolean): boolean {
    const codes = scancodesFor(name, pressed);
    if (codes === null) return false;
    if (!this.scanning) return true; // a disabled keyboard drops keys
    return this.enqueue(codes);
  }

  private enqueue(codes: readonly number[]): boolean {
    if (this.queue.length + codes.length > BUFFER_SIZE) {
      // Overrun: the last buffer position becomes the overrun code.
      if (this.queue.length === BUFFER_SIZE) this.queue[BUFFER_SIZE - 1] = KBD_OVERRUN;
      else this.queue.push(KBD_OVERRUN);
      this.onData();
      return false;
    }
    this.queue.push(...codes);
    this.onData();
    return true;
  }

  /** Raw scancode bytes from the host; false when they did not all fit
   * (the buffer then ends in the overrun code). */
  sendBytes(bytes: readonly number[]): boolean {
    if (!this.scanning || bytes.length === 0) return true; // a disabled keyboard drops keys
    return this.enqueue(bytes);
  }

  /** A byte the controller sent to the keyboard. */
  receive(byte: number): void {
    if (this.pendingCommand !== 0) {
      const command = this.pendingCommand;
      this.pendingCommand = 0;
      if (command === KBD_CMD_LEDS) this.leds = byte & 7;
      else if (command === KBD_CMD_TYPEMATIC) this.typematic = byte & 0x7f;
      else if (command === KBD_CMD_SCANCODE_SET && byte === 0) {
        this.reply(KBD_ACK, 0x41);
        return;
      }
      this.reply(KBD_ACK);
      return;
    }
    switch (byte) {
      case KBD_CMD_RESET:
        this.queue.length = 0;
        this.defaults();
        this.reply(KBD_ACK, KBD_BAT_OK);
        return;
      case KBD_CMD_DEFAULTS:
        this.defaults();
        this.reply(KBD_ACK);
        return;
      case KBD_CMD_DISABLE:
        this.defaults();
        this.scanning = false;
        this.reply(KBD_ACK);
        return;
      case KBD_CMD_ENABLE:
        this.queue.length = 0;
        this.scanning = true;
        this.reply(KBD_ACK);
        return;
      case KBD_CMD_LEDS:
      case KBD_CMD_TYPEMATIC:
      case KBD_CMD_SCANCODE_SET:
        this.pendingCommand = byte;
        this.reply(KBD_ACK);
        return;
      case KBD_CMD_IDENTIFY:
        this.reply(KBD_ACK, 0xab, 0x41);
        return;
      case KBD_CMD_ECHO:
        this.reply(KBD_ECHO);
        return;
      case KBD_CMD_RESEND:
        this.reply(this.lastSent);
        return;
      default:
        this.reply(KBD_RESEND);
        return;
    }
  }

  get scanningEnabled(): boolean {
    return this.scanning;
  }

  private defaults(): void {
    this.scanning = true;
    this.typematic = 0x2b;
    this.pendingCommand = 0;
  }

  /** Command responses go ahead of queued keys. */
  private reply(...bytes: number[]): void {
    this.queue.unshift(...bytes);
    this.onData();
  }
}
