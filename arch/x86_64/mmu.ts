/**
 * 4-level paging (SDM vol. 3, 4.5) and the software TLB.
 *
 * The TLB is direct-mapped over 4 KiB virtual page numbers (signed doubles).
 * Each entry caches the RAM-buffer offset of the page (-1: not RAM, take the
 * bus path) and which accesses the walk allowed, so the fast path is one
 * compare and one mask test. Write permission is granted only once the
 * walk has set the dirty bit; a CR3 write or invlpg drops entries.
 *
 * For the JIT's inline accesses the entries are also kept as one tag per
 * access and privilege (`ramRead[S|U]`, `ramWrite[S|U]`): the page's virtual
 * address when the entry allows that access at that privilege and maps
 * RAM, else NaN. A hit is then one compare against the address minus its
 * page offset (both computed in int32 from the address's low word).
 */
import type { X86Core } from './core';
import { CR0_PG, CR0_WP, EFER_NXE, PF_I, PF_P, PF_RSVD, PF_U, PF_W, TWO32, isCanonical } from './registers';

export const TLB_BITS = 10;
export const TLB_SIZE = 1 << TLB_BITS;
export const TLB_MASK = TLB_SIZE - 1;

// Permission bits of a TLB entry.
export const P_READ_S = 1;
export const P_READ_U = 2;
export const P_WRITE_S = 4;
export const P_WRITE_U = 8;
export const P_EXEC_S = 16;
export const P_EXEC_U = 32;

// Page-table entry bits (SDM vol. 3, table 4-19)
const PTE_P = 1;
const PTE_RW = 2;
const PTE_US = 4;
const PTE_A = 0x20;
const PTE_D = 0x40;
const PTE_PS = 0x80;
/** Physical-address width reported by CPUID 0x80000008. */
export const PHYS_ADDR_BITS = 40;
const HI_ADDR_MASK = (1 << (PHYS_ADDR_BITS - 32)) - 1;

/** Access kinds for translate(). */
export const ACCESS_READ = 0;
export const ACCESS_WRITE = 1;
export const ACCESS_EXEC = 2;

export class Mmu {
  readonly tlbVpn = new Float64Array(TLB_SIZE).fill(NaN);
  /** tlbVpn as an int32 while the page number is below 2^31 (addresses
   * below 2^43), else -1: the interpreter's integer tag compare. */
  readonly tlbVpnLow = new Int32Array(TLB_SIZE).fill(-1);
  /** RAM offset of each entry's page, or -1 (in the bus's core area, as
   * the read/write tags below: compiled wasm code reads them). */
  readonly tlbRam: Int32Array;
  readonly tlbPerm = new Uint8Array(TLB_SIZE);
  readonly tlbPhys = new Float64Array(TLB_SIZE);
  readonly ramReadS: Float64Array;
  readonly ramReadU: Float64Array;
  readonly ramWriteS: Float64Array;
  readonly ramWriteU: Float64Array;
  rdMask = P_READ_S;
  wrMask = P_WRITE_S;
  userAccess = false;
  /** Virtual pages every data access to which takes the slow path, where
   * the core tells its accessObserver (host/gdb: read and access
   * watchpoints); null: none. Set through X86Core.watchAccesses. */
  watchedPages: ReadonlySet<number> | null = null;

  constructor(private readonly c: X86Core) {
    const bus = c.bus;
    this.tlbRam = bus.allocCoreWords(TLB_SIZE);
    this.ramReadS = bus.allocCoreDoubles(TLB_SIZE).fill(NaN);
    this.ramReadU = bus.allocCoreDoubles(TLB_SIZE).fill(NaN);
    this.ramWriteS = bus.allocCoreDoubles(TLB_SIZE).fill(NaN);
    this.ramWriteU = bus.allocCoreDoubles(TLB_SIZE).fill(NaN);
  }

  flush(): void {
    this.tlbVpn.fill(NaN);
    this.tlbVpnLow.fill(-1);
    this.ramReadS.fill(NaN);
    this.ramReadU.fill(NaN);
    this.ramWriteS.fill(NaN);
    this.ramWriteU.fill(NaN);
    this.c.chainGen++;
  }

  flushPage(va: number): void {
    const vpn = Math.floor(va / 4096);
    const t = vpn & TLB_MASK;
    if (this.tlbVpn[t] === vpn) {
      this.tlbVpn[t] = NaN;
      this.tlbVpnLow[t] = -1;
      this.ramReadS[t] = NaN;
      this.ramReadU[t] = NaN;
      this.ramWriteS[t] = NaN;
      this.ramWriteU[t] = NaN;
    }
    this.c.chainGen++;
  }

  /** Physical address of an instruction fetch at `va`. */
  fetchPhys(va: number): number {
    const vpn = Math.floor(va * (1 / 4096));
    const t = vpn & TLB_MASK;
    const need = this.userAccess ? P_EXEC_U : P_EXEC_S;
    if (this.tlbVpn[t] === vpn && (this.tlbPerm[t] & need) !== 0) return this.tlbPhys[t] + (va - vpn * 4096);
    if (!isCanonical(va)) this.c.gp(0);
    return this.translate(va, ACCESS_EXEC);
  }

