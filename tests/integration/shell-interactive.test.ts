/**
 * The console shell as a person uses it, on both boards, through a real
 * pseudo-terminal: the line editor's keys, history, Tab completion,
 * globbing, jobs (&, ^Z, bg, fg %N, jobs, wait), scripts with arguments
 * run by the kernel's "#!", variables, here-documents, cd -, and ^D
 * ending the shell, which powers the machine off with its last status.
 */
import { type TypeStep, runJosPty } from '../support/run-jos';

const PROMPT = '$ ';
const LEFT = '\x1b[D';
const UP = '\x1b[A';
const END = '\x1b[F';
const HOME = '\x1b[H';
const DELETE = '\x1b[3~';
const ctrl = (c: string) => String.fromCharCode(c.charCodeAt(0) & 0x1f);

/** Each entry is typed at a fresh prompt (or the here-document's "> "). */
const KEYS: string[] = [
  `echo hllo${LEFT}${LEFT}${LEFT}e${END} !\r`, // -> hello !
  `echo one two three${ctrl('W')}four\r`, // ^W drops "three"
  `xecho abc${HOME}${DELETE}\r`, // Home, Delete
  `echo gone${ctrl('A')}${ctrl('K')}junk${ctrl('U')}echo kept${ctrl('B')}${ctrl('B')}${ctrl('B')}${ctrl('D')}\r`, // ^A ^K ^U ^B, ^D deletes the 'e'
  `${UP}\r`, // the last line again
  `ech\tTab\r`, // completes echo
  `ls /usr/lib\t\r`, // completes /usr/libexec/ (ls on a terminal: columns)
  `ls /bin/un\t${ctrl('U')}\r`, // ambiguous: lists uname uniq
  'mkdir /tmp/g; cd /tmp/g; touch sa sb pipe cat a1 b2 c3 d4; echo s* ?ipe [a-c]*; echo "s*" \'[a-c]*\' no*match',
  "cat > /tmp/s <<'END'",
  '#!/bin/sh',
  'echo "$0 got $# args: $1 and $2"; echo all: $@',
  'END',
  'chmod +x /tmp/s; /tmp/s one "two words"; cd -',
  'X=1; sh -c \'echo "[$X]"\'; export X; sh -c \'echo "[$X]"\'; unset X; echo "[$X]"',
  'sleep 30 &',
  'sleep 20',
  'jobs',
  'bg %2',
  'jobs',
  'cat',
  'fg %3',
  'history | tail -2',
  'false',
];

function steps(): TypeStep[] {
  const out: TypeStep[] = [];
  for (const k of KEYS) {
    const line = k.endsWith('\r') ? k : `${k}\r`;
    out.push({ after: /^(#!|echo "\$0|END)/.test(k) ? '\n> ' : '\njos:', send: line });
    // ^Z once the program runs; cat then gets a line and ^D.
    if (k === 'sleep 20' || k === 'cat') out.push({ after: `${k}\r`, send: ctrl('Z'), delayMs: 700 });
    if (k === 'fg %3') out.push({ after: 'fg %3\r', send: 'hi\r', delayMs: 700 }, { after: 'hi\r', send: ctrl('D'), delayMs: 300 });
  }
  out.push({ after: '\njos:', send: ctrl('D'), delayMs: 300 });
  return out;
}

jest.setTimeout(150_000);

describe.each(['pc', 'esp32c3'])('the interactive shell on the %s board', (board) => {
  test('editing keys, history, completion, globbing, scripts, variables, jobs, ^D', async () => {
    // Real time, so that sleep 20 is still running when ^Z comes.
    const run = runJosPty(['run', '--board', board, '--log-level', 'error', '--append', 'quiet', '--clock', 'realtime', '--timeout', '100'], steps(), 140_000);
    if (!run) {
      console.warn('shell-interactive: skipped: util-linux `script` is not installed');
      return;
    }
    const r = await run;
    // The guest's CRLF, and the host terminal's CR before it.
    const text = r.stdout.replace(/\r+\n/g, '\n');
    const out = (command: string) => {
      const at = text.indexOf(`${command}\n`);
      expect([command, at >= 0]).toEqual([command, true]);
      const rest = text.slice(at + command.length + 1);
      return rest.slice(0, rest.indexOf('jos:'));
    };
    expect(text).toContain('\nhello !\n');
    expect(text).toContain('\none two four\n');
    expect(text).toContain('\nabc\n');
    expect(text.match(/\nkpt\n/g)?.length).toBe(2); // and the up-arrow ran it again
    expect(text).toContain('echo Tab\nTab\n');
    expect(text).toContain('ls /usr/libexec/\njos-bench  jos-tests\n');
    expect(text).toContain('\nuname  uniq\n');
    expect(out('echo s* ?ipe [a-c]*; echo "s*" \'[a-c]*\' no*match')).toBe('sa sb pipe a1 b2 c3 cat\ns* [a-c]* no*match\n');
    expect(out('chmod +x /tmp/s; /tmp/s one "two words"; cd -')).toBe('/tmp/s got 2 args: one and two words\nall: one two words\n/\n');
    expect(out('X=1; sh -c \'echo "[$X]"\'; export X; sh -c \'echo "[$X]"\'; unset X; echo "[$X]"')).toBe('[]\n[1]\n[]\n');
    expect(out('sleep 30 &')).toMatch(/^\[1\] \d+\n$/);
    expect(out('sleep 20')).toBe('^Z\n[2]+  Stopped  sleep 20\n'); // the tty echoes ^Z
    expect(out('jobs')).toBe('[1]-  Running  sleep 30 &\n[2]+  Stopped  sleep 20\n');
    expect(out('bg %2')).toBe('[2] sleep 20 &\n');
    expect(text).toContain('jobs\n[1]-  Running  sleep 30 &\n[2]+  Running  sleep 20 &\n');
    expect(out('$ cat')).toBe('^Z\n[3]+  Stopped  cat\n');
    expect(out('fg %3')).toBe('cat\nhi\nhi\n');
    expect(out('history | tail -2')).toMatch(/^ +\d+  fg %3\n +\d+  history \| tail -2\n$/);
    expect(text).toMatch(/init: the shell exited with status 1\ninit: powering off\n/);
    expect(r.status).toBe(1);
  });
});
