/**
 * The kernel's random bytes (getrandom, AT_RANDOM, /dev/urandom):
 * xoshiro128** seeded from the command line's `seed=`, so a run repeats
 * exactly (docs/design.md, principle 5). Not for cryptography.
 */
export class KernelRandom {
  private readonly s = new Uint32Array(4);

  constructor(seed: number) {
    // splitmix32 spreads a small seed over the whole state.
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  next32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  fill(into: Uint8Array): void {
    for (let i = 0; i < into.length; i += 4) {
      const r = this.next32();
      for (let j = 0; j < 4 && i + j < into.length; j++) into[i + j] = (r >>> (8 * j)) & 0xff;
    }
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
