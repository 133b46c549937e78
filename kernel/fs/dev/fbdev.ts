/**
 * /dev/fb0: the board's screen as Linux's fbdev offers it — 320x200, 8 bits
 * per pixel, a 256-entry palette (FBIOGETCMAP/FBIOPUTCMAP), read/write/
 * pwrite of the pixels and mmap of them. The pixels live in a shadow
 * buffer of RAM frames (allocated at the first open, kept, as a driver's
 * video memory is); FBIOPAN_DISPLAY (and every write) presents it through
 * the Display HAL: VGA mode 13h on pc, the LCD on esp32c3, whose driver
 * converts to RGB565. This is Linux's "deferred I/O" model for displays
 * that are not memory-mapped (SPI panels): the program draws into memory
 * and tells the driver when a frame is complete.
 *
 * Opening it takes the screen from the text console (one opener at a
 * time: EBUSY); the last close gives it back, in text mode, with what the
 * console printed meanwhile — so the console returns when the program
 * exits or dies (exit closes its descriptors).
 */
import type { Display } from '../../../hal/display';
import type { PhysicalMemory } from '../../../hal/physical-memory';
import type { FrameAllocator } from '../../mm/frame-allocator';
import { PAGE_SIZE } from '../../mm/frame-allocator';
import type { ScreenConsole } from '../../console/screen-console';
import { EBUSY, EFAULT, EFBIG, EINVAL, ENOMEM, ENOSPC, ENOTTY, fail } from '../../syscall/errno';
import type { Inode, IoctlMemory } from '../inode';
import {
  FBIOBLANK, FBIOGETCMAP, FBIOGET_FSCREENINFO, FBIOGET_VSCREENINFO, FBIOPAN_DISPLAY, FBIOPUTCMAP, FBIOPUT_VSCREENINFO,
  VAR_SCREENINFO_BYTES, cmapBytes, decodeCmap, decodeVarScreeninfo, encodeFixScreeninfo, encodeVarScreeninfo,
} from './fb-structs';
import { DEVFS_DEV } from './device-directory';

const FB_MAJOR = 29;
const PALETTE_SIZE = 256;
/** The screen's size in millimetres, as fb_var_screeninfo reports it (a
 * 4:3 monitor's picture; the esp32c3's 2-inch panel is smaller, but
 * programs use these only for aspect ratio). */
const WIDTH_MM = 320;
const HEIGHT_MM = 240;

export interface IoctlUserMemory extends IoctlMemory {
  read?(address: number, length: number): Uint8Array | null;
}

export class FramebufferDevice implements Inode {
  readonly kind = 'char-device' as const;
  readonly permissions = 0o660;
  readonly nlink = 1;
  readonly mtimeNs = 0;
  readonly dev = DEVFS_DEV;
  readonly rdev = (FB_MAJOR << 8) | 0;
  readonly seekable = true;
  readonly width: number;
  readonly height: number;
  /** Bytes of pixels (width * height), and of the mappable memory (pages). */
  readonly frameBytes: number;
  readonly memoryBytes: number;
  /** The shadow buffer's frames, in order; empty until the first open. */
  frames: number[] = [];
  /** The palette as fb_cmap keeps it: 16-bit components. */
  readonly red = new Uint16Array(PALETTE_SIZE);
  readonly green = new Uint16Array(PALETTE_SIZE);
  readonly blue = new Uint16Array(PALETTE_SIZE);
  open = false;
  presented = 0;
  private readonly staging: Uint8Array;
  private readonly memoryObject = new FramebufferMemory(this);

  constructor(
    readonly ino: number,
    private readonly display: Display,
    private readonly console: ScreenConsole | null,
    private readonly memory: PhysicalMemory,
    private readonly allocator: FrameAllocator,
    private readonly wordSize: 4 | 8,
  ) {
    this.width = display.graphicsWidth;
    this.height = display.graphicsHeight;
    this.frameBytes = this.width * this.height;
    this.memoryBytes = Math.ceil(this.frameBytes / PAGE_SIZE) * PAGE_SIZE;
    this.staging = new Uint8Array(this.memoryBytes);
  }

