/**
 * Doom on both boards (heavy suite: npm run test:doom, in .ci/run):
 * - `npm run doom:build` builds chocolate-doom's engine with JOS's platform
 *   layer for x86_64, riscv32 and the host;
 * - the native build's -timedemo gametics equal Debian's chocolate-doom's
 *   for demo1-3 of freedoom1.wad;
 * - on each board, -timedemo demo1, demo2 and demo3 give the same
 *   gametics as natively, and the frame shown at a fixed tic of each is the
 *   same (pixels and palette);
 * - a few seconds of play with scripted keys: Up moves the player forward,
 *   Right turns them, nothing moves nobody;
 * - a session played on a terminal (--display term) and recorded replays
 *   to the same frames: the same frame at a fixed tic, the same player
 *   position, a byte-identical last screen.
 * Needs Debian's freedoom (the IWAD), chocolate-doom (the reference) and
 * the source package (fetched by scripts/doom-fetch.sh); what is missing
 * is reported and its checks skipped.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { ROOT, runJos, runJosInteractive, runJosPty } from '../support/run-jos';

const IWAD = '/usr/share/games/doom/freedoom1.wad';
const DEBIAN_DOOM = '/usr/games/chocolate-doom';
const NATIVE = path.join(ROOT, 'build', 'doom', 'native', 'doom');
const BOARDS = ['pc', 'esp32c3'] as const;
/** Each demo, and the tic whose frame is compared (within every demo). */
const DEMOS: [string, number][] = [
  ['demo1', 500],
  ['demo2', 1000],
  ['demo3', 1000],
];
const PLAY_TIC = 140;

let built = false;
const skip = (why: string) => console.warn(`doom: skipping: ${why}`);

beforeAll(() => {
  if (!fs.existsSync(IWAD)) return skip(`no ${IWAD} (apt-get install freedoom)`);
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'doom-build.sh')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, JOBS: '2' } });
  if (r.status !== 0) {
    if (/doom-fetch: /.test(r.stderr) && !fs.existsSync(path.join(ROOT, 'build', 'doom-src', 'VERSION'))) return skip(`the source could not be fetched:\n${r.stderr}`);
    throw new Error(`npm run doom:build failed:\n${r.stdout}${r.stderr}`);
  }
  built = true;
}, 1_800_000);

/** "timed N gametics" and the -framehash lines of a run's output. */
function gametics(output: string): number {
  const m = /timed (\d+) gametics/.exec(output);
  if (!m) throw new Error(`no "timed N gametics" line in:\n${output.slice(-2000)}`);
  return Number(m[1]);
}
function frameLine(output: string): string {
  const m = /^frame at tic \d+: [0-9a-f]{8}$/m.exec(output);
  if (!m) throw new Error(`no frame line in:\n${output.slice(-2000)}`);
  return m[0];
}
function player(output: string): { x: number; y: number; facing: number } {
  const m = /^player at (-?\d+),(-?\d+) facing (\d+)$/m.exec(output);
  if (!m) throw new Error(`no player line in:\n${output.slice(-2000)}`);
  return { x: Number(m[1]), y: Number(m[2]), facing: Number(m[3]) };
}

function native(args: string[]): string {
  const r = spawnSync(NATIVE, ['-iwad', IWAD, '-nosound', ...args], { encoding: 'utf8', timeout: 300_000 });
  return r.stdout + r.stderr;
}

describe('Doom natively', () => {
  it.each(['demo1', 'demo2', 'demo3'])('%s: the same gametics as Debian\'s chocolate-doom', (demo) => {
    if (!built) return;
    if (!fs.existsSync(DEBIAN_DOOM)) return skip(`no ${DEBIAN_DOOM} (apt-get install chocolate-doom): no reference for ${demo}`);
    const debian = spawnSync(DEBIAN_DOOM, ['-iwad', IWAD, '-timedemo', demo, '-nosound'], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, SDL_VIDEODRIVER: 'dummy' } });
    expect(gametics(native(['-timedemo', demo]))).toBe(gametics(debian.stdout + debian.stderr));
  });
});

