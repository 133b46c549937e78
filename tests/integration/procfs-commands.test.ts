/**
 * ps, free, df, uptime and dmesg on both boards, read against what the
 * kernel says in /proc in the same run: /proc/stat's counters move as the
 * machine works and add up to /proc/uptime, free prints /proc/meminfo, df
 * follows an ext2 disk as a file is written to it, ps lists a background
 * job as its child, uptime's clock is the RTC's, dmesg shows the boot log.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runJos } from '../support/run-jos';

const BOARDS = [
  { board: 'pc', dev: '/dev/hda' },
  { board: 'esp32c3', dev: '/dev/mtdblock0' },
];

const RTC = '2026-01-02T03:04:05Z';
const RTC_SECONDS = Date.parse(RTC) / 1000;

const SCRIPT = [
  'echo "== stat1"; cat /proc/stat /proc/uptime',
  'sleep 2',
  'echo "== stat2"; cat /proc/stat /proc/uptime',
  'echo "== meminfo"; cat /proc/meminfo; echo "== free"; free',
  'echo "== df1"; df /mnt',
  'head -c 204800 /dev/zero > /mnt/big',
  'echo "== df2"; df /mnt',
  'sleep 30 &',
  'echo "== ps"; ps -ef',
  'echo "== uptime"; uptime; cat /proc/uptime',
  'echo "== dmesg"; dmesg',
].join('\n');

/** The output's sections, by the name after "== ". */
function sections(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const head = /^== (\w+)$/.exec(line);
    if (head) out.set(head[1], (current = []));
    else current?.push(line);
  }
  return out;
}

interface Stat {
  cpu: number[];
  cpu0: number[];
  fields: Map<string, number>;
  order: string[];
  uptimeTicks: number;
}

function parseStat(lines: string[]): Stat {
  const cpu = /^cpu  (\d+(?: \d+){9})$/.exec(lines[0]);
  const cpu0 = /^cpu0 (\d+(?: \d+){9})$/.exec(lines[1]);
  expect(cpu).not.toBeNull();
  expect(cpu0).not.toBeNull();
  const fields = new Map<string, number>();
  const order: string[] = [];
  for (const line of lines.slice(2, -1)) {
    const m = /^(\w+) (\d+)(?: \d+)*$/.exec(line);
    expect(m).not.toBeNull();
    fields.set(m![1], Number(m![2]));
    order.push(m![1]);
  }
  const up = /^(\d+\.\d\d) (\d+\.\d\d)$/.exec(lines[lines.length - 1]);
  expect(up).not.toBeNull();
  return {
    cpu: cpu![1].split(' ').map(Number),
    cpu0: cpu0![1].split(' ').map(Number),
    fields,
    order,
    uptimeTicks: Math.round(Number(up![1]) * 100),
  };
}

function dfLine(lines: string[], dev: string): { size: number; used: number; avail: number; pct: number } {
  expect(lines[0]).toMatch(/^Filesystem\s+1K-blocks\s+Used\s+Available\s+Use%\s+Mounted on$/);
  const m = new RegExp(`^${dev}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)% /mnt$`).exec(lines[1]);
  expect(m).not.toBeNull();
  return { size: Number(m![1]), used: Number(m![2]), avail: Number(m![3]), pct: Number(m![4]) };
}

