/**
 * What the snapshot serializer needs to know about classes: which fields
 * are caches rebuilt on demand (never saved; a restored object keeps a
 * fresh, empty one), which objects are the host's (a terminal, a file:
 * saved as a reference to the same object of the restoring run, never
 * their contents), what to do after a restore (drop decoded code), and
 * the classes that may be created by name when restoring.
 */
import { EventEmitter } from 'events';

type Constructor = Function & { readonly prototype: object };

export class SnapshotError extends Error {}

export interface ClassRules {
  /** Fields that are caches: not saved, left as the fresh object has them. */
  transient?: readonly string[];
  /** The host's side of the machine: referenced, never saved. */
  opaque?: boolean;
  /** Called on every restored object of the class, after all are filled. */
  afterRestore?: (obj: object) => void;
}

export class SnapshotPolicy {
  private readonly rules = new Map<object, ClassRules>();
  private readonly named = new Map<string, Constructor>();
  private readonly ambiguous = new Set<string>();

  /** Rules for a class (and its subclasses). */
  rule(cls: Constructor, rules: ClassRules): this {
    this.rules.set(cls.prototype, rules);
    this.register(cls);
    return this;
  }

  /** A class whose objects may be created by name on restore. */
  register(...classes: Constructor[]): this {
    for (const cls of classes) this.addName(cls);
    return this;
  }

  /** Every class on the prototype chain of `obj` becomes known by name. */
  learnFrom(obj: object): void {
    for (let proto = Object.getPrototypeOf(obj); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      const ctor = (proto as { constructor?: unknown }).constructor;
      if (typeof ctor === 'function' && (ctor as Constructor).prototype === proto) this.addName(ctor as Constructor);
    }
  }

  private addName(cls: Constructor): void {
    const known = this.named.get(cls.name);
    if (known === undefined) this.named.set(cls.name, cls);
    else if (known !== cls) this.ambiguous.add(cls.name);
  }

  /** The class restored under `name`, or why there is none. */
  classByName(name: string): Constructor | string {
    if (this.ambiguous.has(name)) return `two classes are called ${name}`;
    return this.named.get(name) ?? `class ${name} is not known to the snapshot registry (host/snapshot/machine-classes.ts)`;
  }

  private rulesOf(obj: object): ClassRules | null {
    for (let proto = Object.getPrototypeOf(obj); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      const rules = this.rules.get(proto);
      if (rules) return rules;
    }
    return null;
  }

  isOpaque(obj: object): boolean {
    if (obj instanceof EventEmitter) return true;
    return this.rulesOf(obj)?.opaque === true;
  }

  transientFields(obj: object): ReadonlySet<string> | null {
    const rules = this.rulesOf(obj);
    if (!rules || !rules.transient) return null;
    let set = transientSets.get(rules);
    if (!set) {
      set = new Set(rules.transient);
      transientSets.set(rules, set);
    }
    return set;
  }

  afterRestore(obj: object): void {
    this.rulesOf(obj)?.afterRestore?.(obj);
  }
}

const transientSets = new WeakMap<ClassRules, Set<string>>();
