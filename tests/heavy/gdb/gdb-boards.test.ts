/**
 * Real gdb-multiarch against `jos run --gdb` on both boards, in batch mode:
 * gdb-target.c (built here with -g for each architecture) is debugged with
 * its own debug info: breakpoints (the child's call of add() must not stop:
 * breakpoints belong to the debugged process), locals and arguments, step,
 * finish, a watchpoint on a global catching each writing line, Ctrl-C,
 * info threads, monitor ps, and the exit status; reverse-stepi and
 * reverse-continue (host/gdb/history.ts) against the states seen going
 * forward; watchpoints on the kernel's copies to and from user memory
 * (copy-target.c).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startJosWithGdb } from '../../support/rsp-client';
import { BOARDS, PRELUDE, buildTarget, dumpRegisters, missingTools, registerBlock, runGdb } from './gdb-batch';

const missing = missingTools();
const suite = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0) {
  // eslint-disable-next-line no-console
  console.warn(`tests/heavy/gdb skipped: ${missing.join(', ')} not installed (Debian: gdb-multiarch gcc-riscv64-unknown-elf)`);
}

suite.each(BOARDS)('gdb-multiarch on the $board board', (target) => {
  const { board } = target;
  let dir = '';
  let elf = '';
  let copyElf = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `jos-gdb-${board}-`));
    elf = path.join(dir, 'gdbt');
    buildTarget('gdb-target.c', elf, target);
    copyElf = path.join(dir, 'copyt');
    buildTarget('copy-target.c', copyElf, target);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const startProgram = (file: string, name: string) =>
    startJosWithGdb(['run', '--board', board, '--clock', 'virtual', '--log-level', 'error', '--append', 'quiet', '--timeout', '90', '--add', `${file}:/bin/${name}`, '--gdb', '0', '-S', '--', name]);
  const start = () => startProgram(elf, 'gdbt');

  test('breakpoints, locals, step, finish, a watchpoint, threads, monitor and the exit status', async () => {
    const run = await start();
    const out = await runGdb(elf, [
      ...PRELUDE(run.port),
      'info threads',
      'break gdb-target.c:28',
      'break add',
      'continue',
      'info locals',
      'step',
      'info args',
      'p $sp != 0',
      'bt',
      'finish',
      'continue',
      'delete',
      'watch counter',
      'continue',
      'continue',
      'delete',
      'info threads',
      'monitor ps',
      'continue',
    ].join('\n'));
    const status = await run.exited;
    // At -S: the program's first instruction.
    expect(out).toMatch(/_start \(\) at .*gdb-target\.c/);
    // The first stop is main's line, not add() in the child forked before it.
    expect(out).toMatch(/Breakpoint 1, main \(\) at .*gdb-target\.c:28/);
    expect(out).not.toMatch(/a=100/);
    expect(out).toMatch(/total = 0/);
    expect(out).toMatch(/add \(a=0, b=1\) at .*gdb-target\.c:20/);
    expect(out).toMatch(/a = 0\nb = 1/);
    expect(out).toMatch(/\$1 = 1/); // the stack pointer is there
    expect(out).toMatch(/#1 .*main \(\) at .*gdb-target\.c:28/);
    expect(out).toMatch(/Value returned is \$2 = 1/);
    expect(out).toMatch(/Breakpoint 2, add \(a=1, b=2\)/);
    // The watchpoint stops after each store, at the line after it.
    expect(out).toMatch(/Old value = 0\nNew value = 10\nmain \(\) at .*gdb-target\.c:30/);
    expect(out).toMatch(/Old value = 10\nNew value = 11\nmain \(\) at .*gdb-target\.c:32/);
    expect(out).toMatch(/\* 1 +Thread 1 "gdbt"/);
    expect(out).toMatch(/\* +1 +0 runnable +gdbt/);
    expect(out).toMatch(/\[Inferior 1 \(Remote target\) exited with code 03\]/);
    expect(status).toBe(3);
    expect(run.stdout()).toContain('counted');
  }, 120_000);

  test('reverse-stepi and reverse-continue: the registers seen going back are those seen going forward', async () => {
    const run = await start();
    const dump = dumpRegisters;
    const out = await runGdb(elf, [
      ...PRELUDE(run.port),
      'break main',
      'continue',
      ...dump('F0'),
      'stepi',
      ...dump('F1'),
      'stepi',
      ...dump('F2'),
      'stepi',
      ...dump('F3'),
      'reverse-stepi',
      ...dump('B2'),
      'reverse-stepi',
      ...dump('B1'),
      'reverse-stepi',
      ...dump('B0'),
      'break add',
      'continue',
      ...dump('A1'),
      'continue',
      'info args',
      'reverse-continue',
      'info args',
      ...dump('R1'),
      'delete',
      'continue',
    ].join('\n'));
    const status = await run.exited;
    const block = (tag: string) => registerBlock(out, tag);
    // Three different states going forward...
    expect(block('F1')).not.toBe(block('F0'));
    expect(block('F2')).not.toBe(block('F1'));
    // ...and the same three, register for register, going back.
    expect(block('B2')).toBe(block('F2'));
    expect(block('B1')).toBe(block('F1'));
    expect(block('B0')).toBe(block('F0'));
    // reverse-continue goes back to the earlier hit of the breakpoint.
    expect(out).toMatch(/a = 1\nb = 2\n[\s\S]*a = 0\nb = 1/);
    expect(block('R1')).toBe(block('A1'));
    // After going back, the future is the same: the same exit status.
    expect(out).toMatch(/exited with code 03/);
    expect(status).toBe(3);
    expect(run.stdout()).toContain('counted');
  }, 180_000);

  test('reverse-next and reverse-step go back by lines, into the previous call', async () => {
    const run = await start();
    const out = await runGdb(elf, [...PRELUDE(run.port), 'break add', 'continue', 'continue', 'info args', 'delete', 'break gdb-target.c:21', 'continue', 'reverse-next', 'info args', 'reverse-step', 'info args', 'delete', 'continue'].join('\n'));
    const status = await run.exited;
    // At line 50 of add(1, 2), reverse-next goes back to line 49 of the
    // same call; reverse-step from there goes back into the previous call
    // of add (its last line), as gdb steps backwards into functions.
    expect(out).toMatch(/a = 1\nb = 2\n[\s\S]*\n21\t[^\n]*\n20\t[^\n]*\na = 1\nb = 2\nadd \(a=0, b=1\) at [^\n]*:22\n22\t[^\n]*\na = 0\nb = 1\n/);
    expect(out).toMatch(/exited with code 03/);
    expect(status).toBe(3);
  }, 180_000);

  test('read and access watchpoints stop at the reading line, forwards and backwards', async () => {
    const run = await start();
    const out = await runGdb(elf, [
      ...PRELUDE(run.port),
      'rwatch counter',
      'continue',
      'delete',
      'awatch counter',
      'break gdb-target.c:33',
      'continue',
      'continue',
      'delete',
      'rwatch counter',
      'reverse-continue',
      'info line *$pc',
      'p counter',
      'delete',
      'continue',
    ].join('\n'));
    const status = await run.exited;
    // The only read of counter (line 31; line 29 only writes it): stopped
    // after the load, as x86's debug registers do (RISC-V: gdb steps over).
    expect(out).toMatch(/Hardware read watchpoint 1: counter\n\nValue = 10\n0x[0-9a-f]+ in main \(\) at [^\n]*gdb-target\.c:31\n/);
    expect(out).not.toMatch(/read watchpoint 1: counter\n\nValue = 0\n/);
    // The access watchpoint: line 31's store.
    expect(out).toMatch(/Hardware access \(read\/write\) watchpoint 2: counter\n\nOld value = 10\nNew value = 11\n/);
    expect(out).toMatch(/Breakpoint 3, main \(\) at [^\n]*gdb-target\.c:33/);
    // Backwards: the last read, with the value it read, before the load.
    expect(out).toMatch(/Hardware read watchpoint 4: counter\n\nValue = 10\n[^\n]*gdb-target\.c:31\n[^\n]*\nLine 31 of/);
    expect(out).toMatch(/\$1 = 10\n/);
    expect(out).toMatch(/exited with code 03/);
    expect(status).toBe(3);
  }, 120_000);

  // copy-target.c's lines: 16 write(pipe, outbox), 17 read(pipe, inbox),
  // 18 write(1, inbox), 19 a load of inbox[0]. Each system call's stop is
  // reported as it returns, in syscall3 (bt: the calling line).
  test("watch, rwatch and awatch see the kernel's copies: a read() into a buffer, a write() from one", async () => {
    const run = await startProgram(copyElf, 'copyt');
    const out = await runGdb(copyElf, [
      ...PRELUDE(run.port),
      'rwatch outbox',
      'continue',
      'bt',
      'delete',
      'watch inbox',
      'continue',
      'bt',
      'delete',
      'awatch inbox',
      'continue',
      'bt',
      'continue',
      'delete',
      'continue',
    ].join('\n'));
    const status = await run.exited;
    const at = (line: number) => `(0x[0-9a-f]+ in )?syscall3 [^\\n]*\\n[^\\n]*\\n#0 [^\\n]*\\n#1 [^\\n]* in main \\(\\) at [^\\n]*copy-target\\.c:${line}\\n`;
    // write(2) from outbox: the kernel's read of it.
    expect(out).toMatch(new RegExp(`Hardware read watchpoint 1: outbox\\n\\nValue = "sent\\\\n\\\\000\\\\000"\\n${at(16)}`));
    // read(2) into inbox: the kernel's write.
    expect(out).toMatch(new RegExp(`Hardware watchpoint 2: inbox\\n\\nOld value = "(\\\\000)+"\\nNew value = "sent\\\\n\\\\000\\\\000"\\n${at(17)}`));
    // write(2) from inbox, then the program's own load.
    expect(out).toMatch(new RegExp(`Hardware access \\(read/write\\) watchpoint 3: inbox\\n\\nValue = "sent\\\\n\\\\000\\\\000"\\n${at(18)}`));
    expect(out).toMatch(/Hardware access \(read\/write\) watchpoint 3: inbox\n\nValue = "sent\\n\\000\\000"\nmain \(\) at [^\n]*copy-target\.c:19\n/);
    expect(out).toMatch(/exited with code 04/);
    expect(status).toBe(4);
    expect(run.stdout()).toContain('sent');
  }, 120_000);

  test("the kernel's copies: rwatch ignores its writes, awatch sees them, reverse-continue goes back to its read", async () => {
    const run = await startProgram(copyElf, 'copyt');
    const out = await runGdb(copyElf, [
      ...PRELUDE(run.port),
      'rwatch inbox',
      'continue',
      'bt',
      'delete',
      'break copy-target.c:19',
      'continue',
      'delete',
      'rwatch outbox',
      'reverse-continue',
      'x/i $pc',
      'bt',
      'delete',
      'stepi',
      'x/i $pc',
      'reverse-stepi',
      'x/i $pc',
      'awatch inbox',
      'continue',
      'bt',
      'delete',
      'continue',
    ].join('\n'));
    const status = await run.exited;
    const bt = (line: number) => `#1 [^\\n]* in main \\(\\) at [^\\n]*copy-target\\.c:${line}\\n`;
    // The read() into inbox (line 17) is not a read of it: line 18's write() is.
    expect(out).toMatch(new RegExp(`Hardware read watchpoint 1: inbox\\n\\nValue = "sent[^\\n]*\\n[^\\n]*\\n[^\\n]*\\n#0 [^\\n]*\\n${bt(18)}`));
    // Backwards from line 19: the write() from outbox, before its system call instruction.
    expect(out).toMatch(new RegExp(`Hardware read watchpoint 3: outbox\\n\\nValue = "sent[^\\n]*\\n[^\\n]*\\n[^\\n]*\\n=> 0x[0-9a-f]+ <syscall3\\+\\d+>:\\s+(syscall|ecall)\\n#0 [^\\n]*\\n${bt(16)}`));
    // One instruction over the system call and back (a RISC-V ecall
    // retires no instruction: it is counted when the kernel returns past it).
    expect(out).toMatch(/=> 0x[0-9a-f]+ <syscall3\+\d+>:\s+(syscall|ecall)\n(#[^\n]*\n)+[^\n]*\n=> 0x[0-9a-f]+ <syscall3\+\d+>:\s+(mov\s+%rax,|mv\s+a5,a0)[^\n]*\n[^\n]*\n=> 0x[0-9a-f]+ <syscall3\+\d+>:\s+(syscall|ecall)\n/);
    // Forward again from there: the kernel's write into inbox.
    expect(out).toMatch(new RegExp(`Hardware access \\(read/write\\) watchpoint 4: inbox\\n\\nOld value = "(\\\\000)+"\\nNew value = "sent[^\\n]*\\n[^\\n]*\\n[^\\n]*\\n#0 [^\\n]*\\n${bt(17)}`));
    expect(out).toMatch(/exited with code 04/);
    expect(status).toBe(4);
    // Printed once: not again as the past was recomputed, nor when the
    // run went forward again over the same write() (host/gdb/output-once.ts).
    expect(run.stdout().match(/sent/g)).toEqual(['sent']);
  }, 180_000);

  test('Ctrl-C interrupts a running program; it then runs on to its exit', async () => {
    const run = await start();
    const out = await runGdb(elf, [...PRELUDE(run.port), 'set var spin = 1', 'continue', 'p spin', 'info line *$pc', 'set var spin = 0', 'continue'].join('\n'), 3000);
    const status = await run.exited;
    expect(out).toMatch(/Program received signal SIGINT, Interrupt\./);
    expect(out).toMatch(/\$1 = 1/);
    expect(out).toMatch(/Line 32 of ".*gdb-target\.c"/);
    expect(out).toMatch(/exited with code 03/);
    expect(status).toBe(3);
  }, 120_000);
});
