/**
 * Physical memory protection (privileged spec 1.12, 3.7): 16 entries,
 * OFF/TOR/NA4/NAPOT, lock bit, granularity 4 bytes (G = 0).
 *
 * Regions are kept as byte ranges [lo, hi) in doubles (pmpaddr holds bits
 * 33:2 of a 34-bit address). An S/U access that matches no entry fails,
 * because entries are implemented (3.7.1); an M access that matches none
 * succeeds; locked entries bind M too.
 */
import { PRIV_M } from './csr-numbers';

export const PMP_ENTRIES = 16;

// pmpcfg entry bits (figure 3.31).
export const PMP_R = 0x01;
export const PMP_W = 0x02;
export const PMP_X = 0x04;
export const PMP_A_SHIFT = 3;
export const PMP_A = 0x18;
export const PMP_L = 0x80;
const A_OFF = 0;
const A_TOR = 1;
const A_NA4 = 2;
const A_NAPOT = 3;
const PAGE = 4096;

export class Pmp {
  readonly cfg = new Uint8Array(PMP_ENTRIES);
  readonly addr = new Uint32Array(PMP_ENTRIES);
  private readonly lo = new Float64Array(PMP_ENTRIES);
  private readonly hi = new Float64Array(PMP_ENTRIES);
  /** Entries with A != OFF, or M-mode accesses are unchecked when none is locked. */
  private anyActive = false;
  private anyLocked = false;

  /** Called after any change, so the MMU drops cached permissions. */
  onChange: () => void = () => {};

  reset(): void {
    this.cfg.fill(0);
    this.addr.fill(0);
    this.recompute();
  }

  /** pmpcfgN packs entries 4N..4N+3 (RV32). N >= 4 reads zero (3.7.1). */
  readCfg(n: number): number {
    if (n >= PMP_ENTRIES / 4) return 0;
    const c = this.cfg;
    return (c[4 * n] | (c[4 * n + 1] << 8) | (c[4 * n + 2] << 16) | (c[4 * n + 3] << 24)) >>> 0;
  }

  writeCfg(n: number, value: number): void {
    if (n >= PMP_ENTRIES / 4) return;
    for (let k = 0; k < 4; k++) {
      const i = 4 * n + k;
      if (this.cfg[i] & PMP_L) continue; // locked: writes ignored
      let v = (value >>> (8 * k)) & 0x9f; // bits 6:5 are reserved zero
      if ((v & (PMP_R | PMP_W)) === PMP_W) v &= ~PMP_W; // R=0 W=1 is reserved
      this.cfg[i] = v;
    }
    this.recompute();
  }

  readAddr(i: number): number {
    return i < PMP_ENTRIES ? this.addr[i] : 0;
  }

  writeAddr(i: number, value: number): void {
    if (i >= PMP_ENTRIES) return;
    if (this.cfg[i] & PMP_L) return;
    // A locked TOR entry also locks the address below it (3.7.1.3).
    if (i + 1 < PMP_ENTRIES && (this.cfg[i + 1] & PMP_L) && ((this.cfg[i + 1] & PMP_A) >> PMP_A_SHIFT) === A_TOR) return;
    this.addr[i] = value >>> 0;
    this.recompute();
  }

  /** Whether an access of `size` bytes at physical `pa` with permission
   * `perm` (PMP_R/W/X) is allowed at privilege `priv`. */
  check(pa: number, size: number, perm: number, priv: number): boolean {
    if (!this.anyActive) return priv === PRIV_M;
    if (priv === PRIV_M && !this.anyLocked) return true;
    const end = pa + size;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const lo = this.lo[i];
      const hi = this.hi[i];
      if (hi <= lo || end <= lo || pa >= hi) continue;
      // The first matching entry decides; a partial match fails (3.7.1.4).
      if (pa < lo || end > hi) return false;
      return this.allows(i, perm, priv);
    }
    return priv === PRIV_M;
  }

  /** Whether the whole 4 KiB page at `page` gets one answer, allowed, so
   * the TLB may cache it; false also when the answer varies in the page. */
  pageAllowed(page: number, perm: number, priv: number): boolean {
    if (!this.anyActive) return priv === PRIV_M;
    if (priv === PRIV_M && !this.anyLocked) return true;
    const end = page + PAGE;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const lo = this.lo[i];
      const hi = this.hi[i];
      if (hi <= lo || end <= lo || page >= hi) continue;
      if (page < lo || end > hi) return false;
      return this.allows(i, perm, priv);
    }
    return priv === PRIV_M;
  }

  private allows(i: number, perm: number, priv: number): boolean {
    const c = this.cfg[i];
    if (priv === PRIV_M && !(c & PMP_L)) return true;
    return (c & perm) === perm;
  }

  private recompute(): void {
    this.anyActive = false;
    this.anyLocked = false;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const a = (this.cfg[i] & PMP_A) >> PMP_A_SHIFT;
      const addr = this.addr[i];
      let lo = 0;
      let hi = 0;
      if (a === A_TOR) {
        lo = i === 0 ? 0 : this.addr[i - 1] * 4;
        hi = addr * 4;
      } else if (a === A_NA4) {
        lo = addr * 4;
        hi = lo + 4;
      } else if (a === A_NAPOT) {
        // Trailing ones t give a 2^(t+3)-byte region (table 3.10).
        let t = 0;
        while (t < 32 && ((addr >>> t) & 1) === 1) t++;
        const size = Math.pow(2, t + 3);
        lo = Math.floor((addr * 4) / size) * size;
        hi = lo + size;
      }
      if (a !== A_OFF) this.anyActive = true;
      if (a !== A_OFF && this.cfg[i] & PMP_L) this.anyLocked = true;
      this.lo[i] = lo;
      this.hi[i] = hi;
    }
    this.onChange();
  }
}
