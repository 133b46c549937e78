import { UPPER_HALF_BLOCK, downscale, encodeHalfBlocks, fitSize } from '../../host/display/half-blocks';

describe('terminal half blocks', () => {
  it('fits a picture into columns x 2*rows pixels, keeping its shape and never enlarging', () => {
    expect(fitSize(640, 400, 160, 50)).toEqual({ width: 160, height: 100 });
    expect(fitSize(640, 400, 80, 24)).toEqual({ width: 76, height: 48 });
    expect(fitSize(320, 240, 400, 200)).toEqual({ width: 320, height: 240 });
  });

  it('averages the source pixels each target pixel covers', () => {
    const rgba = new Uint8Array([0, 0, 0, 255, 200, 100, 50, 255, 100, 100, 100, 255, 0, 0, 0, 255]);
    const small = downscale({ width: 2, height: 2, rgba }, 1, 1);
    expect(Array.from(small.rgba)).toEqual([75, 50, 38, 255]);
  });

  it('draws two pixels per cell: foreground = upper, background = lower, colours sent only when they change', () => {
    // 2x3 picture: rows red/red, green/blue, white/white.
    const px = [[255, 0, 0], [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255], [255, 255, 255]];
    const rgba = new Uint8Array(px.flatMap((p) => [...p, 255]));
    const text = encodeHalfBlocks({ width: 2, height: 3, rgba }, 5, 10);
    const B = UPPER_HALF_BLOCK;
    expect(text).toBe(
      '\x1b[5;10H' +
        '\x1b[38;2;255;0;0;48;2;0;255;0m' + B + '\x1b[48;2;0;0;255m' + B + '\x1b[0m' +
        '\x1b[6;10H' +
        '\x1b[38;2;255;255;255;48;2;0;0;0m' + B + B + '\x1b[0m',
    );
  });

  it('given the image drawn last time, draws only the cells that changed, each run after a cursor move', () => {
    // 4x2: one row of cells. Cells 1 and 2 change (one in the upper pixel,
    // one in the lower); cells 0 and 3 do not.
    const px = (cells: number[][]) => new Uint8Array(cells.flatMap((p) => [...p, 255]));
    const K = [0, 0, 0];
    const W = [255, 255, 255];
    const R = [255, 0, 0];
    const before = { width: 4, height: 2, rgba: px([K, K, K, K, W, W, W, W]) };
    const after = { width: 4, height: 2, rgba: px([K, R, K, K, W, W, R, W]) };
    const B = UPPER_HALF_BLOCK;
    expect(encodeHalfBlocks(after, 3, 7, before)).toBe(
      '\x1b[3;8H\x1b[38;2;255;0;0;48;2;255;255;255m' + B + '\x1b[38;2;0;0;0;48;2;255;0;0m' + B + '\x1b[0m',
    );
    // Cells 0 and 2 change: two runs, each placed.
    const apart = { width: 4, height: 2, rgba: px([R, K, R, K, W, W, W, W]) };
    expect(encodeHalfBlocks(apart, 3, 7, before)).toBe(
      '\x1b[3;7H\x1b[38;2;255;0;0;48;2;255;255;255m' + B + '\x1b[3;9H' + B + '\x1b[0m',
    );
    expect(encodeHalfBlocks(after, 3, 7, after)).toBe('');
    // Another size: drawn in full.
    expect(encodeHalfBlocks(after, 3, 7, { width: 2, height: 2, rgba: px([K, K, W, W]) })).toBe(encodeHalfBlocks(after, 3, 7));
  });
});
