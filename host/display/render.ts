/**
 * A screen snapshot to an RGBA picture: text mode through the font, a
 * pixel snapshot as it is (checked, so a device bug cannot crash the host).
 */
import type { ScreenSnapshot } from '../../platform/screen';
import type { RgbaImage } from './rgba-image';
import { renderText } from './text-renderer';

export function renderSnapshot(snapshot: ScreenSnapshot): RgbaImage {
  if (snapshot.kind === 'text') return renderText(snapshot);
  const { width, height, rgba } = snapshot;
  if (!(width > 0 && height > 0) || rgba.length < width * height * 4) {
    throw new Error(`pixel snapshot of ${width}x${height} has ${rgba.length} bytes`);
  }
  return { width, height, rgba: rgba.length === width * height * 4 ? rgba : rgba.subarray(0, width * height * 4) };
}
