/**
 * Job control on the console of both boards: ^Z stops the program the
 * shell runs (the tty sends SIGTSTP to the foreground group, echoing ^Z),
 * the shell's WUNTRACED wait reports "[1]+  Stopped  cat" and gives the prompt
 * back with status 128 + SIGTSTP, and `fg` continues the same process,
 * which goes on reading the console where it left off. A background job
 * that reads the console is stopped by SIGTTIN (kernel/tty/job-control.ts):
 * the shell says so before its next prompt, and `fg` lets it read.
 */
import { runJosInteractive, shellOnConsole } from '../support/run-jos';

jest.setTimeout(120_000);

describe.each(['pc', 'esp32c3'])('job control on the %s board', (board) => {
  test('^Z stops cat, the shell reports it and fg continues it', async () => {
    const result = await runJosInteractive(
      shellOnConsole(board),
      [
        { after: '$ ', send: 'cat\n' },
        { after: 'cat\r\n', send: 'one\n' },
        { after: 'one\r\none\r\n', send: '\x1a' },
        { after: '$ ', send: 'echo $?\n' },
        { after: '$ ', send: 'fg\n' },
        { after: 'fg\r\ncat\r\n', send: 'two\n' },
        { after: 'two\r\ntwo\r\n', send: '\x04' },
        { after: '$ ', send: 'echo $?\n' },
        { after: '$ ', send: 'exit\n' },
      ],
      90_000,
    );
    const transcript = result.stdout.replace(/\r\n/g, '\n');
    expect(transcript).toMatch(/\$ cat\none\none\n\^Z\n\[1\]\+  Stopped  cat\njos:[^\n]*?\$ echo \$\?\n148\n/);
    expect(transcript).toMatch(/\$ fg\ncat\ntwo\ntwo\njos:[^\n]*?\$ echo \$\?\n0\n/);
    expect(result.status).toBe(0);
  });

  test('a background cat that reads the terminal stops (SIGTTIN); fg lets it read', async () => {
    const result = await runJosInteractive(
      shellOnConsole(board),
      [
        { after: '$ ', send: 'cat &\n' },
        // cat runs (and stops) within the second of virtual time sleep waits.
        { after: '$ ', send: 'sleep 1\n' },
        { after: 'Stopped  cat\r\n', send: 'jobs\n' },
        { after: 'jobs\r\n', send: 'fg\n' },
        { after: 'fg\r\ncat\r\n', send: 'three\n' },
        { after: 'three\r\nthree\r\n', send: '\x04' },
        { after: '$ ', send: 'echo $?\n' },
        { after: '$ ', send: 'exit\n' },
      ],
      90_000,
    );
    const transcript = result.stdout.replace(/\r\n/g, '\n');
    expect(transcript).toMatch(/\$ cat &\n\[1\] \d+\n/);
    expect(transcript).toMatch(/\$ sleep 1\n\[1\]\+  Stopped  cat\njos:[^\n]*?\$ jobs\n\[1\]\+  Stopped  cat\n/);
    expect(transcript).toMatch(/\$ fg\ncat\nthree\nthree\njos:[^\n]*?\$ echo \$\?\n0\n/);
    expect(result.status).toBe(0);
  });

  test('^Z in a loop stops the loop too: the prompt comes back, the rest is not run', async () => {
    const result = await runJosInteractive(
      shellOnConsole(board),
      [
        { after: '$ ', send: 'for i in 1 2; do cat; done; echo never\n' },
        { after: 'never\r\n', send: 'one\n' },
        { after: 'one\r\none\r\n', send: '\x1a' },
        { after: '$ ', send: 'echo $?\n' },
        { after: '$ ', send: 'exit\n' },
      ],
      90_000,
    );
    const transcript = result.stdout.replace(/\r\n/g, '\n');
    expect(transcript).toMatch(/one\none\n\^Z\n\[1\]\+  Stopped  cat\njos:[^\n]*?\$ echo \$\?\n148\n/);
    expect(transcript).not.toMatch(/^never$/m);
  });

  test('fg with no stopped job says so', async () => {
    const result = await runJosInteractive(
      shellOnConsole(board),
      [
        { after: '$ ', send: 'fg\n' },
        { after: '$ ', send: 'exit\n' },
      ],
      90_000,
    );
    expect(result.stdout.replace(/\r\n/g, '\n')).toContain('$ fg\nsh: fg: current: no such job\n');
  });
});
