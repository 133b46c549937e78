/**
 * `jos exec --trace`: one line per instruction — pc, mnemonic (from the
 * opcode table via disasm.ts) and the registers it wrote — or the trap it
 * took. Tracing runs the hart one instruction per block.
 */
import type { Machine, StepOutcome } from '../../platform/machine';
import type { RiscvCore } from './core';
import { disassemble, regName } from './disasm';

export class Tracer {
  private readonly before = new Int32Array(32);

  constructor(
    private readonly core: RiscvCore,
    private readonly write: (text: string) => void,
  ) {
    core.maxBlockInsns = 1;
    core.stopOnTrap = true;
    core.cache.flush();
  }

  step(machine: Machine, budget: number): StepOutcome {
    const core = this.core;
    const retired = core.retired;
    const traps = core.traps;
    this.before.set(core.x);
    core.lastBlock = -1;
    const outcome = machine.step(Math.min(budget, 1));
    const b = core.lastBlock;
    const trapped = core.traps !== traps;
    if (b >= 0 && (core.retired > retired || trapped)) {
      const pc = core.lastBlockPc >>> 0;
      const c = core.cache;
      const i = c.first[b];
      const f = c.fields(i);
      const text = disassemble(f.op, f.rd, f.rs1, f.rs2, f.imm, pc);
      const written: string[] = [];
      for (let r = 1; r < 32; r++) {
        if (core.x[r] !== this.before[r]) written.push(`${regName(r)}=0x${(core.x[r] >>> 0).toString(16).padStart(8, '0')}`);
      }
      this.write(`${hex8(pc)}  ${text.padEnd(32)}${written.join(' ')}\n`);
    }
    if (trapped) {
      const interrupt = core.priv === 1 ? core.scause < 0 : core.mcause < 0;
      const cause = (core.priv === 1 ? core.scause : core.mcause) & 0x7fffffff;
      const epc = core.priv === 1 ? core.sepc : core.mepc;
      const what = interrupt ? 'interrupt' : 'exception';
      this.write(`${hex8(epc)}  -> ${what} ${cause}, tval 0x${((core.priv === 1 ? core.stval : core.mtval) >>> 0).toString(16)}\n`);
    }
    return outcome;
  }
}

function hex8(v: number): string {
  return (v >>> 0).toString(16).padStart(8, '0');
}
