/**
 * The 256-word IDENTIFY DEVICE block of an LBA28/LBA48 ATA disk (ATA/ATAPI-6,
 * section 8.15, table 27). Strings are ASCII, space padded, with the two
 * bytes of each word swapped (the standard's byte order); word 255 is the
 * integrity word: signature A5h and a checksum making all 512 bytes sum to
 * zero.
 */
import { SECTOR_SIZE } from './sector-store';

const HEADS = 16;
const SECTORS_PER_TRACK = 63;
const MAX_CYLINDERS = 16383;
const LBA28_LIMIT = 0x0fff_ffff;

export function buildIdentify(sectorCount: number, model: string, serial: string): Uint8Array {
  const words = new Uint16Array(SECTOR_SIZE / 2);
  const cylinders = Math.min(MAX_CYLINDERS, Math.floor(sectorCount / (HEADS * SECTORS_PER_TRACK)));
  const lbaSectors = Math.min(sectorCount, LBA28_LIMIT);
  const chsSectors = cylinders * HEADS * SECTORS_PER_TRACK;
  words[0] = 0x0040; // ATA device, fixed (not removable)
  words[1] = cylinders;
  words[3] = HEADS;
  words[6] = SECTORS_PER_TRACK;
  putString(words, 10, 20, serial);
  putString(words, 23, 8, '0.1');
  putString(words, 27, 40, model);
  words[47] = 0x8000; // READ/WRITE MULTIPLE: 0 sectors (not supported)
  words[49] = 1 << 9; // LBA supported
  words[50] = 0x4000;
  words[53] = 0x0001; // words 54-58 valid
  words[54] = cylinders;
  words[55] = HEADS;
  words[56] = SECTORS_PER_TRACK;
  words[57] = chsSectors & 0xffff;
  words[58] = chsSectors >>> 16;
  words[60] = lbaSectors & 0xffff; // total user-addressable sectors, LBA28
  words[61] = lbaSectors >>> 16;
  words[80] = 0x007e; // ATA-1 through ATA-6
  // Words 100-103: the LBA48 capacity (a JS number is exact to 2^53).
  for (let i = 0; i < 4; i++) words[100 + i] = Math.floor(sectorCount / 2 ** (16 * i)) & 0xffff;
  words[82] = 1 << 5; // write cache supported
  // FLUSH CACHE (12), 48-bit addressing (10) and FLUSH CACHE EXT (13)
  // supported; bit 14 marks the word valid.
  words[83] = 0x4000 | (1 << 13) | (1 << 12) | (1 << 10);
  words[84] = 0x4000;
  words[85] = 1 << 5; // write cache enabled
  words[86] = (1 << 13) | (1 << 12) | (1 << 10);
  words[87] = 0x4000;
  const bytes = new Uint8Array(words.buffer);
  bytes[510] = 0xa5;
  let sum = 0;
  for (let i = 0; i < 511; i++) sum += bytes[i];
  bytes[511] = (256 - (sum & 0xff)) & 0xff;
  return bytes;
}

/** ATA string: two characters per word, the first in the high byte. */
function putString(words: Uint16Array, first: number, length: number, text: string): void {
  const padded = text.slice(0, length).padEnd(length, ' ');
  for (let i = 0; i < length / 2; i++) {
    words[first + i] = (padded.charCodeAt(2 * i) << 8) | padded.charCodeAt(2 * i + 1);
  }
}
