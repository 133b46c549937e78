import { assembleBoard } from '../../boards/assemble';
import { allBoards, findBoard } from '../../boards';
import { CONSOLE, Console } from '../../hal/console';
import { TIMER, Timer } from '../../hal/timer';
import { BOOT_INFO, BootInfo } from '../../hal/boot-info';
import { CollectingSerialHost } from '../../platform/serial-wire';

const BOARDS = allBoards();

describe('board wiring (DI)', () => {
  test.each(BOARDS.map((b) => [b.name, b] as const))('%s resolves every HAL token it promises', (_name, board) => {
    const { container } = assembleBoard(board);
    expect(board.provides.length).toBeGreaterThan(0);
    for (const token of board.provides) {
      expect(container.isBound(token)).toBe(true);
      const service = container.get(token);
      expect(service).toBeDefined();
      // Singletons: the kernel and the host see the same device and driver.
      expect(container.get(token)).toBe(service);
    }
  });

  test.each(BOARDS.map((b) => [b.name, b] as const))('%s: the console driver reaches the UART model through the bus', (_name, board) => {
    const { container, consoleUart } = assembleBoard(board);
    const host = new CollectingSerialHost();
    consoleUart.attachHost(host);
    const console = container.get<Console>(CONSOLE);
    console.init();
    console.write(new TextEncoder().encode('through the bus\n'));
    expect(host.text()).toBe('through the bus\n');
    consoleUart.receive(0x71);
    expect(console.readByte()).toBe(0x71);
    expect(console.readByte()).toBe(-1);
  });

  test.each(BOARDS.map((b) => [b.name, b] as const))('%s: the timer driver counts virtual time', (_name, board) => {
    const { container, clock } = assembleBoard(board);
    const timer = container.get<Timer>(TIMER);
    timer.init();
    const before = timer.nowNs();
    clock.jumpTo(clock.nowNs() + 1_000_000);
    const elapsed = timer.nowNs() - before;
    // The counter's resolution bounds the error: 10 ns (HPET), 62.5 ns
    // (SYSTIMER); reading the counter is kernel work, charged a few register
    // accesses (docs/clock.md).
    expect(elapsed).toBeGreaterThan(1_000_000 - 100);
    expect(elapsed).toBeLessThanOrEqual(1_000_000 + 10_000);
  });

  test('boot info lists RAM and carries the command line', () => {
    const { container } = assembleBoard(findBoard('pc')!, { memoryBytes: 8 << 20, cmdline: 'loglevel=debug' });
    const info = container.get<BootInfo>(BOOT_INFO);
    expect(info.cmdline).toBe('loglevel=debug');
    expect(info.ram.reduce((n, r) => n + r.size, 0)).toBe((8 << 20) - 0x60000);
  });

  test('a board refuses too little memory with a clear error', () => {
    expect(() => assembleBoard(findBoard('pc')!, { memoryBytes: 1 << 20 })).toThrow(/at least 2 MiB/);
  });
});
