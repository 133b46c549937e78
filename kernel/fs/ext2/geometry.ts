/**
 * Reading and checking an ext2 superblock: what the rest of the driver needs
 * (block size, group sizes, where the group descriptors are), every number
 * checked against the others and the device's size, and which features it
 * may write. A superblock that does not add up is refused with the reason.
 */
import {
  EXT2_MAGIC,
  GOOD_OLD_FIRST_INO,
  GOOD_OLD_INODE_SIZE,
  GROUP_DESC_SIZE,
  RO_COMPAT_SPARSE_SUPER,
  SUPPORTED_INCOMPAT,
  SUPPORTED_RO_COMPAT,
  Sb,
  u16,
  u32,
} from './layout';

export interface Geometry {
  blockSize: number;
  blocksCount: number;
  inodesCount: number;
  firstDataBlock: number;
  blocksPerGroup: number;
  inodesPerGroup: number;
  groupCount: number;
  inodeSize: number;
  firstIno: number;
  /** The first block of the group descriptor table. */
  gdtBlock: number;
  gdtBlocks: number;
  inodeTableBlocks: number;
  sparseSuper: boolean;
  incompat: number;
  roCompat: number;
  compat: number;
}

/** Parses the 1024-byte superblock; returns the geometry or why it is unusable. */
export function readGeometry(sb: Uint8Array, deviceBytes: number): Geometry | string {
  if (u16(sb, Sb.Magic) !== EXT2_MAGIC) return 'no ext2 magic number in the superblock';
  const logBlock = u32(sb, Sb.LogBlockSize);
  if (logBlock > 6) return `block size 1024 << ${logBlock} is not supported`;
  const blockSize = 1024 << logBlock;
  const rev = u32(sb, Sb.RevLevel);
  if (rev > 1) return `revision ${rev} is not supported`;
  const blocksCount = u32(sb, Sb.BlocksCount);
  const inodesCount = u32(sb, Sb.InodesCount);
  const firstDataBlock = u32(sb, Sb.FirstDataBlock);
  const blocksPerGroup = u32(sb, Sb.BlocksPerGroup);
  const inodesPerGroup = u32(sb, Sb.InodesPerGroup);
  const inodeSize = rev === 0 ? GOOD_OLD_INODE_SIZE : u16(sb, Sb.InodeSize);
  const firstIno = rev === 0 ? GOOD_OLD_FIRST_INO : u32(sb, Sb.FirstIno);
  if (firstDataBlock !== (blockSize === 1024 ? 1 : 0)) return `first data block ${firstDataBlock} does not match the block size ${blockSize}`;
  if (blocksPerGroup === 0 || blocksPerGroup > blockSize * 8) return `${blocksPerGroup} blocks per group do not fit a bitmap block`;
  if (inodesPerGroup === 0 || inodesPerGroup > blockSize * 8) return `${inodesPerGroup} inodes per group do not fit a bitmap block`;
  if (inodeSize < GOOD_OLD_INODE_SIZE || inodeSize > blockSize || (inodeSize & (inodeSize - 1)) !== 0) return `inode size ${inodeSize} is invalid`;
  if (blocksCount <= firstDataBlock) return `${blocksCount} blocks is too few`;
  if (blocksCount * blockSize > deviceBytes) return `the file system (${blocksCount} blocks of ${blockSize}) is larger than the device (${deviceBytes} bytes)`;
  const groupCount = Math.ceil((blocksCount - firstDataBlock) / blocksPerGroup);
  if (inodesCount !== groupCount * inodesPerGroup) return `${inodesCount} inodes do not match ${groupCount} groups of ${inodesPerGroup}`;
  if (firstIno < 3 || firstIno > inodesCount) return `first inode ${firstIno} is invalid`;
  const gdtBlocks = Math.ceil((groupCount * GROUP_DESC_SIZE) / blockSize);
  const inodeTableBlocks = Math.ceil((inodesPerGroup * inodeSize) / blockSize);
  if (u32(sb, Sb.FreeBlocks) > blocksCount || u32(sb, Sb.FreeInodes) > inodesCount) return 'the free counts exceed the totals';
  return {
    blockSize,
    blocksCount,
    inodesCount,
    firstDataBlock,
    blocksPerGroup,
    inodesPerGroup,
    groupCount,
    inodeSize,
    firstIno,
    gdtBlock: firstDataBlock + 1,
    gdtBlocks,
    inodeTableBlocks,
    sparseSuper: rev === 1 && (u32(sb, Sb.FeatureRoCompat) & RO_COMPAT_SPARSE_SUPER) !== 0,
    incompat: rev === 1 ? u32(sb, Sb.FeatureIncompat) : 0,
    roCompat: rev === 1 ? u32(sb, Sb.FeatureRoCompat) : 0,
    compat: rev === 1 ? u32(sb, Sb.FeatureCompat) : 0,
  };
}

/** Features this driver cannot read at all (null: none). */
export function unreadableFeatures(g: Geometry): string | null {
  const unknown = g.incompat & ~SUPPORTED_INCOMPAT;
  return unknown ? `incompatible features 0x${unknown.toString(16)}` : null;
}

/** Features this driver may read but must not write (null: none). */
export function unwritableFeatures(g: Geometry): string | null {
  const unknown = g.roCompat & ~SUPPORTED_RO_COMPAT;
  return unknown ? `read-only-compatible features 0x${unknown.toString(16)}` : null;
}
