/**
 * /bin/sh on the console of both boards: pipelines, redirections, quoting,
 * $?, syntax errors, unknown commands and ^C. Each command is typed once
 * the prompt shows, so the transcript is deterministic: the prompt, the
 * echo of what was typed, then what the command printed.
 */
import { runJosInteractive, runJosPty, type JosResult, shellOnConsole } from '../support/run-jos';

const PROMPT = /jos:[^\n]*?\$ /;
const CTRL_C = '\x03';

interface Session {
  /** What each command printed (its echo removed), "\r\n" as "\n". */
  outputs: string[];
  result: JosResult;
}

/** Types each command and Enter at a prompt; the last must end the shell.
 * A command given as [text, extra] types `extra` (e.g. ^C) half a second
 * later; text that ends in ^C is typed without Enter (the tty echoes ^C as
 * "^C\n" and drops the line). */
async function shell(board: string, commands: (string | [string, string])[]): Promise<Session> {
  const steps = commands.flatMap((c) => {
    const [text, extra] = typeof c === 'string' ? [c, null] : c;
    const typed = { after: '$ ', send: text.endsWith(CTRL_C) ? text : `${text}\n` };
    return extra === null ? [typed] : [typed, { after: text, send: extra, delayMs: 500 }];
  });
  const result = await runJosInteractive(shellOnConsole(board), steps, 90_000);
  const parts = result.stdout.replace(/\r\n/g, '\n').split(PROMPT).slice(1);
  const outputs = parts.map((part, i) => {
    const c = commands[i];
    const text = typeof c === 'string' ? c : c[0];
    const echo = text.endsWith(CTRL_C) ? `${text.slice(0, -1)}^C\n` : `${text}\n`;
    expect(part.startsWith(echo)).toBe(true);
    return part.slice(echo.length);
  });
  return { outputs, result };
}

jest.setTimeout(120_000);

