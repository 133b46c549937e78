/**
 * tcc's tests2 suite (C programs with their expected output, from Debian's
 * tcc source package, fetched by scripts/fetch-tcc-tests.sh and never
 * committed) built with `jos cc` for both boards. Each program runs on its
 * Linux oracle (natively / under qemu-riscv32) and on the board, in one
 * boot per board:
 * - the board prints the same bytes and exits with the same status as the
 *   oracle, for every program;
 * - the output matches the .expect file (tests2's comparison: diff -b),
 *   except the differences tests2-list.ts knows, each with its reason.
 * docs/tcc-tests.md says how to run it and what the figures are.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../../support/run-jos';
import { which } from '../../userland/oracle';
import { ARGS, Arch, FLAGS, KNOWN_DIFFERENCES, NOT_RUN } from './tests2-list';

const JOS = path.join(ROOT, 'bin', 'jos.js');
const BOARDS: { board: string; arch: Arch; compiler: string; oracle: string[] }[] = [
  { board: 'pc', arch: 'x86_64', compiler: 'gcc', oracle: [] },
  { board: 'esp32c3', arch: 'riscv32', compiler: 'riscv64-unknown-elf-gcc', oracle: ['qemu-riscv32'] },
];

/** The tests2 directory, or null (with the reason printed) when it cannot be fetched. */
function fetchTests2(): string | null {
  const r = spawnSync('bash', [path.join(ROOT, 'scripts', 'fetch-tcc-tests.sh')], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.warn(`tcc-tests2: skipping: could not fetch tcc's source:\n${r.stderr}`);
    return null;
  }
  return path.join(r.stdout.trim().split('\n').pop()!, 'tests2');
}

const TESTS2 = fetchTests2();
/** The programs with an .expect, in the order of their numbers. */
const ALL = TESTS2
  ? fs
      .readdirSync(TESTS2)
      .filter((f) => /^\d{2,3}_[^+]*\.c$/.test(f) && fs.existsSync(path.join(TESTS2, f.replace(/\.c$/, '.expect'))))
      .map((f) => f.slice(0, -2))
      .sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b))
  : [];
const SELECTED = ALL.filter((name) => !(name in NOT_RUN));

interface Outcome {
  status: number;
  output: string;
}

/** tests2 compares with `diff -Nbu`: runs of white space are equal, and
 * trailing white space is ignored. */
const normalise = (text: string) =>
  text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trimEnd())
    .join('\n')
    .trimEnd();

function runAsync(argv: string[], options: { cwd?: string; timeoutMs: number }): Promise<Outcome> {
  return new Promise((resolve) => {
    // stdout and stderr on one descriptor, as on the board's console.
    const child = spawn('/bin/sh', ['-c', 'exec "$@" 2>&1', 'sh', ...argv], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('latin1').on('data', (t: string) => (output += t));
    child.stderr.setEncoding('latin1').on('data', (t: string) => (output += t));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? 128 + (os.constants.signals[signal as NodeJS.Signals] ?? 0), output });
    });
  });
}

