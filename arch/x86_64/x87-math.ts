/**
 * Fixed-point transcendental kernels for the x87 (SDM vol. 1, 8.3.10;
 * vol. 2 FSIN..FYL2XP1): exact integer arithmetic on BigInt values scaled
 * by 2^-W, W = 192 fractional bits, so results are far more accurate than
 * the 64-bit significand they are rounded to. Arguments come in as a
 * 64-bit significand and a binary exponent; kernels that behave like
 * their argument near zero (sin, tan, atan, 2^x - 1, ln(1 + x)) return
 * f(x)/x so tiny arguments keep their relative accuracy.
 *
 * BigInt allocates: these run only for the (rare, slow on hardware too)
 * x87 transcendental instructions, never on the interpreter's hot path.
 */

export const W = 192n;
export const ONE = 1n << W;

/** arctan(1/n) * 2^P for P bits (series; used once to build pi). */
function atanInv(n: bigint, p: bigint): bigint {
  const one = 1n << p;
  let term = one / n;
  let sum = term;
  const n2 = n * n;
  for (let k = 1n; term !== 0n; k++) {
    term /= n2;
    const t = term / (2n * k + 1n);
    sum += k % 2n === 1n ? -t : t;
  }
  return sum;
}

/** Extra precision of the constants, for reducing arguments up to 2^64 exactly enough. */
const CP = W + 160n;
/** pi * 2^CP (Machin's formula). */
const PI_CP = 16n * atanInv(5n, CP + 8n) - 4n * atanInv(239n, CP + 8n);
const PI_C = PI_CP >> 8n;
export const PI = PI_C >> (CP - W);
export const PI_2 = PI >> 1n;
/** ln 2 * 2^W: 2 atanh(1/3). */
export const LN2 = (() => {
  const p = W + 8n;
  const one = 1n << p;
  let term = one / 3n;
  let sum = term;
  for (let k = 1n; term !== 0n; k++) {
    term /= 9n;
    sum += term / (2n * k + 1n);
  }
  return (2n * sum) >> 8n;
})();

export function mulW(a: bigint, b: bigint): bigint {
  return (a * b) >> W;
}

export function divW(a: bigint, b: bigint): bigint {
  return (a << W) / b;
}

/** The fixed-point value of m * 2^e (exact when e >= -W; truncated below 2^-W). */
export function fix(m: bigint, e: number): bigint {
  const s = BigInt(e) + W;
  return s >= 0n ? m << s : m >> -s;
}

/** sin(r)/r and cos(r) for |r| <= pi/4 (Taylor series). */
export function sinOverX(r: bigint): bigint {
  const r2 = mulW(r, r);
  let term = ONE;
  let sum = ONE;
  for (let k = 1n; term !== 0n; k++) {
    term = -mulW(term, r2) / ((2n * k) * (2n * k + 1n));
    sum += term;
  }
  return r !== 0n && sum >= ONE ? ONE - 1n : sum; // sin x / x < 1: keep the direction for rounding
}

export function cosW(r: bigint): bigint {
  const r2 = mulW(r, r);
  let term = ONE;
  let sum = ONE;
  for (let k = 1n; term !== 0n; k++) {
    term = -mulW(term, r2) / ((2n * k - 1n) * (2n * k));
    sum += term;
  }
  return r !== 0n && sum >= ONE ? ONE - 1n : sum; // cos x < 1
}

/**
 * The reduction constant: pi to 66 significant bits (0x3.243F6A8885A308D3,
 * the SDM's "66-bit approximation of pi" that FSIN/FCOS/FSINCOS/FPTAN
 * reduce with; the host's results for large arguments show the same).
 * Scaled to CP fractional bits.
 */
const PI66_C = 0x3243f6a8885a308d3n << (CP - 64n);

/**
 * Reduces x = m * 2^e (m a 64-bit integer, |x| < 2^63 + 1) modulo pi/2 as
 * the hardware does, with the 66-bit pi: returns the quadrant k mod 4 and
 * r = x - k pi66/2 in [-pi/4, pi/4] as a fixed-point value (exact).
 */
export function reduce(m: bigint, e: number): { q: number; r: bigint } {
  // x * 2^CP as an integer (exact when e >= -CP; smaller x need no reduction).
  const s = BigInt(e) + CP;
  const x = s >= 0n ? m << s : m >> -s;
  const half = PI66_C >> 1n;
  let k = (x + (half >> 1n)) / half; // nearest multiple of pi/2
  let r = x - k * half;
  if (r > half >> 1n) {
    k += 1n;
    r -= half;
  }
  return { q: Number(k & 3n), r: r >> (CP - W) };
}

/** atan(t)/t for 0 <= t <= 1: three argument halvings (t / (1 + sqrt(1 + t^2))), then the series. */
export function atanOverX(t: bigint): bigint {
  let u = t;
  for (let h = 0; h < 3; h++) u = divW(u, ONE + sqrtW(ONE + mulW(u, u)));
  // atan(u)/u, |u| <= tan(pi/32)
  const u2 = mulW(u, u);
  let pow = ONE;
  let sum = ONE;
  for (let k = 1n; pow !== 0n; k++) {
    pow = -mulW(pow, u2);
    sum += pow / (2n * k + 1n);
  }
  // atan(t) = 8 atan(u): atan(t)/t = 8 * (atan(u)/u) * u / t
  if (t === 0n) return ONE;
  const v = divW(8n * mulW(sum, u), t);
  return v >= ONE ? ONE - 1n : v; // atan t / t < 1
}

/** sqrt of a fixed-point value (Newton on integers). */
export function sqrtW(a: bigint): bigint {
  const n = a << W;
  if (n === 0n) return 0n;
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** (e^y - 1)/y for |y| <= 1 (series). */
export function expm1OverX(y: bigint): bigint {
  let term = ONE;
  let sum = ONE;
  for (let k = 2n; term !== 0n; k++) {
    term = mulW(term, y) / k;
    sum += term;
  }
  // (e^y - 1)/y is above 1 for y > 0, below for y < 0
  if (y > 0n && sum <= ONE) return ONE + 1n;
  if (y < 0n && sum >= ONE) return ONE - 1n;
  return sum;
}

/** ln(1 + x)/x for -0.3 <= x <= 0.42: 2 atanh(u)/x with u = x / (2 + x). */
export function log1pOverX(x: bigint): bigint {
  const u = divW(x, 2n * ONE + x);
  const u2 = mulW(u, u);
  let pow = ONE;
  let sum = ONE;
  for (let k = 1n; pow !== 0n; k++) {
    pow = mulW(pow, u2);
    sum += pow / (2n * k + 1n);
  }
  // ln(1+x) = 2 u * sum; divided by x = 2 (2 + x)^-1 * sum; below 1 for x > 0, above for x < 0
  const v = divW(2n * sum, 2n * ONE + x);
  if (x > 0n && v >= ONE) return ONE - 1n;
  if (x < 0n && v <= ONE) return ONE + 1n;
  return v;
}
