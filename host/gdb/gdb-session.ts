/**
 * One gdb connection's commands (gdb manual, appendix E "Remote Protocol"):
 * each packet's payload in, the reply's payload out. Unknown packets get the
 * empty reply (gdb then knows the stub lacks them); malformed ones get an
 * error reply `E NN`; neither disturbs the machine.
 *
 * Processes are gdb's threads, with their pids as thread ids.
 */
import { fromHex, parseHexNumber, toHex, unescapeBinary } from './rsp-codec';
import { renderTargetXml } from './target-description';
import type { RunControl, StopReason, WatchType } from './run-control';
import { runMonitorCommand } from './monitor';
import type { DebugThread } from './debug-guest';
import type { ThreadRegisters } from './register-bytes';

/** Error numbers in replies (gdb shows them; they are errno-like). */
const E_BAD_PACKET = 'E01';
const E_MEMORY = 'E14';
const E_NO_THREAD = 'E03';
const E_BAD_REGISTER = 'E02';
/** Largest m/M/X transfer (qSupported PacketSize allows this much hex). */
const MAX_TRANSFER = 0x4000;

export interface SessionHooks {
  /** `k`: end the run. */
  kill(): void;
  /** `D`: the client detaches (the connection closes after the reply). */
  detach(): void;
  /** `monitor log LEVEL`. */
  setLogLevel(level: string): string;
  /** `monitor savesnapshot FILE` (absent: not available in this run). */
  saveSnapshot?(path: string): string;
  /** A line for jos's stderr (why a packet was refused). */
  log?(line: string): void;
}

export class GdbSession {
  /** The thread Hg selected for registers and memory (0: the stop's). */
  private selectedPid = 0;
  private targetXml: string;

  constructor(
    private readonly control: RunControl,
    private readonly hooks: SessionHooks,
  ) {
    this.targetXml = renderTargetXml(control.view.core.description);
  }

  /** The stop reply for `reason` (also the answer to `?`). */
  stopReply(reason: StopReason | null): string {
    if (reason === null) return `T05thread:${hex(this.control.pid)};`;
    if (reason.kind === 'exited') return `W${hex2(reason.code)}`;
    if (reason.kind === 'killed') return `X${hex2(reason.signal)}`;
    let reply = `T${hex2(reason.signal)}thread:${hex(reason.pid)};`;
    if (reason.breakpoint) reply += 'swbreak:;';
    if (reason.atBegin) reply += 'replaylog:begin;';
    if (reason.atEnd) reply += 'replaylog:end;';
    if (reason.watch) reply += `${reason.watch.type}:${this.addressHex(reason.watch.address)};`;
    return reply;
  }

  /** A stop makes the register/memory thread the stopped one again. */
  stopped(): void {
    this.selectedPid = 0;
  }

  /** Handles one packet; null means no reply now (a resume: the stop
   * reply comes when the machine stops). */
  handle(payload: Buffer): string | null {
    const text = payload.toString('latin1');
    try {
      return this.dispatch(text, payload);
    } catch (error) {
      // A bug or a value the machine refused: an error reply, never a crash.
      void error;
      return E_BAD_PACKET;
    }
  }

  private dispatch(text: string, payload: Buffer): string | null {
    const c = this.control;
    switch (text[0]) {
      case '?':
        // Not stopped yet (-S on its way to the first instruction): the
        // reply is the stop, when it comes.
        if (!c.isStopped && c.startPending) return null;
        return this.stopReply(c.lastStop);
      case 'g':
        return text === 'g' ? this.readAllRegisters() : E_BAD_PACKET;
      case 'G':
        return this.writeAllRegisters(text.slice(1));
      case 'p':
        return this.readRegister(text.slice(1));
      case 'P':
        return this.writeRegister(text.slice(1));
      case 'm':
        return this.readMemory(text.slice(1));
      case 'M':
        return this.writeMemory(text.slice(1));
      case 'X':
        return this.writeBinary(payload);
      case 'Z':
      case 'z':
        return this.breakpoint(text);
      case 'c':
      case 's':
      case 'C':
      case 'S':
        return this.resume(text[0] === 's' || text[0] === 'S');
      case 'b':
        if (text === 'bs' || text === 'bc') return this.reverse(text === 'bs' ? 'step' : 'continue');
        return E_BAD_PACKET;
      case 'H':
        return this.selectThread(text.slice(2));
      case 'T':
        return this.threadAlive(text.slice(1));
      case 'k':
        this.hooks.kill();
        return null;
      case 'D':
        this.hooks.detach();
        return 'OK';
      case 'v':
        return this.vPacket(text);
      case 'q':
      case 'Q':
        return this.query(text, payload);
      default:
        return '';
    }
  }

