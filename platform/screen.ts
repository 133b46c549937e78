/**
 * The screen model contract between the boards' display devices and the
 * host's renderers (PNG, terminal view). A device exposes a ScreenSource
 * under the SCREEN token; renderers read only snapshots.
 */
export type ScreenSnapshot =
  | {
      kind: 'text';
      columns: number;
      rows: number;
      cells: Uint16Array /*char | attr<<8*/;
      cursor: { column: number; row: number; visible: boolean };
      palette: Uint8Array /*16 rgb triples*/;
    }
  | { kind: 'pixels'; width: number; height: number; rgba: Uint8Array };

export interface ScreenSource {
  snapshot(): ScreenSnapshot;
}

export const SCREEN = Symbol.for('jos.platform.Screen');
