/**
 * Keyboard driver for the PC's 8042 controller and its PS/2 keyboard,
 * through ports 0x60/0x64: controller bring-up as OSDev's "8042 PS/2
 * Controller" sequence describes (disable, flush, configure, self test,
 * enable, reset the keyboard), then scancode set 1 decoding with the 0xE0
 * and 0xE1 prefixes, modifier tracking and the lock LEDs.
 */
import type { PortIo } from '../../hal/io';
import type { KeyEvent, Keyboard } from '../../hal/keyboard';
import { Modifiers, SET1_EXTENDED_KEYS, SET1_KEYS, charFor } from './scancode-set1';

const DATA = 0x60;
const STATUS = 0x64;
const COMMAND = 0x64;
const STATUS_OBF = 0x01;
const STATUS_IBF = 0x02;

const CMD_READ_CONFIG = 0x20;
const CMD_WRITE_CONFIG = 0x60;
const CMD_DISABLE_PORT2 = 0xa7;
const CMD_SELF_TEST = 0xaa;
const CMD_TEST_PORT1 = 0xab;
const CMD_DISABLE_PORT1 = 0xad;
const CMD_ENABLE_PORT1 = 0xae;
const CONFIG_INT1 = 0x01;
const CONFIG_INT2 = 0x02;
const CONFIG_TRANSLATE = 0x40;
const SELF_TEST_OK = 0x55;

const KBD_RESET = 0xff;
const KBD_ENABLE = 0xf4;
const KBD_LEDS = 0xed;
const KBD_ACK = 0xfa;
const KBD_BAT_OK = 0xaa;
const KBD_RESEND = 0xfe;
const LED_SCROLL = 1;
const LED_NUM = 2;
const LED_CAPS = 4;

const PREFIX_E0 = 0xe0;
const PREFIX_E1 = 0xe1;
const BREAK = 0x80;
const FAKE_SHIFT_LEFT = 0x2a;
const FAKE_SHIFT_RIGHT = 0x36;
const PAUSE_SEQUENCE_LENGTH = 5; // bytes after E1: 1D 45 E1 9D C5

/** Bounded polls: a controller that never answers is reported, not waited on forever. */
const MAX_POLLS = 10_000;

export class Ps2KeyboardDriver implements Keyboard {
  private extended = false;
  private pauseBytes = 0;
  private shiftLeft = false;
  private shiftRight = false;
  private controlLeft = false;
  private controlRight = false;
  private capsLock = false;
  private numLock = false;
  private scrollLock = false;
  /** Outstanding LED command bytes whose ACK we expect. */
  private awaitingAcks = 0;

  constructor(private readonly io: PortIo) {}

  init(): void {
    this.io.out8(COMMAND, CMD_DISABLE_PORT1);
    this.io.out8(COMMAND, CMD_DISABLE_PORT2);
    this.flush();
    this.io.out8(COMMAND, CMD_READ_CONFIG);
    let config = this.readData('configuration byte');
    config &= ~(CONFIG_INT1 | CONFIG_INT2);
    config |= CONFIG_TRANSLATE;
    this.writeCommandData(CMD_WRITE_CONFIG, config);
    this.io.out8(COMMAND, CMD_SELF_TEST);
    const selfTest = this.readData('self test');
    if (selfTest !== SELF_TEST_OK) throw new Error(`8042 self test failed (0x${selfTest.toString(16)})`);
    this.writeCommandData(CMD_WRITE_CONFIG, config); // some controllers reset it on self test
    this.io.out8(COMMAND, CMD_TEST_PORT1);
    const portTest = this.readData('port test');
    if (portTest !== 0) throw new Error(`8042 keyboard port test failed (0x${portTest.toString(16)})`);
    this.io.out8(COMMAND, CMD_ENABLE_PORT1);
    this.sendKeyboard(KBD_RESET);
    if (this.readData('keyboard reset') !== KBD_BAT_OK) throw new Error('keyboard failed its self test');
    this.sendKeyboard(KBD_ENABLE);
    this.flush();
    this.io.out8(COMMAND, CMD_READ_CONFIG);
    this.writeCommandData(CMD_WRITE_CONFIG, this.readData('configuration byte') | CONFIG_INT1);
  }

