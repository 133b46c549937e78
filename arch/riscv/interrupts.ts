/**
 * Which interrupt the hart takes at a block boundary, for both models.
 *
 * Standard (privileged spec 1.12, 3.1.9): pending = mip & mie. An
 * interrupt not delegated by mideleg goes to M-mode and is enabled when
 * the hart is below M or MIE is set; a delegated one goes to S-mode and is
 * enabled below S, or in S with SIE set (never in M). M-level ones win;
 * within a level the order is MEI, MSI, MTI, SEI, SSI, STI.
 *
 * ESP32-C3: the interrupt matrix picks the line (priority and threshold
 * applied there); the hart takes it when below M or with MIE set, with
 * mcause = 0x8000_0000 | line at mtvec base + 4 × line.
 */
import type { RiscvCore } from './core';
import {
  IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI, MSTATUS_MIE, MSTATUS_SIE, PRIV_M, PRIV_S,
} from './csr-numbers';

const PRIORITY = [IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI];

/** Takes an interrupt if one is pending and enabled; clears irqPoll when
 * nothing can be taken until state changes again. */
export function pollInterrupts(core: RiscvCore): boolean {
  const code = core.config.interruptModel === 'esp32c3' ? lineToTake(core) : standardToTake(core);
  if (code < 0) {
    core.irqPoll = false;
    return false;
  }
  core.raiseInterrupt(code);
  return true;
}

function standardToTake(core: RiscvCore): number {
  const pending = core.pendingInterrupts() & core.mie;
  if (pending === 0) return -1;
  const mEnabled = core.priv < PRIV_M || (core.mstatus & MSTATUS_MIE) !== 0;
  const sEnabled = core.priv < PRIV_S || (core.priv === PRIV_S && (core.mstatus & MSTATUS_SIE) !== 0);
  const mLevel = mEnabled ? pending & ~core.mideleg : 0;
  const sLevel = sEnabled ? pending & core.mideleg : 0;
  const take = mLevel !== 0 ? mLevel : sLevel;
  if (take === 0) return -1;
  for (const code of PRIORITY) if (take & (1 << code)) return code;
  return -1;
}

function lineToTake(core: RiscvCore): number {
  const source = core.lineSource;
  if (source === null) return -1;
  if (core.priv === PRIV_M && (core.mstatus & MSTATUS_MIE) === 0) return -1;
  const line = source.highestPendingLine();
  return line > 0 && line < 32 ? line : -1;
}

/** WFI wakes on any pending interrupt enabled in mie (or any matrix line),
 * whatever the global enables (3.3.3). */
export function wakeable(core: RiscvCore): boolean {
  if (core.config.interruptModel === 'esp32c3') return core.lineSource !== null && core.lineSource.highestPendingLine() > 0;
  return (core.pendingInterrupts() & core.mie) !== 0;
}
