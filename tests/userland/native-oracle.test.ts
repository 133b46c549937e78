/** Cross-architecture conformance of the userland on the Linux oracles:
 * each prebuilt x86_64 program runs natively on this host, each riscv32
 * one under qemu-riscv32, and both must print the same bytes, which must
 * also say the right things (every check passed, the expected lines). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Arch, PROGRAMS, RunResult, copyFixture, oracleCommand, qemuExecWrapper, runCommand, which } from './oracle';

const nativeOk = process.platform === 'linux' && process.arch === 'x64';
const qemu = which('qemu-riscv32');
if (!nativeOk) console.warn(`native-oracle: skipping x86_64: this host is ${process.platform}/${process.arch}, not linux/x64`);
if (!qemu) console.warn('native-oracle: skipping riscv32: qemu-riscv32 not installed (apt-get install qemu-user)');

const runs: Record<Arch, Record<string, RunResult>> = { x86_64: {}, riscv32: {} };
const ARGS_ARGV = ['hello', 'two words', ''];
let tmp = '';

/** Each program's arguments; forktree and files need per-arch ones. */
function argsFor(arch: Arch, program: string): string[] {
  if (program === 'args') return ARGS_ARGV;
  if (program === 'files') return ['-w', copyFixture(tmp, `fixture-${arch}`)];
  if (program === 'forktree' && arch === 'riscv32') return [qemuExecWrapper(tmp, qemu!, 'forktree')];
  return [];
}

/** Runs jobs a few at a time: the timing tests (sleep, preempt) stay
 * honest on a 2-core machine that jest is also using. */
