/**
 * Where host keys go: a UART as bytes, the pc's PS/2 keyboard as key
 * presses and releases (it turns them into scancode set 1 itself,
 * platform/pc/scancodes.ts), the esp32c3's GPIO buttons as pad levels
 * (platform/esp32c3/keypad.ts) in keypad mode.
 */
import { kittySequence } from '../../kernel/drivers/kitty-keys';
import { scancodesFor } from '../../platform/pc/scancodes';
import type { SerialDevice } from '../../platform/serial-wire';
import type { HostKey } from './key-parser';
import type { KeyTapper } from './key-tapper';
import type { KittyKeyEvent } from './kitty-protocol';

export interface KeyTarget {
  /** `key` was typed; `bytes` are what the terminal sent for it. */
  press(key: HostKey): void;
  /** A key went down, repeated or went up, as a terminal with the kitty
   * keyboard protocol reports it. Absent: the target takes typed keys only. */
  event?(event: KittyKeyEvent): void;
}

/** The pc's PS/2 keyboard model: false when the key is unknown or its
 * buffer is full (try again later). */
export interface KeyInput {
  key(name: string, pressed: boolean): boolean;
}

/** The esp32c3's buttons. */
export interface ButtonInput {
  hasKey(name: string): boolean;
  setKey(name: string, pressed: boolean): boolean;
}

/** Retry interval for a PS/2 keyboard whose buffer is full. */
const RETRY_NS = 10_000_000;

/** Bytes into a UART's receive FIFO, held back while it is full: nothing is lost. */
export class SerialKeys implements KeyTarget {
  private readonly pending: number[] = [];
  constructor(private readonly uart: SerialDevice) {}

  press(key: HostKey): void {
    this.sendBytes(key.bytes);
  }

  sendBytes(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.pending.push(bytes[i]);
    this.pump();
  }

  /** The UART has room again (its host's receiveReady). */
  pump(): void {
    while (this.pending.length > 0 && this.uart.receive(this.pending[0])) this.pending.shift();
  }
}

/**
 * esp32c3 with `--keyboard device`: its keyboard UART (UART1). Typed keys
 * go as the bytes the terminal sent; with the kitty keyboard protocol each
 * press, repeat and release goes as that protocol's explicit key-event
 * sequence (`CSI 97;1:3u`: 'a' released), which the board's keyboard
 * driver turns into real key events (kernel/drivers/esp32c3-keyboard.ts),
 * as a keyboard controller reporting key transitions over a serial line.
 * Both go through one FIFO, in order.
 */
export class UartKeyboardKeys implements KeyTarget {
  /** Key events with no sequence (names JOS does not know) that were dropped. */
  dropped = 0;
  constructor(private readonly uart: SerialKeys) {}

  press(key: HostKey): void {
    this.uart.sendBytes(key.bytes);
  }

  event(event: KittyKeyEvent): void {
    const sequence = kittySequence(event);
    if (sequence === null) {
      this.dropped++;
      return;
    }
    this.uart.sendBytes(Buffer.from(sequence, 'latin1'));
  }
}

/** pc: modifiers down, key down; after the hold, key up, modifiers up.
 * Presses and releases go out in order through one outbox: when the
 * keyboard's buffer is full the rest waits and is retried a little later. */
export class Ps2Keys implements KeyTarget {
  /** Keys with no PC scancode (non-ASCII characters) that were dropped. */
  dropped = 0;
  private readonly outbox: [string, boolean][] = [];
  private retrying = false;

  constructor(
    private readonly keyboard: KeyInput,
    private readonly tapper: KeyTapper,
  ) {}

  press(key: HostKey): void {
    if (scancodesFor(key.key, true) === null) {
      this.dropped++;
      return;
    }
    const modifiers = [key.ctrl ? 'Control' : '', key.shift ? 'Shift' : '', key.alt ? 'Alt' : ''].filter((m) => m);
    const down = [...modifiers, key.key];
    const up = [...down].reverse();
    this.tapper.tap(
      () => this.send(down, true),
      () => this.send(up, false),
    );
  }

  /** A real press, repeat (a make code again, as the keyboard's typematic
   * repeat sends) or release, after any taps still going on. */
  event(event: KittyKeyEvent): void {
    const pressed = event.type !== 'release';
    if (scancodesFor(event.key, pressed) === null) {
      this.dropped++;
      return;
    }
    this.tapper.inOrder(() => this.send([event.key], pressed));
  }

  private send(names: string[], pressed: boolean): void {
    for (const name of names) this.outbox.push([name, pressed]);
    this.drain();
  }

  private drain(): void {
    while (this.outbox.length > 0) {
      const [name, pressed] = this.outbox[0];
      if (!this.keyboard.key(name, pressed)) {
        if (!this.retrying) {
          this.retrying = true;
          this.tapper.later(RETRY_NS, () => {
            this.retrying = false;
            this.drain();
          });
        }
        return;
      }
      this.outbox.shift();
    }
  }
}

/**
 * esp32c3 in keypad mode (`--keyboard keypad`, for programs that read the
 * board's buttons, such as games): the keys that are buttons on the board
 * (the arrows, Enter, Escape, Space: boards/esp32c3.ts BUTTON_GPIOS) press
 * their button; every other key (and a button key with a modifier) goes to
 * the keyboard UART as the bytes the terminal sent. A key is sent one way
 * only, so the guest never sees it twice, and in the order typed: bytes
 * typed after a button wait until its press and release are over.
 * (`--keyboard device` sends every key to the UART: SerialKeys.)
 */
export class Esp32c3Keypad implements KeyTarget {
  constructor(
    private readonly buttons: ButtonInput,
    private readonly uart: SerialKeys,
    private readonly tapper: KeyTapper,
  ) {}

  press(key: HostKey): void {
    const plain = !key.ctrl && !key.alt && !key.shift;
    if (plain && this.buttons.hasKey(key.key)) {
      this.tapper.tap(
        () => this.buttons.setKey(key.key, true),
        () => this.buttons.setKey(key.key, false),
      );
      return;
    }
    const bytes = key.bytes;
    this.tapper.inOrder(() => this.uart.sendBytes(bytes));
  }
}
