/** The esp32c3 board's devices that the host reaches by token (keyboard,
 * keypad, flash), apart from the board's module, so that host code can
 * name them without loading the board. */
export const ESP32C3_KEYBOARD_UART = Symbol.for('jos.esp32c3.KeyboardUart');
export const ESP32C3_KEYPAD = Symbol.for('jos.esp32c3.Keypad');
export const ESP32C3_FLASH = Symbol.for('jos.esp32c3.Flash');
