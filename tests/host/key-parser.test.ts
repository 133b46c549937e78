import { KeyReader, parseKeys, unfinishedTail } from '../../host/keyboard/key-parser';

const keys = (text: string | number[]) =>
  parseKeys(typeof text === 'string' ? Buffer.from(text, 'utf8') : Uint8Array.from(text)).map((k) =>
    [k.ctrl ? 'C-' : '', k.alt ? 'M-' : '', k.shift ? 'S-' : '', k.key].join(''),
  );

describe('terminal key sequences', () => {
  it('reads printable ASCII as US-layout keys, with shift for capitals and upper symbols', () => {
    expect(keys('aZ1!~ ')).toEqual(['a', 'S-z', '1', 'S-1', 'S-`', 'Space']);
  });

  it('reads control bytes as Enter, Tab, Backspace and Ctrl+letter', () => {
    expect(keys([0x0d, 0x09, 0x7f, 0x08, 0x03, 0x1a, 0x1c])).toEqual(['Enter', 'Tab', 'Backspace', 'Backspace', 'C-c', 'C-z', 'C-\\']);
  });

  it('reads cursor keys in both the CSI and the SS3 (application) forms', () => {
    expect(keys('\x1b[A\x1b[B\x1b[C\x1b[D\x1bOA\x1bOD\x1b[H\x1b[F\x1bOH\x1bOF')).toEqual([
      'ArrowUp', 'ArrowDown', 'ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowLeft', 'Home', 'End', 'Home', 'End',
    ]);
  });

  it('reads the editing block and function keys', () => {
    expect(keys('\x1b[2~\x1b[3~\x1b[5~\x1b[6~\x1b[1~\x1b[4~')).toEqual(['Insert', 'Delete', 'PageUp', 'PageDown', 'Home', 'End']);
    expect(keys('\x1bOP\x1bOS\x1b[15~\x1b[21~\x1b[24~\x1b[[A\x1b[[E')).toEqual(['F1', 'F4', 'F5', 'F10', 'F12', 'F1', 'F5']);
  });

  it('reads xterm modifier parameters and ESC-prefixed Alt', () => {
    expect(keys('\x1b[1;5C\x1b[1;2A\x1b[3;3~\x1bx\x1b[Z')).toEqual(['C-ArrowRight', 'S-ArrowUp', 'M-Delete', 'M-x', 'S-Tab']);
    expect(keys('\x1b\x1b[Aq')).toEqual(['M-ArrowUp', 'q']);
  });

  it('takes a lone ESC at the end of a chunk as the Escape key', () => {
    expect(keys('\x1b')).toEqual(['Escape']);
    expect(keys('a\x1b')).toEqual(['a', 'Escape']);
  });

  it('keeps the bytes of each key, for the serial line', () => {
    const parsed = parseKeys(Buffer.from('q\x1b[A', 'latin1'));
    expect(parsed.map((k) => Array.from(k.bytes))).toEqual([[0x71], [0x1b, 0x5b, 0x41]]);
  });

  it('passes UTF-8 characters through as one key and skips what makes no key', () => {
    expect(keys('é')).toEqual(['é']);
    expect(keys([0x80, 0x61])).toEqual(['a']);
    expect(keys('\x1b[99~b')).toEqual(['b']);
  });
});

describe('reading keys across terminal reads', () => {
  it('finds an unfinished escape sequence at the end of a read', () => {
    const tail = (text: string) => unfinishedTail(Buffer.from(text, 'latin1'));
    expect(tail('ab')).toBe(0);
    expect(tail('a\x1b')).toBe(1);
    expect(tail('a\x1b[')).toBe(2);
    expect(tail('\x1b[1;5')).toBe(5);
    expect(tail('\x1b[A')).toBe(0);
    expect(tail('\x1bx')).toBe(0);
    expect(tail('\x1b[[')).toBe(3);
  });

  it('joins a sequence cut between two reads, and takes a lone ESC as Escape after the delay', () => {
    jest.useFakeTimers();
    try {
      const got: string[] = [];
      const reader = new KeyReader((ks) => got.push(...ks.map((k) => k.key)), 25);
      reader.push(Buffer.from('a\x1b[', 'latin1'));
      expect(got).toEqual(['a']);
      reader.push(Buffer.from('B', 'latin1'));
      expect(got).toEqual(['a', 'ArrowDown']);
      reader.push(Buffer.from('\x1b', 'latin1'));
      expect(got).toEqual(['a', 'ArrowDown']);
      jest.advanceTimersByTime(30);
      expect(got).toEqual(['a', 'ArrowDown', 'Escape']);
    } finally {
      jest.useRealTimers();
    }
  });
});
