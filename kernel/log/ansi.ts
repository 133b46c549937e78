/** ANSI SGR sequences the console output uses (ECMA-48). */
export const RESET = '\x1b[0m';
export const BOLD = '\x1b[1m';
export const DIM = '\x1b[2m';

export function fg256(color: number): string {
  return `\x1b[38;5;${color}m`;
}

export function rgb(r: number, g: number, b: number): string {
  return `\x1b[38;2;${r};${g};${b}m`;
}
