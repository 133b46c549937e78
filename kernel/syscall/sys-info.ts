/** uname, getrandom, umask, reboot, syslog. */
import type { UserContext } from '../../hal/trap';
import type { Process } from '../proc/process';
import { LogBuffer } from '../log/log-buffer';
import { KERNEL_NAME, KERNEL_RELEASE } from '../version';
import { EINVAL, KernelError } from './errno';
import type { KernelServices, SyscallResult } from './services';

const UTS_FIELD = 65;
const GRND_NONBLOCK = 1;
const GRND_RANDOM = 2;
const GRND_INSECURE = 4;
/** Linux answers at most 32 MiB - 1 per call. */
const MAX_RANDOM_REQUEST = (32 << 20) - 1;
const RANDOM_CHUNK = 4096;

/** The release carries a Linux-style version first: libcs parse it. */
export const UTS_RELEASE = `6.1.0-jos-${KERNEL_RELEASE}`;

export function sysUname(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const fields = [KERNEL_NAME, 'jos', UTS_RELEASE, `#1 ${KERNEL_NAME} ${KERNEL_RELEASE}`, k.machineName, '(none)'];
  const record = new Uint8Array(UTS_FIELD * fields.length);
  const encoder = new TextEncoder();
  fields.forEach((f, i) => record.set(encoder.encode(f).subarray(0, UTS_FIELD - 1), i * UTS_FIELD));
  p.memory.write(c.argWord(0), record);
  return 0;
}

export function sysGetrandom(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const flags = c.argInt(2);
  if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) return -EINVAL;
  const buffer = c.argWord(0);
  const length = Math.min(c.argWord(1), MAX_RANDOM_REQUEST);
  // A page at a time: the work stops at the first bad page (EFAULT if
  // nothing was copied, else the count, as Linux), so a wild length costs
  // no more than the memory really there.
  const chunk = new Uint8Array(Math.min(length, RANDOM_CHUNK));
  let done = 0;
  while (done < length) {
    const piece = chunk.subarray(0, Math.min(RANDOM_CHUNK, length - done));
    k.random.fill(piece);
    try {
      p.memory.write(buffer + done, piece);
    } catch (error) {
      if (done === 0 || !(error instanceof KernelError)) throw error;
      break;
    }
    done += piece.length;
  }
  return done;
}

const REBOOT_MAGIC1 = 0xfee1dead;
const REBOOT_MAGIC2 = [672274793, 85072278, 369367448, 537993216];
const REBOOT_CMD_POWER_OFF = 0x4321fedc;
const REBOOT_CMD_HALT = 0xcdef0123;

/** reboot(2): power-off and halt turn the machine off; the caller is root. */
export function sysReboot(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  if (c.argU32(0) !== REBOOT_MAGIC1 || !REBOOT_MAGIC2.includes(c.argInt(1))) return -EINVAL;
  const command = c.argU32(2);
  if (command !== REBOOT_CMD_POWER_OFF && command !== REBOOT_CMD_HALT) return -EINVAL;
  k.log.info('power', `pid ${p.pid} (${p.name}) powers the machine off`);
  k.powerOff(0);
  return 0;
}

export function sysUmask(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const old = p.umask;
  p.umask = c.argInt(0) & 0o777;
  return old;
}

/** syslog(2)'s actions (klogctl): read all, read and clear, clear, sizes. */
const SYSLOG_ACTION_READ_ALL = 3;
const SYSLOG_ACTION_READ_CLEAR = 4;
const SYSLOG_ACTION_CLEAR = 5;
const SYSLOG_ACTION_SIZE_UNREAD = 9;
const SYSLOG_ACTION_SIZE_BUFFER = 10;

/** syslog(type, buf, len): the kernel log (dmesg). The destructive,
 * blocking read (action 2) and console levels are not kept: EINVAL. */
export function sysSyslog(k: KernelServices, p: Process, c: UserContext): SyscallResult {
  const action = c.argInt(0);
  const history = k.log.history;
  switch (action) {
    case SYSLOG_ACTION_READ_ALL:
    case SYSLOG_ACTION_READ_CLEAR: {
      const length = c.argInt(2);
      if (length < 0) return -EINVAL;
      const bytes = new TextEncoder().encode(history.tail(length));
      const out = bytes.length > length ? bytes.subarray(bytes.length - length) : bytes;
      p.memory.write(c.argWord(1), out);
      if (action === SYSLOG_ACTION_READ_CLEAR) history.clear();
      return out.length;
    }
    case SYSLOG_ACTION_CLEAR:
      history.clear();
      return 0;
    case SYSLOG_ACTION_SIZE_UNREAD:
      return history.bytes;
    case SYSLOG_ACTION_SIZE_BUFFER:
      return LogBuffer.CAPACITY;
    default:
      return -EINVAL;
  }
}
