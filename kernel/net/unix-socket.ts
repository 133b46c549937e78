/**
 * AF_UNIX sockets (Linux's net/unix/af_unix.c): SOCK_STREAM (bytes),
 * SOCK_SEQPACKET (connected, message boundaries kept) and SOCK_DGRAM
 * (messages, addressed or connected). Each socket has a receive queue of
 * segments; a sender appends to its peer's queue. A segment carries its
 * sender's open files (SCM_RIGHTS), which stay referenced until received
 * (then installed in the receiver) or dropped with the queue. A stream
 * read gathers bytes across segments but never past a segment carrying
 * files, so each batch of files arrives with the bytes sent with it.
 */
import type { OpenFile } from '../fs/open-file';
import { EINVAL, ENOENT, EPIPE, fail } from '../syscall/errno';
import { Blocked, MaybeBlocked, WaitQueue } from '../sched/wait-queue';
import { POLLHUP, POLLIN, POLLOUT, POLLRDHUP } from '../ipc/readiness';
import {
  EADDRINUSE, EAFNOSUPPORT, ECONNREFUSED, EDESTADDRREQ, EISCONN, EMSGSIZE, ENOTCONN, EOPNOTSUPP, EPROTONOSUPPORT, EPROTOTYPE, ESOCKTNOSUPPORT,
} from './errno';
import {
  AF_UNIX, Credentials, MSG_PEEK, MSG_TRUNC, OutgoingMessage, ReceivedMessage, SOCKET_BUFFER, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_STREAM, Socket, SocketCaller, SocketFamily,
} from './socket';
import { UnixNames } from './unix-names';

export const SHUT_RD = 0;
export const SHUT_WR = 1;
export const SHUT_RDWR = 2;
/** sockaddr_un: a 2-byte family, then up to 108 bytes of path. */
const SUN_PATH_MAX = 108;
/** Linux's SOMAXCONN, the most a listen backlog is raised to. */
const SOMAXCONN = 4096;

interface Segment {
  data: Uint8Array;
  /** Bytes of it already read (streams). */
  consumed: number;
  rights: OpenFile[];
  from: UnixSocket;
}

export class UnixSocket extends Socket {
  readonly family = AF_UNIX;
  readonly readiness = new WaitQueue('unix socket');
  /** The socket sends go to (connected), or null. */
  peer: UnixSocket | null = null;
  /** Its peer's credentials at connect/socketpair/accept. */
  peerCreds: Credentials | null = null;
  name: string | null = null;
  listening = false;
  backlogLimit = 0;
  readonly backlog: UnixSocket[] = [];
  private readonly queue: Segment[] = [];
  private queuedBytes = 0;
  /** Shut down for reading / writing by this end. */
  readShut = false;
  writeShut = false;
  /** Its peer went away (closed) after being connected. */
  peerGone = false;
  isClosed = false;

  constructor(
    readonly type: number,
    private readonly names: UnixNames,
  ) {
    super();
  }

  get connectionOriented(): boolean {
    return this.type !== SOCK_DGRAM;
  }

  bind(address: Uint8Array, caller: SocketCaller): void {
    if (this.name !== null) fail(EINVAL);
    const name = this.nameOf(address, caller, true);
    if (name === '') {
      this.name = this.names.autobindName();
    } else {
      if (this.names.has(name)) fail(EADDRINUSE);
      if (!name.startsWith('\0')) {
        if (caller.pathExists(name)) fail(EADDRINUSE);
        if (!caller.parentExists(name)) fail(ENOENT);
      }
      this.name = name;
    }
    this.names.add(this.name, this);
  }

  listen(backlog: number, caller: SocketCaller): void {
    if (!this.connectionOriented) fail(EOPNOTSUPP);
    if (this.peer !== null || this.name === null) fail(EINVAL);
    this.listening = true;
    this.listenerCreds = caller.credentials;
    this.backlogLimit = Math.min(Math.max(backlog, 0), SOMAXCONN);
    this.readiness.wakeAll();
  }

  accept(): MaybeBlocked<Socket> {
    if (!this.listening) fail(EINVAL);
    const next = this.backlog.shift();
    if (!next) return new Blocked(this.readiness);
    this.readiness.wakeAll(); // room in the backlog for a waiting connect
    return next;
  }

  connect(address: Uint8Array, caller: SocketCaller): MaybeBlocked<void> {
    const name = this.nameOf(address, caller, false);
    const target = this.lookup(name, caller);
    if (!this.connectionOriented) {
      if (target.type !== this.type) fail(EPROTOTYPE);
      this.peer = target; // the default destination; nothing is set up there
      this.peerCreds = null;
      return;
    }
    if (this.peer !== null) fail(EISCONN);
    if (this.listening) fail(EINVAL);
    if (target.type !== this.type) fail(EPROTOTYPE);
    if (!target.listening) fail(ECONNREFUSED);
    if (target.backlog.length > target.backlogLimit) return new Blocked(target.readiness);
    // The server's end exists at once, queued for accept; the client is
    // connected from here on (Linux completes a unix connect the same way).
    const server = new UnixSocket(this.type, this.names);
    server.name = target.name;
    server.peer = this;
    server.peerCreds = caller.credentials;
    this.peer = server;
    this.peerCreds = target.listenerCreds ?? null;
    target.backlog.push(server);
    target.readiness.wakeAll();
  }

