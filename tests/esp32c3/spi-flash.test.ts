import * as C from '../../platform/esp32c3/spi-flash-chip';
import * as M from '../../platform/esp32c3/spi-mem';
import { testClock } from './helpers';

function setup(options: { readOnly?: boolean; timed?: boolean; size?: number } = {}) {
  const { clock, advanceNs } = testClock();
  const timing = options.timed
    ? { pageProgramNs: 700_000, sectorEraseNs: 45_000_000, blockEraseNs: 150_000_000, chipEraseNs: 1e9 }
    : undefined;
  const chip = new C.SpiFlashChip(options.size ?? 1 << 20, clock, options.readOnly ?? false, timing);
  const spi = new M.SpiMem(chip);
  const w = (o: number, v: number) => spi.write(o, 4, v);
  const r = (o: number) => spi.read(o, 4);
  /** USR-mode command as ESP-IDF's HAL issues it. */
  const usr = (opcode: number, address: number | null, mosi: number[], misoBytes: number) => {
    let user = M.SPI_MEM_USR_COMMAND;
    if (address !== null) {
      user |= M.SPI_MEM_USR_ADDR;
      w(M.SPI_MEM_USER1, 23 << M.SPI_MEM_USR_ADDR_BITLEN_S);
      w(M.SPI_MEM_ADDR, (address << 8) >>> 0);
    }
    if (mosi.length) {
      user |= M.SPI_MEM_USR_MOSI;
      w(M.SPI_MEM_MOSI_DLEN, mosi.length * 8 - 1);
      for (let i = 0; i < mosi.length; i += 4) {
        w(M.SPI_MEM_W0 + i, (mosi[i] | ((mosi[i + 1] ?? 0) << 8) | ((mosi[i + 2] ?? 0) << 16) | ((mosi[i + 3] ?? 0) << 24)) >>> 0);
      }
    }
    if (misoBytes) {
      user |= M.SPI_MEM_USR_MISO;
      w(M.SPI_MEM_MISO_DLEN, misoBytes * 8 - 1);
    }
    w(M.SPI_MEM_USER, user >>> 0);
    w(M.SPI_MEM_USER2, (7 << M.SPI_MEM_USR_COMMAND_BITLEN_S) | opcode);
    w(M.SPI_MEM_CMD, M.SPI_MEM_USR);
    const out: number[] = [];
    for (let i = 0; i < misoBytes; i++) out.push((r(M.SPI_MEM_W0 + (i & ~3)) >>> (8 * (i & 3))) & 0xff);
    return out;
  };
  const status = () => usr(C.FLASH_RDSR, null, [], 1)[0];
  return { chip, spi, w, r, usr, status, advanceNs };
}

