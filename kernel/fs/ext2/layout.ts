/**
 * The ext2 on-disk format (revision 1, as e2fsprogs' mke2fs writes it):
 * field offsets of the superblock, group descriptors, inodes and directory
 * entries, feature bits, and little-endian accessors over block buffers.
 */
export const SUPERBLOCK_OFFSET = 1024;
export const SUPERBLOCK_SIZE = 1024;
export const EXT2_MAGIC = 0xef53;
export const ROOT_INO = 2;
export const GOOD_OLD_FIRST_INO = 11;
export const GOOD_OLD_INODE_SIZE = 128;
export const STATE_VALID = 1;
export const STATE_ERROR = 2;

/** Superblock field offsets. */
export const enum Sb {
  InodesCount = 0,
  BlocksCount = 4,
  RBlocksCount = 8,
  FreeBlocks = 12,
  FreeInodes = 16,
  FirstDataBlock = 20,
  LogBlockSize = 24,
  LogFragSize = 28,
  BlocksPerGroup = 32,
  FragsPerGroup = 36,
  InodesPerGroup = 40,
  Mtime = 44,
  Wtime = 48,
  MntCount = 52,
  MaxMntCount = 54,
  Magic = 56,
  State = 58,
  Errors = 60,
  MinorRev = 62,
  LastCheck = 64,
  CheckInterval = 68,
  CreatorOs = 72,
  RevLevel = 76,
  DefResuid = 80,
  DefResgid = 82,
  FirstIno = 84,
  InodeSize = 88,
  BlockGroupNr = 90,
  FeatureCompat = 92,
  FeatureIncompat = 96,
  FeatureRoCompat = 100,
  Uuid = 104,
  VolumeName = 120,
  LastMounted = 136,
  MinExtraIsize = 0x15c,
  WantExtraIsize = 0x15e,
}

/** Group descriptor fields (32 bytes each). */
export const GROUP_DESC_SIZE = 32;
export const enum Gd {
  BlockBitmap = 0,
  InodeBitmap = 4,
  InodeTable = 8,
  FreeBlocks = 12,
  FreeInodes = 14,
  UsedDirs = 16,
}

/** Inode fields. */
export const enum In {
  Mode = 0,
  Uid = 2,
  SizeLo = 4,
  Atime = 8,
  Ctime = 12,
  Mtime = 16,
  Dtime = 20,
  Gid = 24,
  Links = 26,
  Blocks = 28,
  Flags = 32,
  Block = 40,
  Generation = 100,
  FileAcl = 104,
  SizeHigh = 108,
  UidHigh = 120,
  GidHigh = 122,
  ExtraIsize = 128,
  CtimeExtra = 132,
  MtimeExtra = 136,
  AtimeExtra = 140,
  Crtime = 144,
  CrtimeExtra = 148,
}

export const DIRECT_BLOCKS = 12;
export const SINGLE_INDIRECT = 12;
export const DOUBLE_INDIRECT = 13;
export const TRIPLE_INDIRECT = 14;
/** i_block's bytes: a fast symlink's target lives here when shorter. */
export const I_BLOCK_BYTES = 60;

/** i_flags bits ext2 itself knows. */
export const INDEX_FL = 0x1000;

export const COMPAT_DIR_INDEX = 0x20;
export const INCOMPAT_FILETYPE = 0x2;
export const RO_COMPAT_SPARSE_SUPER = 0x1;
export const RO_COMPAT_LARGE_FILE = 0x2;
/** What this implementation reads and writes exactly. */
export const SUPPORTED_INCOMPAT = INCOMPAT_FILETYPE;
export const SUPPORTED_RO_COMPAT = RO_COMPAT_SPARSE_SUPER | RO_COMPAT_LARGE_FILE;

/** Directory entry: inode(4) rec_len(2) name_len(1) file_type(1) name. */
export const DIRENT_HEADER = 8;

/** Directory entry file types (with the filetype feature). */
export const FT_UNKNOWN = 0;
export const FT_REG = 1;
export const FT_DIR = 2;
export const FT_CHR = 3;
export const FT_BLK = 4;
export const FT_FIFO = 5;
export const FT_SOCK = 6;
export const FT_SYMLINK = 7;

export function u8(b: Uint8Array, o: number): number {
  return b[o];
}

export function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

export function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export function set16(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
}

export function set32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

/** Groups holding a superblock backup with sparse_super: 0, 1 and powers of 3, 5, 7. */
export function groupHasSuperblock(group: number, sparse: boolean): boolean {
  if (!sparse || group <= 1) return true;
  for (const base of [3, 5, 7]) {
    let p = base;
    while (p < group) p *= base;
    if (p === group) return true;
  }
  return false;
}
