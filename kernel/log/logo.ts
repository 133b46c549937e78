/**
 * The JOS boot logo: block letters drawn for this project, shaded top to
 * bottom with a sunrise gradient when colors are on.
 */
import { BOLD, RESET, rgb } from './ansi';

const LOGO = [
  '      ██╗  ██████╗  ███████╗',
  '      ██║ ██╔═══██╗ ██╔════╝',
  '      ██║ ██║   ██║ ███████╗',
  ' ██   ██║ ██║   ██║ ╚════██║',
  ' ╚█████╔╝ ╚██████╔╝ ███████║',
  '  ╚════╝   ╚═════╝  ╚══════╝',
];

/** Gradient stops from amber to magenta, one per logo row. */
const GRADIENT: [number, number, number][] = [
  [255, 200, 60],
  [255, 160, 60],
  [255, 120, 80],
  [240, 90, 110],
  [215, 70, 150],
  [180, 60, 190],
];

export function renderLogo(color: boolean, tagline: string): string {
  const lines = LOGO.map((row, i) => {
    if (!color) return row;
    const [r, g, b] = GRADIENT[i];
    return `${BOLD}${rgb(r, g, b)}${row}${RESET}`;
  });
  return '\r\n' + lines.join('\r\n') + '\r\n\r\n  ' + tagline + '\r\n\r\n';
}
