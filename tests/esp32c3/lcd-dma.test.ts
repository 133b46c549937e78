import { Bus } from '../../platform/bus';
import { LatchedIrqLine } from '../../platform/irq';
import * as D from '../../platform/esp32c3/gdma';
import * as S from '../../platform/esp32c3/spi2';
import * as L from '../../platform/esp32c3/st7789';

const SRAM = 0x3fc8_0000;

function setup() {
  const bus = new Bus(256 << 10, 'fault');
  bus.mapRam('dram', SRAM, 256 << 10, 0);
  const dmaIrq = new LatchedIrqLine();
  const spiIrq = new LatchedIrqLine();
  const gdma = new D.Gdma(bus, [dmaIrq, new LatchedIrqLine(), new LatchedIrqLine()]);
  const spi = new S.Spi2(spiIrq);
  spi.attachDma(gdma);
  let dc = false;
  const lcd = new L.St7789(() => dc);
  spi.attach(lcd);
  bus.mapMmio(0x6003_f000, 0x1000, gdma);
  bus.mapMmio(0x6002_4000, 0x1000, spi);
  /** GDMA's register at offset o: read, or written with v. */
  function g(o: number): number;
  function g(o: number, v: number): void;
  function g(o: number, v?: number): number | void {
    return v === undefined ? bus.read32(0x6003_f000 + o) : bus.write32(0x6003_f000 + o, v);
  }
  /** SPI2's register at offset o: read, or written with v. */
  function s(o: number): number;
  function s(o: number, v: number): void;
  function s(o: number, v?: number): number | void {
    return v === undefined ? bus.read32(0x6002_4000 + o) : bus.write32(0x6002_4000 + o, v);
  }

  /** Sends bytes from the CPU buffer (W0..), D/C as given. */
  const cpuSend = (dataMode: boolean, bytes: number[]) => {
    dc = dataMode;
    for (let i = 0; i < bytes.length; i += 4) {
      s(S.SPI_W0 + i, (bytes[i] | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24)) >>> 0);
    }
    s(S.SPI_USER, S.SPI_USR_MOSI);
    s(S.SPI_DMA_CONF, 0);
    s(S.SPI_MS_DLEN, bytes.length * 8 - 1);
    s(S.SPI_CMD, S.SPI_USR);
  };
  const command = (code: number, params: number[] = []) => {
    cpuSend(false, [code]);
    if (params.length) cpuSend(true, params);
  };
  /** Builds a descriptor chain at `at` over `buffer` split in `chunk` pieces. */
  const chain = (at: number, buffer: number, total: number, chunk: number, owner = true) => {
    const count = Math.ceil(total / chunk);
    for (let i = 0; i < count; i++) {
      const len = Math.min(chunk, total - i * chunk);
      const last = i === count - 1;
      const w0 = len | (len << 12) | (last ? D.DMA_DESCRIPTOR_SUC_EOF : 0) | (owner ? D.DMA_DESCRIPTOR_OWNER_DMA : 0);
      bus.write32(at + 12 * i, w0 >>> 0);
      bus.write32(at + 12 * i + 4, buffer + i * chunk);
      bus.write32(at + 12 * i + 8, last ? 0 : at + 12 * (i + 1));
    }
    return count;
  };
  const dmaSend = (descriptor: number, bytes: number) => {
    dc = true;
    g(D.GDMA_OUT_PERI_SEL_CH0, D.GDMA_PERIPHERAL_SPI2);
    g(D.GDMA_OUT_LINK_CH0, (descriptor & D.GDMA_OUTLINK_ADDR_MASK) | D.GDMA_OUTLINK_START);
    s(S.SPI_USER, S.SPI_USR_MOSI);
    s(S.SPI_DMA_CONF, S.SPI_DMA_TX_ENA);
    s(S.SPI_MS_DLEN, bytes * 8 - 1);
    s(S.SPI_CMD, S.SPI_USR);
  };
  return { bus, gdma, spi, lcd, g, s, dmaIrq, spiIrq, command, cpuSend, chain, dmaSend };
}

const rgb = (snap: ReturnType<L.St7789['snapshot']>, x: number, y: number) => {
  if (snap.kind !== 'pixels') throw new Error('not pixels');
  const o = (y * snap.width + x) * 4;
  return [snap.rgba[o], snap.rgba[o + 1], snap.rgba[o + 2]];
};