describe.each(['pc', 'esp32c3'])('the shell on the %s board', (board) => {
  test('pipelines, quoting and comments', async () => {
    const { outputs, result } = await shell(board, [
      'hello | cat | cat',
      `echo 'a  b' "c  d" e\\ f   g # a comment`,
      `/usr/libexec/jos-tests/args one 'two words' "three $? words" four\\ five | cat | cat`,
      'echo "$HOME" ${PATH} $UNSET end',
      'exit',
    ]);
    expect(outputs[0]).toBe('Hello, world!\n');
    expect(outputs[1]).toBe('a  b c  d e f g\n');
    expect(outputs[2].split('\n').filter((l) => /^argv?[[=c]/.test(l))).toEqual([
      'argc=5',
      'argv[0] basename="args"',
      'argv[1]="one"',
      'argv[2]="two words"',
      'argv[3]="three 0 words"',
      'argv[4]="four five"',
    ]);
    expect(outputs[2]).toMatch(/\nargs: all \d+ checks passed\n$/);
    expect(outputs[3]).toBe('/ /bin end\n');
    expect(outputs[4]).toBe('');
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
  });

  test('redirections: >, >>, <, 2>, 2>&1, and a read-only /', async () => {
    const { outputs, result } = await shell(board, [
      'echo one > /tmp/f',
      'hello >> /tmp/f; cat < /tmp/f',
      'hello > /tmp/f; cat /tmp/f | cat',
      'no-such-program 2> /tmp/err; echo status $?',
      'cat /tmp/err',
      'no-such-program > /tmp/out 2>&1; cat /tmp/out',
      'no-such-program 2>&1 > /tmp/out',
      'pwd > /tmp/p; echo -n dir:; cat /tmp/p',
      'echo x > /x; echo status $?',
      'cat < /tmp/missing',
      'exit 3',
    ]);
    expect(outputs.slice(0, -1)).toEqual([
      '',
      'one\nHello, world!\n',
      'Hello, world!\n',
      'status 127\n',
      'sh: no-such-program: not found\n',
      'sh: no-such-program: not found\n',
      'sh: no-such-program: not found\n', // 2>&1 first: stderr stays on the console
      'dir:/\n',
      'sh: /x: Read-only file system\nstatus 1\n',
      'sh: /tmp/missing: No such file or directory\n',
    ]);
    expect(result.status).toBe(3);
  });

  test('$?, &&, ||, syntax errors and unknown commands are statuses, not crashes', async () => {
    const { outputs, result } = await shell(board, [
      'cat /nonexistent; echo $?',
      'false || echo or $?; true && echo and $?; false && echo never',
      'foo',
      'echo $?',
      'cat | | cat',
      'echo $?',
      'hello >',
      '| cat',
      'fi',
      'cd /tmp; pwd',
      'cd /nowhere',
      'exit',
    ]);
    expect(outputs.slice(0, -1)).toEqual([
      'cat: /nonexistent: No such file or directory\n1\n',
      'or 1\nand 0\n',
      'sh: foo: not found\n',
      '127\n',
      "sh: syntax error near '|'\n",
      '2\n',
      "sh: syntax error near '>'\n",
      "sh: syntax error near '|'\n",
      "sh: syntax error near 'fi'\n",
      '/tmp\n',
      'sh: cd: /nowhere: No such file or directory\n',
    ]);
    expect(result.stdout).toContain('jos:/tmp$ ');
    expect(result.status).toBe(1); // exit without N: the last status
  });

  test('^C stops a loop of built-ins (the shell itself gets SIGINT); on a pty, as a busy guest reads no piped input', async () => {
    const run = runJosPty(shellOnConsole(board), [
      // The cue is the output, not the echo of the line typed.
      { after: '$ ', send: 'echo loop""ing; while :; do :; done; echo never\r' },
      { after: 'looping', send: CTRL_C },
      { after: '$ ', send: 'echo $?\r' },
      { after: '$ ', send: 'exit\r' },
    ], 90_000);
    if (!run) return console.warn('script(1) is missing: ^C on a busy shell not checked');
    const transcript = (await run).stdout.replace(/\r+\n/g, '\n');
    expect(transcript).toMatch(/looping\n\^C\njos:[^\n]*?\$ echo \$\?\n130\n/);
    expect(transcript).not.toMatch(/^never$/m);
  });

  test('an open quote, a trailing | or an open if reads on at a "> " prompt', async () => {
    const result = await runJosInteractive(
      shellOnConsole(board),
      [
        { after: '$ ', send: "echo 'open\n" },
        { after: '> ', send: "close'\n" },
        { after: '$ ', send: 'echo piped |\n' },
        { after: '> ', send: 'tr a-z A-Z\n' },
        { after: '$ ', send: 'if true\n' },
        { after: '> ', send: 'then echo "$(echo sub)"; fi\n' },
        { after: '$ ', send: 'exit 4\n' },
      ],
      90_000,
    );
    const transcript = result.stdout.replace(/\r\n/g, '\n');
    expect(transcript).toMatch(/\$ echo 'open\n> close'\nopen\nclose\njos:/);
    expect(transcript).toMatch(/\$ echo piped \|\n> tr a-z A-Z\nPIPED\njos:/);
    expect(transcript).toMatch(/\$ if true\n> then echo "\$\(echo sub\)"; fi\nsub\njos:/);
    expect(result.status).toBe(4);
  });

  test('^C ends every program of a pipeline, not the shell; at the prompt it gives a new prompt', async () => {
    const { outputs, result } = await shell(board, [
      ['cat | cat | cat', CTRL_C],
      'echo $?',
      CTRL_C,
      `hello${CTRL_C}`, // typed but not entered: the tty drops the line, hello never runs
      'hello | cat',
      'exit 5',
    ]);
    expect(outputs.slice(0, -1)).toEqual(['^C\n', '130\n', '', '', 'Hello, world!\n']);
    expect(result.status).toBe(5);
  });
});
