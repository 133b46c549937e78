/**
 * /dev/fb0 and /dev/input/event0 on both boards, through the JOS-only
 * conformance programs userland/tests/fbdev.c and evdev.c: the fbdev
 * ioctls, palette, pread/pwrite/mmap and the errors of bad use; a picture
 * presented with FBIOPAN_DISPLAY reaching the board's screen (VGA mode 13h,
 * the LCD in RGB565) and the text console coming back at close; key
 * presses and releases from the board's keyboard as evdev events.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PNG } from 'pngjs';
import { runJos, runJosInteractive, runJosPty } from '../support/run-jos';

const BOARDS = ['pc', 'esp32c3'] as const;
const TESTS = '/usr/libexec/jos-tests';

/** The colour at a fraction of the picture's width and height. */
function colourAt(png: PNG, fx: number, fy: number): [number, number, number] {
  const i = (Math.floor(png.height * fy) * png.width + Math.floor(png.width * fx)) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2]];
}

describe.each(BOARDS)('fbdev and evdev on %s', (board) => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `jos-fbdev-${board}-`));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes the fbdev checks, shows the picture while open and the console after', () => {
    const shot = path.join(dir, 'shot.png');
    const r = runJos(
      ['run', '--board', board, '--clock', 'virtual', '--log-level', 'warn', '--screenshot', shot, '--screenshot-every', '0.5', '--', `${TESTS}/fbdev`, '2'],
      { timeoutMs: 60_000 },
    );
    expect(r.stdout).toMatch(/fbdev: all \d+ checks passed/);
    expect(r.stdout).toContain('mode 320x200, 8 bits per pixel');
    expect(r.status).toBe(0);
    const series = fs.readdirSync(dir).filter((f) => /^shot-\d+\.png$/.test(f)).sort();
    const pictures = series.map((f) => PNG.sync.read(fs.readFileSync(path.join(dir, f))));
    // While the program holds the screen: left half palette entry 1 (pure
    // red), right half entry 2 (pure blue), whatever the board's format.
    const held = pictures.filter((png) => {
      const [lr, lg, lb] = colourAt(png, 0.25, 0.5);
      const [rr, rg, rb] = colourAt(png, 0.75, 0.5);
      return lr > 200 && lg < 40 && lb < 40 && rb > 200 && rr < 40 && rg < 40;
    });
    expect(held.length).toBeGreaterThan(0);
    // At the end the console is back: text, not the picture.
    const last = PNG.sync.read(fs.readFileSync(shot));
    const [r0, g0, b0] = colourAt(last, 0.25, 0.5);
    expect(r0 > 200 && g0 < 40 && b0 < 40).toBe(false);
  });

  it('turns key presses and releases into evdev events', async () => {
    // 'a', Shift+'B' (typed as B), Enter: with --keyboard device each is a
    // press and a release of the board's keyboard. Typed once the program
    // waits in poll (the wall clock's idle time: its poll has a timeout).
    const r = await runJosInteractive(
      ['run', '--board', board, '--log-level', 'warn', '--keyboard', 'device', '--', `${TESTS}/evdev`, '4'],
      [{ after: 'ready for 4 key releases', send: 'aB\r' }],
      60_000,
    );
    expect(r.stdout).toMatch(/evdev: all \d+ checks passed/);
    const keys = [...r.stdout.matchAll(/^key (\d+) (\d+)$/gm)].map((m) => `${m[1]}:${m[2]}`);
    // KEY_A 30, KEY_LEFTSHIFT 42, KEY_B 48, KEY_ENTER 28: each pressed
    // before it is released, shift around B, presses in the order typed.
    expect([...keys].sort()).toEqual(['28:0', '28:1', '30:0', '30:1', '42:0', '42:1', '48:0', '48:1']);
    const at = (event: string) => keys.indexOf(event);
    for (const code of [30, 42, 48, 28]) expect(at(`${code}:1`)).toBeLessThan(at(`${code}:0`));
    expect(at('42:1')).toBeLessThan(at('48:1'));
    expect(at('48:0')).toBeLessThan(at('42:0'));
    expect([at('30:1'), at('42:1'), at('28:1')]).toEqual([at('30:1'), at('42:1'), at('28:1')].sort((a, b) => a - b));
    // The pc's PS/2 keyboard has real releases: the host holds each key
    // 40 ms, one after the other. Without the kitty protocol the esp32c3's
    // keyboard UART gets the typed bytes: its made-up releases are held
    // until the program has read the press.
    if (board === 'pc') expect(keys).toEqual(['30:1', '30:0', '42:1', '48:1', '48:0', '42:0', '28:1', '28:0']);
  });

  it('with a terminal that speaks the kitty keyboard protocol, a held key repeats and is released when let go', async () => {
    // jos asks the terminal (CSI ? u, then CSI c); this one answers with
    // its flags, then reports 'a' pressed, repeating and released, and
    // Enter pressed and released: the board's keyboard gets each as it
    // comes (pc: PS/2 make and break codes; esp32c3: kitty key-event
    // sequences over its keyboard UART), so evdev shows the repeat (value
    // 2), which no tap can make.
    const run = runJosPty(
      ['run', '--board', board, '--log-level', 'warn', '--keyboard', 'device', '--', `${TESTS}/evdev`, '2'],
      [
        { after: '\x1b[?u', send: '\x1b[?0u\x1b[?62;22c' },
        { after: 'ready for 2 key releases', send: '\x1b[97u' },
        { after: '', send: '\x1b[97;1:2u', delayMs: 200 },
        { after: '', send: '\x1b[97;1:3u\x1b[13u\x1b[13;1:3u', delayMs: 200 },
      ],
      60_000,
    );
    if (!run) return console.warn('fbdev-evdev: no script(1): the pty check is skipped');
    const r = await run;
    expect(r.stdout).toContain('\x1b[>11u'); // the protocol was pushed...
    expect(r.stdout).toContain('\x1b[<u'); // ...and popped at the end
    expect(r.stdout).toMatch(/evdev: all \d+ checks passed/);
    // jos writes the pop when it closes, which may land inside the guest's
    // output still on its way to the terminal: out before reading lines.
    const output = r.stdout.split('\x1b[<u').join('');
    const keys = [...output.matchAll(/^key (\d+) (\d+)\r*$/gm)].map((m) => `${m[1]}:${m[2]}`);
    expect(keys).toEqual(['30:1', '30:2', '30:0', '28:1', '28:0']);
  });
});
