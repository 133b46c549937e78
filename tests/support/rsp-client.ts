/** A minimal gdb remote protocol client for tests, and a jos run with --gdb. */
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { RspDecoder, encodePacket } from '../../host/gdb/rsp-codec';
import { ROOT } from './run-jos';

export class RspClient {
  private readonly decoder = new RspDecoder();
  private readonly replies: string[] = [];
  private waiter: (() => void) | null = null;
  /** Acknowledgements seen ('+' / '-'), in order. */
  readonly acks: string[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      for (const e of this.decoder.push(chunk)) {
        if (e.kind === 'packet') this.replies.push(e.payload.toString('latin1'));
        else if (e.kind === 'ack') this.acks.push('+');
        else if (e.kind === 'nack') this.acks.push('-');
      }
      this.waiter?.();
    });
  }

  static connect(port: number): Promise<RspClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new RspClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends raw bytes (garbage, Ctrl-C). */
  raw(bytes: string): void {
    this.socket.write(Buffer.from(bytes, 'latin1'));
  }

  send(payload: string): void {
    this.socket.write(encodePacket(payload));
  }

  /** The next reply packet (waits up to timeoutMs). */
  async reply(timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length === 0) {
      if (Date.now() > deadline) throw new Error('no reply from the gdb stub');
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 50);
      });
    }
    return this.replies.shift()!;
  }

  async request(payload: string): Promise<string> {
    this.send(payload);
    return this.reply();
  }

  close(): void {
    this.socket.end();
  }
}

export interface JosGdbRun {
  child: ChildProcessWithoutNullStreams;
  port: number;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with jos's exit status. */
  exited: Promise<number | null>;
}

/** Starts `jos run ARGS --gdb 0` and resolves once the stub listens. */
export function startJosWithGdb(args: string[], timeoutMs = 60_000): Promise<JosGdbRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'jos.js'), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const exited = new Promise<number | null>((done) =>
      child.on('close', (status) => {
        clearTimeout(timer);
        done(status);
      }),
    );
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (t: string) => (stdout += t));
    let announced = false;
    child.stderr.on('data', (t: string) => {
      stderr += t;
      const m = /gdb: listening on 127\.0\.0\.1:(\d+)/.exec(stderr);
      if (m && !announced) {
        announced = true;
        resolve({ child, port: Number(m[1]), stdout: () => stdout, stderr: () => stderr, exited });
      }
    });
    child.on('error', reject);
    void exited.then((status) => {
      if (!announced) reject(new Error(`jos exited (${status}) before the stub listened: ${stderr}`));
    });
  });
}
