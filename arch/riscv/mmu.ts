/**
 * Address translation: Sv32 page walks (privileged spec 1.12, 4.3), PMP
 * checks (pmp.ts), and the software TLB the executor's fast paths read.
 *
 * The TLB is direct-mapped per privilege context (U, S, M) and per access
 * kind (read, write, execute), at index `ctx + (vpn & MASK)`. Fetch
 * entries: `xTag[i] === vpn` means the page is RAM, allowed, and starts at
 * RAM-buffer offset `xOff[i]`. Read and write entries hold the page's
 * address instead, so one compare also checks alignment: `rTag[i] ===
 * (a & (0xfffff000 | (size - 1)))` means the access at `a` is aligned and
 * its page is RAM and allowed, and `(a + rOff[i]) | 0` is its RAM offset
 * (`rOff[i]` is the page's RAM offset minus its address; -1, the empty
 * tag, never equals a masked address, whose bits 2-11 are 0). Only
 * whole 4 KiB pages of RAM with one PMP answer are cached; everything else
 * takes the slow path every time. Write entries are never made for pages
 * holding decoded code, so fast stores need no self-modifying-code check.
 * mstatus SUM/MXR/MPRV/MPP, satp, PMP changes and sfence.vma flush it.
 */
import type { Bus } from '../../platform/bus';
import {
  CAUSE_FETCH_ACCESS, CAUSE_FETCH_PAGE_FAULT, CAUSE_LOAD_ACCESS, CAUSE_LOAD_PAGE_FAULT, CAUSE_STORE_ACCESS,
  CAUSE_STORE_PAGE_FAULT, MSTATUS_MPP, MSTATUS_MPP_SHIFT, MSTATUS_MPRV, MSTATUS_MXR, MSTATUS_SUM, PRIV_M, PRIV_S,
  PRIV_U, SATP_MODE_SV32, SATP_PPN_MASK,
} from './csr-numbers';
import { PMP_R, PMP_W, PMP_X, Pmp } from './pmp';

export const ACCESS_READ = 0;
export const ACCESS_WRITE = 1;
export const ACCESS_EXEC = 2;

export const TLB_BITS = 10;
export const TLB_SIZE = 1 << TLB_BITS;
export const TLB_MASK = TLB_SIZE - 1;
const CONTEXTS = 3; // U, S, M

// PTE bits (figure 4.18).
export const PTE_V = 0x01;
export const PTE_R = 0x02;
export const PTE_W = 0x04;
export const PTE_X = 0x08;
export const PTE_U = 0x10;
export const PTE_G = 0x20;
export const PTE_A = 0x40;
export const PTE_D = 0x80;

const PAGE_FAULT = [CAUSE_LOAD_PAGE_FAULT, CAUSE_STORE_PAGE_FAULT, CAUSE_FETCH_PAGE_FAULT];
const ACCESS_FAULT = [CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS, CAUSE_FETCH_ACCESS];
const PMP_PERM = [PMP_R, PMP_W, PMP_X];
const PHYS_LIMIT = 0x1_0000_0000; // the bus is 32-bit

/** What translation needs to know of the hart. */
export interface TranslationState {
  priv: number;
  mstatus: number;
  satp: number;
}

export class Mmu {
  // In the bus's core area: the wasm backend (wasm/) reads the read and
  // write entries from compiled code, and the fetch entries where a region
  // looks up the region it links to (wasm/links.ts).
  readonly rTag: Int32Array;
  readonly rOff: Int32Array;
  readonly wTag: Int32Array;
  readonly wOff: Int32Array;
  readonly xTag: Int32Array;
  readonly xOff: Int32Array;

  /** TLB base index for fetches (current privilege). */
  fetchCtx = 2 * TLB_SIZE;
  /** TLB base index for loads/stores (MPRV-effective privilege). */
  dataCtx = 2 * TLB_SIZE;
  /** Cause of the last failed translate(). */
  cause = 0;

  constructor(
    private readonly bus: Bus,
    readonly pmp: Pmp,
    private readonly hart: TranslationState,
  ) {
    this.rTag = bus.allocCoreWords(CONTEXTS * TLB_SIZE).fill(-1);
    this.rOff = bus.allocCoreWords(CONTEXTS * TLB_SIZE);
    this.wTag = bus.allocCoreWords(CONTEXTS * TLB_SIZE).fill(-1);
    this.wOff = bus.allocCoreWords(CONTEXTS * TLB_SIZE);
    this.xTag = bus.allocCoreWords(CONTEXTS * TLB_SIZE).fill(-1);
    this.xOff = bus.allocCoreWords(CONTEXTS * TLB_SIZE);
    pmp.onChange = () => this.flush();
  }

  /** The privilege loads and stores are checked at (3.1.6.3, MPRV). */
  dataPriv(): number {
    const h = this.hart;
    if (h.priv === PRIV_M && (h.mstatus & MSTATUS_MPRV)) return (h.mstatus & MSTATUS_MPP) >>> MSTATUS_MPP_SHIFT;
    return h.priv;
  }

  /** Recomputes the TLB contexts after a privilege or mstatus change. */
  updateContext(): void {
    this.fetchCtx = ctxOf(this.hart.priv) * TLB_SIZE;
    this.dataCtx = ctxOf(this.dataPriv()) * TLB_SIZE;
  }

  flush(): void {
    this.rTag.fill(-1);
    this.wTag.fill(-1);
    this.xTag.fill(-1);
  }

