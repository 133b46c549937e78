/**
 * Keys under `--record` (host/replay): a KeyTarget that tells a log what
 * each key gave the board before passing it on, and the other end, which
 * gives a recorded key to the same targets again in `--replay`. Keys are
 * recorded where the host hands them to the machine's side (a typed key,
 * a press or release the terminal reported, bytes for the console), not
 * as terminal bytes: what the targets do with them (taps scheduled on the
 * virtual clock, retries while a buffer is full) is a function of the
 * machine, and happens again in the replay.
 */
import type { KeyAction } from '../replay/recording-format';
import type { HostKey } from './key-parser';
import type { KeyTarget } from './key-targets';
import type { KittyKeyEvent } from './kitty-protocol';

export type KeyLog = (action: KeyAction) => void;

/** `target`, with every key told to `log` first. */
export function loggedTarget(target: KeyTarget, log: KeyLog): KeyTarget {
  const event = target.event?.bind(target);
  return {
    press: (key: HostKey) => {
      log({ how: 'press', key: key.key, ctrl: key.ctrl, shift: key.shift, alt: key.alt, bytes: Uint8Array.from(key.bytes) });
      target.press(key);
    },
    event:
      event &&
      ((e: KittyKeyEvent) => {
        log({ how: 'event', key: e.key, type: e.type, ctrl: e.ctrl, shift: e.shift, alt: e.alt });
        event(e);
      }),
  };
}

/** `--replay`: gives recorded keys to the board's targets again. */
export interface KeyReplay {
  apply(action: KeyAction): void;
  /** The console UART has room again (its host's receiveReady). */
  pump(): void;
}