  /** The credentials of the process that called listen (for SO_PEERCRED
   * on the connecting side). */
  listenerCreds: Credentials | null = null;

  send(message: OutgoingMessage, to: Uint8Array | null, caller: SocketCaller): MaybeBlocked<number> {
    if (this.writeShut) fail(EPIPE);
    let target: UnixSocket;
    if (this.connectionOriented) {
      if (to !== null && to.length > 0) fail(this.peer ? EISCONN : EOPNOTSUPP);
      if (this.peer === null) fail(this.peerGone ? EPIPE : ENOTCONN);
      if (this.peerGone || this.peer.isClosed || this.peer.readShut) fail(EPIPE);
      target = this.peer;
    } else if (to !== null && to.length > 0) {
      target = this.lookup(this.nameOf(to, caller, false), caller);
      if (target.type !== SOCK_DGRAM) fail(EPROTOTYPE);
    } else {
      if (this.peer === null) fail(this.peerGone ? ECONNREFUSED : EDESTADDRREQ);
      if (this.peer.isClosed) fail(ECONNREFUSED);
      target = this.peer;
    }
    const length = message.data.length;
    if (this.type === SOCK_STREAM) {
      // As a pipe: wait until all of it fits, unless it is larger than the
      // whole buffer (then it goes in pieces).
      const room = SOCKET_BUFFER - target.queuedBytes;
      if (room < Math.min(length, SOCKET_BUFFER) || (length === 0 && room === 0)) return new Blocked(target.readiness);
      const n = Math.min(room, length);
      target.enqueue({ data: message.data.slice(0, n), consumed: 0, rights: message.rights, from: this });
      return n;
    }
    if (length > SOCKET_BUFFER) fail(EMSGSIZE);
    if (target.queuedBytes + length > SOCKET_BUFFER || target.queue.length >= MAX_DATAGRAMS) return new Blocked(target.readiness);
    target.enqueue({ data: message.data.slice(), consumed: 0, rights: message.rights, from: this });
    return length;
  }

  receive(max: number, flags: number): MaybeBlocked<ReceivedMessage> {
    if (this.listening) fail(EINVAL);
    if (this.connectionOriented && this.peer === null && !this.peerGone) fail(ENOTCONN);
    if (this.queue.length === 0) {
      if (this.readShut || this.peerGone || (this.peer !== null && this.peer.writeShut && this.connectionOriented)) {
        return { data: new Uint8Array(0), fullLength: 0, rights: [], from: null, flags: 0 };
      }
      return new Blocked(this.readiness);
    }
    const peek = (flags & MSG_PEEK) !== 0;
    if (this.type === SOCK_STREAM) return this.receiveBytes(max, peek);
    const segment = this.queue[0];
    const data = segment.data.slice(0, max);
    const rights = peek ? segment.rights.map((f) => f.retain()) : segment.rights;
    if (!peek) this.dequeue();
    const truncated = segment.data.length > max;
    return {
      data,
      fullLength: segment.data.length,
      rights,
      // An unbound sender has no address: the name length comes back 0.
      from: this.type === SOCK_DGRAM && segment.from.name !== null ? segment.from.localAddress() : null,
      flags: truncated ? MSG_TRUNC : 0,
    };
  }

  private receiveBytes(max: number, peek: boolean): ReceivedMessage {
    const out = new Uint8Array(Math.min(max, this.queuedBytes));
    let got = 0;
    let rights: OpenFile[] = [];
    for (let i = 0; i < this.queue.length && got < out.length; i++) {
      const segment = this.queue[i];
      if (segment.rights.length > 0 && got > 0) break; // its files come with its own bytes
      const take = Math.min(out.length - got, segment.data.length - segment.consumed);
      out.set(segment.data.subarray(segment.consumed, segment.consumed + take), got);
      got += take;
      if (segment.rights.length > 0) {
        rights = peek ? segment.rights.map((f) => f.retain()) : segment.rights;
        if (!peek) segment.rights = [];
      }
      if (!peek) segment.consumed += take;
      if (rights.length > 0) break;
    }
    if (!peek) {
      this.queuedBytes -= got;
      while (this.queue.length > 0 && this.queue[0].consumed === this.queue[0].data.length) this.queue.shift();
      this.wakePeers();
    }
    return { data: out.subarray(0, got), fullLength: got, rights, from: null, flags: 0 };
  }

  shutdown(how: number): void {
    if (how < SHUT_RD || how > SHUT_RDWR) fail(EINVAL);
    if (this.connectionOriented && this.peer === null) fail(ENOTCONN);
    if (how !== SHUT_WR) this.readShut = true;
    if (how !== SHUT_RD) this.writeShut = true;
    this.readiness.wakeAll();
    this.peer?.readiness.wakeAll();
  }

  localAddress(): Uint8Array {
    return addressBytes(this.name);
  }