  /** Drops write entries onto RAM page `ramPage`: it now holds code. */
  dropWritesTo(ramPage: number): void {
    const tag = this.wTag;
    const off = this.wOff;
    for (let i = 0; i < tag.length; i++) if (tag[i] !== -1 && (tag[i] + off[i]) >>> 12 === ramPage) tag[i] = -1;
  }

  /** Physical address of `va` for `access` at privilege `priv`, checking
   * `size` bytes against PMP; -1 on a fault (see `cause`). Fills the TLB. */
  translate(va: number, access: number, priv: number, size: number): number {
    va >>>= 0;
    let pa = va;
    if (priv !== PRIV_M && (this.hart.satp & SATP_MODE_SV32) !== 0) {
      pa = this.walk(va, access, priv);
      if (pa < 0) return -1;
    }
    if (pa + size > PHYS_LIMIT || !this.pmp.check(pa, size, PMP_PERM[access], priv)) {
      this.cause = ACCESS_FAULT[access];
      return -1;
    }
    this.fill(va, pa, access, priv);
    return pa;
  }

  /** The Sv32 walk (4.3.2). Sets A (and D on writes) in the leaf PTE. */
  private walk(va: number, access: number, priv: number): number {
    const h = this.hart;
    let table = (h.satp & SATP_PPN_MASK) * 4096;
    let level = 1;
    let pte = 0;
    let pteAddr = 0;
    for (;;) {
      const vpn = level === 1 ? va >>> 22 : (va >>> 12) & 0x3ff;
      pteAddr = table + vpn * 4;
      pte = this.readPte(pteAddr);
      if (pte === -1) {
        this.cause = ACCESS_FAULT[access];
        return -1;
      }
      if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W))) return this.pageFault(access);
      if (pte & (PTE_R | PTE_X)) break;
      if (level === 0) return this.pageFault(access);
      level = 0;
      table = (pte >>> 10) * 4096;
    }
    // Permission checks (4.3.2 step 5, 4.1.1.2 SUM/MXR).
    const user = (pte & PTE_U) !== 0;
    if (priv === PRIV_U && !user) return this.pageFault(access);
    if (priv === PRIV_S && user && (access === ACCESS_EXEC || !(this.hart.mstatus & MSTATUS_SUM))) return this.pageFault(access);
    if (access === ACCESS_READ) {
      if (!(pte & PTE_R) && !((this.hart.mstatus & MSTATUS_MXR) && (pte & PTE_X))) return this.pageFault(access);
    } else if (access === ACCESS_WRITE) {
      if (!(pte & PTE_W)) return this.pageFault(access);
    } else if (!(pte & PTE_X)) {
      return this.pageFault(access);
    }
    const ppn = pte >>> 10;
    if (level === 1 && (ppn & 0x3ff) !== 0) return this.pageFault(access); // misaligned superpage
    // A/D updated by the hardware (4.3.1, the Svade alternative is allowed too).
    const want = PTE_A | (access === ACCESS_WRITE ? PTE_D : 0);
    if ((pte & want) !== want) {
      const off = this.bus.ramOffset(pteAddr, true);
      if (off < 0 || !this.pmp.check(pteAddr, 4, PMP_W, PRIV_S)) {
        this.cause = ACCESS_FAULT[access];
        return -1;
      }
      this.bus.view.setUint32(off, (pte | want) >>> 0, true);
      this.bus.noteRamWrite(off, 4);
    }
    if (level === 1) return (ppn >>> 10) * 0x400000 + (va & 0x3fffff);
    return ppn * 4096 + (va & 0xfff);
  }

  /** Reads a PTE as an S-mode access (PMP applies, 3.7.1); -1 if it fails. */
  private readPte(pteAddr: number): number {
    if (pteAddr + 4 > PHYS_LIMIT || !this.pmp.check(pteAddr, 4, PMP_R, PRIV_S)) return -1;
    const off = this.bus.ramOffset(pteAddr);
    if (off < 0 || (off & 3) !== 0) return -1;
    return this.bus.view.getUint32(off, true) | 0;
  }

  private pageFault(access: number): number {
    this.cause = PAGE_FAULT[access];
    return -1;
  }

  /** Caches the page of (va → pa) when it is whole RAM with one PMP answer. */
  private fill(va: number, pa: number, access: number, priv: number): void {
    const page = pa - (pa % 4096);
    const off = this.bus.ramOffset(page, access === ACCESS_WRITE);
    if (off < 0 || (off & 3) !== 0 || this.bus.ramSpan(page) < 4096) return;
    if (!this.pmp.pageAllowed(page, PMP_PERM[access], priv)) return;
    const vpn = va >>> 12;
    const i = ctxOf(priv) * TLB_SIZE + (vpn & TLB_MASK);
    // Read and write entries: the page's address, and the RAM offset
    // minus it (see the file comment).
    const at = vpn << 12;
    if (access === ACCESS_READ) {
      this.rTag[i] = at;
      this.rOff[i] = off - at;
    } else if (access === ACCESS_WRITE) {
      if (this.bus.codePages[off >>> 12] !== 0) return;
      this.wTag[i] = at;
      this.wOff[i] = off - at;
    } else {
      this.xTag[i] = vpn;
      this.xOff[i] = off;
    }
  }
}

function ctxOf(priv: number): number {
  return priv === PRIV_U ? 0 : priv === PRIV_S ? 1 : 2;
}
