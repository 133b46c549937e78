/** Compares mathcheck outputs (userland/tests/mathcheck.c) line by line:
 * the same arguments went to glibc and to JOS's libm; each result pair is
 * measured in ulps (distance in the ordered bit patterns; any NaN equals
 * any NaN: sign and payload of a NaN are not specified), and errno and
 * integer results must be equal. */

export interface FunctionStats {
  name: string;
  calls: number;
  identical: number;
  maxUlp: number;
  /** Lines where errno or an integer result differs. */
  otherMismatches: number;
  example: string | null;
}

function isNaNBits(hex: string): boolean {
  const v = BigInt(`0x${hex}`);
  if (hex.length === 16) return ((v >> 52n) & 0x7ffn) === 0x7ffn && (v & ((1n << 52n) - 1n)) !== 0n;
  return ((v >> 23n) & 0xffn) === 0xffn && (v & ((1n << 23n) - 1n)) !== 0n;
}

/** The bit pattern as a signed position on the number line. */
function ordered(hex: string): bigint {
  const v = BigInt(`0x${hex}`);
  const bits = BigInt(hex.length * 4);
  const magnitude = v & ((1n << (bits - 1n)) - 1n);
  return v >> (bits - 1n) ? -magnitude : magnitude;
}

export function ulpDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (isNaNBits(a) && isNaNBits(b)) return 0;
  if (isNaNBits(a) || isNaNBits(b)) return Infinity;
  const d = ordered(a) - ordered(b);
  return Number(d < 0n ? -d : d);
}

/** Per function, in order of appearance. Throws if the lines do not pair
 * up (different arguments: the generators diverged). */
export function compareMathcheck(glibc: string, jos: string): FunctionStats[] {
  const want = glibc.split('\n').filter(Boolean);
  const got = jos.split('\n').filter(Boolean);
  if (want.length !== got.length) throw new Error(`mathcheck: glibc printed ${want.length} lines, JOS ${got.length}`);
  const stats = new Map<string, FunctionStats>();
  want.forEach((line, i) => {
    const [lhsWant, rhsWant] = line.split(' = ');
    const [lhsGot, rhsGot] = got[i].split(' = ');
    if (lhsWant !== lhsGot) throw new Error(`mathcheck line ${i + 1}: arguments differ: ${lhsWant} vs ${lhsGot}`);
    const name = lhsWant.split(' ')[0];
    let s = stats.get(name);
    if (!s) stats.set(name, (s = { name, calls: 0, identical: 0, maxUlp: 0, otherMismatches: 0, example: null }));
    s.calls++;
    if (rhsWant === rhsGot) {
      s.identical++;
      return;
    }
    const w = rhsWant.split(' ');
    const g = rhsGot.split(' ');
    let ulps = 0;
    let other = false;
    w.forEach((field, k) => {
      const isFloat = /^[0-9a-f]{8}$|^[0-9a-f]{16}$/.test(field) && w[k - 1] !== 'int' && k < w.length - 1;
      if (isFloat) ulps = Math.max(ulps, ulpDistance(field, g[k] ?? ''));
      else if (field !== g[k]) other = true;
    });
    if (ulps === 0 && !other) s.identical++;
    s.maxUlp = Math.max(s.maxUlp, ulps);
    if (other) s.otherMismatches++;
    if ((ulps > 0 || other) && !s.example) s.example = `${lhsWant}: glibc ${rhsWant}, JOS ${rhsGot}`;
  });
  return [...stats.values()];
}

/** A table for the test log. */
export function formatStats(stats: FunctionStats[]): string {
  return stats.map((s) => `${s.name.padEnd(11)} ${String(s.calls).padStart(6)} calls  ${(100 * s.identical / s.calls).toFixed(1).padStart(5)}% identical  max ${s.maxUlp} ulp${s.otherMismatches ? `  ${s.otherMismatches} errno/int mismatches` : ''}`).join('\n');
}

/** Exact operations: glibc's result is the correctly rounded (or exact)
 * one, so JOS's must be the same bits. */
export const EXACT = new Set([
  'sqrt', 'sqrtf', 'fabs', 'floor', 'ceil', 'trunc', 'round', 'rint', 'nearbyint', 'floorf', 'ceilf', 'truncf', 'roundf', 'rintf',
  'lround', 'llround', 'lrint', 'fmod', 'remainder', 'remquo', 'fmodf', 'remainderf', 'frexp', 'modf', 'ilogb', 'logb',
  'copysign', 'nextafter', 'nextafterf', 'fmin', 'fmax', 'fdim', 'fma', 'fmaf',
]);
/** Where glibc's own error exceeds one ulp: there JOS's results are the
 * correctly rounded ones (checked against mpmath at 300 bits when these
 * bounds were set), so the distance is glibc's error. */
export const TOLERANCE: Record<string, number> = {
  tanh: 2, tanhf: 2, log10f: 2, cbrt: 3, erfc: 2, erfcf: 2, lgamma: 2, lgammaf: 2, tgamma: 4, tgammaf: 4,
};

/** Asserts every function's agreement with glibc (jest expect). */
export function checkStats(stats: FunctionStats[]): void {
  expect(stats.length).toBeGreaterThan(70);
  for (const s of stats) {
    const limit = EXACT.has(s.name) ? 0 : TOLERANCE[s.name] ?? 1;
    expect({ name: s.name, maxUlp: s.maxUlp <= limit ? 'ok' : s.maxUlp, errnoOrInt: s.otherMismatches, example: s.maxUlp > limit || s.otherMismatches ? s.example : null })
      .toEqual({ name: s.name, maxUlp: 'ok', errnoOrInt: 0, example: null });
  }
}