  private vPacket(text: string): string | null {
    if (text === 'vCont?') return 'vCont;c;C;s;S;t';
    if (text.startsWith('vCont;')) return this.vCont(text.slice(6));
    if (text === 'vMustReplyEmpty') return '';
    if (text.startsWith('vKill')) {
      this.hooks.kill();
      return 'OK';
    }
    return '';
  }

  /** vCont;ACTION[:TID];...: the first action that applies to the debugged
   * process decides (all processes run or stop together). */
  private vCont(actions: string): string | null {
    let step = false;
    let any = false;
    for (const part of actions.split(';')) {
      const [action, tid] = part.split(':');
      if (!/^([cst]|[CS][0-9a-fA-F]{2})$/.test(action)) return E_BAD_PACKET;
      if (tid !== undefined && tid !== '-1' && parseThreadId(tid) === null) return E_BAD_PACKET;
      if (any) continue;
      any = true;
      if (action === 't') {
        this.control.interrupt();
        return 'OK';
      }
      step = action[0] === 's' || action[0] === 'S';
    }
    if (!any) return E_BAD_PACKET;
    return this.resume(step);
  }

  /** bs / bc: reverse-stepi, reverse-continue (run-control.ts, history.ts).
   * The stop reply follows when the past has been recomputed. */
  private reverse(kind: 'step' | 'continue'): string | null {
    const c = this.control;
    const refusal = c.reverseRefusal();
    if (refusal !== null) {
      this.hooks.log?.(`reverse execution: ${refusal}`);
      return 'E01';
    }
    c.reverse(kind).catch((error: Error) => {
      this.hooks.log?.(`reverse execution failed: ${error.message}`);
      c.onStop(c.lastStop ?? { kind: 'signal', signal: 5, pid: c.pid });
    });
    return null;
  }

  private resume(step: boolean): string | null {
    if (!this.control.isStopped) return E_BAD_PACKET;
    if (this.control.lastStop?.kind === 'exited' || this.control.lastStop?.kind === 'killed') return 'E05';
    this.control.resume(step);
    return null;
  }

