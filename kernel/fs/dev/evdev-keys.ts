/**
 * Key names of the Keyboard HAL -> Linux input key codes
 * (include/uapi/linux/input-event-codes.h). For the main block these are
 * the PC's set 1 make codes, which is where Linux's numbering comes from.
 */

const MAIN_BLOCK = [
  'Escape 1 2 3 4 5 6 7 8 9 0 - = Backspace Tab q w e r t y u i o p [ ] Enter Control a s d f g h j k l ;',
  "' ` Shift \\ z x c v b n m , . / ShiftRight NumpadMultiply Alt Space CapsLock F1 F2 F3 F4 F5 F6 F7 F8 F9 F10",
  'NumLock ScrollLock Numpad7 Numpad8 Numpad9 NumpadSubtract Numpad4 Numpad5 Numpad6 NumpadAdd Numpad1 Numpad2 Numpad3 Numpad0 NumpadDecimal',
].join(' ');

const OTHERS: Readonly<Record<string, number>> = {
  IntlBackslash: 86, F11: 87, F12: 88, NumpadEnter: 96, ControlRight: 97, NumpadDivide: 98, PrintScreen: 99,
  AltRight: 100, Home: 102, ArrowUp: 103, PageUp: 104, ArrowLeft: 105, ArrowRight: 106, End: 107, ArrowDown: 108,
  PageDown: 109, Insert: 110, Delete: 111, Pause: 119, Meta: 125, MetaRight: 126, ContextMenu: 127,
};

/** The highest key code the table gives (for EVIOCGBIT's key bitmap). */
export const KEY_MAX_USED = 127;

export const KEY_CODES: ReadonlyMap<string, number> = (() => {
  const codes = new Map<string, number>();
  MAIN_BLOCK.split(' ').forEach((name, i) => codes.set(name, i + 1));
  for (const [name, code] of Object.entries(OTHERS)) codes.set(name, code);
  return codes;
})();

/** The Linux key code of a HAL key name; 0 (KEY_RESERVED) when unknown. */
export function keyCode(name: string): number {
  return KEY_CODES.get(name) ?? KEY_CODES.get(name.toLowerCase()) ?? 0;
}
