/**
 * The escape sequences a Linux console understands, the subset programs use
 * (ECMA-48 / console_codes(4)): ESC [ params final for cursor movement
 * (A B C D G H f), erasing (J K), colours and attributes (m: 0, 1, 22, 7,
 * 27, 30-37, 39, 40-47, 49, 90-97, 100-107), saving the cursor (s u, and
 * ESC 7 / ESC 8), ESC c (reset), and OSC strings (ESC ] ... BEL), which are
 * skipped. Private modes (ESC [ ? ...) are ignored. Sequences may be split across writes:
 * the parser keeps its state. Anything else is dropped, never printed as
 * garbage.
 */

export type VtAction =
  | { kind: 'print'; char: string }
  | { kind: 'csi'; final: string; params: number[]; private: boolean }
  | { kind: 'save' }
  | { kind: 'restore' }
  | { kind: 'reset' };

const ESC = '\x1b';
const MAX_PARAMS_LENGTH = 32;
const MAX_OSC_LENGTH = 256;

export class VtParser {
  private state: 'normal' | 'escape' | 'csi' | 'osc' = 'normal';
  private params = '';
  private oscLength = 0;

  /** Feeds one character; returns the action it completes, if any. */
  feed(char: string): VtAction | null {
    switch (this.state) {
      case 'normal':
        if (char === ESC) {
          this.state = 'escape';
          return null;
        }
        return { kind: 'print', char };
      case 'escape':
        this.state = 'normal';
        if (char === '[') {
          this.state = 'csi';
          this.params = '';
          return null;
        }
        if (char === ']') {
          this.state = 'osc'; // operating system command (a title): skipped
          this.oscLength = 0;
          return null;
        }
        if (char === '7') return { kind: 'save' };
        if (char === '8') return { kind: 'restore' };
        if (char === 'c') return { kind: 'reset' };
        return null;
      case 'osc':
        // Ends with BEL or ST (ESC backslash); a runaway one is cut off.
        if (char === '\x07' || ++this.oscLength > MAX_OSC_LENGTH) this.state = 'normal';
        else if (char === ESC) this.state = 'escape';
        return null;
      default: {
        const code = char.charCodeAt(0);
        if (code >= 0x40 && code <= 0x7e) {
          this.state = 'normal';
          const isPrivate = this.params.startsWith('?');
          const text = isPrivate ? this.params.slice(1) : this.params;
          const params = text === '' ? [] : text.split(';').map((p) => (p === '' ? 0 : Number.parseInt(p, 10) || 0));
          return { kind: 'csi', final: char, params, private: isPrivate };
        }
        if (this.params.length >= MAX_PARAMS_LENGTH || code < 0x20) {
          this.state = 'normal'; // malformed: drop it
          return null;
        }
        this.params += char;
        return null;
      }
    }
  }
}

/** ANSI colour numbers (black red green yellow blue magenta cyan white)
 * -> VGA colour numbers (black blue green cyan red magenta brown grey). */
export const ANSI_TO_VGA = [0, 4, 2, 6, 1, 5, 3, 7];