describe('SPI flash through SPI1', () => {
  test('a fresh chip reads erased; RDID reports GigaDevice and the capacity', () => {
    const { usr, w, r } = setup({ size: 16 << 20 });
    expect(usr(C.FLASH_READ, 0x1234, [], 4)).toEqual([0xff, 0xff, 0xff, 0xff]);
    expect(usr(C.FLASH_RDID, null, [], 3)).toEqual([0xc8, 0x40, 24]);
    w(M.SPI_MEM_CMD, M.SPI_MEM_FLASH_RDID);
    expect(r(M.SPI_MEM_RD_STATUS)).toBe(0xc8 | (0x40 << 8) | (24 << 16));
    expect(r(M.SPI_MEM_CMD)).toBe(0);
  });

  test('page program needs WREN, only clears bits, and clears WEL after', () => {
    const { usr, status } = setup();
    usr(C.FLASH_PP, 0x100, [0x12], 0);
    expect(usr(C.FLASH_READ, 0x100, [], 1)).toEqual([0xff]); // no WEL: ignored
    usr(C.FLASH_WREN, null, [], 0);
    expect(status() & C.STATUS_WEL).toBe(C.STATUS_WEL);
    usr(C.FLASH_PP, 0x100, [0xf0, 0x0f], 0);
    expect(status() & C.STATUS_WEL).toBe(0);
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_PP, 0x100, [0x3c, 0xff], 0);
    expect(usr(C.FLASH_READ, 0x100, [], 2)).toEqual([0x30, 0x0f]); // AND of both writes
  });

  test('page program wraps inside its 256-byte page', () => {
    const { usr } = setup();
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_PP, 0x1fe, [1, 2, 3, 4], 0);
    expect(usr(C.FLASH_READ, 0x1fe, [], 2)).toEqual([1, 2]);
    expect(usr(C.FLASH_READ, 0x100, [], 2)).toEqual([3, 4]);
    expect(usr(C.FLASH_READ, 0x200, [], 1)).toEqual([0xff]);
  });

  test('sector erase sets the aligned 4 KiB to 0xFF and nothing else', () => {
    const { chip, usr } = setup();
    chip.image.fill(0);
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_SE, 0x2345, [], 0);
    expect(chip.image[0x1fff]).toBe(0);
    expect(chip.image[0x2000]).toBe(0xff);
    expect(chip.image[0x2fff]).toBe(0xff);
    expect(chip.image[0x3000]).toBe(0);
    expect(chip.writes).toBe(1);
  });

  test('the sink hears each change: the programmed bytes, a wrapped page whole, the erased block', () => {
    const { chip, usr } = setup();
    const heard: Array<[number, number]> = [];
    chip.sink = { changed: (offset, length) => heard.push([offset, length]) };
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_PP, 0x1410, [1, 2, 3, 4], 0);
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_PP, 0x15fe, [5, 6, 7, 8], 0); // wraps to 0x1500
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_SE, 0x2345, [], 0);
    usr(C.FLASH_PP, 0x3000, [0], 0); // no WEL: refused, nothing heard
    expect(heard).toEqual([[0x1410, 4], [0x1500, 256], [0x2000, 4096]]);
    expect([...chip.image.subarray(0x1500, 0x1502)]).toEqual([7, 8]);
  });

  test('legacy command bits: PP length in ADDR 31:24, SE, RDSR into RD_STATUS', () => {
    const { w, r, chip } = setup();
    w(M.SPI_MEM_CMD, M.SPI_MEM_FLASH_WREN);
    w(M.SPI_MEM_CMD, M.SPI_MEM_FLASH_RDSR);
    expect(r(M.SPI_MEM_RD_STATUS) & C.STATUS_WEL).toBe(C.STATUS_WEL);
    w(M.SPI_MEM_W0, 0x44332211);
    w(M.SPI_MEM_ADDR, ((3 << 24) | 0x40) >>> 0);
    w(M.SPI_MEM_CMD, M.SPI_MEM_FLASH_PP);
    expect([...chip.image.subarray(0x40, 0x44)]).toEqual([0x11, 0x22, 0x33, 0xff]);
    w(M.SPI_MEM_CMD, M.SPI_MEM_FLASH_WREN);
    w(M.SPI_MEM_ADDR, 0x40);
    w(M.SPI_MEM_CMD, M.SPI_MEM_FLASH_SE);
    expect(chip.image[0x40]).toBe(0xff);
  });

  test('WIP stays set for the erase time and the chip ignores commands meanwhile', () => {
    const { usr, status, advanceNs, chip } = setup({ timed: true });
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_SE, 0, [], 0);
    expect(status() & C.STATUS_WIP).toBe(C.STATUS_WIP);
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_PP, 0, [0], 0); // refused: busy
    advanceNs(45_000_000);
    expect(status() & C.STATUS_WIP).toBe(0);
    expect(chip.image[0]).toBe(0xff);
  });

  test('a read-only image is block-protected with a locked status register', () => {
    const { usr, status, chip } = setup({ readOnly: true });
    chip.load(new Uint8Array([1, 2, 3]));
    expect(status() & C.STATUS_BP_MASK).toBe(C.STATUS_BP_MASK);
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_WRSR, null, [0], 0); // cannot unprotect
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_SE, 0, [], 0);
    usr(C.FLASH_WREN, null, [], 0);
    usr(C.FLASH_PP, 8, [0], 0);
    expect([...chip.image.subarray(0, 4)]).toEqual([1, 2, 3, 0xff]);
    expect(chip.image[8]).toBe(0xff);
    expect(chip.writes).toBe(0);
  });

  test('an image larger than the chip is a clear error', () => {
    const { chip } = setup({ size: 4096 });
    expect(() => chip.load(new Uint8Array(8192))).toThrow(/does not fit/);
  });
});
