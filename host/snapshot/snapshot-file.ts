/**
 * The snapshot file (docs/snapshots.md):
 *
 *   JOS-SNAPSHOT\n
 *   {header: JSON, one line}\n
 *   body: gzip of sections, each a float64 length (little-endian) and its
 *         bytes: the object graph (JSON), the boot archive, then every
 *         ArrayBuffer's bytes (RAM among them) in the graph's blob order
 *
 * The header says how to boot the machine again (board, memory, command
 * line, clock, first program), where it stopped, the disk image it used
 * (size and SHA-256) and the body's length and SHA-256, so that a
 * truncated or damaged file is refused before anything is built.
 */
import * as fs from 'fs';
import * as zlib from 'zlib';
import { createHash } from 'crypto';
import type { SavedGraph } from './object-graph';
import { SnapshotError } from './policy';

export const SNAPSHOT_MAGIC = 'JOS-SNAPSHOT\n';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotDisk {
  readonly path: string;
  readonly readOnly: boolean;
  readonly bytes: number;
  readonly sha256: string;
}

export interface SnapshotHeader {
  readonly version: number;
  /** Which jos made it: a restore needs the same classes and fields. */
  readonly build: string;
  readonly board: string;
  readonly memoryBytes: number;
  readonly cmdline: string;
  readonly rtc: string;
  readonly bootEpochSeconds: number;
  readonly initArgv: string[];
  readonly initEnvp: string[];
  readonly cpuVendor: string | null;
  readonly jit: boolean;
  /** Where the machine stood: instructions retired, virtual time. */
  readonly retired: number;
  readonly virtualNs: number;
  /** RAM's SHA-256 (to compare two machines' states). */
  readonly ramSha256: string;
  readonly disk: SnapshotDisk | null;
  readonly bodyBytes: number;
  readonly bodySha256: string;
}

export interface SnapshotContents {
  readonly header: SnapshotHeader;
  readonly graph: SavedGraph;
  readonly initrd: Uint8Array;
  readonly blobs: Uint8Array[];
}

export function encodeSnapshot(header: Omit<SnapshotHeader, 'version' | 'bodyBytes' | 'bodySha256'>, graph: SavedGraph, initrd: Uint8Array, blobs: Uint8Array[]): Buffer {
  const sections = [Buffer.from(JSON.stringify(graph)), initrd, ...blobs];
  const parts: Uint8Array[] = [];
  for (const section of sections) {
    const length = Buffer.alloc(8);
    length.writeDoubleLE(section.length);
    parts.push(length, section);
  }
  const body = zlib.gzipSync(Buffer.concat(parts), { level: 1 });
  const full: SnapshotHeader = { version: SNAPSHOT_VERSION, ...header, bodyBytes: body.length, bodySha256: sha256(body) };
  return Buffer.concat([Buffer.from(SNAPSHOT_MAGIC), Buffer.from(JSON.stringify(full) + '\n'), body]);
}

/** Writes atomically: a file that exists is a whole snapshot. */
export function writeSnapshotFile(path: string, bytes: Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, path);
}

export function decodeSnapshot(file: Buffer, name: string): SnapshotContents {
  if (file.length < SNAPSHOT_MAGIC.length || file.subarray(0, SNAPSHOT_MAGIC.length).toString('latin1') !== SNAPSHOT_MAGIC) {
    throw new SnapshotError(`${name} is not a jos snapshot`);
  }
  const lineEnd = file.indexOf(0x0a, SNAPSHOT_MAGIC.length);
  if (lineEnd < 0) throw new SnapshotError(`${name} is truncated (in its header)`);
  let header: SnapshotHeader;
  try {
    header = JSON.parse(file.subarray(SNAPSHOT_MAGIC.length, lineEnd).toString('utf8')) as SnapshotHeader;
  } catch {
    throw new SnapshotError(`${name}: its header is damaged`);
  }
  if (typeof header !== 'object' || header === null || header.version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(`${name} is a snapshot of format version ${String((header as { version?: unknown })?.version)}; this jos reads version ${SNAPSHOT_VERSION}`);
  }
  checkHeader(header, name);
  const body = file.subarray(lineEnd + 1);
  if (body.length < header.bodyBytes) throw new SnapshotError(`${name} is truncated: ${body.length} of ${header.bodyBytes} bytes of machine state`);
  if (body.length > header.bodyBytes) throw new SnapshotError(`${name} has ${body.length - header.bodyBytes} bytes past its end`);
  if (sha256(body) !== header.bodySha256) throw new SnapshotError(`${name} is damaged: its machine state does not match its checksum`);
  let raw: Buffer;
  try {
    raw = zlib.gunzipSync(body);
  } catch {
    throw new SnapshotError(`${name} is damaged: its machine state does not decompress`);
  }
  const sections: Uint8Array[] = [];
  for (let at = 0; at < raw.length; ) {
    if (at + 8 > raw.length) throw new SnapshotError(`${name} is damaged: a section length is cut`);
    const length = raw.readDoubleLE(at);
    at += 8;
    if (!Number.isInteger(length) || length < 0 || at + length > raw.length) throw new SnapshotError(`${name} is damaged: a section runs past the end`);
    sections.push(raw.subarray(at, at + length));
    at += length;
  }
  if (sections.length < 2) throw new SnapshotError(`${name} is damaged: sections are missing`);
  let graph: SavedGraph;
  try {
    graph = JSON.parse(Buffer.from(sections[0]).toString('utf8')) as SavedGraph;
  } catch {
    throw new SnapshotError(`${name} is damaged: its object graph is not JSON`);
  }
  if (!graph || !Array.isArray(graph.entries) || typeof graph.roots !== 'object' || typeof graph.bootCount !== 'number') {
    throw new SnapshotError(`${name} is damaged: its object graph has no entries`);
  }
  return { header, graph, initrd: sections[1], blobs: sections.slice(2) };
}

function checkHeader(h: SnapshotHeader, name: string): void {
  const bad = (field: string) => new SnapshotError(`${name}: its header's ${field} is missing or wrong`);
  if (typeof h.build !== 'string') throw bad('build');
  if (typeof h.board !== 'string') throw bad('board');
  if (!(Number.isInteger(h.memoryBytes) && h.memoryBytes > 0)) throw bad('memoryBytes');
  if (typeof h.cmdline !== 'string' || typeof h.rtc !== 'string') throw bad('cmdline or rtc');
  if (typeof h.bootEpochSeconds !== 'number') throw bad('bootEpochSeconds');
  if (!Array.isArray(h.initArgv) || !Array.isArray(h.initEnvp)) throw bad('initArgv or initEnvp');
  if (typeof h.jit !== 'boolean') throw bad('jit');
  if (!(Number.isInteger(h.bodyBytes) && h.bodyBytes >= 0) || typeof h.bodySha256 !== 'string') throw bad('body length or checksum');
  if (h.disk !== null && (typeof h.disk !== 'object' || typeof h.disk.path !== 'string' || typeof h.disk.sha256 !== 'string')) throw bad('disk');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
