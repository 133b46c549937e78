/**
 * The JOS kernel's entry: what runs when the boot loader hands over. It sees
 * the machine only through hal/ (docs/design.md, principle 2): it brings up the
 * console and the clock, says hello, and starts user space where the board
 * offers what that needs.
 */
import { inject, injectable, optional } from 'inversify';
import { ADDRESS_SPACE_FACTORY, AddressSpaceFactory } from '../hal/address-space';
import { BLOCK_DEVICE, BlockDevice } from '../hal/block-device';
import { BOOT_INFO, BootInfo } from '../hal/boot-info';
import { CONSOLE, Console } from '../hal/console';
import { DISPLAY, Display } from '../hal/display';
import { HOST_WORK, HostWork } from '../hal/host-work';
import { WORK_METER, WorkMeter } from '../hal/work-meter';
import { INTERRUPT_CONTROLLER, InterruptController } from '../hal/interrupts';
import { KEYBOARD, Keyboard } from '../hal/keyboard';
import { PHYSICAL_MEMORY, PhysicalMemory } from '../hal/physical-memory';
import { POWER, Power } from '../hal/power';
import { RTC, WallClock } from '../hal/rtc';
import { TIMER, Timer } from '../hal/timer';
import { TRAP_HOST, TrapHost } from '../hal/trap';
import { KernelCmdline } from './boot/cmdline';
import { ScreenConsole } from './console/screen-console';
import { startUserland } from './boot/userland';
import { parseLogLevel } from './log/levels';
import { Logger } from './log/logger';
import { renderLogo } from './log/logo';
import type { KernelServices } from './syscall/services';
import { KERNEL_NAME, KERNEL_RELEASE } from './version';

@injectable()
export class Kernel {
  private logger: Logger | null = null;
  /** The running system, once user space has started. */
  services: KernelServices | null = null;

  constructor(
    @inject(BOOT_INFO) private readonly bootInfo: BootInfo,
    @inject(CONSOLE) private readonly console: Console,
    @inject(TIMER) private readonly timer: Timer,
    @inject(INTERRUPT_CONTROLLER) @optional() private readonly interrupts?: InterruptController,
    @inject(TRAP_HOST) @optional() private readonly trapHost?: TrapHost,
    @inject(ADDRESS_SPACE_FACTORY) @optional() private readonly spaces?: AddressSpaceFactory,
    @inject(PHYSICAL_MEMORY) @optional() private readonly physical?: PhysicalMemory,
    @inject(HOST_WORK) @optional() private readonly hostWork?: HostWork,
    @inject(POWER) @optional() private readonly power?: Power,
    @inject(KEYBOARD) @optional() private readonly keyboard?: Keyboard,
    @inject(BLOCK_DEVICE) @optional() private readonly disk?: BlockDevice,
    @inject(RTC) @optional() private readonly rtc?: WallClock,
    @inject(DISPLAY) @optional() private readonly display?: Display,
    @inject(WORK_METER) @optional() private readonly work?: WorkMeter,
  ) {}

  get log(): Logger {
    if (!this.logger) throw new Error('the kernel has not booted');
    return this.logger;
  }

  /** Brings up the console and the clock, says hello, starts user space. */
  boot(): void {
    const cmdline = new KernelCmdline(this.bootInfo.cmdline);
    this.console.init();
    this.timer.init();
    const color = cmdline.get('color') === '1';
    const log = new Logger(this.console, this.timer, parseLogLevel(cmdline.get('loglevel'), 'info'), color);
    this.logger = log;

    // `quiet`, as on Linux: no banner, so the console carries program output.
    if (!cmdline.has('quiet')) log.print(renderLogo(color, `${KERNEL_NAME} ${KERNEL_RELEASE} · one kernel, two machines`));
    const screen = this.display ? this.showBootScreen(log) : null;
    log.info('boot', `${KERNEL_NAME} ${KERNEL_RELEASE} on ${this.bootInfo.board} (${this.bootInfo.cpuArch})`);
    log.info('boot', `command line: ${this.bootInfo.cmdline || '(empty)'}`);
    for (const range of this.bootInfo.ram) {
      log.info('mem', `ram ${hex(range.base)}-${hex(range.base + range.size - 1)} (${Math.round(range.size / 1024)} KiB)`);
    }
    const t0 = this.timer.nowNs();
    const t1 = this.timer.nowNs();
    log.debug('time', `clock reads ${t0.toFixed(1)} ns then ${t1.toFixed(1)} ns: monotonic`);
    log.trace('boot', 'trace level is on');

    const { interrupts, trapHost, spaces, physical, hostWork } = this;
    if (!interrupts || !trapHost || !spaces || !physical || !hostWork) {
      const missing = Object.entries({ interrupts, trapHost, spaces, physical, hostWork })
        .filter(([, v]) => !v)
        .map(([k]) => k);
      log.warn('boot', `this board cannot run user programs yet (no ${missing.join(', ')}); boot complete; idle`);
      return;
    }
    this.services = startUserland({
      bootInfo: this.bootInfo,
      cmdline,
      console: this.console,
      timer: this.timer,
      interrupts,
      trapHost,
      spaces,
      physical,
      hostWork,
      power: this.power ?? null,
      log,
      screen,
      keyboard: this.keyboard ?? null,
      display: screen ? this.display : null,
      disk: this.disk ?? null,
      rtc: this.rtc ?? null,
      work: this.work ?? null,
    });
    log.info('boot', 'boot complete');
  }

  /** The logo on the board's screen too (VGA text / LCD). */
  private showBootScreen(log: Logger): ScreenConsole | null {
    try {
      const screen = new ScreenConsole(this.display!);
      screen.start();
      screen.showLogo(renderLogo(false, `${KERNEL_NAME} ${KERNEL_RELEASE} · one kernel, two machines`));
      screen.write(`  ${this.bootInfo.board} (${this.bootInfo.cpuArch})\n`);
      return screen;
    } catch (error) {
      log.warn('display', `no boot screen: ${(error as Error).message}`);
      return null;
    }
  }
}

function hex(value: number): string {
  return '0x' + value.toString(16).padStart(8, '0');
}