  get size(): number {
    return 0;
  }

  /** Called before a new open file description is made: one at a time. */
  beforeOpen(): void {
    if (this.open) fail(EBUSY);
    if (this.frames.length === 0) this.allocateShadow();
    this.open = true;
    this.console?.suspend();
    this.display.setMode('graphics');
    for (const frame of this.frames) this.memory.fill(frame, PAGE_SIZE, 0);
    this.loadDefaultPalette();
  }

  closed(): void {
    if (!this.open) return;
    this.open = false;
    this.display.setMode('text');
    this.console?.resume();
  }

  read(offset: number, into: Uint8Array): number {
    const n = Math.max(0, Math.min(into.length, this.memoryBytes - offset));
    this.copyOut(offset, into.subarray(0, n));
    return n;
  }

  /** Pixels at `offset`, then the frame is shown. As Linux's fb_write:
   * a write that runs past the end is cut short; one that starts past
   * it is EFBIG, one that starts at it ENOSPC. */
  write(offset: number, from: Uint8Array): number {
    if (from.length === 0) return 0;
    if (offset > this.memoryBytes) fail(EFBIG);
    if (offset === this.memoryBytes) fail(ENOSPC);
    const n = Math.min(from.length, this.memoryBytes - offset);
    this.copyIn(offset, from.subarray(0, n));
    this.present();
    return n;
  }

  ioctl(request: number, argument: number, user: IoctlUserMemory): number {
    switch (request) {
      case FBIOGET_VSCREENINFO:
        return user.write(argument, this.varInfo()) ? 0 : -EFAULT;
      case FBIOPUT_VSCREENINFO:
      case FBIOPAN_DISPLAY: {
        const bytes = user.read?.(argument, VAR_SCREENINFO_BYTES);
        if (!bytes) return -EFAULT;
        const mode = decodeVarScreeninfo(bytes);
        // One mode, no panning: anything else is refused, as a fixed-mode
        // driver does.
        if (mode.xoffset !== 0 || mode.yoffset !== 0) return -EINVAL;
        if (request === FBIOPUT_VSCREENINFO) {
          if (mode.xres !== this.width || mode.yres !== this.height || mode.bitsPerPixel !== 8) return -EINVAL;
          return user.write(argument, this.varInfo()) ? 0 : -EFAULT;
        }
        this.present();
        return 0;
      }
      case FBIOGET_FSCREENINFO:
        return user.write(argument, encodeFixScreeninfo({ id: 'JOS fb', smemLength: this.memoryBytes, lineLength: this.width }, this.wordSize)) ? 0 : -EFAULT;
      case FBIOGETCMAP:
      case FBIOPUTCMAP:
        return this.colormap(request === FBIOPUTCMAP, argument, user);
      case FBIOBLANK:
        return 0;
      default:
        return -ENOTTY;
    }
  }

  /** mmap(2) of the memory, MAP_SHARED: the mapping's pages are the shadow
   * buffer's frames themselves (the device owns them; mappings only
   * count). As Linux's fb_mmap: a range past the memory is EINVAL. The
   * caller (sys-mem) maps page pageOffset + i at the area's page i. */
  mmap(pageOffset: number, pages: number, _prot: number): FramebufferMemory | number {
    if (this.frames.length === 0) return -EINVAL;
    if (pageOffset < 0 || pages <= 0 || pageOffset + pages > this.frames.length) return -EINVAL;
    this.memoryObject.retain(); // the caller's reference
    return this.memoryObject;
  }

  /** The physical frame of page `pageIndex` of the memory, -1 past it. */
  frameAt(pageIndex: number): number {
    return pageIndex >= 0 && pageIndex < this.frames.length ? this.frames[pageIndex] : -1;
  }

  /** Sends the shadow buffer to the screen. */
  present(): void {
    if (!this.open) return;
    this.copyOut(0, this.staging);
    this.display.presentFrame(this.staging.subarray(0, this.frameBytes));
    this.presented++;
  }

