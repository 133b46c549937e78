/**
 * The names AF_UNIX sockets are bound to: pathnames (absolute, resolved
 * against the binder's working directory) and the abstract namespace
 * (a name starting with a NUL byte). A name is free again when its socket
 * closes. Pathname sockets get no node in the file system yet: `ls` does
 * not show them, and a re-bind after the socket closed needs no unlink
 * (Linux keeps the node until unlink).
 */
import type { UnixSocket } from './unix-socket';

export class UnixNames {
  private readonly bound = new Map<string, UnixSocket>();

  find(name: string): UnixSocket | undefined {
    return this.bound.get(name);
  }

  has(name: string): boolean {
    return this.bound.has(name);
  }

  add(name: string, socket: UnixSocket): void {
    this.bound.set(name, socket);
  }

  remove(name: string, socket: UnixSocket): void {
    if (this.bound.get(name) === socket) this.bound.delete(name);
  }

  /** Linux's autobind: an unused abstract name of five hex digits. */
  autobindName(): string {
    for (let n = 0; n < 0x100000; n++) {
      const name = '\0' + n.toString(16).padStart(5, '0');
      if (!this.bound.has(name)) return name;
    }
    return '\0';
  }
}