  private query(text: string, payload: Buffer): string {
    void payload;
    if (text.startsWith('qSupported')) {
      return `PacketSize=${(MAX_TRANSFER * 2 + 32).toString(16)};qXfer:features:read+;qXfer:threads:read+;swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+${this.control.history !== null ? ';ReverseStep+;ReverseContinue+' : ''}`;
    }
    if (text === 'QStartNoAckMode') return 'OK';
    if (text.startsWith('qXfer:features:read:')) {
      const m = /^qXfer:features:read:([^:]*):([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(text);
      if (!m) return E_BAD_PACKET;
      if (m[1] !== 'target.xml') return 'E00';
      return xferChunk(this.targetXml, parseInt(m[2], 16), parseInt(m[3], 16));
    }
    if (text.startsWith('qXfer:threads:read:')) {
      const m = /^qXfer:threads:read::([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(text);
      if (!m) return E_BAD_PACKET;
      return xferChunk(this.threadsXml(), parseInt(m[1], 16), parseInt(m[2], 16));
    }
    if (text === 'qfThreadInfo') return 'm' + this.threadIds().map(hex).join(',');
    if (text === 'qsThreadInfo') return 'l';
    if (text === 'qC') return `QC${hex(this.currentPid())}`;
    if (text.startsWith('qAttached')) return '1';
    if (text.startsWith('qThreadExtraInfo,')) {
      const pid = parseThreadId(text.slice(17));
      const p = pid === null ? null : this.control.view.thread(pid);
      if (p === null) return E_NO_THREAD;
      return toHex(Buffer.from(`pid ${p.pid} ${p.name} (${p.stopped ? 'stopped' : p.state})`, 'utf8'));
    }
    if (text.startsWith('qRcmd,')) {
      const command = fromHex(text.slice(6));
      if (command === null) return E_BAD_PACKET;
      const output = runMonitorCommand(command.toString('utf8'), this.control, this.hooks);
      return toHex(Buffer.from(output, 'utf8'));
    }
    if (text === 'qSymbol::') return 'OK';
    return '';
  }

  private threadIds(): number[] {
    const pids = this.control.view.threads().map((p) => p.pid);
    if (!pids.includes(this.control.pid) && this.control.debugged === null && pids.length === 0) pids.push(this.control.pid);
    return pids;
  }

  private threadsXml(): string {
    const lines = ['<?xml version="1.0"?>', '<threads>'];
    const procs = this.control.view.threads();
    if (procs.length === 0) lines.push(`<thread id="${hex(this.control.pid)}" name="(not started)"/>`);
    for (const p of procs) {
      lines.push(`<thread id="${hex(p.pid)}" name="${xmlEscape(p.name)}">pid ${p.pid}</thread>`);
    }
    lines.push('</threads>');
    return lines.join('\n');
  }

  private currentPid(): number {
    const stop = this.control.lastStop;
    return stop !== null && stop.kind === 'signal' ? stop.pid : this.control.pid;
  }

  /** The process whose registers and memory gdb is looking at. */
  private selected(): DebugThread | null {
    const pid = this.selectedPid > 0 ? this.selectedPid : this.currentPid();
    return this.control.view.thread(pid);
  }

  private selectThread(id: string): string {
    const pid = parseThreadId(id);
    if (pid === null) return E_BAD_PACKET;
    if (pid <= 0) {
      this.selectedPid = 0;
      return 'OK';
    }
    if (this.control.view.thread(pid) === null && pid !== this.control.pid) return E_NO_THREAD;
    this.selectedPid = pid;
    return 'OK';
  }

  private threadAlive(id: string): string {
    const pid = parseThreadId(id);
    if (pid === null) return E_BAD_PACKET;
    const p = this.control.view.thread(pid);
    return p !== null && p.state !== 'zombie' ? 'OK' : E_NO_THREAD;
  }

  // ---- registers ----

  /** The registers gdb is looking at: after a stop in the kernel, the
   * core's (until gdb selects a thread); else the selected thread's. */
  private registers(): ThreadRegisters {
    const stop = this.control.lastStop;
    if (this.selectedPid === 0 && stop !== null && stop.kind === 'signal' && stop.inKernel) return this.control.view.core.registers(null);
    return this.control.view.registers(this.selected());
  }

  private readAllRegisters(): string {
    const regs = this.registers();
    const count = this.control.view.core.description.gCount;
    let out = '';
    for (let n = 0; n < count; n++) out += toHex(regs.read(n)!);
    return out;
  }

  private writeAllRegisters(hexText: string): string {
    const bytes = fromHex(hexText);
    if (bytes === null) return E_BAD_PACKET;
    const d = this.control.view.core.description;
    const regs = this.registers();
    let at = 0;
    for (let n = 0; n < d.gCount && at < bytes.length; n++) {
      const size = d.registers[n].bits / 8;
      if (at + size > bytes.length) return E_BAD_PACKET;
      regs.write(n, bytes.subarray(at, at + size)); // read-only ones are skipped
      at += size;
    }
    this.control.view.changed();
    return 'OK';
  }

  private readRegister(arg: string): string {
    const n = parseHexNumber(arg);
    if (n === null) return E_BAD_PACKET;
    const value = this.registers().read(Number(n));
    return value === null ? E_BAD_REGISTER : toHex(value);
  }

  private writeRegister(arg: string): string {
    const m = /^([0-9a-fA-F]+)=([0-9a-fA-F]*)$/.exec(arg);
    const bytes = m ? fromHex(m[2]) : null;
    if (!m || bytes === null) return E_BAD_PACKET;
    if (!this.registers().write(parseInt(m[1], 16), bytes)) return E_BAD_REGISTER;
    this.control.view.changed();
    return 'OK';
  }

  // ---- memory ----

  private readMemory(arg: string): string {
    const range = this.parseRange(arg);
    if (range === null) return E_BAD_PACKET;
    const data = this.control.view.read(this.selected(), range.address, range.length);
    if (data.length === 0 && range.length > 0) return E_MEMORY;
    return toHex(data);
  }

  private writeMemory(arg: string): string {
    const colon = arg.indexOf(':');
    const range = colon < 0 ? null : this.parseRange(arg.slice(0, colon));
    const data = colon < 0 ? null : fromHex(arg.slice(colon + 1));
    if (range === null || data === null || data.length !== range.length) return E_BAD_PACKET;
    return this.control.view.write(this.selected(), range.address, data) ? 'OK' : E_MEMORY;
  }

  private writeBinary(payload: Buffer): string {
    const colon = payload.indexOf(0x3a);
    const range = colon < 0 ? null : this.parseRange(payload.subarray(1, colon).toString('latin1'));
    if (range === null) return E_BAD_PACKET;
    const data = unescapeBinary(payload.subarray(colon + 1));
    if (data.length !== range.length) return E_BAD_PACKET;
    if (data.length === 0) return 'OK'; // gdb's probe for X support
    return this.control.view.write(this.selected(), range.address, data) ? 'OK' : E_MEMORY;
  }

  /** ADDR,LENGTH in hex; addresses as the core holds them. */
  private parseRange(arg: string): { address: number; length: number } | null {
    const m = /^([0-9a-fA-F]{1,16}),([0-9a-fA-F]{1,8})$/.exec(arg);
    if (!m) return null;
    const length = parseInt(m[2], 16);
    if (length > MAX_TRANSFER) return null;
    const address = this.coreAddress(BigInt('0x' + m[1]));
    return address === null ? null : { address, length };
  }

  /** A gdb address as the core's number (x86_64: signed, canonical). */
  private coreAddress(value: bigint): number | null {
    if (this.control.view.core.addressBytes === 4) return value > 0xffffffffn ? null : Number(value);
    return Number(BigInt.asIntN(64, value));
  }

  private addressHex(address: number): string {
    return (this.control.view.core.addressBytes === 4 ? BigInt(address >>> 0) : BigInt.asUintN(64, BigInt(address))).toString(16);
  }

  // ---- breakpoints and watchpoints ----

  private breakpoint(text: string): string {
    const m = /^([Zz])([0-4]),([0-9a-fA-F]{1,16}),([0-9a-fA-F]{1,8})(;.*)?$/.exec(text);
    if (!m) return E_BAD_PACKET;
    const insert = m[1] === 'Z';
    const type = Number(m[2]);
    const address = this.coreAddress(BigInt('0x' + m[3]));
    const length = parseInt(m[4], 16);
    if (address === null) return E_BAD_PACKET;
    const c = this.control;
    if (type === 0 || type === 1) {
      if (insert) c.addBreakpoint(address);
      else c.removeBreakpoint(address);
      return 'OK';
    }
    const watchType = WATCH_TYPES[type - 2];
    if (length < 1 || length > 64) return E_BAD_PACKET;
    if (!insert) return c.removeWatchpoint(watchType, address, length) ? 'OK' : E_BAD_PACKET;
    return c.addWatchpoint(watchType, address, length) ? 'OK' : E_MEMORY;
  }
}

const WATCH_TYPES: readonly WatchType[] = ['watch', 'rwatch', 'awatch'];

/** One qXfer chunk: `m` and more to come, `l` for the last. */
function xferChunk(document: string, offset: number, length: number): string {
  const bytes = Buffer.from(document, 'utf8');
  if (offset > bytes.length) return E_BAD_PACKET;
  const piece = bytes.subarray(offset, offset + length).toString('latin1');
  return (offset + length >= bytes.length ? 'l' : 'm') + piece;
}

/** A thread id: hex pid, 0 (any) or -1 (all); null when malformed. */
function parseThreadId(text: string): number | null {
  if (text === '-1') return -1;
  if (!/^[0-9a-fA-F]{1,8}$/.test(text)) return null;
  return parseInt(text, 16);
}

function hex(n: number): string {
  return n.toString(16);
}

function hex2(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
