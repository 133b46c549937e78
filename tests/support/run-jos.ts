/** Runs the built `jos` CLI as a user would, capturing its output. */
import { spawnSync } from 'child_process';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'jos.js');

export interface JosResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runJos(args: string[], options: { input?: string; timeoutMs?: number } = {}): JosResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
