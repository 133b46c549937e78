/**
 * An RGBA picture: what every renderer produces and every sink (PNG file,
 * terminal view) consumes. 4 bytes per pixel, rows top to bottom.
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export function blankImage(width: number, height: number): RgbaImage {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 0xff;
  return { width, height, rgba };
}
