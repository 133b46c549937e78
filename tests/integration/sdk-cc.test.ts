/**
 * `jos cc`, the SDK: a user's ordinary hosted C program (no
 * -ffreestanding, main falling off its end) built for each board with the
 * committed libc, run on the board with --add, prints the same bytes as on
 * its Linux oracle (natively / under qemu-riscv32); separate compilation
 * and -lm work; mistakes and a missing compiler are clear errors.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from '../support/run-jos';
import { which } from '../userland/oracle';

const BOARDS = [
  { board: 'pc', compiler: 'gcc', debianPackage: 'gcc', oracle: [] as string[] }, // natively
  { board: 'esp32c3', compiler: 'riscv64-unknown-elf-gcc', debianPackage: 'gcc-riscv64-unknown-elf', oracle: ['qemu-riscv32'] },
];

/** Hosted C: <math.h> with -lm, stdio to a buffer and a file, qsort,
 * getenv, argv; main has no return statement. */
const PROGRAM = `#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(int argc, char *argv[])
{
    int values[] = { 42, -7, 1000, 3, 0 };
    char line[64];
    qsort(values, 5, sizeof values[0], by_value);
    for (int i = 0; i < 5; i++) printf("%d%c", values[i], i < 4 ? ' ' : '\\n');
    snprintf(line, sizeof line, "%.10f %e %a", sqrt(2.0), exp(10.0), 0.75);
    printf("%s (%zu bytes)\\n", line, strlen(line));
    FILE *f = fopen("/tmp/sdk-cc-check", "w+");
    fprintf(f, "%s|%s\\n", argc > 1 ? argv[1] : "-", getenv("HOME") ? "home" : "no home");
    rewind(f);
    fgets(line, sizeof line, f);
    fputs(line, stdout);
    fclose(f);
    remove("/tmp/sdk-cc-check");
}
`;

/** Threads, built with -pthread as for glibc. */
const THREADED = `#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int mine;
static long total;

static void *work(void *arg)
{
    for (int i = 0; i < 1000; i++) {
        mine++;
        pthread_mutex_lock(&lock);
        total += (long)arg;
        pthread_mutex_unlock(&lock);
    }
    return (void *)(long)mine;
}

int main(void)
{
    pthread_t t[3];
    void *r;
    long mines = 0;
    for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, work, (void *)(i + 1));
    for (int i = 0; i < 3; i++) { pthread_join(t[i], &r); mines += (long)r; }
#ifdef _REENTRANT
    printf("_REENTRANT ");
#endif
    printf("total %ld, per-thread counts %ld, main's %d\\n", total, mines, mine);
}
`;

