import 'reflect-metadata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assembleBoard } from '../../boards/assemble';
import { esp32c3Board } from '../../boards/esp32c3';
import { pcBoard } from '../../boards/pc';
import { openDisk } from '../../host/disk/disk-session';
import { DISK_SLOT, DiskMedium, DiskSlot } from '../../platform/pc/sector-store';
import { openDisplay } from '../../host/display/display-session';
import { readPng } from '../../host/display/png-file';
import { KEYBOARD_SCANCODES, keyboardMode, openKeyboard } from '../../host/keyboard/keyboard-session';
import { UsageError } from '../../host/usage-error';
import { ESP32C3_FLASH } from '../../boards/esp32c3';
import { FLASH_PP, FLASH_SE, FLASH_WREN, SpiFlashChip } from '../../platform/esp32c3/spi-flash-chip';
import { SCREEN, ScreenSource } from '../../platform/screen';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jos-host-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A board with its own screen/disk/keyboard bindings replaced by fakes (or removed). */
function board(def = pcBoard, bindings: { screen?: ScreenSource | null; disk?: DiskSlot | null; scancodes?: object | null } = {}) {
  const b = assembleBoard(def, { memoryBytes: def.defaultMemoryBytes });
  const rebind = (token: symbol, value: unknown) => {
    if (b.container.isBound(token)) b.container.unbindSync(token);
    if (value) b.container.bind(token).toConstantValue(value);
  };
  if ('screen' in bindings) rebind(SCREEN, bindings.screen);
  if ('disk' in bindings) rebind(DISK_SLOT, bindings.disk);
  if ('scancodes' in bindings) rebind(KEYBOARD_SCANCODES, bindings.scancodes);
  return b;
}

const greenScreen: ScreenSource = { snapshot: () => ({ kind: 'pixels', width: 3, height: 2, rgba: new Uint8Array(24).fill(0).map((_, i) => (i % 4 === 1 || i % 4 === 3 ? 255 : 0)) }) };

describe('display session', () => {
  it('writes --screenshot FILE at exit', () => {
    const file = path.join(dir, 'exit.png');
    const session = openDisplay(board(pcBoard, { screen: greenScreen }), { screenshot: file, serial: 'none' });
    expect(session.mode).toBe('png');
    session.start();
    session.close(true);
    const png = readPng(file);
    expect([png.width, png.height, png.rgba[1]]).toEqual([3, 2, 255]);
  });

  it('explains a board with no screen, and option mistakes', () => {
    const noScreen = board(esp32c3Board, { screen: null });
    expect(() => openDisplay(noScreen, { screenshot: 'x.png', serial: 'none' })).toThrow(/esp32c3 board has no screen yet/);
    const withScreen = board(pcBoard, { screen: greenScreen });
    expect(() => openDisplay(withScreen, { display: 'png', serial: 'none' })).toThrow(/--display png needs --screenshot/);
    expect(() => openDisplay(withScreen, { screenshotEvery: '1', serial: 'none' })).toThrow(/needs --screenshot FILE/);
    expect(() => openDisplay(withScreen, { screenshot: 'x.png', screenshotEvery: '0', serial: 'none' })).toThrow(UsageError);
    expect(() => openDisplay(withScreen, { display: 'none', screenshot: 'x.png', serial: 'none' })).toThrow(/--display none/);
    expect(openDisplay(noScreen, { serial: 'none' }).mode).toBe('none'); // no display wanted: no screen needed
    expect(() => openDisplay(withScreen, { screenshot: path.join(dir, 'nope', 'x.png'), serial: 'none' })).toThrow(/cannot write into .*nope \(no such directory\)/);
  });
});

