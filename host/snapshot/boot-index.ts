/**
 * The machine's object graph as it stands right after boot, numbered.
 *
 * Booting a board builds the same objects, in the same shape, every time
 * it is given the same options: the cores, the devices, the kernel's
 * services and the functions that wire them together (a driver's callback
 * into the kernel, a clock read). A snapshot names such an object by its
 * number in a walk of that graph instead of saving how to build it; a
 * restore boots a fresh machine with the same options, walks it the same
 * way, and writes the saved state into the objects with those numbers, in
 * place, so every function that closed over them sees the restored state.
 *
 * The walk is depth-first over own enumerable properties in insertion
 * order, Map and Set entries in order and array elements: deterministic.
 * It does not enter typed arrays' contents, functions' properties, or
 * objects the policy marks opaque (the host's side: terminals, files).
 */
import { SnapshotPolicy } from './policy';

export class BootIndex {
  /** Boot object (or function) -> its number. */
  readonly ids = new Map<object, number>();
  /** Number -> boot object, and the first path that reached it. */
  readonly objects: object[] = [];
  readonly paths: string[] = [];

  static build(roots: Record<string, unknown>, policy: SnapshotPolicy): BootIndex {
    const index = new BootIndex();
    const stack: [unknown, string][] = [];
    for (const name of Object.keys(roots).reverse()) stack.push([roots[name], name]);
    while (stack.length > 0) {
      const [value, path] = stack.pop()!;
      if (value === null || (typeof value !== 'object' && typeof value !== 'function')) continue;
      const obj = value as object;
      if (index.ids.has(obj)) continue;
      index.ids.set(obj, index.objects.length);
      index.objects.push(obj);
      index.paths.push(path);
      if (ArrayBuffer.isView(obj)) {
        // Its buffer (which other views may share) is the boot object
        // its bytes are restored into.
        stack.push([obj.buffer, `${path}.buffer`]);
        continue;
      }
      if (typeof obj === 'function' || policy.isOpaque(obj) || obj instanceof ArrayBuffer) continue;
      const children = childrenOf(obj, path, policy);
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i][0], children[i][1]]);
    }
    return index;
  }

  idOf(obj: object): number | undefined {
    return this.ids.get(obj);
  }
}

/** The values an object refers to, with their paths (walk order). */
export function childrenOf(obj: object, path: string, policy: SnapshotPolicy): [unknown, string, string][] {
  const out: [unknown, string, string][] = [];
  if (obj instanceof Map) {
    let i = 0;
    for (const [k, v] of obj) {
      out.push([k, `${path}<key ${i}>`, '']);
      out.push([v, `${path}<${describeKey(k, i)}>`, '']);
      i++;
    }
    return out;
  }
  if (obj instanceof Set) {
    let i = 0;
    for (const v of obj) out.push([v, `${path}<item ${i++}>`, '']);
    return out;
  }
  if (Array.isArray(obj)) {
    for (let i = 0; i < obj.length; i++) out.push([obj[i], `${path}[${i}]`, '']);
    return out;
  }
  const skip = policy.transientFields(obj);
  const descriptors = Object.getOwnPropertyDescriptors(obj);
  for (const key of Object.keys(obj)) {
    if (skip !== null && skip.has(key)) continue;
    // An accessor (an object literal's `get x()`) is code, not state: what
    // it reads is saved where it lives.
    if (descriptors[key].get !== undefined || descriptors[key].set !== undefined) continue;
    out.push([(obj as Record<string, unknown>)[key], `${path}.${key}`, key]);
  }
  return out;
}

function describeKey(key: unknown, i: number): string {
  return typeof key === 'string' || typeof key === 'number' ? String(key) : `entry ${i}`;
}
