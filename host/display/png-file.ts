/**
 * PNG files through pngjs: 8-bit RGBA, no interlace.
 */
import * as fs from 'fs';
import { PNG } from 'pngjs';
import type { RgbaImage } from './rgba-image';

export function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.rgba.buffer, image.rgba.byteOffset, image.width * image.height * 4);
  return PNG.sync.write(png, { colorType: 6 });
}

export function decodePng(data: Buffer): RgbaImage {
  const png = PNG.sync.read(data);
  return { width: png.width, height: png.height, rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
}

export function writePng(path: string, image: RgbaImage): void {
  try {
    fs.writeFileSync(path, encodePng(image));
  } catch (error) {
    throw new Error(`cannot write screenshot ${path}: ${(error as Error).message}`);
  }
}

export function readPng(path: string): RgbaImage {
  return decodePng(fs.readFileSync(path));
}
