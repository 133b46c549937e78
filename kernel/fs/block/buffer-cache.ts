/**
 * The buffer cache: file-system blocks read once and kept, changed in
 * place, and written back later (write-back). sync() writes every dirty
 * block in block order, joining neighbours into one request, then flushes
 * the device. The cache holds up to `limit` blocks between operations;
 * trim() (called by the file system before each operation, never during
 * one, so buffers it holds stay valid) writes back and drops the least
 * recently used beyond that.
 */
import { EIO, fail } from '../../syscall/errno';
import type { BlockIo } from './block-io';

interface Buffer {
  data: Uint8Array;
  dirty: boolean;
}

export class BufferCache {
  /** Insertion order is recency order (a hit moves the block to the end). */
  private readonly buffers = new Map<number, Buffer>();
  private readonly sectorsPerBlock: number;
  /** Reads and writes that reached the device, for the bench and tests. */
  deviceReads = 0;
  deviceWrites = 0;

  constructor(
    private readonly io: BlockIo,
    readonly blockSize: number,
    private readonly limit: number,
    /** Reports an I/O failure (once per failure) before EIO is thrown. */
    private readonly onError: (message: string) => void,
  ) {
    this.sectorsPerBlock = blockSize / io.sectorSize;
  }

  get blockCount(): number {
    return Math.floor(this.io.sectorCount / this.sectorsPerBlock);
  }

  /** Block `n`'s bytes, read from the device if not cached. */
  get(n: number): Uint8Array {
    const hit = this.buffers.get(n);
    if (hit) {
      this.buffers.delete(n);
      this.buffers.set(n, hit);
      return hit.data;
    }
    const data = new Uint8Array(this.blockSize);
    this.transfer(() => this.io.read(n * this.sectorsPerBlock, this.sectorsPerBlock, data), `reading block ${n}`);
    this.deviceReads++;
    this.buffers.set(n, { data, dirty: false });
    return data;
  }

  /** Block `n` as zeros, without reading it (a block just allocated). */
  getZeroed(n: number): Uint8Array {
    const hit = this.buffers.get(n);
    if (hit) {
      hit.data.fill(0);
      hit.dirty = true;
      return hit.data;
    }
    const data = new Uint8Array(this.blockSize);
    this.buffers.set(n, { data, dirty: true });
    return data;
  }

  markDirty(n: number): void {
    const b = this.buffers.get(n);
    if (!b) throw new Error(`buffer cache: block ${n} marked dirty but not cached`);
    b.dirty = true;
  }

  /** Forgets block `n` without writing it (a freed block's stale data). */
  discard(n: number): void {
    this.buffers.delete(n);
  }

  get cachedBlocks(): number {
    return this.buffers.size;
  }

  get dirtyCount(): number {
    let n = 0;
    for (const b of this.buffers.values()) if (b.dirty) n++;
    return n;
  }

  /** Writes every dirty block back, then flushes the device. */
  sync(): void {
    const dirty = [...this.buffers.entries()].filter(([, b]) => b.dirty).map(([n]) => n);
    this.writeBack(dirty.sort((a, b) => a - b));
    this.transfer(() => this.io.flush(), 'flushing the device');
  }

  /** Between operations: keeps at most `limit` blocks, writing back the
   * least recently used dirty ones it drops. */
  trim(): void {
    const excess = this.buffers.size - this.limit;
    if (excess <= 0) return;
    const victims: number[] = [];
    for (const n of this.buffers.keys()) {
      victims.push(n);
      if (victims.length >= excess + (this.limit >> 4)) break;
    }
    this.writeBack(victims.filter((n) => this.buffers.get(n)!.dirty).sort((a, b) => a - b));
    for (const n of victims) this.buffers.delete(n);
  }

  /** Drops everything (after the raw device was written behind its back). */
  invalidate(): void {
    this.buffers.clear();
  }

  private writeBack(blocks: number[]): void {
    let i = 0;
    while (i < blocks.length) {
      let j = i + 1;
      while (j < blocks.length && blocks[j] === blocks[j - 1] + 1 && j - i < 64) j++;
      const run = blocks.slice(i, j);
      const bytes = new Uint8Array(run.length * this.blockSize);
      run.forEach((n, k) => bytes.set(this.buffers.get(n)!.data, k * this.blockSize));
      this.transfer(() => this.io.write(run[0] * this.sectorsPerBlock, run.length * this.sectorsPerBlock, bytes), `writing blocks ${run[0]}+${run.length}`);
      this.deviceWrites++;
      for (const n of run) this.buffers.get(n)!.dirty = false;
      i = j;
    }
  }

  private transfer(op: () => void, what: string): void {
    try {
      op();
    } catch (error) {
      this.onError(`${what}: ${(error as Error).message}`);
      fail(EIO);
    }
  }
}
