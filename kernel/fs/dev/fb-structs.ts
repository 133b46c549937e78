/**
 * The fbdev ioctl structures of Linux's include/uapi/linux/fb.h, encoded
 * for a user ABI of 4- or 8-byte longs: fb_var_screeninfo (40 u32s on
 * both), fb_fix_screeninfo (unsigned longs for its two addresses, so 68
 * bytes on riscv32 and 80 on x86_64) and fb_cmap (four pointers).
 */

export const FBIOGET_VSCREENINFO = 0x4600;
export const FBIOPUT_VSCREENINFO = 0x4601;
export const FBIOGET_FSCREENINFO = 0x4602;
export const FBIOGETCMAP = 0x4604;
export const FBIOPUTCMAP = 0x4605;
export const FBIOPAN_DISPLAY = 0x4606;
export const FBIOBLANK = 0x4611;

export const FB_TYPE_PACKED_PIXELS = 0;
export const FB_VISUAL_PSEUDOCOLOR = 3;
export const VAR_SCREENINFO_BYTES = 160;

/** What a mode is: the fields of fb_var_screeninfo a program may change. */
export interface FbMode {
  xres: number;
  yres: number;
  bitsPerPixel: number;
  xoffset: number;
  yoffset: number;
}

/** fb_var_screeninfo for an 8-bit pseudocolour mode: each colour
 * component is 8 bits at offset 0 (the palette index), as Linux's VGA
 * and 8-bit fbdev drivers report it. */
export function encodeVarScreeninfo(mode: FbMode, physicalWidthMm: number, physicalHeightMm: number): Uint8Array {
  const bytes = new Uint8Array(VAR_SCREENINFO_BYTES);
  const v = new DataView(bytes.buffer);
  const u32 = (index: number, value: number) => v.setUint32(index * 4, value >>> 0, true);
  u32(0, mode.xres);
  u32(1, mode.yres);
  u32(2, mode.xres); // xres_virtual
  u32(3, mode.yres); // yres_virtual
  u32(4, mode.xoffset);
  u32(5, mode.yoffset);
  u32(6, mode.bitsPerPixel);
  // red, green, blue: {offset 0, length 8, msb_right 0}; transp all 0.
  for (const field of [9, 12, 15]) u32(field, 8);
  u32(22, physicalHeightMm); // height (mm)
  u32(23, physicalWidthMm); // width (mm)
  u32(24, 0xffffffff); // accel_flags: none, as unknown
  return bytes;
}

/** The fields of a program's fb_var_screeninfo that FBIOPUT / PAN read. */
export function decodeVarScreeninfo(bytes: Uint8Array): FbMode {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (index: number) => v.getUint32(index * 4, true);
  return { xres: u32(0), yres: u32(1), xoffset: u32(4), yoffset: u32(5), bitsPerPixel: u32(6) };
}

export interface FixScreeninfo {
  id: string;
  smemLength: number;
  lineLength: number;
}

export function fixScreeninfoBytes(wordSize: 4 | 8): number {
  return wordSize === 8 ? 80 : 68;
}

export function encodeFixScreeninfo(info: FixScreeninfo, wordSize: 4 | 8): Uint8Array {
  const bytes = new Uint8Array(fixScreeninfoBytes(wordSize));
  const v = new DataView(bytes.buffer);
  const id = new TextEncoder().encode(info.id).subarray(0, 15);
  bytes.set(id, 0);
  // smem_start (an unsigned long) stays 0: no physical address is given
  // away, as Linux does for unprivileged readers.
  const after = 16 + wordSize; // smem_len
  v.setUint32(after, info.smemLength, true);
  v.setUint32(after + 4, FB_TYPE_PACKED_PIXELS, true);
  v.setUint32(after + 8, 0, true); // type_aux
  v.setUint32(after + 12, FB_VISUAL_PSEUDOCOLOR, true);
  // xpanstep, ypanstep, ywrapstep (u16) at +16..+21: no panning.
  v.setUint32(alignTo(after + 22, 4), info.lineLength, true);
  return bytes;
}

/** struct fb_cmap: start, len, then pointers to red, green, blue, transp. */
export interface Cmap {
  start: number;
  length: number;
  red: number;
  green: number;
  blue: number;
  transp: number;
}

export function cmapBytes(wordSize: 4 | 8): number {
  return 8 + 4 * wordSize;
}

export function decodeCmap(bytes: Uint8Array, wordSize: 4 | 8): Cmap {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pointer = (at: number) => (wordSize === 8 ? Number(v.getBigUint64(at, true)) : v.getUint32(at, true));
  return { start: v.getUint32(0, true), length: v.getUint32(4, true), red: pointer(8), green: pointer(8 + wordSize), blue: pointer(8 + 2 * wordSize), transp: pointer(8 + 3 * wordSize) };
}

function alignTo(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
