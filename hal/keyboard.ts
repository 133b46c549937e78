/**
 * Key events from the board's keyboard (PS/2 on pc; UART RX or GPIO buttons
 * on esp32c3), already decoded from scancodes or levels.
 */
export const KEYBOARD = Symbol.for('jos.hal.Keyboard');

export interface KeyEvent {
  /** A stable key name ('a', 'Enter', 'ArrowUp', 'Escape', 'Control', ...). */
  key: string;
  pressed: boolean;
  /** The character the key types with the current modifiers, if any. */
  char?: string;
  /** A release the driver made up: its source reports presses only (a
   * terminal's bytes on a UART), so the key was never really held. */
  synthetic?: boolean;
}

export interface Keyboard {
  init(): void;
  /** Called by interrupt dispatch on the keyboard line; decodes what the
   * device has and returns the events, oldest first. */
  handleInterrupt(): KeyEvent[];
}