function initPanel(t: ReturnType<typeof setup>, madctl = L.MADCTL_MV | L.MADCTL_MX) {
  t.command(L.ST7789_SWRESET);
  t.command(L.ST7789_SLPOUT);
  t.command(L.ST7789_COLMOD, [L.COLMOD_RGB565]);
  t.command(L.ST7789_MADCTL, [madctl]);
  t.command(L.ST7789_DISPON);
}

describe('ST7789 over SPI2', () => {
  test('the screen is black until SLPOUT and DISPON', () => {
    const t = setup();
    t.command(L.ST7789_COLMOD, [L.COLMOD_RGB565]);
    t.command(L.ST7789_RAMWR);
    t.cpuSend(true, [0xff, 0xff]);
    expect(rgb(t.lcd.snapshot(), 0, 239)).toEqual([0, 0, 0]);
    t.command(L.ST7789_SLPOUT);
    t.command(L.ST7789_DISPON);
    expect(rgb(t.lcd.snapshot(), 0, 239)).toEqual([255, 255, 255]);
  });

  test('CASET/RASET window with MV|MX lands upright on the landscape screen', () => {
    const t = setup();
    initPanel(t);
    t.command(L.ST7789_CASET, [0x01, 0x00, 0x01, 0x01]); // x 256..257
    t.command(L.ST7789_RASET, [0x00, 10, 0x00, 11]); // y 10..11
    t.command(L.ST7789_RAMWR);
    t.cpuSend(true, [0xf8, 0x00, 0x07, 0xe0, 0x00, 0x1f, 0xff, 0xff]); // red, green, blue, white
    const snap = t.lcd.snapshot();
    expect(rgb(snap, 256, 10)).toEqual([255, 0, 0]);
    expect(rgb(snap, 257, 10)).toEqual([0, 255, 0]);
    expect(rgb(snap, 256, 11)).toEqual([0, 0, 255]);
    expect(rgb(snap, 257, 11)).toEqual([255, 255, 255]);
    expect(t.spiIrq.level).toBe(false); // TRANS_DONE not enabled
    expect(t.s(S.SPI_DMA_INT_RAW) & S.SPI_TRANS_DONE_INT).toBeTruthy();
  });

  test('MADCTL rotation: the same write lands mirrored or exchanged in frame memory', () => {
    const cases: [number, [number, number]][] = [
      [0, [5, 7]],
      [L.MADCTL_MX, [239 - 5, 7]],
      [L.MADCTL_MY, [5, 319 - 7]],
      [L.MADCTL_MV, [7, 5]],
      [L.MADCTL_MV | L.MADCTL_MX | L.MADCTL_MY, [239 - 7, 319 - 5]],
    ];
    for (const [madctl, [column, row]] of cases) {
      const t = setup();
      initPanel(t, madctl);
      t.command(L.ST7789_CASET, [0, 5, 0, 5]);
      t.command(L.ST7789_RASET, [0, 7, 0, 7]);
      t.command(L.ST7789_RAMWR);
      t.cpuSend(true, [0xff, 0xff]);
      expect(t.lcd.pixelAt(column, row)).toBe(0x3ffff);
    }
  });

  test('pixels wrap at the window edge; a pixel split across transfers is kept', () => {
    const t = setup();
    initPanel(t, 0);
    t.command(L.ST7789_CASET, [0, 0, 0, 1]);
    t.command(L.ST7789_RASET, [0, 0, 0, 1]);
    t.command(L.ST7789_RAMWR);
    t.cpuSend(true, [0x00, 0x01, 0x00, 0x02, 0x00]);
    t.cpuSend(true, [0x03, 0x00, 0x04, 0x00, 0x05]); // 5th pixel wraps to (0,0)
    // Blue 5 -> 6 bits doubles: pixels 2, 3, 4 at (1,0), (0,1), (1,1).
    expect(t.lcd.pixelAt(1, 0) & 0x3f).toBe(0x04);
    expect(t.lcd.pixelAt(0, 1) & 0x3f).toBe(0x06);
    expect(t.lcd.pixelAt(1, 1) & 0x3f).toBe(0x08);
    expect(t.lcd.pixelAt(0, 0) & 0x3f).toBe(0x0a);
  });

  test("MV|MX (the landscape JOS's driver sets, written a run at a time): pixels wrap at the window edge and at its end, split pixels kept", () => {
    const t = setup();
    initPanel(t);
    t.command(L.ST7789_CASET, [0, 5, 0, 9]); // x 5..9
    t.command(L.ST7789_RASET, [0, 3, 0, 4]); // y 3..4
    t.command(L.ST7789_RAMWR);
    // 12 pixels, blue 1..12: ten fill the window, two wrap to its start.
    const bytes = Array.from({ length: 12 }, (_, k) => [0x00, k + 1]).flat();
    for (const [from, to] of [[0, 3], [3, 4], [4, 11], [11, 24]]) t.cpuSend(true, bytes.slice(from, to));
    const blue = (x: number, y: number) => t.lcd.pixelAt(239 - y, x) & 0x3f; // MV|MX: column 239 - y, row x
    expect([5, 6, 7, 8, 9].map((x) => blue(x, 3))).toEqual([11, 12, 3, 4, 5].map((v) => 2 * v));
    expect([5, 6, 7, 8, 9].map((x) => blue(x, 4))).toEqual([6, 7, 8, 9, 10].map((v) => 2 * v));
    expect(blue(4, 3)).toBe(0);
    expect(blue(10, 3)).toBe(0);
  });


  test('MV|MX by DMA from an odd address, then RGB666 over part of it: every pixel reads back as its 18-bit value', () => {
    const t = setup();
    initPanel(t);
    t.command(L.ST7789_CASET, [310 >> 8, 310 & 0xff, 0x01, 0x3f]); // x 310..319
    t.command(L.ST7789_RASET, [0, 7, 0, 8]); // y 7..8
    t.command(L.ST7789_RAMWR);
    // 20 RGB565 pixels p(k) = k * 0x0c63 + 0x0841 from an odd SRAM address.
    const p = (k: number) => (k * 0x0c63 + 0x0841) & 0xffff;
    const buffer = SRAM + 0x2001;
    for (let k = 0; k < 20; k++) {
      t.bus.write8(buffer + 2 * k, p(k) >> 8);
      t.bus.write8(buffer + 2 * k + 1, p(k) & 0xff);
    }
    t.chain(SRAM + 0x100, buffer, 40, 40);
    t.dmaSend(SRAM + 0x100, 40);
    const to666 = (v: number) => {
      const r5 = v >>> 11;
      const b5 = v & 0x1f;
      return (((r5 << 1) | (r5 >>> 4)) << 12) | (((v >>> 5) & 0x3f) << 6) | ((b5 << 1) | (b5 >>> 4));
    };
    const at = (x: number, y: number) => t.lcd.pixelAt(239 - y, x); // MV|MX: column 239 - y, row x
    for (let k = 0; k < 20; k++) expect(at(310 + (k % 10), 7 + Math.floor(k / 10))).toBe(to666(p(k)));
    // Two RGB666 pixels over the start of the second row, the rest kept.
    t.command(L.ST7789_COLMOD, [L.COLMOD_RGB666]);
    t.command(L.ST7789_RASET, [0, 8, 0, 8]);
    t.command(L.ST7789_RAMWR);
    t.cpuSend(true, [0xfc, 0x04, 0x08, 0x00, 0xfc, 0x00]);
    expect(at(310, 8)).toBe((0x3f << 12) | (0x01 << 6) | 0x02);
    expect(at(311, 8)).toBe(0x3f << 6);
    expect(at(312, 8)).toBe(to666(p(12)));
    expect(at(310, 7)).toBe(to666(p(0)));
    expect(rgb(t.lcd.snapshot(), 311, 8)).toEqual([0, 255, 0]);
  });
  test('INVON inverts, BGR exchanges red and blue, RGB666 takes three bytes', () => {
    const t = setup();
    initPanel(t, L.MADCTL_MV | L.MADCTL_MX | L.MADCTL_BGR);
    t.command(L.ST7789_COLMOD, [L.COLMOD_RGB666]);
    t.command(L.ST7789_CASET, [0, 0, 0, 0]);
    t.command(L.ST7789_RASET, [0, 0, 0, 0]);
    t.command(L.ST7789_RAMWR);
    t.cpuSend(true, [0xfc, 0x00, 0x00]);
    expect(rgb(t.lcd.snapshot(), 0, 0)).toEqual([0, 0, 255]);
    t.command(L.ST7789_INVON);
    expect(rgb(t.lcd.snapshot(), 0, 0)).toEqual([255, 255, 0]);
  });
});