describe('disk session', () => {
  class FakeSlot implements DiskSlot {
    geometry = { sectorSize: 512, deviceName: 'ATA disk' };
    medium: DiskMedium | null = null;
    insert(medium: DiskMedium): void {
      this.medium = medium;
    }
  }

  it('puts the image into the device; guest writes reach the file on the guest flush and at a clean exit', () => {
    const file = path.join(dir, 'disk.img');
    fs.writeFileSync(file, Buffer.alloc(4096, 0x11));
    const slot = new FakeSlot();
    const session = openDisk(board(pcBoard, { disk: slot }), file);
    const medium = slot.medium!;
    expect(medium.readOnly).toBe(false);
    expect(medium.data.length).toBe(4096);
    medium.data[600] = 0x22;
    medium.written(600, 1);
    expect(fs.readFileSync(file)[600]).toBe(0x11);
    medium.flush();
    expect(fs.readFileSync(file)[600]).toBe(0x22);
    medium.data[4000] = 0x33;
    medium.written(4000, 1);
    session.close(true);
    expect(fs.readFileSync(file)[4000]).toBe(0x33);
  });

  it('never modifies a ,ro image, and drops writes after an error exit', () => {
    const file = path.join(dir, 'ro.img');
    fs.writeFileSync(file, Buffer.alloc(1024, 0x44));
    const slot = new FakeSlot();
    const ro = openDisk(board(pcBoard, { disk: slot }), `${file},ro`);
    expect(slot.medium!.readOnly).toBe(true);
    slot.medium!.data.fill(0);
    slot.medium!.written(0, 1024);
    slot.medium!.flush();
    ro.close(true);
    expect(fs.readFileSync(file).every((b) => b === 0x44)).toBe(true);

    const rw = openDisk(board(pcBoard, { disk: slot }), file);
    slot.medium!.data[0] = 0;
    slot.medium!.written(0, 1);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    rw.close(false);
    expect(stderr).toHaveBeenCalledWith(expect.stringMatching(/1 changed sectors not written back/));
    stderr.mockRestore();
    expect(fs.readFileSync(file)[0]).toBe(0x44);
  });

  it('explains a board with no block device and a missing image', () => {
    expect(() => openDisk(board(pcBoard, { disk: null }), 'x.img')).toThrow(/pc board has no block device yet/);
    expect(() => openDisk(board(pcBoard, { disk: new FakeSlot() }), path.join(dir, 'missing.img'))).toThrow(/missing\.img: no such file/);
    expect(openDisk(board(pcBoard, { disk: null }), undefined).save()).toBe(0);
  });
});

describe('disk session on the esp32c3 flash', () => {
  it('loads the flash from the image and saves what the guest changed, never for ,ro', () => {
    const file = path.join(dir, 'flash.bin');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const b = board(esp32c3Board);
    const chip = b.container.get<SpiFlashChip>(ESP32C3_FLASH);
    const session = openDisk(b, file);
    expect(chip.image[8191]).toBe(0x5a);
    expect(chip.image[8192]).toBe(0xff); // past a short image: erased
    // The guest erases sector 1 and programs a byte there, as its driver would.
    chip.command(FLASH_WREN, null, new Uint8Array(0), 0);
    chip.command(FLASH_SE, 4096, new Uint8Array(0), 0);
    chip.command(FLASH_WREN, null, new Uint8Array(0), 0);
    chip.command(FLASH_PP, 4100, new Uint8Array([0x12]), 0);
    // In the file at once (a SIGKILL of the host now loses nothing).
    expect(fs.readFileSync(file)[4100]).toBe(0x12);
    session.close(true);
    const after = fs.readFileSync(file);
    expect(after.length).toBe(8192);
    expect(after[4096]).toBe(0xff);
    expect(after[4100]).toBe(0x12);
    expect(after[0]).toBe(0x5a);

    const ro = board(esp32c3Board);
    const roChip = ro.container.get<SpiFlashChip>(ESP32C3_FLASH);
    const roSession = openDisk(ro, `${file},ro`);
    roChip.command(FLASH_WREN, null, new Uint8Array(0), 0);
    roChip.command(FLASH_SE, 0, new Uint8Array(0), 0);
    roSession.close(true);
    expect(fs.readFileSync(file)).toEqual(after);
  });

  it('refuses an image larger than the flash, with the sizes', () => {
    const file = path.join(dir, 'big.bin');
    fs.writeFileSync(file, Buffer.alloc((16 << 20) + 1));
    expect(() => openDisk(board(esp32c3Board), file)).toThrow(/16777217 bytes do not fit the 16 MiB SPI flash \(16777216 bytes\)/);
  });
});

describe('keyboard session', () => {
  it('sends keys to the device with the terminal view and to serial otherwise, unless told', () => {
    expect(keyboardMode(undefined, 'term')).toBe('device');
    expect(keyboardMode(undefined, 'png')).toBe('serial');
    expect(keyboardMode('serial', 'term')).toBe('serial');
    expect(() => keyboardMode('usb', 'none')).toThrow(/invalid --keyboard "usb"/);
  });

  it('explains a pc with no PS/2 keyboard when device keys are asked for', () => {
    const options = { keyboard: 'device', serial: 'none', displayMode: 'none' as const, pane: null, quit: () => {}, wake: () => {} };
    expect(() => openKeyboard(board(pcBoard, { scancodes: null }), options)).toThrow(/pc board has no keyboard device yet/);
    const session = openKeyboard(board(pcBoard, { scancodes: { key: () => true } }), options);
    expect(session.mode).toBe('device');
    session.close();
  });
});
