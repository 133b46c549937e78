/**
 * bench/measured-run.ts: the benches' memory and CPU figures come from the
 * child's own rusage (GNU time), and the child's output passes through
 * untouched. Skipped, with a warning, where /usr/bin/time is missing.
 */
import { haveGnuTime, megabytes, runMeasured } from '../../bench/measured-run';

/** A node process that touches `mib` MiB of fresh memory, then prints and exits 3. */
function toucher(mib: number): string[] {
  return [process.execPath, '-e', `const b = Buffer.alloc(${mib} << 20, 1); process.stdout.write('out ' + b[5]); process.stderr.write('err'); process.exit(3)`];
}

describe('runMeasured', () => {
  if (!haveGnuTime) console.warn('measured-run: skipping: /usr/bin/time is missing (apt-get install time)');
  const withTime = haveGnuTime ? test : test.skip;

  withTime('reports the peak resident memory of the child, which grows with what it touches', () => {
    const small = runMeasured(toucher(1));
    const large = runMeasured(toucher(160));
    expect(large.maxRssBytes - small.maxRssBytes).toBeGreaterThan(150 * 2 ** 20);
    expect(large.maxRssBytes).toBeLessThan(small.maxRssBytes + 200 * 2 ** 20);
    expect(small.cpuSeconds).toBeGreaterThan(0);
  });

  withTime("keeps the child's stdout, stderr and exit status as it wrote them", () => {
    const r = runMeasured(toucher(1));
    expect(r).toMatchObject({ status: 3, stdout: 'out 1', stderr: 'err' });
  });

  test('a command that cannot start is an error or a failed status, never figures', () => {
    let status: number | null = null;
    try {
      status = runMeasured(['/nonexistent/jos-bench-command']).status;
    } catch (e) {
      expect(String(e)).toMatch(/nonexistent/);
      return;
    }
    expect(status).not.toBe(0);
  });

  test('megabytes prints decimal megabytes', () => {
    expect(megabytes(137_400_000)).toBe('137.4 MB');
    expect(megabytes(NaN)).toBe('? MB');
  });
});
