import 'reflect-metadata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assembleBoard } from '../../boards/assemble';
import { esp32c3Board } from '../../boards/esp32c3';
import { pcBoard } from '../../boards/pc';
import { DISK_SLOT, DiskMedium, DiskSlot, openDisk } from '../../host/disk/disk-session';
import { openDisplay } from '../../host/display/display-session';
import { readPng } from '../../host/display/png-file';
import { KEYBOARD_SCANCODES, keyboardMode, openKeyboard } from '../../host/keyboard/keyboard-session';
import { UsageError } from '../../host/run-command';
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
    expect(openDisk(board(pcBoard, { disk: null }), undefined).image).toBeNull();
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
    expect(() => openKeyboard(board(pcBoard, { scancodes: null }), options)).toThrow(/pc board has no PS\/2 keyboard yet/);
    const session = openKeyboard(board(pcBoard, { scancodes: { sendScancodes: () => {} } }), options);
    expect(session.mode).toBe('device');
    session.close();
  });
});