  /** Walks the page tables for an access, sets A/D bits, fills the TLB,
   * and returns the physical address; raises #PF when not allowed. */
  translate(va: number, access: number): number {
    const c = this.c;
    if (!isCanonical(va)) c.nonCanonical(va);
    const vpn = Math.floor(va / 4096);
    const offset = va - vpn * 4096;
    const user = this.userAccess;
    if ((c.cr0 & CR0_PG) === 0) {
      // Paging off (before the firmware enables long mode): identity.
      this.fill(vpn, vpn * 4096, 0x3f);
      return va;
    }
    const lo = va | 0;
    const hi = Math.floor(va / TWO32) | 0;
    const nxe = (c.efer & EFER_NXE) !== 0;
    const idx = [(hi >>> 7) & 511, ((hi & 0x7f) << 2) | (lo >>> 30), (lo >>> 21) & 511, (lo >>> 12) & 511];
    let table = (c.cr3 - (c.cr3 % 4096)) % 2 ** PHYS_ADDR_BITS;
    let rw = 1;
    let us = 1;
    let nx = 0;
    let pageBase = 0;
    let pageSize = 4096;
    const entries: number[] = [];
    for (let level = 0; level < 4; level++) {
      const entryAddr = table + idx[level] * 8;
      const eLo = this.readPhys32(entryAddr);
      const eHi = this.readPhys32(entryAddr + 4);
      if ((eLo & PTE_P) === 0) this.fault(va, access, user, 0);
      // Address bits above MAXPHYADDR, and XD without EFER.NXE, are reserved (4.5.4).
      const reservedHi = (0xfffff & ~HI_ADDR_MASK) | (nxe ? 0 : 0x80000000);
      if ((eHi & reservedHi) !== 0) this.fault(va, access, user, PF_P | PF_RSVD);
      rw &= (eLo >> 1) & 1;
      us &= (eLo >> 2) & 1;
      if (nxe && eHi < 0) nx = 1;
      entries.push(entryAddr, eLo);
      const addr = (eHi & HI_ADDR_MASK) * TWO32 + ((eLo & ~0xfff) >>> 0);
      const large = level > 0 && level < 3 && (eLo & PTE_PS) !== 0;
      if (level === 0 && (eLo & PTE_PS) !== 0) this.fault(va, access, user, PF_P | PF_RSVD);
      if (large) {
        pageSize = level === 1 ? 1 << 30 : 1 << 21;
        // Bits 12..(page bits-1) of a large-page entry hold PAT and reserved bits.
        const reservedLow = (pageSize - 1) & ~0x1fff;
        if ((addr % pageSize & reservedLow) !== 0) this.fault(va, access, user, PF_P | PF_RSVD);
        pageBase = addr - (addr % pageSize);
        break;
      }
      if (level === 3) pageBase = addr;
      table = addr;
    }
    // Permission checks (SDM vol. 3, 4.6).
    const wp = (c.cr0 & CR0_WP) !== 0;
    if (user && !us) this.fault(va, access, user, PF_P);
    if (access === ACCESS_WRITE && !rw && (user || wp)) this.fault(va, access, user, PF_P);
    if (access === ACCESS_EXEC && nx) this.fault(va, access, user, PF_P);
    // Accessed on every level, dirty on the leaf for writes.
    const leafIndex = entries.length - 2;
    let dirty = (entries[leafIndex + 1] & PTE_D) !== 0;
    for (let i = 0; i < entries.length; i += 2) {
      let v = entries[i + 1] | PTE_A;
      if (i === leafIndex && access === ACCESS_WRITE) {
        v |= PTE_D;
        dirty = true;
      }
      if (v !== entries[i + 1]) this.writePhys32(entries[i], v);
    }
    const phys4k = pageBase + (Math.floor(va / 4096) * 4096 - Math.floor(va / pageSize) * pageSize);
    let perm = P_READ_S;
    if (us) perm |= P_READ_U;
    if (dirty && (rw || !wp)) perm |= P_WRITE_S;
    if (dirty && rw && us) perm |= P_WRITE_U;
    if (!nx) perm |= P_EXEC_S | (us ? P_EXEC_U : 0);
    this.fill(vpn, phys4k, perm);
    return phys4k + offset;
  }

  private fill(vpn: number, phys: number, perm: number): void {
    const t = vpn & TLB_MASK;
    const bus = this.c.bus;
    const ram = bus.ramOffset(phys);
    this.tlbVpn[t] = vpn;
    this.tlbVpnLow[t] = vpn >= 0 && vpn < 2147483648 ? vpn : -1;
    this.tlbPhys[t] = phys;
    // A watched page (host/gdb) is left out of the fast paths as if not RAM.
    const isRam = ram >= 0 && bus.ramSpan(phys) >= 4096 && !(this.watchedPages !== null && this.watchedPages.has(vpn));
    this.tlbRam[t] = isRam ? ram : -1;
    this.tlbPerm[t] = perm;
    const page = vpn * 4096;
    this.ramReadS[t] = isRam && (perm & P_READ_S) !== 0 ? page : NaN;
    this.ramReadU[t] = isRam && (perm & P_READ_U) !== 0 ? page : NaN;
    this.ramWriteS[t] = isRam && (perm & P_WRITE_S) !== 0 ? page : NaN;
    this.ramWriteU[t] = isRam && (perm & P_WRITE_U) !== 0 ? page : NaN;
  }

  private fault(va: number, access: number, user: boolean, bits: number): never {
    let code = bits;
    if (access === ACCESS_WRITE) code |= PF_W;
    if (user) code |= PF_U;
    if (access === ACCESS_EXEC && (this.c.efer & EFER_NXE) !== 0) code |= PF_I;
    return this.c.pageFault(va, code);
  }

  readPhys32(addr: number): number {
    const bus = this.c.bus;
    const off = bus.ramOffset(addr);
    if (off >= 0) return bus.view.getInt32(off, true);
    return bus.read(addr, 4) | 0;
  }

  writePhys32(addr: number, value: number): void {
    this.c.bus.write(addr, 4, value);
  }
}
