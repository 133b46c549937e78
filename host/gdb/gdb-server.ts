/**
 * The gdb remote stub's TCP end: listens on 127.0.0.1:PORT, one client at a
 * time (another is refused while one is connected), acknowledges packets
 * until the client asks for no-ack mode, and sends the stop reply when the
 * machine stops after a resume. A client connecting stops the machine (as
 * QEMU's stub does); a client leaving lets it run on without breakpoints.
 */
import * as net from 'net';
import { RspDecoder, encodePacket } from './rsp-codec';
import { GdbSession, SessionHooks } from './gdb-session';
import { RunControl, SIGTRAP, StopReason } from './run-control';

export class GdbServer {
  private readonly server: net.Server;
  private client: net.Socket | null = null;
  private session: GdbSession | null = null;
  private ackMode = true;
  /** A resume is outstanding: the next stop is reported. */
  private awaitingStop = false;
  private connectedWaiters: (() => void)[] = [];
  private closedWaiters: (() => void)[] = [];

  constructor(
    private readonly control: RunControl,
    private readonly hooks: SessionHooks,
    private readonly log: (line: string) => void,
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
    control.onStop = (reason) => this.stopped(reason);
  }

  /** Starts listening; resolves with the port (useful with port 0). */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  get connected(): boolean {
    return this.client !== null;
  }

  /** Resolves when a client is connected. */
  waitForClient(): Promise<void> {
    if (this.client !== null) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  /** Stops listening; waits up to `graceMs` for a connected client to
   * leave by itself (so it reads the exit reply), then drops it. */
  async close(graceMs: number): Promise<void> {
    this.server.close();
    if (this.client !== null && graceMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.closedWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.client?.destroy();
    this.client = null;
  }

  private accept(socket: net.Socket): void {
    if (this.client !== null) {
      socket.end();
      return;
    }
    socket.setNoDelay(true);
    this.client = socket;
    this.ackMode = true;
    this.awaitingStop = false;
    this.session = new GdbSession(this.control, this.hooks);
    this.control.attached = true;
    this.log(`gdb: client connected from ${socket.remoteAddress}:${socket.remotePort}`);
    // Stop the machine for the client (unless -S's stop is on its way:
    // the `?` reply then waits for it).
    const ended = this.control.lastStop?.kind === 'exited' || this.control.lastStop?.kind === 'killed';
    if (!this.control.isStopped && !ended && !this.control.startPending) this.control.stopNow(SIGTRAP);
    const decoder = new RspDecoder();
    socket.on('data', (chunk) => {
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'interrupt') this.control.interrupt();
        else if (event.kind === 'corrupt') {
          if (this.ackMode) socket.write('-');
        } else if (event.kind === 'packet') {
          if (this.ackMode) socket.write('+');
          this.packet(event.payload);
        }
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      if (this.client !== socket) return;
      this.client = null;
      this.session = null;
      this.log('gdb: client disconnected; the machine runs on');
      this.control.detach();
      for (const waiter of this.closedWaiters.splice(0)) waiter();
    });
    for (const waiter of this.connectedWaiters.splice(0)) waiter();
  }

  private packet(payload: Buffer): void {
    const session = this.session;
    if (session === null) return;
    const text = payload.toString('latin1');
    const reply = session.handle(payload);
    if (reply === null) {
      this.awaitingStop = true;
      return;
    }
    this.send(reply);
    if (text === 'QStartNoAckMode') this.ackMode = false;
    if (text === 'D') this.client?.end();
  }

  private stopped(reason: StopReason): void {
    if (!this.awaitingStop || this.session === null) return;
    this.awaitingStop = false;
    this.session.stopped();
    this.send(this.session.stopReply(reason));
  }

  private send(payload: string): void {
    this.client?.write(encodePacket(payload));
  }
}