  peerAddress(): Uint8Array {
    if (this.peer === null) fail(ENOTCONN);
    return addressBytes(this.peer.name);
  }

  peerCredentials(): Credentials | null {
    return this.peerCreds;
  }

  poll(): number {
    let events = 0;
    if (this.listening) return this.backlog.length > 0 ? POLLIN : 0;
    if (this.queue.length > 0 || this.readShut) events |= POLLIN;
    const peerShutWrite = this.peer !== null && this.peer.writeShut && this.connectionOriented;
    if (peerShutWrite || this.peerGone) events |= POLLIN | POLLRDHUP;
    if (this.connectionOriented) {
      if ((this.readShut && this.writeShut) || this.peerGone) events |= POLLHUP;
      if (this.peer !== null && !this.peerGone && !this.writeShut && this.peer.queuedBytes < SOCKET_BUFFER) events |= POLLOUT;
    } else if (this.peer === null || (this.peer.queuedBytes < SOCKET_BUFFER && this.peer.queue.length < MAX_DATAGRAMS)) {
      events |= POLLOUT;
    }
    return events;
  }

  /** The last descriptor closed: free the name, drop what was queued, tell
   * the peer (and a listener's waiting connections). */
  closed(): void {
    this.isClosed = true;
    if (this.name !== null) this.names.remove(this.name, this); // an accepted end shares but does not own it
    for (const segment of this.queue.splice(0)) for (const f of segment.rights) f.release();
    this.queuedBytes = 0;
    for (const pending of this.backlog.splice(0)) pending.hangUp();
    if (this.peer !== null && this.connectionOriented) this.peer.hangUp();
    this.peer = null;
    this.readiness.wakeAll();
  }

  /** The peer closed. The peer stays named (getpeername still answers,
   * as on Linux), but nothing can be sent to it any more. */
  private hangUp(): void {
    this.peerGone = true;
    this.readiness.wakeAll();
  }

  private enqueue(segment: Segment): void {
    this.queue.push(segment);
    this.queuedBytes += segment.data.length;
    this.readiness.wakeAll();
  }

  private dequeue(): void {
    const segment = this.queue.shift()!;
    this.queuedBytes -= segment.data.length;
    this.wakePeers();
  }

  /** Room appeared in this queue: senders waiting on it may go on. */
  private wakePeers(): void {
    this.readiness.wakeAll();
  }

  /** The socket bound to `name`: a pathname nobody bound is ENOENT
   * unless some other file is there (ECONNREFUSED, as for a socket file
   * whose socket is gone); an unknown abstract name is ECONNREFUSED. */
  private lookup(name: string, caller: SocketCaller): UnixSocket {
    const target = this.names.find(name);
    if (target && !target.isClosed) return target;
    if (!name.startsWith('\0') && !caller.pathExists(name)) fail(ENOENT);
    fail(ECONNREFUSED);
  }

  /** The name a sockaddr_un names ('' for a bare family: autobind). */
  private nameOf(address: Uint8Array, caller: SocketCaller, binding: boolean): string {
    if (address.length < 2) fail(EINVAL);
    const family = address[0] | (address[1] << 8);
    if (family !== AF_UNIX) fail(binding ? EINVAL : EAFNOSUPPORT);
    const path = address.subarray(2, Math.min(address.length, 2 + SUN_PATH_MAX));
    if (path.length === 0) {
      if (binding) return '';
      fail(EINVAL);
    }
    if (path[0] === 0) return String.fromCharCode(...path); // abstract: every byte counts
    const end = path.indexOf(0);
    const text = new TextDecoder().decode(end < 0 ? path : path.subarray(0, end));
    return caller.resolvePath(text);
  }
}

/** Datagrams a socket may hold unread (Linux's net.unix.max_dgram_qlen). */
const MAX_DATAGRAMS = 512;

/** sockaddr_un bytes for a name (null: just the family, as for an unbound
 * socket). Pathnames end with their NUL, abstract names do not. */
function addressBytes(name: string | null): Uint8Array {
  if (name === null) return new Uint8Array([AF_UNIX, 0]);
  const path = name.startsWith('\0') ? Uint8Array.from(name, (ch) => ch.charCodeAt(0)) : new TextEncoder().encode(name + '\0');
  const out = new Uint8Array(2 + path.length);
  out[0] = AF_UNIX;
  out.set(path, 2);
  return out;
}

export class UnixFamily implements SocketFamily {
  readonly names = new UnixNames();

  create(type: number, protocol: number): Socket {
    if (protocol !== 0 && protocol !== AF_UNIX) fail(EPROTONOSUPPORT);
    if (type !== SOCK_STREAM && type !== SOCK_DGRAM && type !== SOCK_SEQPACKET) fail(ESOCKTNOSUPPORT);
    return new UnixSocket(type, this.names);
  }

  createPair(type: number, protocol: number, credentials: Credentials): [Socket, Socket] {
    const a = this.create(type, protocol) as UnixSocket;
    const b = this.create(type, protocol) as UnixSocket;
    a.peer = b;
    b.peer = a;
    a.peerCreds = credentials;
    b.peerCreds = credentials;
    return [a, b];
  }
}