  handleInterrupt(): KeyEvent[] {
    const events: KeyEvent[] = [];
    for (let i = 0; i < MAX_POLLS && this.io.in8(STATUS) & STATUS_OBF; i++) {
      const event = this.decode(this.io.in8(DATA));
      if (event) events.push(event);
    }
    return events;
  }

  /** Lock LEDs: scroll 1, num 2, caps 4 (as the keyboard's 0xED takes). */
  get leds(): number {
    return (this.scrollLock ? LED_SCROLL : 0) | (this.numLock ? LED_NUM : 0) | (this.capsLock ? LED_CAPS : 0);
  }

  private decode(byte: number): KeyEvent | null {
    if (this.awaitingAcks > 0 && (byte === KBD_ACK || byte === KBD_RESEND)) {
      this.awaitingAcks--;
      return null;
    }
    if (this.pauseBytes > 0) {
      this.pauseBytes--;
      return this.pauseBytes === 0 ? { key: 'Pause', pressed: true } : null;
    }
    if (byte === PREFIX_E1) {
      this.pauseBytes = PAUSE_SEQUENCE_LENGTH;
      return null;
    }
    if (byte === PREFIX_E0) {
      this.extended = true;
      return null;
    }
    const extended = this.extended;
    this.extended = false;
    const pressed = (byte & BREAK) === 0;
    const code = byte & ~BREAK;
    if (extended && (code === FAKE_SHIFT_LEFT || code === FAKE_SHIFT_RIGHT)) return null;
    const key = extended ? SET1_EXTENDED_KEYS[code] : SET1_KEYS[code];
    if (key === undefined) return null;
    this.track(key, pressed);
    const event: KeyEvent = { key, pressed };
    if (pressed) {
      const char = charFor(key, this.modifiers());
      if (char !== undefined) event.char = char;
    }
    return event;
  }

  private modifiers(): Modifiers {
    return {
      shift: this.shiftLeft || this.shiftRight,
      control: this.controlLeft || this.controlRight,
      capsLock: this.capsLock,
      numLock: this.numLock,
    };
  }

  private track(key: string, pressed: boolean): void {
    switch (key) {
      case 'Shift':
        this.shiftLeft = pressed;
        return;
      case 'ShiftRight':
        this.shiftRight = pressed;
        return;
      case 'Control':
        this.controlLeft = pressed;
        return;
      case 'ControlRight':
        this.controlRight = pressed;
        return;
      case 'CapsLock':
        if (pressed) this.toggleLock('caps');
        return;
      case 'NumLock':
        if (pressed) this.toggleLock('num');
        return;
      case 'ScrollLock':
        if (pressed) this.toggleLock('scroll');
        return;
      default:
        return;
    }
  }

  private toggleLock(which: 'caps' | 'num' | 'scroll'): void {
    if (which === 'caps') this.capsLock = !this.capsLock;
    else if (which === 'num') this.numLock = !this.numLock;
    else this.scrollLock = !this.scrollLock;
    // Set the LEDs; the two ACKs arrive as ordinary data and are skipped.
    this.awaitingAcks += 2;
    this.io.out8(DATA, KBD_LEDS);
    this.io.out8(DATA, this.leds);
  }

  private flush(): void {
    for (let i = 0; i < MAX_POLLS && this.io.in8(STATUS) & STATUS_OBF; i++) this.io.in8(DATA);
  }

  private waitInputEmpty(): void {
    for (let i = 0; i < MAX_POLLS; i++) if (!(this.io.in8(STATUS) & STATUS_IBF)) return;
    throw new Error('8042 input buffer stays full');
  }

  private readData(what: string): number {
    for (let i = 0; i < MAX_POLLS; i++) if (this.io.in8(STATUS) & STATUS_OBF) return this.io.in8(DATA);
    throw new Error(`8042: no answer for the ${what}`);
  }

  private writeCommandData(command: number, value: number): void {
    this.waitInputEmpty();
    this.io.out8(COMMAND, command);
    this.waitInputEmpty();
    this.io.out8(DATA, value);
  }

  /** Sends a keyboard command and expects its ACK. */
  private sendKeyboard(byte: number): void {
    this.waitInputEmpty();
    this.io.out8(DATA, byte);
    const reply = this.readData(`keyboard command 0x${byte.toString(16)}`);
    if (reply !== KBD_ACK) throw new Error(`keyboard refused command 0x${byte.toString(16)} (0x${reply.toString(16)})`);
  }
}
