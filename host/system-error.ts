/**
 * A failed host call in the words a C program would print (strerror):
 * "No such file or directory", not Node's "ENOENT" or its
 * "ENOENT: no such file or directory, open '/x'".
 */
export function systemErrorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  // Node's message for a system error is "CODE: description, syscall 'path'".
  const m = typeof e?.code === 'string' ? new RegExp(`^${e.code}: ([^,]+)`).exec(e.message ?? '') : null;
  if (m) return m[1].charAt(0).toUpperCase() + m[1].slice(1);
  return e?.message ?? String(error);
}
