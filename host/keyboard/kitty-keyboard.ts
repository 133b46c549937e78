/**
 * The host terminal's keys with real releases where the terminal speaks
 * the kitty keyboard protocol (kitty-protocol.ts), and the legacy bytes
 * elsewhere (the fallback: each key a tap, key-tapper.ts).
 *
 * start() asks the terminal; until it answers, input goes the legacy way
 * (the answers themselves are taken out). When it answers with its flags,
 * the protocol is pushed and from then on every key press, repeat and
 * release goes to `onKey` as it happens; close() pops it again, leaving
 * the terminal as it was. A terminal that answers only the device
 * attributes stays legacy. One that has not answered within `answerMs` is
 * legacy meanwhile, but its answer is still awaited: on a busy host it may
 * be read late, and it decides then.
 *
 * In the protocol, Ctrl-A is a key event, not the byte 0x01: the escape
 * (Ctrl-A X quits) is recognised here. Ctrl-A and X are not passed on;
 * any other key after Ctrl-A goes on as usual.
 */
import { KITTY_POP, KITTY_PUSH, KITTY_QUERY, KittyKeyEvent, parseKittyInput } from './kitty-protocol';

export type KittyState = 'asking' | 'kitty' | 'legacy';

export interface KittyKeyboardHooks {
  /** Writes to the terminal (escape sequences). */
  write(text: string): void;
  /** Bytes for the legacy path (while asking, or without the protocol). */
  legacy(bytes: Uint8Array): void;
  /** A key event, with the protocol on. */
  onKey(event: KittyKeyEvent): void;
  quit(): void;
}

const MODIFIER_KEYS = new Set(['Shift', 'ShiftRight', 'Control', 'ControlRight', 'Alt', 'AltRight', 'Meta', 'MetaRight']);

export class KittyKeyboard {
  state: KittyState = 'asking';
  private held = new Uint8Array(0);
  private timer: NodeJS.Timeout | null = null;
  private escapePending = false;
  /** Timed out asking: legacy, until the answer comes after all. */
  private late = false;
  /** Keys whose press was taken by the escape: their release is too. */
  private readonly swallowed = new Set<string>();

  constructor(
    private readonly hooks: KittyKeyboardHooks,
    private readonly answerMs = 1000,
  ) {}

  start(): void {
    process.once('exit', this.popAtExit);
    this.hooks.write(KITTY_QUERY);
    this.timer = setTimeout(() => this.timedOut(), this.answerMs);
    this.timer.unref?.();
  }

  /** Should the run end without close() (an uncaught error), the terminal
   * still gets its keyboard back. */
  private readonly popAtExit = () => this.close();

  close(): void {
    process.off('exit', this.popAtExit);
    this.clearTimer();
    if (this.state === 'kitty') this.hooks.write(KITTY_POP);
    this.state = 'legacy';
    this.late = false;
  }

  push(data: Uint8Array): void {
    if (this.late) {
      this.lateAnswer(data);
      return;
    }
    if (this.state === 'legacy') {
      this.hooks.legacy(data);
      return;
    }
    const all = new Uint8Array(this.held.length + data.length);
    all.set(this.held);
    all.set(data, this.held.length);
    const { items, unfinished } = parseKittyInput(all);
    this.held = all.slice(all.length - unfinished);
    for (const item of items) {
      if (item.kind === 'flags') this.settle('kitty');
      else if (item.kind === 'attributes') this.settle('legacy');
      else if (item.kind === 'key') {
        if (this.state === 'kitty') this.key(item.event);
      } else if (item.kind === 'bytes' && this.state !== 'kitty') {
        this.hooks.legacy(item.bytes);
      }
    }
    // Without the protocol, a lone ESC is the Escape key: the legacy path
    // has its own delay for that.
    if ((this.state as KittyState) === 'legacy' && this.held.length > 0) {
      const rest = this.held;
      this.held = new Uint8Array(0);
      this.hooks.legacy(rest);
    }
  }

  private settle(state: 'kitty' | 'legacy'): void {
    if (this.state !== 'asking' && !this.late) return;
    this.late = false;
    this.clearTimer();
    this.state = state;
    if (state === 'kitty') this.hooks.write(KITTY_PUSH);
  }

  /** Legacy input that may hold the late answer: the answer is taken out;
   * the flags turn the protocol on (what follows them is its input), the
   * device attributes alone end the wait. */
  private lateAnswer(data: Uint8Array): void {
    const text = Buffer.from(data).toString('latin1');
    const answer = /\x1b\[\?\d+u|\x1b\[\?[\d;]*c/.exec(text);
    if (!answer) {
      this.hooks.legacy(data);
      return;
    }
    if (answer.index > 0) this.hooks.legacy(data.subarray(0, answer.index));
    const rest = data.subarray(answer.index + answer[0].length);
    if (answer[0].endsWith('u')) this.settle('kitty');
    else this.late = false;
    if (rest.length > 0) this.push(rest);
  }

  /** No answer within `answerMs`: legacy for now, but the answer is still
   * looked for (a busy host may read it late); it settles the matter when
   * it comes. */
  private timedOut(): void {
    this.timer = null;
    if (this.state !== 'asking') return;
    this.state = 'legacy';
    this.late = true;
  }

  private key(event: KittyKeyEvent): void {
    if (event.type !== 'press' && this.swallowed.has(event.key)) {
      if (event.type === 'release') this.swallowed.delete(event.key);
      return;
    }
    if (event.type === 'press' && !MODIFIER_KEYS.has(event.key)) {
      if (this.escapePending) {
        this.escapePending = false;
        if (event.key === 'x') {
          this.hooks.quit();
          return;
        }
      } else if (event.key === 'a' && event.ctrl && !event.alt && !event.shift) {
        this.escapePending = true;
        this.swallowed.add('a');
        return;
      }
    }
    this.hooks.onKey(event);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