  private varInfo(): Uint8Array {
    return encodeVarScreeninfo({ xres: this.width, yres: this.height, bitsPerPixel: 8, xoffset: 0, yoffset: 0 }, WIDTH_MM, HEIGHT_MM);
  }

  /** fb_cmap in and out: `length` entries from `start`, 16 bits each. */
  private colormap(put: boolean, argument: number, user: IoctlUserMemory): number {
    const header = user.read?.(argument, cmapBytes(this.wordSize));
    if (!header) return -EFAULT;
    const cmap = decodeCmap(header, this.wordSize);
    if (cmap.start >= PALETTE_SIZE || cmap.length > PALETTE_SIZE - cmap.start) return -EINVAL;
    const n = cmap.length;
    const bytes = n * 2;
    const components: [Uint16Array, number][] = [
      [this.red, cmap.red],
      [this.green, cmap.green],
      [this.blue, cmap.blue],
    ];
    if (put) {
      const values: Uint16Array[] = [];
      for (const [, pointer] of components) {
        const data = n === 0 ? new Uint8Array(0) : user.read?.(pointer, bytes);
        if (!data) return -EFAULT;
        values.push(new Uint16Array(data.slice().buffer));
      }
      for (let i = 0; i < n; i++) {
        const index = cmap.start + i;
        this.red[index] = values[0][i];
        this.green[index] = values[1][i];
        this.blue[index] = values[2][i];
        this.display.setPalette(index, values[0][i] >>> 8, values[1][i] >>> 8, values[2][i] >>> 8);
      }
      return 0;
    }
    for (const [table, pointer] of components) {
      const out = new Uint8Array(table.slice(cmap.start, cmap.start + n).buffer);
      if (n > 0 && !user.write(pointer, out)) return -EFAULT;
    }
    // transp, when given, reads as opaque (0).
    if (cmap.transp !== 0 && n > 0 && !user.write(cmap.transp, new Uint8Array(bytes))) return -EFAULT;
    return 0;
  }

  /** A grey ramp until the program loads its palette. */
  private loadDefaultPalette(): void {
    for (let i = 0; i < PALETTE_SIZE; i++) {
      const v = i * 0x101;
      this.red[i] = this.green[i] = this.blue[i] = v;
      this.display.setPalette(i, i, i, i);
    }
  }

  private allocateShadow(): void {
    const pages = this.memoryBytes / PAGE_SIZE;
    for (let i = 0; i < pages; i++) {
      const frame = this.allocator.alloc();
      if (frame < 0) {
        for (const f of this.frames) this.allocator.release(f);
        this.frames = [];
        fail(ENOMEM);
      }
      this.frames.push(frame);
    }
  }

  private copyOut(offset: number, into: Uint8Array): void {
    for (let done = 0; done < into.length; ) {
      const at = offset + done;
      const inPage = at % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - inPage, into.length - done);
      this.memory.read(this.frames[Math.floor(at / PAGE_SIZE)] + inPage, into.subarray(done, done + n));
      done += n;
    }
  }

  private copyIn(offset: number, from: Uint8Array): void {
    for (let done = 0; done < from.length; ) {
      const at = offset + done;
      const inPage = at % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - inPage, from.length - done);
      this.memory.write(this.frames[Math.floor(at / PAGE_SIZE)] + inPage, from.subarray(done, done + n));
      done += n;
    }
  }
}

/** The device's memory as a shared mapping's object (kernel/mm's
 * MemoryObject): page i is the shadow buffer's frame i. The frames stay
 * the device's: retain/release only count the mappings. */
export class FramebufferMemory {
  readonly name = '/dev/fb0';
  mappings = 0;

  constructor(private readonly device: FramebufferDevice) {}

  /** The frame of page `index`; -1 (PAGE_BEYOND_END: SIGBUS) past the end. */
  frameAt(index: number): number {
    return this.device.frameAt(index);
  }

  retain(): void {
    this.mappings++;
  }

  release(): void {
    this.mappings--;
  }
}
