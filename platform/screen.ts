/**
 * What a display device shows, as the host's display (PNG screenshots, the
 * terminal view, the browser page) reads it. Each board's display model (VGA
 * on pc, the SPI LCD on esp32c3) implements ScreenSource; the host renders
 * text snapshots with its own font and copies pixel snapshots as they are.
 *
 * A device exposes its ScreenSource under the SCREEN token; renderers read
 * only snapshots. A snapshot is a copy the host may keep: the model does not
 * change it after returning it.
 */

/** A character-cell screen (VGA text mode). */
export interface TextScreenSnapshot {
  readonly kind: 'text';
  readonly columns: number;
  readonly rows: number;
  /** columns*rows cells, row-major: the CP437 code in bits 7:0 and the VGA
   * attribute in bits 15:8 (foreground 3:0, background 6:4, bit 7 blink or
   * bright background, as the model's mode says: see `blink`). */
  readonly cells: Uint16Array;
  readonly cursor: {
    readonly column: number;
    readonly row: number;
    readonly visible: boolean;
  };
  /** The 16 text colours as r, g, b triples (0..255 each), 48 bytes: the
   * attribute's 4-bit colour index looked up through the palette the device
   * has been programmed with. */
  readonly palette: Uint8Array;
  /** True when attribute bit 7 means blink rather than a bright background.
   * Absent means false. */
  readonly blink?: boolean;
}

/** A framebuffer (VGA mode 13h, the LCD), already converted to colours. */
export interface PixelScreenSnapshot {
  readonly kind: 'pixels';
  readonly width: number;
  readonly height: number;
  /** width*height*4 bytes, row-major, r, g, b, a (a = 255). */
  readonly rgba: Uint8Array;
}

export type ScreenSnapshot = TextScreenSnapshot | PixelScreenSnapshot;

export interface ScreenSource {
  snapshot(): ScreenSnapshot;
}

export const SCREEN = Symbol.for('jos.platform.Screen');