/** Two files compiled separately (-c), then linked. */
const UNIT_MAIN = '#include <stdio.h>\nint twice(int);\nint main(void) { printf("twice: %d\\n", twice(21)); return twice(2); }\n';
const UNIT_LIB = 'int twice(int n) { return 2 * n; }\n';

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-sdk-cc-'));
  fs.writeFileSync(path.join(dir, 'prog.c'), PROGRAM);
  fs.writeFileSync(path.join(dir, 'threaded.c'), THREADED);
  fs.writeFileSync(path.join(dir, 'main.c'), UNIT_MAIN);
  fs.writeFileSync(path.join(dir, 'twice.c'), UNIT_LIB);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (board: string, elf: string, args: string[]) =>
  runJos(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--timeout', '60', '--add', `${elf}:/prog`, '--', '/prog', ...args], { timeoutMs: 90_000 });

describe.each(BOARDS)('jos cc --board $board', ({ board, compiler, oracle }) => {
  const missing = [compiler, ...oracle].filter((tool) => which(tool) === null);
  if (missing.length > 0) console.warn(`sdk-cc: skipping ${board}: ${missing.join(', ')} not installed`);
  const maybe = missing.length === 0 ? test : test.skip;

  maybe('a hosted program prints the same bytes on the board as on its Linux oracle, and falls off main with 0', () => {
    const elf = path.join(dir, `prog-${board}`);
    const built = runJos(['cc', '--board', board, '-O2', '-Wall', '-Wextra', '-std=c11', path.join(dir, 'prog.c'), '-o', elf, '-lm']);
    expect(built.stderr).toBe('');
    expect(built.status).toBe(0);
    const [command, ...args] = [...oracle, elf, 'argument'];
    const native = spawnSync(command, args, { encoding: 'utf8', env: { HOME: '/' } });
    expect(native.status).toBe(0);
    expect(native.stdout).toMatch(/^-7 0 3 42 1000\n1\.4142135624 2\.202647e\+04 0x1\.8p-1 \(34 bytes\)\nargument\|home\n$/);
    const onBoard = run(board, elf, ['argument']);
    expect(onBoard.stdout.replace(/\r\n/g, '\n')).toBe(native.stdout);
    expect(onBoard.status).toBe(0);
  }, 120_000);

  maybe('a threaded program built with -pthread prints the same bytes on the board as on its Linux oracle', () => {
    const elf = path.join(dir, `threaded-${board}`);
    const built = runJos(['cc', '--board', board, '-O2', '-Wall', path.join(dir, 'threaded.c'), '-o', elf, '-pthread']);
    expect([built.status, built.stderr]).toEqual([0, '']);
    const [command, ...args] = [...oracle, elf];
    const native = spawnSync(command, args, { encoding: 'utf8' });
    expect(native.stdout).toBe('_REENTRANT total 6000, per-thread counts 3000, main\'s 0\n');
    const onBoard = run(board, elf, []);
    expect(onBoard.stdout.replace(/\r\n/g, '\n')).toBe(native.stdout);
    expect(onBoard.status).toBe(0);
  }, 120_000);

  maybe('separately compiled objects (-c) link into one program; main returns its status', () => {
    const objects = ['main', 'twice'].map((name) => {
      const object = path.join(dir, `${name}-${board}.o`);
      const r = runJos(['cc', '--board', board, '-c', path.join(dir, `${name}.c`), '-o', object]);
      expect([name, r.status, r.stderr]).toEqual([name, 0, '']);
      return object;
    });
    const elf = path.join(dir, `twice-${board}`);
    const linked = runJos(['cc', '--board', board, ...objects, '-o', elf]);
    expect([linked.status, linked.stderr]).toEqual([0, '']);
    const onBoard = run(board, elf, []);
    expect(onBoard.stdout.replace(/\r\n/g, '\n')).toBe('twice: 42\n');
    expect(onBoard.status).toBe(4);
  }, 120_000);

  maybe("a compile error is gcc's message and status", () => {
    fs.writeFileSync(path.join(dir, 'broken.c'), 'int main(void) { return undeclared; }\n');
    const r = runJos(['cc', '--board', board, path.join(dir, 'broken.c'), '-o', path.join(dir, 'broken')]);
    expect(r.stderr).toMatch(/error: .undeclared. undeclared/);
    expect(r.status).toBe(1);
  });
});

describe('jos cc mistakes', () => {
  test('an unknown board is a usage error naming the boards', () => {
    const r = runJos(['cc', '--board', 'vax', 'prog.c']);
    expect(r.stderr).toMatch(/pc.*esp32c3/);
    expect(r.status).toBe(2);
  });

  test('no files is a usage error', () => {
    const r = runJos(['cc', '--board', 'pc']);
    expect(r.status).toBe(2);
  });

  test('-shared is refused: JOS programs are static', () => {
    const r = runJos(['cc', '--board', 'pc', '-shared', 'x.c', '-o', 'x.so']);
    expect(r.stderr).toMatch(/-shared: JOS programs are static/);
    expect(r.status).toBe(2);
  });

  test.each(BOARDS)('a missing compiler names the Debian package ($board)', ({ board, compiler, debianPackage }) => {
    // A PATH without any compiler: jos itself is started by absolute path.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-sdk-nopath-'));
    const r = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'jos.js'), 'cc', '--board', board, 'prog.c'], {
      encoding: 'utf8',
      env: { PATH: empty },
    });
    fs.rmSync(empty, { recursive: true, force: true });
    expect(r.stderr).toContain(`${compiler} not found`);
    expect(r.stderr).toContain(`apt-get install ${debianPackage}`);
    expect(r.status).toBe(1);
  });
});
