import type { Console } from '../../hal/console';
import { Blocked } from '../../kernel/sched/wait-queue';
import { SIGINT, TCGETS, TCSETS, TIOCGWINSZ, TTY_BUFFER, Tty } from '../../kernel/tty/tty';
import { ECHO, ICANON, decodeTermios, encodeTermios } from '../../kernel/tty/termios';

/** A console whose input is a queue and whose output is collected. */
class FakeConsole implements Console {
  readonly input: number[] = [];
  output = '';
  init(): void {}
  write(bytes: Uint8Array): void {
    this.output += Buffer.from(bytes).toString('latin1');
  }
  readByte(): number {
    return this.input.length > 0 ? this.input.shift()! : -1;
  }
  handleInterrupt(): void {}
}

function setup() {
  const console = new FakeConsole();
  const signals: number[] = [];
  const mirrored: string[] = [];
  const tty = new Tty(console, { signalForeground: (s) => signals.push(s) }, (t) => mirrored.push(t));
  const type = (text: string) => {
    console.input.push(...Buffer.from(text, 'latin1'));
    tty.receive();
  };
  const read = (n = 100) => {
    const buf = new Uint8Array(n);
    const got = tty.read(buf);
    return got instanceof Blocked ? null : Buffer.from(buf.subarray(0, got)).toString('latin1');
  };
  return { console, tty, signals, mirrored, type, read };
}

describe('console tty', () => {
  test('canonical mode hands out whole lines, echoes, and turns CR into NL', () => {
    const { console, type, read } = setup();
    expect(read()).toBeNull(); // nothing typed: the reader sleeps
    type('ab');
    expect(read()).toBeNull(); // no line yet
    type('c\r');
    expect(read()).toBe('abc\n');
    expect(console.output).toBe('abc\r\n'); // echo, with ONLCR
  });

  test('erase and kill edit the line before it is read', () => {
    const { type, read } = setup();
    type('helx\x7flo\n');
    expect(read()).toBe('hello\n');
    type('garbage\x15ok\n');
    expect(read()).toBe('ok\n');
  });

  test('^D at the start of a line is end of file; after text it ends the line without a newline', () => {
    const { type, read } = setup();
    type('\x04');
    expect(read()).toBe('');
    type('partial\x04');
    expect(read()).toBe('partial');
  });

  test('^C signals the foreground group and echoes ^C', () => {
    const { console, signals, type } = setup();
    type('typed\x03');
    expect(signals).toEqual([SIGINT]);
    expect(console.output).toContain('^C');
  });

  test('non-canonical mode without echo hands out bytes at once', () => {
    const { tty, console, type, read } = setup();
    const t = tty.termios;
    tty.termios = { ...t, lflag: t.lflag & ~(ICANON | ECHO) };
    type('x');
    expect(read()).toBe('x');
    expect(console.output).toBe('');
  });

  test('output turns NL into CRNL and is mirrored to the screen', () => {
    const { tty, console, mirrored } = setup();
    tty.write(new TextEncoder().encode('one\ntwo\n'));
    expect(console.output).toBe('one\r\ntwo\r\n');
    expect(mirrored.join('')).toBe('one\ntwo\n');
  });

  test('the mirror decodes UTF-8 across writes: a character split between two comes out whole; long ASCII too', () => {
    const { tty, mirrored } = setup();
    const bytes = new TextEncoder().encode('a\u00e9b\u20acc');
    tty.write(bytes.subarray(0, 2)); // "a" and half of "é"
    tty.write(bytes.subarray(2, 5)); // its second half, "b", the first byte of "€"
    tty.write(bytes.subarray(5));
    expect(mirrored.join('')).toBe('a\u00e9b\u20acc');
    const long = 'x'.repeat(70_000);
    const fresh = setup();
    fresh.tty.write(new TextEncoder().encode(long));
    expect(fresh.mirrored.join('')).toBe(long);
  });

  test('TCGETS/TCSETS round-trip struct termios; TIOCGWINSZ gives 25x80', () => {
    const { tty } = setup();
    const memory = new Map<number, Uint8Array>();
    const io = { write: (a: number, d: Uint8Array) => (memory.set(a, d.slice()), true) };
    expect(tty.ioctl(TCGETS, 0x100, io, () => null)).toBe(0);
    const got = decodeTermios(memory.get(0x100)!);
    expect(got.lflag & ICANON).toBe(ICANON);
    const raw = encodeTermios({ ...got, lflag: 0 });
    expect(tty.ioctl(TCSETS, 0x200, io, () => raw)).toBe(0);
    expect(tty.termios.lflag).toBe(0);
    expect(tty.ioctl(TIOCGWINSZ, 0x300, io, () => null)).toBe(0);
    const ws = new DataView(memory.get(0x300)!.buffer);
    expect([ws.getUint16(0, true), ws.getUint16(2, true)]).toEqual([25, 80]);
    expect(tty.ioctl(0x1234, 0, io, () => null)).toBe(-25); // ENOTTY
  });

  test('flow control: at most TTY_BUFFER bytes are taken from the console, the rest after read()', () => {
    const { console, type, read } = setup();
    const line = 'x'.repeat(99) + '\n';
    type(line.repeat(60)); // 6000 bytes at once
    // The terminal stopped taking bytes when full: the rest waits in the
    // driver (and, behind it, the UART and the host), not dropped.
    expect(console.input.length).toBeGreaterThan(0);
    expect(console.input.length).toBeLessThanOrEqual(6000 - TTY_BUFFER);
    let lines = 0;
    for (let got = read(); got !== null; got = read()) {
      expect(got).toBe(line);
      lines++;
    }
    expect(lines).toBe(60);
    expect(console.input.length).toBe(0);
  });

  test('a line typed ahead in canonical mode is readable once a program turns canonical mode off', () => {
    const { tty, type, read } = setup();
    const memory = new Map<number, Uint8Array>();
    const io = { write: (a: number, d: Uint8Array) => (memory.set(a, d.slice()), true) };
    type('cat /tmp/big;');
    expect(read()).toBeNull(); // no line ended yet
    const raw = encodeTermios({ ...tty.termios, lflag: tty.termios.lflag & ~(ICANON | ECHO) });
    expect(tty.ioctl(TCSETS, 0x200, io, () => raw)).toBe(0);
    expect(read()).toBe('cat /tmp/big;');
    type(' exit');
    expect(read()).toBe(' exit');
  });
});
