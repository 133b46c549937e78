/**
 * Golden pictures: a rendered image is compared pixel for pixel with a
 * committed PNG in tests/host/golden/. After reviewing a deliberate change,
 * rewrite the goldens with
 *
 *   UPDATE_GOLDEN=1 npx jest tests/host
 *
 * On a mismatch the actual picture is written next to the golden as
 * NAME.actual.png (not committed) so it can be looked at.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readPng, writePng } from '../../host/display/png-file';
import type { RgbaImage } from '../../host/display/rgba-image';

export const GOLDEN_DIR = path.join(__dirname, 'golden');

export function updatingGoldens(): boolean {
  return process.env.UPDATE_GOLDEN === '1';
}

/** Undefined when the picture matches; otherwise what differs. */
export function compareWithGolden(image: RgbaImage, name: string): string | undefined {
  const file = path.join(GOLDEN_DIR, `${name}.png`);
  const actualFile = path.join(GOLDEN_DIR, `${name}.actual.png`);
  if (updatingGoldens()) {
    writePng(file, image);
    if (fs.existsSync(actualFile)) fs.unlinkSync(actualFile);
    return undefined;
  }
  if (!fs.existsSync(file)) return `no golden ${file}: review the picture, then run UPDATE_GOLDEN=1 npx jest tests/host`;
  const golden = readPng(file);
  const problem = difference(image, golden);
  if (problem) writePng(actualFile, image);
  else if (fs.existsSync(actualFile)) fs.unlinkSync(actualFile);
  return problem && `${problem} (actual picture written to ${actualFile})`;
}

function difference(actual: RgbaImage, golden: RgbaImage): string | undefined {
  if (actual.width !== golden.width || actual.height !== golden.height) {
    return `size ${actual.width}x${actual.height}, golden ${golden.width}x${golden.height}`;
  }
  let count = 0;
  let first = '';
  for (let p = 0; p < actual.width * actual.height; p++) {
    for (let c = 0; c < 4; c++) {
      if (actual.rgba[p * 4 + c] !== golden.rgba[p * 4 + c]) {
        if (count === 0) first = `(${p % actual.width}, ${Math.floor(p / actual.width)})`;
        count++;
        break;
      }
    }
  }
  return count === 0 ? undefined : `${count} pixels differ from the golden, the first at ${first}`;
}