describe('procfs through the commands, on the boards', () => {
  for (const { board, dev } of BOARDS) {
    test(`${board}: /proc/stat, free, df, ps, uptime and dmesg agree with the kernel`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-procfs-'));
      const image = path.join(dir, 'disk.img');
      try {
        expect(runJos(['disk', 'create', image, '--size', '8M', '--block-size', '1024']).status).toBe(0);
        const r = runJos(
          ['run', '--board', board, '--clock', 'virtual', '--rtc', RTC, '--disk', image, '--log-level', 'error', '--', '/bin/sh', '-c', SCRIPT],
          { timeoutMs: 120_000 },
        );
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        const s = sections(r.stdout);

        // /proc/stat: Linux's lines in Linux's order; one CPU, so cpu = cpu0.
        const before = parseStat(s.get('stat1')!);
        const after = parseStat(s.get('stat2')!);
        for (const st of [before, after]) {
          expect(st.order).toEqual(['intr', 'ctxt', 'btime', 'processes', 'procs_running', 'procs_blocked', 'softirq']);
          expect(st.cpu0).toEqual(st.cpu);
          expect(st.cpu.slice(4)).toEqual([0, 0, 0, 0, 0, 0]);
          // user + system + idle is the time since boot: each column floored
          // (up to 2 ticks short in all), and /proc/uptime is read after
          // cat has written /proc/stat to the console (on esp32c3 the UART
          // takes about a tick for it), so uptime is 0-4 ticks ahead.
          const total = st.cpu[0] + st.cpu[2] + st.cpu[3];
          expect(st.uptimeTicks - total).toBeGreaterThanOrEqual(0);
          expect(st.uptimeTicks - total).toBeLessThanOrEqual(4);
          // Booted at the RTC's time (less the moment before the RTC was read).
          expect(st.fields.get('btime')).toBeGreaterThanOrEqual(RTC_SECONDS - 1);
          expect(st.fields.get('btime')).toBeLessThanOrEqual(RTC_SECONDS);
          expect(st.fields.get('procs_running')).toBeGreaterThanOrEqual(1); // cat itself
          expect(st.fields.get('procs_blocked')).toBe(0);
        }
        // `sleep 2` in between: two seconds idle, more processes, switches and interrupts.
        expect(after.cpu[3] - before.cpu[3]).toBeGreaterThanOrEqual(195);
        expect(after.cpu[3] - before.cpu[3]).toBeLessThanOrEqual(210);
        expect(after.fields.get('processes')! - before.fields.get('processes')!).toBeGreaterThanOrEqual(3);
        expect(after.fields.get('ctxt')!).toBeGreaterThan(before.fields.get('ctxt')!);
        expect(after.fields.get('intr')!).toBeGreaterThan(before.fields.get('intr')!);
        expect(after.fields.get('btime')).toBe(before.fields.get('btime'));

        // free prints /proc/meminfo's figures (kB).
        const meminfo = new Map(s.get('meminfo')!.filter((l) => l.includes(':')).map((l) => {
          const [k, v] = l.split(':');
          return [k, Number(v.trim().split(' ')[0])] as const;
        }));
        const free = s.get('free')!;
        expect(free[0]).toMatch(/^\s+total\s+used\s+free\s+shared\s+buff\/cache\s+available$/);
        const mem = free[1].trim().split(/\s+/);
        expect(mem[0]).toBe('Mem:');
        expect(Number(mem[1])).toBe(meminfo.get('MemTotal'));
        // (read by another process a moment later: a few pages either way)
        expect(Math.abs(Number(mem[3]) - meminfo.get('MemFree')!)).toBeLessThanOrEqual(256);
        expect(Number(mem[1])).toBe(Number(mem[2]) + Number(mem[6])); // used = total - available
        expect(Number(mem[1])).toBeGreaterThan(8 * 1024);
        expect(free[2].trim().split(/\s+/)).toEqual(['Swap:', '0', '0', '0']);

        // df: an 8 MiB disk; 200 KiB written shows as 200 KiB more used.
        const d1 = dfLine(s.get('df1')!, dev);
        const d2 = dfLine(s.get('df2')!, dev);
        expect(d1.size).toBeGreaterThan(7 * 1024);
        expect(d1.size).toBeLessThanOrEqual(8 * 1024);
        expect(d2.size).toBe(d1.size);
        expect(d2.used - d1.used).toBeGreaterThanOrEqual(200);
        expect(d2.used - d1.used).toBeLessThanOrEqual(204); // and an indirect block or two
        expect(d1.avail - d2.avail).toBe(d2.used - d1.used);
        expect(d2.pct).toBe(Math.ceil((d2.used * 100) / (d2.used + d2.avail)));

        // ps -ef: the shell is pid 1, the background sleep its child.
        const ps = s.get('ps')!;
        expect(ps[0]).toMatch(/^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$/);
        expect(ps.some((l) => /^root\s+1\s+0\s+0\s+03:04\s+console\s+00:00:00 \/bin\/sh -c /.test(l))).toBe(true);
        expect(ps.some((l) => /^root\s+\d+\s+1\s+0\s+03:04\s+console\s+\d\d:\d\d:\d\d sleep 30$/.test(l))).toBe(true);
        expect(ps.some((l) => /^root\s+\d+\s+1\s+.* ps -ef$/.test(l))).toBe(true);

        // uptime: the clock is the RTC's plus the time since boot.
        const [uptimeLine, procUptime] = s.get('uptime')!;
        const m = /^ (\d\d):(\d\d):(\d\d) up 0 min,  0 user,  load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$/.exec(uptimeLine);
        expect(m).not.toBeNull();
        const clock = Number(m![1]) * 3600 + Number(m![2]) * 60 + Number(m![3]);
        const since = Number(procUptime.split(' ')[0]);
        expect(Math.abs(clock - (3 * 3600 + 4 * 60 + 5 + since))).toBeLessThanOrEqual(1);

        // dmesg: the kernel log since boot, stamped in order.
        // (init's line names the script, whose own lines follow it unstamped)
        const dmesg = s.get('dmesg')!.filter((l) => l.startsWith('['));
        expect(dmesg[0]).toMatch(/^\[\s+\d+\.\d{6}\] boot: JOS /);
        expect(dmesg.some((l) => l.includes(`${dev} mounted at /mnt`))).toBe(true);
        const stamps = dmesg.map((l) => Number(/^\[\s*(\d+\.\d+)\]/.exec(l)?.[1] ?? NaN));
        expect(stamps.every((t, i) => Number.isFinite(t) && (i === 0 || t >= stamps[i - 1]))).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 150_000);
  }
});
