/**
 * Path names: joining a relative path to the working directory and removing
 * "." and ".." textually, as the VFS walks only absolute, normal paths.
 */
import { ENAMETOOLONG, ENOENT, fail } from '../syscall/errno';

export const PATH_MAX = 4096;
export const NAME_MAX = 255;

/** The absolute, normalised form of `path` seen from `cwd`. */
export function absolutePath(cwd: string, path: string): string {
  if (path === '') fail(ENOENT);
  if (path.length >= PATH_MAX) fail(ENAMETOOLONG);
  const parts = path.startsWith('/') ? [] : cwd.split('/').filter((p) => p !== '');
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part.length > NAME_MAX) fail(ENAMETOOLONG);
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

/** Splits an absolute normal path into its parent and last component. */
export function splitLast(path: string): { parent: string; name: string } {
  const cut = path.lastIndexOf('/');
  return { parent: cut <= 0 ? '/' : path.slice(0, cut), name: path.slice(cut + 1) };
}