/** Runs jobs at most `width` at a time. */
async function pool<T, R>(items: T[], width: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** The guest script: each program in /tmp (writable: 40_stdio writes
 * fred.txt), between markers the parser below splits on. */
function guestScript(names: string[]): string {
  const quote = (word: string) => `'${word}'`;
  const lines = ['cd /tmp', 'cp /t/46_grep.c 46_grep.c'];
  for (const name of names) {
    lines.push(`echo '@@@ ${name}'`, `/t/${name} ${(ARGS[name] ?? []).map(quote).join(' ')} 2>&1`, 'echo "@@@ status $?"');
  }
  return lines.join('\n') + '\n';
}

function parseBoardOutput(text: string): Map<string, Outcome> {
  const outcomes = new Map<string, Outcome>();
  const marker = /@@@ (\S+)\n([\s\S]*?)@@@ status (\d+)\n/g;
  for (let m = marker.exec(text); m; m = marker.exec(text)) outcomes.set(m[1], { output: m[2], status: Number(m[3]) });
  return outcomes;
}

describe.each(BOARDS)('tests2 on the $board board', ({ board, arch, compiler, oracle }) => {
  const missing = [compiler, ...oracle].filter((tool) => which(tool) === null);
  if (TESTS2 && missing.length > 0) console.warn(`tcc-tests2: skipping ${board}: ${missing.join(', ')} not installed`);
  const runnable = TESTS2 !== null && missing.length === 0;
  const maybe = runnable ? test : test.skip;
  let work = '';
  const built = new Map<string, string>(); // name -> compiler output when the build failed
  const onOracle = new Map<string, Outcome>();

  beforeAll(async () => {
    if (!runnable) return;
    work = fs.mkdtempSync(path.join(os.tmpdir(), `jos-tests2-${board}-`));
    fs.mkdirSync(path.join(work, 't'));
    fs.mkdirSync(path.join(work, 'cwd'));
    fs.copyFileSync(path.join(TESTS2!, '46_grep.c'), path.join(work, 't', '46_grep.c'));
    fs.copyFileSync(path.join(TESTS2!, '46_grep.c'), path.join(work, 'cwd', '46_grep.c'));
    await pool(SELECTED, 2, async (name) => {
      const cc = await runAsync(
        [process.execPath, JOS, 'cc', '--board', board, '-w', '-std=gnu99', ...(FLAGS[name] ?? []), path.join(TESTS2!, `${name}.c`), '-o', path.join(work, 't', name)],
        { timeoutMs: 120_000 },
      );
      if (cc.status !== 0) built.set(name, cc.output);
    });
    await pool(SELECTED, 2, async (name) => {
      if (built.has(name)) return;
      onOracle.set(name, await runAsync([...oracle, path.join(work, 't', name), ...(ARGS[name] ?? [])], { cwd: path.join(work, 'cwd'), timeoutMs: 30_000 }));
    });
  }, 900_000);

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  maybe("the outputs match tests2's .expect files, but for the known differences", () => {
    const passed: string[] = [];
    const failed: string[] = [];
    for (const name of SELECTED) {
      const expected = fs.readFileSync(path.join(TESTS2!, `${name}.expect`), 'latin1');
      const got = built.get(name) ?? onOracle.get(name)!.output;
      (normalise(got) === normalise(expected) ? passed : failed).push(name);
    }
    const known = (name: string) => KNOWN_DIFFERENCES[name]?.archs.includes(arch) ?? false;
    const unexpected = failed.filter((name) => !known(name));
    const nowPassing = passed.filter(known);
    console.log(
      [
        `tcc tests2 on ${board} (${arch}): ${passed.length} of ${SELECTED.length} match their .expect (${ALL.length - SELECTED.length} not run: tcc-only)`,
        ...failed.map((name) => `  differs: ${name}: ${known(name) ? KNOWN_DIFFERENCES[name].why : built.has(name) ? 'DOES NOT BUILD' : 'UNEXPECTED'}`),
        ...nowPassing.map((name) => `  ${name} matches now: remove it from KNOWN_DIFFERENCES`),
      ].join('\n'),
    );
    expect(unexpected.map((name) => [name, built.get(name) ?? onOracle.get(name)!.output.slice(0, 2000)])).toEqual([]);
  });

  maybe('the board prints the same bytes and exits with the same status as the Linux oracle', () => {
    const names = SELECTED.filter((name) => !built.has(name));
    fs.writeFileSync(path.join(work, 't', 'run.sh'), guestScript(names));
    const run = spawnSync(
      process.execPath,
      [JOS, 'run', '--board', board, '-m', '64M', '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--timeout', '600', '--add', `${path.join(work, 't')}:/t`, '--', 'sh', '/t/run.sh'],
      { encoding: 'latin1', maxBuffer: 256 << 20, timeout: 660_000 },
    );
    expect(run.status).toBe(0);
    const onBoard = parseBoardOutput(run.stdout.replace(/\r\n/g, '\n'));
    const differing = names.filter((name) => {
      const got = onBoard.get(name);
      const want = onOracle.get(name)!;
      return !got || got.status !== want.status || got.output !== want.output;
    });
    console.log(`tcc tests2 on ${board}: ${names.length - differing.length} of ${names.length} programs print the same bytes as on the Linux oracle`);
    expect(differing.map((name) => [name, onBoard.get(name), onOracle.get(name)])).toEqual([]);
  }, 700_000);
});
