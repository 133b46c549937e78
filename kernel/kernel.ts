/**
 * The JOS kernel's entry: what runs when the boot loader hands over. It sees
 * the machine only through hal/ (DESIGN.md, principle 2).
 */
import { inject, injectable } from 'inversify';
import { BOOT_INFO, BootInfo } from '../hal/boot-info';
import { CONSOLE, Console } from '../hal/console';
import { TIMER, Timer } from '../hal/timer';
import { KernelCmdline } from './boot/cmdline';
import { parseLogLevel } from './log/levels';
import { Logger } from './log/logger';
import { renderLogo } from './log/logo';
import { KERNEL_NAME, KERNEL_RELEASE } from './version';

@injectable()
export class Kernel {
  private logger: Logger | null = null;

  constructor(
    @inject(BOOT_INFO) private readonly bootInfo: BootInfo,
    @inject(CONSOLE) private readonly console: Console,
    @inject(TIMER) private readonly timer: Timer,
  ) {}

  get log(): Logger {
    if (!this.logger) throw new Error('the kernel has not booted');
    return this.logger;
  }

  /** Brings up the console and the clock, then says hello. */
  boot(): void {
    const cmdline = new KernelCmdline(this.bootInfo.cmdline);
    this.console.init();
    this.timer.init();
    const color = cmdline.get('color') === '1';
    const log = new Logger(this.console, this.timer, parseLogLevel(cmdline.get('loglevel'), 'info'), color);
    this.logger = log;

    log.print(renderLogo(color, `${KERNEL_NAME} ${KERNEL_RELEASE} · one kernel, two machines`));
    log.info('boot', `${KERNEL_NAME} ${KERNEL_RELEASE} on ${this.bootInfo.board} (${this.bootInfo.cpuArch})`);
    log.info('boot', `command line: ${this.bootInfo.cmdline || '(empty)'}`);
    for (const range of this.bootInfo.ram) {
      log.info('mem', `ram ${hex(range.base)}-${hex(range.base + range.size - 1)} (${Math.round(range.size / 1024)} KiB)`);
    }
    const t0 = this.timer.nowNs();
    const t1 = this.timer.nowNs();
    log.debug('time', `clock reads ${t0.toFixed(1)} ns then ${t1.toFixed(1)} ns: monotonic`);
    log.trace('boot', 'trace level is on');
    log.info('boot', 'boot complete; idle');
  }
}

function hex(value: number): string {
  return '0x' + value.toString(16).padStart(8, '0');
}
