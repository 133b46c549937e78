/**
 * What a PC BIOS leaves in the VGA at boot: mode 3 (80x25 16-colour text,
 * 720x400 at 70 Hz) register values, and the DAC loaded with the EGA
 * 64-colour palette for entries 0-63 (the attribute controller's palette
 * registers select among them). JOS boots without a BIOS, so the board
 * puts the VGA in this state at power-on, as the firmware would have.
 * Values: IBM VGA Technical Reference, "Video Modes" register tables.
 */
export const MODE3_MISC = 0x67;
export const MODE3_SEQ = [0x03, 0x00, 0x03, 0x00, 0x02];
export const MODE3_CRTC = [
  0x5f, 0x4f, 0x50, 0x82, 0x55, 0x81, 0xbf, 0x1f, 0x00, 0x4f, 0x0d, 0x0e, 0x00, 0x00, 0x00, 0x00,
  0x9c, 0x8e, 0x8f, 0x28, 0x1f, 0x96, 0xb9, 0xa3, 0xff,
];
export const MODE3_GC = [0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0e, 0x00, 0xff];
export const MODE3_AC = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
  0x0c, 0x00, 0x0f, 0x08, 0x00,
];

/** The EGA palette as 6-bit DAC components: colour byte bits are
 * B G R b g r (primary blue/green/red, then the secondary third-intensity
 * bits), each component = 42 * primary + 21 * secondary. */
export function egaDacEntry(index: number): [number, number, number] {
  const component = (primary: number, secondary: number) =>
    42 * ((index >> primary) & 1) + 21 * ((index >> secondary) & 1);
  return [component(2, 5), component(1, 4), component(0, 3)];
}