describe.each(BOARDS)('Doom on %s', (board) => {
  it.each(DEMOS)('-timedemo %s: the native gametics, and the native frame at tic %d', (demo, tic) => {
    if (!built) return;
    const reference = native(['-timedemo', demo, '-framehash', String(tic)]);
    const r = runJos(['doom', '--board', board, '--clock', 'virtual', '--', '-timedemo', demo, '-nosound', '-framehash', String(tic)], { timeoutMs: 1_200_000 });
    const output = r.stdout + r.stderr;
    expect(gametics(output)).toBe(gametics(reference));
    expect(frameLine(output)).toBe(frameLine(reference));
  }, 1_300_000);

  /** E1M1 for PLAY_TIC tics, with `keys` typed once the game has the keyboard. */
  async function play(keys: string): Promise<{ x: number; y: number; facing: number; frame: string }> {
    const args = ['doom', '--board', board, '--', '-warp', '1', '1', '-nosound', '-framehash', String(PLAY_TIC), '-framequit'];
    const steps = keys ? [{ after: 'JOS_InitInput: keys from /dev/input/event0', send: keys }] : [];
    const r = await runJosInteractive(args, steps, 600_000);
    const output = r.stdout + r.stderr;
    return { ...player(output), frame: frameLine(output) };
  }

  it('scripted keys move the player: Up goes forward, Right turns, nothing stays', async () => {
    if (!built) return;
    const still = await play('');
    const forward = await play('\x1b[A'.repeat(24));
    expect(forward.facing).toBe(still.facing);
    // How far depends on when the taps land in the game's tics (and the
    // wall ahead): some distance, in the right direction.
    const moved = Math.hypot(forward.x - still.x, forward.y - still.y);
    expect(moved).toBeGreaterThanOrEqual(4);
    // Forward is along the way the player faces (angle 256 = a full turn).
    const angle = (still.facing / 256) * 2 * Math.PI;
    expect(((forward.x - still.x) * Math.cos(angle) + (forward.y - still.y) * Math.sin(angle)) / moved).toBeGreaterThan(0.9);
    expect(forward.frame).not.toBe(still.frame);
    if (board === 'pc') {
      const turned = await play('\x1b[C'.repeat(24));
      expect(turned.facing).not.toBe(still.facing);
      expect(Math.hypot(turned.x - still.x, turned.y - still.y)).toBeLessThan(1);
    }
  }, 1_800_000);

  it('a session played on a terminal and recorded (--record, --display term) replays to the same frames', async () => {
    if (!built) return;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `jos-doom-replay-${board}-`));
    try {
      const file = path.join(dir, 'doom.jsonl');
      const shot = (name: string) => path.join(dir, `${name}.png`);
      // The terminal answers jos's kitty-protocol question as one without
      // it (keys become taps), then Up is typed: wherever the taps land,
      // the replay must land them there too.
      const args = ['doom', '--board', board, '--display', 'term', '--record', file, '--screenshot', shot('live'), '--', '-warp', '1', '1', '-nosound', '-framehash', String(PLAY_TIC), '-framequit'];
      const run = runJosPty(args, [{ after: '\x1b[c', send: '\x1b[?62;22c' }, { after: '', send: '\x1b[A'.repeat(16), delayMs: 1000 }], 900_000);
      if (!run) return skip('no script(1): the recorded session is not checked');
      const live = await run;
      expect(fs.readFileSync(file, 'utf8')).toContain('"display":"term"');
      expect(fs.readFileSync(file, 'utf8')).toMatch(/^\["key",/m); // the taps
      const replayed = (await runJosPty(['run', '--replay', file, '--screenshot', shot('replay')], [], 900_000))!;
      const text = (r: { stdout: string; stderr: string }) => (r.stdout + r.stderr).replace(/\r/g, '');
      expect(text(replayed)).toMatch(/replay: \d+ recorded events reproduced, registers and RAM as recorded/);
      expect(replayed.stdout).toContain('\x1b[?1049h'); // the view, drawn again
      expect(frameLine(text(replayed))).toBe(frameLine(text(live)));
      expect(player(text(replayed))).toEqual(player(text(live)));
      expect(fs.readFileSync(shot('replay')).equals(fs.readFileSync(shot('live')))).toBe(true);
      expect(replayed.status).toBe(live.status);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 1_800_000);
});