describe('ST7789 command handling', () => {
  test('RAMWRC continues where RAMWR stopped; SWRESET restores the reset state', () => {
    const t = setup();
    initPanel(t, 0);
    t.command(L.ST7789_CASET, [0, 0, 0, 3]);
    t.command(L.ST7789_RASET, [0, 0, 0, 0]);
    t.command(L.ST7789_RAMWR);
    t.cpuSend(true, [0x00, 0x01, 0x00, 0x02]);
    t.command(L.ST7789_RAMWRC);
    t.cpuSend(true, [0x00, 0x03]);
    expect(t.lcd.pixelAt(2, 0) & 0x3f).toBe(0x06);
    t.command(L.ST7789_SWRESET);
    expect(rgb(t.lcd.snapshot(), 0, 239)).toEqual([0, 0, 0]); // asleep, display off
    // After reset the colour mode is 18-bit again: three bytes a pixel.
    t.command(L.ST7789_SLPOUT);
    t.command(L.ST7789_DISPON);
    t.command(L.ST7789_RAMWR);
    t.cpuSend(true, [0x00, 0x00, 0xfc]);
    expect(t.lcd.pixelAt(0, 0)).toBe(0x3f);
  });

  test('an unmodelled command is reported once and its parameters ignored', () => {
    const messages: string[] = [];
    let dc = false;
    const lcd = new L.St7789(() => dc, (m) => messages.push(m));
    const send = (data: boolean, bytes: number[]) => {
      dc = data;
      lcd.transfer(new Uint8Array(bytes));
    };
    send(false, [0xb2]); // PORCTRL
    send(true, [0x0c, 0x0c, 0x00, 0x33, 0x33]);
    send(false, [0xb2]);
    expect(messages).toEqual(['st7789: command 0xb2 not modelled; ignored']);
    send(false, [L.ST7789_MADCTL]);
    send(true, [L.MADCTL_MV]);
    send(false, [L.ST7789_SLPOUT, L.ST7789_DISPON, L.ST7789_RAMWR]);
    send(true, [0xff, 0xff, 0xff]);
    expect(lcd.pixelAt(0, 0)).toBe(0x3ffff); // MV: the first pixel still lands at (0,0)
  });
});

