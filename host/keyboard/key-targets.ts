/**
 * Where host keys go: the console UART as bytes, the pc's PS/2 keyboard as
 * scancode set 1 make/break codes, the esp32c3's GPIO buttons as pad levels.
 */
import type { SerialDevice } from '../../platform/serial-wire';
import type { HostKey } from './key-parser';
import type { KeyTapper } from './key-tapper';
import { breakCode, makeCode } from './pc-scancodes';

export interface KeyTarget {
  press(key: HostKey): void;
}

/** What the pc's PS/2 keyboard model accepts: bytes as if the keyboard sent them. */
export interface ScancodeInput {
  sendScancodes(bytes: readonly number[]): void;
}

/** What the esp32c3's GPIO model accepts: a level driven onto a pad from outside. */
export interface PadInput {
  setInput(pin: number, level: boolean): void;
}

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

/** pc: modifiers down, key down; after the hold, key up, modifiers up. */
export class Ps2Keys implements KeyTarget {
  /** Keys with no PC scancode (non-ASCII characters) that were dropped. */
  dropped = 0;

  constructor(
    private readonly keyboard: ScancodeInput,
    private readonly tapper: KeyTapper,
  ) {}

  press(key: HostKey): void {
    const make = makeCode(key.key);
    const brk = breakCode(key.key);
    if (!make || !brk) {
      this.dropped++;
      return;
    }
    const modifiers = [key.ctrl ? 'Control' : '', key.shift ? 'Shift' : '', key.alt ? 'Alt' : ''].filter((m) => m);
    const down = [...modifiers.flatMap((m) => makeCode(m)!), ...make];
    const up = [...brk, ...modifiers.reverse().flatMap((m) => breakCode(m)!)];
    this.tapper.tap(
      () => this.keyboard.sendScancodes(down),
      () => this.keyboard.sendScancodes(up),
    );
  }
}

/**
 * esp32c3 buttons: active low, as on the DevKit's BOOT button (GPIO9 with a
 * pull-up, pressed = grounded). The other pads avoid the strapping pins
 * (2, 8), the flash (12-17), USB (18, 19) and UART0 (20, 21).
 */
export const ESP32C3_BUTTON_PINS: Readonly<Record<string, number>> = {
  ArrowUp: 0,
  ArrowDown: 1,
  ArrowLeft: 3,
  ArrowRight: 4,
  Escape: 5,
  Enter: 9,
};

export class GpioButtons implements KeyTarget {
  constructor(
    private readonly gpio: PadInput,
    private readonly tapper: KeyTapper,
    private readonly pins: Readonly<Record<string, number>> = ESP32C3_BUTTON_PINS,
  ) {
    // Released buttons read high (the pull-ups).
    for (const pin of Object.values(pins)) gpio.setInput(pin, true);
  }

  press(key: HostKey): void {
    const pin = this.pins[key.key];
    if (pin === undefined) return;
    this.tapper.tap(
      () => this.gpio.setInput(pin, false),
      () => this.gpio.setInput(pin, true),
    );
  }
}

/** Every key to each target (esp32c3: UART0 bytes and the buttons). */
export class BothTargets implements KeyTarget {
  constructor(private readonly targets: readonly KeyTarget[]) {}
  press(key: HostKey): void {
    for (const t of this.targets) t.press(key);
  }
}
