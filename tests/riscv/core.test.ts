/**
 * The hart through its API: the ESP32-C3 interrupt model (vectored mtvec,
 * lines from a LineInterruptSource, no mie/mip), host entry points, misa,
 * the decoder's table round trip and retired counting.
 */
import { RiscvCore } from '../../arch/riscv/core';
import { RiscvConfig } from '../../arch/riscv/config';
import * as C from '../../arch/riscv/csr-numbers';
import { Decoded, decode } from '../../arch/riscv/decoder';
import { OPCODES, Op } from '../../arch/riscv/opcodes';
import { Bus } from '../../platform/bus';
import type { LineInterruptSource } from '../../platform/irq';
import * as E from './encoder';

const RAM = 0x8000_0000;

/** A hart over 1 MiB of RAM holding `code`, with a `j .` at every 4 bytes
 * from +0x100 (where the tests put trap vectors). */
function hart(config: Partial<RiscvConfig>, code: number[]): RiscvCore {
  const bus = new Bus(1 << 20, 'fault');
  bus.mapRam('ram', RAM, 1 << 20, 0);
  const words = new Uint32Array(bus.ram);
  words.fill(E.j(0, 0), 0x40, 0x200);
  words.set(code);
  return new RiscvCore(bus, { extensions: 'mc', supervisor: true, user: true, interruptModel: 'esp32c3', resetPc: RAM, ...config });
}

class Lines implements LineInterruptSource {
  line = 0;
  highestPendingLine(): number {
    return this.line;
  }
}

/** csrrs rd, csr, x0 (csrr). */
function csrr(rd: number, csr: number): number {
  return E.i(Op.CSRRS, rd, 0, csr);
}
/** A one-instruction block: jump to the next instruction. */
const NOP = E.j(0, 4);
const LOOP = E.j(0, 0);

