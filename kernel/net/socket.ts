/**
 * The socket layer: what every protocol family's sockets offer the system
 * calls (kernel/syscall/sys-socket.ts). A socket is an inode of kind
 * 'socket' behind an open file, so read, write, poll, fcntl and close work
 * on it as on any file; the socket calls reach the family's code through
 * this class. A family (AF_UNIX today; AF_INET with the network stack)
 * registers a factory in the kernel's SocketFamilies (kernel/net/
 * families.ts) and adds nothing else here.
 */
import type { OpenFile } from '../fs/open-file';
import { AnonInode } from '../ipc/anon-inode';
import { Blocked, MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import { EINVAL, fail } from '../syscall/errno';
import { ENOPROTOOPT, EOPNOTSUPP } from './errno';

export const AF_UNIX = 1;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_SEQPACKET = 5;
export const SOCK_TYPE_MASK = 0xf;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;

export const SOL_SOCKET = 1;
export const SO_TYPE = 3;
export const SO_ERROR = 4;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
export const SO_PASSCRED = 16;
export const SO_PEERCRED = 17;
export const SO_PROTOCOL = 38;
export const SO_DOMAIN = 39;
export const SO_ACCEPTCONN = 30;
export const SO_REUSEADDR = 2;

export const MSG_PEEK = 0x2;
export const MSG_TRUNC = 0x20;
export const MSG_DONTWAIT = 0x40;
export const MSG_WAITALL = 0x100;
export const MSG_NOSIGNAL = 0x4000;
export const MSG_CTRUNC = 0x8;
export const MSG_CMSG_CLOEXEC = 0x40000000;

/** Who sent, as SO_PEERCRED and SCM_CREDENTIALS report it. */
export interface Credentials {
  pid: number;
  uid: number;
  gid: number;
}

/** What a send carries: bytes and, for AF_UNIX, open files (SCM_RIGHTS). */
export interface OutgoingMessage {
  data: Uint8Array;
  rights: OpenFile[];
  credentials: Credentials;
}

export interface ReceivedMessage {
  data: Uint8Array;
  /** The message's whole length (datagrams: more than data when cut). */
  fullLength: number;
  rights: OpenFile[];
  /** The sender's address (datagrams), as sockaddr bytes. */
  from: Uint8Array | null;
  /** MSG_TRUNC when a datagram did not fit. */
  flags: number;
}

/** The calling process, as a socket operation needs it. */
export interface SocketCaller {
  credentials: Credentials;
  /** Absolute path for a pathname address relative to the working directory. */
  resolvePath(path: string): string;
  /** A file exists at an absolute path (binding there is EADDRINUSE). */
  pathExists(path: string): boolean;
  /** The directory that would hold the path exists (else ENOENT). */
  parentExists(path: string): boolean;
}

export abstract class Socket extends AnonInode {
  readonly kind = 'socket' as const;
  abstract readonly family: number;
  abstract readonly type: number;
  abstract readonly readiness: WaitQueue;

  abstract bind(address: Uint8Array, caller: SocketCaller): void;
  abstract listen(backlog: number, caller: SocketCaller): void;
  /** A connection waiting on a listening socket. */
  abstract accept(): MaybeBlocked<Socket>;
  abstract connect(address: Uint8Array, caller: SocketCaller): MaybeBlocked<void>;
  /** Bytes accepted (streams may take part of a large message). */
  abstract send(message: OutgoingMessage, to: Uint8Array | null, caller: SocketCaller): MaybeBlocked<number>;
  abstract receive(max: number, flags: number): MaybeBlocked<ReceivedMessage>;
  abstract shutdown(how: number): void;
  abstract localAddress(): Uint8Array;
  abstract peerAddress(): Uint8Array;
  abstract poll(): number;
  /** The peer's credentials (SO_PEERCRED), or null. */
  abstract peerCredentials(): Credentials | null;
  abstract readonly listening: boolean;

  /** read(2): a receive without flags. */
  read(_offset: number, into: Uint8Array): MaybeBlocked<number> {
    const r = this.receive(into.length, 0);
    if (r instanceof Blocked) return r;
    into.set(r.data);
    for (const file of r.rights) file.release(); // read(2) has no room for them
    return r.data.length;
  }

  /** write(2): a send of bytes alone. */
  write(_offset: number, from: Uint8Array): MaybeBlocked<number> {
    return this.send({ data: from, rights: [], credentials: { pid: 0, uid: 0, gid: 0 } }, null, NO_CALLER);
  }

  /** getsockopt at SOL_SOCKET: the value as bytes. */
  getOption(name: number): Uint8Array {
    const int = (v: number) => {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, v, true);
      return b;
    };
    switch (name) {
      case SO_TYPE:
        return int(this.type);
      case SO_DOMAIN:
        return int(this.family);
      case SO_PROTOCOL:
        return int(0);
      case SO_ERROR:
        return int(0);
      case SO_ACCEPTCONN:
        return int(this.listening ? 1 : 0);
      case SO_SNDBUF:
      case SO_RCVBUF:
        return int(SOCKET_BUFFER * 2); // Linux reports twice what was set
      case SO_PEERCRED: {
        const creds = this.peerCredentials() ?? { pid: 0, uid: -1, gid: -1 };
        const b = new Uint8Array(12);
        const view = new DataView(b.buffer);
        view.setInt32(0, creds.pid, true);
        view.setInt32(4, creds.uid, true);
        view.setInt32(8, creds.gid, true);
        return b;
      }
      default:
        fail(ENOPROTOOPT);
    }
  }

  /** setsockopt at SOL_SOCKET: the options programs commonly set are
   * accepted (buffer sizes are fixed here); others are ENOPROTOOPT. */
  setOption(name: number, value: Uint8Array): void {
    if (value.length < 4) fail(EINVAL);
    if (![SO_SNDBUF, SO_RCVBUF, SO_PASSCRED, SO_REUSEADDR].includes(name)) fail(ENOPROTOOPT);
  }
}

/** Bytes a socket may hold unread (Linux's default socket buffer). */
export const SOCKET_BUFFER = 212992 / 2;

/** write(2) on a socket: no address to resolve, no credentials asked for. */
const NO_CALLER: SocketCaller = {
  credentials: { pid: 0, uid: 0, gid: 0 },
  resolvePath: (p) => p,
  pathExists: () => false,
  parentExists: () => true,
};

export interface SocketFamily {
  /** A new socket of `type` (SOCK_* without flags); throws the errno for
   * a type or protocol the family does not have. */
  create(type: number, protocol: number): Socket;
  /** socketpair: two connected sockets, or EOPNOTSUPP. */
  createPair(type: number, protocol: number, credentials: Credentials): [Socket, Socket];
}

/** The protocol families one kernel has, by AF_* number (per kernel:
 * bound names and ports belong to a machine). */
export class SocketFamilies {
  private readonly families = new Map<number, SocketFamily>();

  register(domain: number, family: SocketFamily): void {
    this.families.set(domain, family);
  }

  find(domain: number): SocketFamily | undefined {
    return this.families.get(domain);
  }
}

export function unsupported(): never {
  fail(EOPNOTSUPP);
}
