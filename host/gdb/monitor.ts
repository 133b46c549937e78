/**
 * gdb's `monitor` commands (qRcmd): a small console to the machine.
 */
import type { RunControl } from './run-control';
import type { SessionHooks } from './gdb-session';

const HELP = [
  'monitor ps            the processes (gdb threads): pid, ppid, state, name',
  'monitor log LEVEL     the kernel console log level: error warn info debug trace',
  'monitor debug [PID]   the process breakpoints and watchpoints apply to',
  'monitor savesnapshot FILE   the whole machine, as it is now, to FILE (jos run --restore FILE)',
  'monitor help          this list',
].join('\n');

export function runMonitorCommand(line: string, control: RunControl, hooks: SessionHooks): string {
  const words = line.trim().split(/\s+/).filter((w) => w.length > 0);
  switch (words[0]) {
    case 'ps': {
      const rows = control.view.threads().map((p) => {
        const mark = p.pid === control.pid ? '*' : ' ';
        const state = p.stopped ? 'stopped' : p.state;
        return `${mark}${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ${state.padEnd(9)} ${p.name}`;
      });
      return ['  PID  PPID STATE     NAME', ...rows].join('\n') + '\n';
    }
    case 'log':
      if (words.length !== 2) return 'usage: monitor log error|warn|info|debug|trace\n';
      return hooks.setLogLevel(words[1]) + '\n';
    case 'debug': {
      if (words.length === 1) return `debugging pid ${control.pid}\n`;
      const pid = /^\d+$/.test(words[1]) ? Number(words[1]) : NaN;
      if (!control.setDebugged(pid)) return `no process ${words[1]}\n`;
      return `debugging pid ${pid}: breakpoints and watchpoints apply to it\n`;
    }
    case 'savesnapshot': {
      const path = line.trim().slice('savesnapshot'.length).trim();
      if (path === '') return 'usage: monitor savesnapshot FILE\n';
      if (hooks.saveSnapshot === undefined) return 'snapshots are not available in this run (jos exec, or --replay)\n';
      return hooks.saveSnapshot(path) + '\n';
    }
    case 'help':
    case undefined:
      return HELP + '\n';
    default:
      return `unknown monitor command "${words[0]}"\n${HELP}\n`;
  }
}