describe('GDMA channel 0 feeding SPI2', () => {
  test('a whole frame is one descriptor chain; SPI2 clocks it in 32 KiB transactions', () => {
    const t = setup();
    initPanel(t);
    t.command(L.ST7789_CASET, [0, 0, 0x01, 0x3f]);
    t.command(L.ST7789_RASET, [0, 0, 0, 239]);
    t.command(L.ST7789_RAMWR);
    const frame = SRAM + 0x1000;
    const bytes = 320 * 240 * 2;
    for (let i = 0; i < 320 * 240; i++) {
      const x = i % 320;
      t.bus.view.setUint16(0x1000 + 2 * i, x < 160 ? 0xf800 : 0x001f, false);
    }
    const count = t.chain(SRAM, frame, bytes, 4092);
    expect(count).toBe(38);
    g_enable(t);
    let left = bytes;
    let first = true;
    while (left > 0) {
      const n = Math.min(left, 32768);
      if (first) t.dmaSend(SRAM, n);
      else {
        t.s(S.SPI_MS_DLEN, n * 8 - 1);
        t.s(S.SPI_CMD, S.SPI_USR);
      }
      first = false;
      left -= n;
    }
    expect(t.spi.bytesSent).toBeGreaterThanOrEqual(bytes);
    expect(t.g(D.GDMA_INT_RAW_CH0) & D.GDMA_OUT_TOTAL_EOF_INT).toBeTruthy();
    expect(t.g(D.GDMA_OUT_EOF_DES_ADDR_CH0)).toBe(SRAM + 12 * 37);
    expect(t.dmaIrq.level).toBe(true);
    const snap = t.lcd.snapshot();
    expect(rgb(snap, 0, 0)).toEqual([255, 0, 0]);
    expect(rgb(snap, 159, 239)).toEqual([255, 0, 0]);
    expect(rgb(snap, 160, 120)).toEqual([0, 0, 255]);
    expect(rgb(snap, 319, 239)).toEqual([0, 0, 255]);
    t.g(D.GDMA_INT_CLR_CH0, 0xffffffff);
    expect(t.dmaIrq.level).toBe(false);
  });

  test('auto write-back hands descriptors back to the CPU (owner cleared)', () => {
    const t = setup();
    initPanel(t);
    t.command(L.ST7789_RAMWR);
    t.chain(SRAM, SRAM + 0x1000, 100, 40);
    t.g(D.GDMA_OUT_CONF0_CH0, D.GDMA_OUT_AUTO_WRBACK);
    t.dmaSend(SRAM, 100);
    for (let i = 0; i < 3; i++) expect(t.bus.read32(SRAM + 12 * i) & D.DMA_DESCRIPTOR_OWNER_DMA).toBe(0);
    expect(t.g(D.GDMA_INT_RAW_CH0) & D.GDMA_OUT_DONE_INT).toBeTruthy();
  });

  test('a descriptor the CPU still owns stops the channel with OUT_DSCR_ERR', () => {
    const t = setup();
    initPanel(t);
    t.command(L.ST7789_RAMWR);
    t.chain(SRAM, SRAM + 0x1000, 100, 40);
    t.bus.write32(SRAM + 12, (t.bus.read32(SRAM + 12) & ~D.DMA_DESCRIPTOR_OWNER_DMA) >>> 0);
    const before = t.spi.bytesSent;
    t.dmaSend(SRAM, 100);
    expect(t.spi.bytesSent - before).toBe(40); // only the first descriptor went out
    expect(t.g(D.GDMA_INT_RAW_CH0) & D.GDMA_OUT_DSCR_ERR_INT).toBeTruthy();
    expect(t.g(D.GDMA_INT_RAW_CH0) & D.GDMA_OUT_TOTAL_EOF_INT).toBe(0);
    // Without OUT_CHECK_OWNER the same chain goes through.
    const t2 = setup();
    t2.chain(SRAM, SRAM + 0x1000, 100, 40);
    t2.bus.write32(SRAM + 12, (t2.bus.read32(SRAM + 12) & ~D.DMA_DESCRIPTOR_OWNER_DMA) >>> 0);
    t2.g(D.GDMA_OUT_CONF1_CH0, 0);
    t2.dmaSend(SRAM, 100);
    expect(t2.g(D.GDMA_INT_RAW_CH0) & D.GDMA_OUT_TOTAL_EOF_INT).toBeTruthy();
  });

  test('a link outside internal SRAM is a descriptor error, not a crash', () => {
    const t = setup();
    t.g(D.GDMA_OUT_PERI_SEL_CH0, D.GDMA_PERIPHERAL_SPI2);
    t.g(D.GDMA_OUT_LINK_CH0, 0x10000 | D.GDMA_OUTLINK_START); // 0x3FC1_0000: not RAM
    expect(t.g(D.GDMA_INT_RAW_CH0) & D.GDMA_OUT_DSCR_ERR_INT).toBeTruthy();
    t.chain(SRAM, 0x5000_0000, 16, 16); // buffer pointer to nowhere
    t.g(D.GDMA_INT_CLR_CH0, 0xffffffff);
    t.dmaSend(SRAM, 16);
    expect(t.g(D.GDMA_INT_RAW_CH0) & D.GDMA_OUT_DSCR_ERR_INT).toBeTruthy();
    // The same SRAM through the instruction bus is RAM, but not the DMA's.
    t.bus.mapRam('iram alias', 0x4038_0000, 256 << 10, 0);
    t.chain(SRAM, 0x4038_1000, 16, 16);
    t.g(D.GDMA_INT_CLR_CH0, 0xffffffff);
    const before = t.spi.bytesSent;
    t.dmaSend(SRAM, 16);
    expect(t.g(D.GDMA_INT_RAW_CH0) & D.GDMA_OUT_DSCR_ERR_INT).toBeTruthy();
    expect(t.spi.bytesSent).toBe(before);
  });
});