async function runAll(jobs: Array<() => Promise<void>>, width: number): Promise<void> {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await job();
  }));
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-oracle-'));
  const arches: Arch[] = [...(nativeOk ? ['x86_64' as const] : []), ...(qemu ? ['riscv32' as const] : [])];
  const jobs = PROGRAMS.flatMap((program) => arches.map((arch) => async () => {
    runs[arch][program] = await runCommand(oracleCommand(arch, program, argsFor(arch, program), qemu ?? ''));
  }));
  await runAll(jobs, 4);
}, 60_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Lines that differ between machines by design (init's uname and uptime). */
const comparable = (out: string) => out.replace(/^init: (uname|uptime) .*\n/gm, '');

const lines = (out: string) => out.split('\n');

/** What each program must say, beyond "exit 0" and "all checks passed". */
const CONTENT: Record<string, (out: string) => void> = {
  init: (out) => {
    expect(out.startsWith('      _  ___  ____\n')).toBe(true);
    expect(out).toMatch(/^init: uname \S+ \S+ (x86_64|riscv32)$/m);
    expect(out).toContain('init: hello from the child process\ninit: child exited with status 0\n');
    expect(out.endsWith('init: done\n')).toBe(true);
  },
  hello: (out) => expect(out).toBe('Hello, world!\n'),
  args: (out) => {
    expect(out).toContain('argc=4\nargv[0] basename="args"\nargv[1]="hello"\nargv[2]="two words"\nargv[3]=""\n');
    expect(out).toContain('envp[0]="FOO=bar"\nenvc=1\n');
    expect(out).toContain('getenv("FOO")=bar\n');
    expect(out).toContain('AT_PAGESZ=4096\n');
  },
  forktree: (out) => {
    expect(out).toContain('node 1.2: child 1.2.2 exited with status 22\nnode 1: child 1.2 exited with status 43\n');
    expect(out).toContain('leaf: running after exec, arg 42\n');
    expect(out).toContain('blocked child killed by signal 9 (SIGKILL)');
  },
  segv: (out) => {
    expect(lines(out).filter((l) => l.endsWith('killed by signal 11 (SIGSEGV)'))).toHaveLength(5);
    expect(out).toContain('undefined instruction: killed by signal 4 (SIGILL)');
    expect(out).toContain('parent is still running');
  },
  preempt: (out) => expect(out).toContain('parent tick 3: slept 20 ms while the spinners ran'),
  sleep: (out) => expect(out).toContain('nanosleep(1.005 s) slept at least 1005 ms'),
  clock: (out) => expect(out).toContain('CLOCK_MONOTONIC resolution is 1 ns'),
  memstress: (out) => expect(out).toMatch(/^malloc data crc 0x[0-9a-f]{8}$/m),
  pipe: (out) => {
    expect(out).toContain('received 200000 bytes, all in order');
    expect(out).toContain('writer without a reader killed by signal 13 (SIGPIPE)');
  },
  files: (out) => {
    expect(out).toContain('entry empty: file, 0 bytes\nentry hello.txt: file, 19 bytes\n'
      + 'entry numbers.txt: file, 290 bytes\nentry sub: dir, 0 bytes\n');
    expect(out).toContain('remove the file, then the directory');
  },
  errno: (out) => {
    expect(out).toMatch(/ - write from address 16 -> EFAULT$/m);
    expect(out).toMatch(/ - read into a kernel address -> EFAULT$/m);
    expect(out).toMatch(/ - system call 9999 -> ENOSYS$/m);
    expect(out).toMatch(/ - close\(999\) -> EBADF$/m);
  },
  signals: (out) => {
    expect(out).toContain('child: caught signal 11, fault address as expected\n');
    expect(out).toContain('siginfo says SI_USER from this pid');
  },
  jobctl: (out) => {
    expect(out).toContain('SIGSTOP: waitpid(WUNTRACED) sees WIFSTOPPED, WSTOPSIG SIGSTOP\n');
    expect(out).toContain('SIGKILL ends a stopped child (killed by signal 9 (SIGKILL))\n');
    expect(out).toContain('its SIGCONT handler runs when it continues (exited with status 6)\n');
  },
  isolation: (out) => {
    expect(out).toContain("the stack: the parent's bytes are unchanged\n");
    expect(out).toContain("the signal return code: the child's bytes are unchanged (exited with status 0)\n");
    expect(out).toContain('and signal handlers return\n');
  },
  libc: (out) => expect(out).toContain('"%lld|%llu", LLONG_MIN, ULLONG_MAX) = "-9223372036854775808|18446744073709551615"'),
  sigchld: (out) => {
    expect(out).toContain('SIGCHLD said CLD_KILLED, its pid and SIGTERM\n');
    expect(out).toContain('a waitpid interrupted by SIGCHLD returns the child, not EINTR\n');
  },
  mqueue: (out) => {
    expect(out).toContain('received "high" at priority 9\nreceived "mid" at priority 5\nreceived "low" at priority 1\nreceived "low2" at priority 1\n');
    expect(out).toContain('a full queue: mq_timedsend times out\n');
  },
  ipc: (out) => {
    expect(out).toContain('the child read the pipe through the passed descriptor (exited with status 0)\n');
    expect(out).toContain('epoll_wait sleeps until the child writes to the socket\n');
  },
  shm: (out) => {
    expect(out).toContain('the consumer got 2000 values summing to 13999000 (exited with status 0)\n');
    expect(out).toContain('shared page after the child: "written by the child"; private page: "the parent\'s" (exited with status 0)\n');
    expect(out).toContain('a page past the end of the file: killed by signal 7 (SIGBUS)\n');
  },
  threads: (out) => {
    expect(out).toContain('producer/consumer: 3000 items summing to 4501500\n');
    expect(out).toContain('6 threads x 2000 increments under a mutex: 12000\n');
    expect(out).toContain('rwlock: 2 writers, 4 readers: 1000, -1000, torn reads 0\n');
    expect(out).toContain('pthread_once from 4 threads: ran 1 time(s); spin-locked sum 4000\n');
  },
  'thread-local': (out) => {
    expect(out).toContain('thread 2: counter 100 -> 1100, name "worker 2", errno EBADF\nmain: counter 7, name "main", errno ENOENT\n');
    expect(out).toContain('thread 1 returned 10: cleanup(101) destroy(10) again(1) again(2) \n');
    expect(out).toContain('thread 2 returned 2: cleanup(102) cleanup(2) destroy(20) again(1) again(2) \n');
  },
  'thread-exit': (out) => {
    expect(out).toContain('a thread calls exit(3) while main joins it: exited with status 3\n');
    expect(out).toContain('main calls pthread_exit: "the last thread ran on", exited with status 0\n');
    expect(out).toContain('pthread_kill(SIGTERM) with no handler: killed by signal 15 (SIGTERM)\n');
    expect(out).toContain('a fork child of a threaded process calls pthread_exit: "flushed by exit", exited with status 0\n');
  },
  sysargs: (out) => {
    expect(out).toContain("ok 2 - openat(AT_FDCWD with a garbage upper half) opens the root\n");
    expect(out).toContain("the system call number's upper half is ignored\n");
    expect(out).toContain('FUTEX_WAIT_BITSET, value and bitset -1 sign-extended: ETIMEDOUT (Connection timed out)\n');
    expect(out).toContain('its counter starts at the low half: 5\n');
    expect(out).toContain('lseek by -1 from there: 99\n');
  },
  atomics: (out) => {
    expect(out).toContain('4 threads x 1500 atomic_fetch_add: 6000\n');
    expect(out).toContain('8-byte fetch_add of 0x100000001: 0x177000001770\n');
    expect(out).toContain('an atomic_flag spin lock guards a plain counter: 6000\n');
    expect(out).toContain('a 12-byte struct by compare_exchange: 752 1504 2256\n');
    expect(out).toContain('no torn struct read: 0\n');
  },
};

describe.each(PROGRAMS)('%s', (program) => {
  const isTest = !['init', 'hello'].includes(program);

  (nativeOk ? test : test.skip)('runs natively on x86_64, exits 0 and says what it should', () => {
    const r = runs.x86_64[program];
    expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    if (isTest) {
      expect(lines(r.stdout).filter((l) => l.startsWith('FAIL'))).toEqual([]);
      expect(r.stdout).toMatch(new RegExp(`^${program}: all \\d+ checks passed\\n$`, 'm'));
    }
    CONTENT[program](r.stdout);
  });

  (qemu ? test : test.skip)('runs on riscv32 under qemu and exits 0', () => {
    const r = runs.riscv32[program];
    expect({ status: r.status, signal: r.signal }).toEqual({ status: 0, signal: null });
    CONTENT[program](r.stdout);
  });

  (nativeOk && qemu ? test : test.skip)('prints the same bytes on both architectures', () => {
    expect(comparable(runs.riscv32[program].stdout)).toBe(comparable(runs.x86_64[program].stdout));
  });
});