describe('riscv core', () => {
  test('misa reflects the configured extensions and modes', () => {
    expect(hart({}, []).readCsr(C.MISA)).toBe((0x40000000 | (1 << 8) | (1 << 12) | (1 << 2) | (1 << 18) | (1 << 20)) >>> 0);
    expect(hart({ extensions: 'mac' }, []).readCsr(C.MISA) & 1).toBe(1);
  });

  test('esp32c3: mtvec is vectored with a 256-byte-aligned base', () => {
    const core = hart({}, []);
    core.writeCsr(C.MTVEC, 0x8000_0123);
    expect(core.readCsr(C.MTVEC)).toBe(0x8000_0101);
  });

  test('esp32c3: mie and mip do not exist (illegal instruction)', () => {
    const core = hart({}, [csrr(10, C.MIE), LOOP]);
    core.writeCsr(C.MTVEC, RAM + 0x100);
    core.run(1);
    expect(core.readCsr(C.MCAUSE)).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
    expect(core.readCsr(C.MTVAL)).toBe(csrr(10, C.MIE));
    expect(core.pc).toBe(RAM + 0x100);
  });

  test('esp32c3: a line is taken at base + 4n with mcause 0x8000_0000 | n, once MIE is set', () => {
    const lines = new Lines();
    const code = [NOP, NOP, NOP, LOOP];
    const core = hart({ lineSource: lines }, code);
    core.writeCsr(C.MTVEC, RAM + 0x200);
    lines.line = 5;
    core.interruptLevelChanged();
    core.run(2);
    expect(core.pc).toBe(RAM + 8); // MIE = 0 in M: not taken
    core.writeCsr(C.MSTATUS, C.MSTATUS_MIE);
    core.run(1);
    expect(core.readCsr(C.MCAUSE)).toBe((0x8000_0000 | 5) >>> 0);
    expect(core.readCsr(C.MEPC)).toBe(RAM + 8);
    // Taking the interrupt retires nothing; run(1) then retires the vector's `j .`.
    expect(core.retired).toBe(3);
    expect(core.pc).toBe(RAM + 0x200 + 4 * 5);
    expect(core.readCsr(C.MSTATUS) & C.MSTATUS_MIE).toBe(0);
    expect(core.readCsr(C.MSTATUS) & C.MSTATUS_MPIE).toBe(C.MSTATUS_MPIE);
  });

  test('esp32c3: in U-mode a line is taken whatever MIE says', () => {
    const lines = new Lines();
    const core = hart({ lineSource: lines }, [NOP, NOP, LOOP]);
    core.writeCsr(C.MTVEC, RAM + 0x200);
    // mret to U at RAM with MIE = 0.
    core.writeCsr(C.PMPADDR0, 0xffffffff); // PMP: all memory RWX for U (3.7)
    core.writeCsr(C.PMPCFG0, 0x1f);
    core.writeCsr(C.MEPC, RAM);
    core.mret();
    expect(core.priv).toBe(C.PRIV_U);
    lines.line = 3;
    core.interruptLevelChanged();
    core.run(1);
    expect(core.priv).toBe(C.PRIV_M);
    expect(core.readCsr(C.MCAUSE)).toBe((0x8000_0000 | 3) >>> 0);
    expect(core.pc).toBe(RAM + 0x200 + 12);
    expect((core.readCsr(C.MSTATUS) & C.MSTATUS_MPP) >>> C.MSTATUS_MPP_SHIFT).toBe(C.PRIV_U);
  });

  test('wfi halts until a line is pending, then resumes after it', () => {
    const lines = new Lines();
    const core = hart({ lineSource: lines }, [E.i(Op.ADDI, 0, 0, 0), 0x10500073, NOP, LOOP]);
    core.run(10);
    expect(core.halted).toBe(true);
    expect(core.pc).toBe(RAM + 8);
    expect(core.run(10)).toBe(0);
    lines.line = 1;
    core.interruptLevelChanged();
    expect(core.halted).toBe(false);
    core.run(1);
    expect(core.pc).toBe(RAM + 12);
  });

  test('a host entry point runs its handler instead of fetching (M and S only)', () => {
    const core = hart({}, [E.ECALL, LOOP]);
    const vector = RAM + 0x400;
    core.writeCsr(C.MTVEC, vector);
    const calls: number[] = [];
    core.setHostEntry(vector, () => {
      calls.push(core.readCsr(C.MCAUSE));
      core.writeCsr(C.MEPC, core.readCsr(C.MEPC) + 4);
      core.mret();
    });
    core.run(3);
    expect(calls).toEqual([C.CAUSE_MACHINE_ECALL]);
    expect(core.pc).toBe(RAM + 4);
    core.clearHostEntry(vector);
    expect(core.isHostEntry(vector)).toBe(false);
  });

  test('every table encoding decodes to its own op', () => {
    const d = new Decoded();
    const features = { m: true, a: true, c: true, s: true };
    for (const info of OPCODES) {
      decode(info.match, features, d);
      expect({ name: info.name, op: d.op }).toEqual({ name: info.name, op: info.op });
    }
    decode(E.r(Op.MUL, 1, 2, 3), { m: false, a: true, c: true, s: true }, d);
    expect(d.op).toBe(Op.ILLEGAL);
  });

  test('rd = x0 writes nothing', () => {
    const core = hart({}, [E.i(Op.ADDI, 0, 0, 7), E.u(Op.LUI, 0, 0x12345), csrr(0, C.MISA), LOOP]);
    core.run(3);
    expect(core.x[0]).toBe(0);
    expect(core.x.length).toBe(32);
  });
});

describe('riscv core state', () => {
  test('a restored snapshot continues exactly as the original', async () => {
    const { buildBareMetal } = await import('../../arch/riscv/bare-metal');
    const { readImage } = await import('../../host/exec-command');
    const path = await import('path');
    const { image } = await readImage(path.join(__dirname, 'isa', 'prebuilt', 'vm.elf'));
    const a = buildBareMetal(image);
    a.core.run(300); // mid-test: paging on, traps taken
    const b = buildBareMetal(image);
    b.bus.u8.set(a.bus.u8);
    b.core.restoreState(a.core.saveState());
    expect(b.core.saveState()).toEqual(a.core.saveState());
    for (let k = 0; k < 40; k++) {
      a.core.run(25);
      b.core.run(25);
      expect(b.core.saveState()).toEqual(a.core.saveState());
    }
    while (a.htif?.exitStatus == null && a.core.retired < 1e6) a.core.run(1000);
    while (b.htif?.exitStatus == null && b.core.retired < 1e6) b.core.run(1000);
    expect(b.htif?.exitStatus).toBe(0);
    expect(b.core.retired).toBe(a.core.retired);
  });
});
