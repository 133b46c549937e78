/**
 * struct termios as the Linux kernel's TCGETS/TCSETS see it (the same on
 * x86_64 and the asm-generic architectures): four 32-bit flag words, c_line
 * and 19 control characters: 36 bytes. Flag values from
 * include/uapi/asm-generic/termbits.h.
 */
export const ICRNL = 0o400;
export const IXON = 0o2000;
export const OPOST = 0o1;
export const ONLCR = 0o4;
export const CS8 = 0o60;
export const CREAD = 0o200;
export const HUPCL = 0o2000;
export const B38400 = 0o17;
export const ISIG = 0o1;
export const ICANON = 0o2;
export const ECHO = 0o10;
export const ECHOE = 0o20;
export const ECHOK = 0o40;
export const ECHOCTL = 0o1000;
/** Background writes stop the writer (SIGTTOU): kernel/tty/job-control.ts. */
export const TOSTOP = 0o400;
export const ECHOKE = 0o4000;
export const IEXTEN = 0o100000;

export const VINTR = 0;
export const VQUIT = 1;
export const VERASE = 2;
export const VKILL = 3;
export const VEOF = 4;
export const VTIME = 5;
export const VMIN = 6;
export const VSUSP = 10;
export const NCCS = 19;
export const TERMIOS_SIZE = 36;

export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  line: number;
  cc: Uint8Array;
}

/** A fresh terminal's settings, as Linux's tty_std_termios. */
export function defaultTermios(): Termios {
  const cc = new Uint8Array(NCCS);
  cc.set([0x03, 0x1c, 0x7f, 0x15, 0x04, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0]);
  return {
    iflag: ICRNL | IXON,
    oflag: OPOST | ONLCR,
    cflag: B38400 | CS8 | CREAD | HUPCL,
    lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    line: 0,
    cc,
  };
}

export function encodeTermios(t: Termios): Uint8Array {
  const bytes = new Uint8Array(TERMIOS_SIZE);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, t.iflag, true);
  view.setUint32(4, t.oflag, true);
  view.setUint32(8, t.cflag, true);
  view.setUint32(12, t.lflag, true);
  bytes[16] = t.line;
  bytes.set(t.cc, 17);
  return bytes;
}

export function decodeTermios(bytes: Uint8Array): Termios {
  const view = new DataView(bytes.buffer, bytes.byteOffset, TERMIOS_SIZE);
  return {
    iflag: view.getUint32(0, true),
    oflag: view.getUint32(4, true),
    cflag: view.getUint32(8, true),
    lflag: view.getUint32(12, true),
    line: bytes[16],
    cc: bytes.slice(17, 17 + NCCS),
  };
}