function g_enable(t: ReturnType<typeof setup>) {
  t.g(D.GDMA_INT_ENA_CH0, D.GDMA_OUT_TOTAL_EOF_INT);
}

describe('GDMA link control', () => {
  test('STOP parks the channel; RESTART continues after the last descriptor used', () => {
    const t = setup();
    initPanel(t);
    t.command(L.ST7789_RAMWR);
    t.chain(SRAM, SRAM + 0x1000, 120, 40);
    const before = t.spi.bytesSent;
    t.dmaSend(SRAM, 40); // exactly the first descriptor
    expect(t.g(D.GDMA_OUT_DSCR_BF0_CH0)).toBe(SRAM);
    t.g(D.GDMA_OUT_LINK_CH0, D.GDMA_OUTLINK_STOP);
    expect(t.g(D.GDMA_OUT_LINK_CH0) & D.GDMA_OUTLINK_PARK).toBeTruthy();
    t.s(S.SPI_CMD, S.SPI_USR); // SPI clocks, the stopped DMA gives nothing
    expect(t.spi.bytesSent - before).toBe(40);
    t.g(D.GDMA_OUT_LINK_CH0, D.GDMA_OUTLINK_RESTART);
    t.s(S.SPI_MS_DLEN, 80 * 8 - 1);
    t.s(S.SPI_CMD, S.SPI_USR);
    expect(t.spi.bytesSent - before).toBe(120);
    expect(t.g(D.GDMA_INT_RAW_CH0) & D.GDMA_OUT_TOTAL_EOF_INT).toBeTruthy();
  });
});
