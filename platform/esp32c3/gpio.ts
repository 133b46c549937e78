/**
 * ESP32-C3 GPIO matrix registers at 0x6000_4000 (TRM chapter "IO MUX and
 * GPIO Matrix"; offsets from ESP-IDF's soc/esp32c3/include/soc/gpio_reg.h),
 * for the 22 pads GPIO0..GPIO21.
 *
 * Modelled: OUT with W1TS/W1TC, ENABLE with W1TS/W1TC, IN (a pad reads its
 * own output while output-enabled, else the level the outside world drives:
 * the host's buttons through setInput()), STATUS with W1TS/W1TC, PCPU_INT
 * and the per-pad PINn register's INT_TYPE (1 rising, 2 falling, 3 any edge,
 * 4 low level, 5 high level) and INT_ENA (bit 13: to the CPU). Edge types
 * latch STATUS; level types keep setting it while the level holds. The
 * OR of PCPU_INT drives interrupt source 16.
 * The pin functions (FUNCn_IN/OUT_SEL) are accepted and read back; signals
 * are not rerouted: SPI2 and the LCD are wired on the board directly.
 */
import { AccessSize, MmioDevice } from '../bus/devices';
import { IrqLine } from '../irq';
import { DeviceLog, UnmodelledRegisters } from './unmodelled';

export const GPIO_OUT = 0x04;
export const GPIO_OUT_W1TS = 0x08;
export const GPIO_OUT_W1TC = 0x0c;
export const GPIO_ENABLE = 0x20;
export const GPIO_ENABLE_W1TS = 0x24;
export const GPIO_ENABLE_W1TC = 0x28;
export const GPIO_STRAP = 0x38;
export const GPIO_IN = 0x3c;
export const GPIO_STATUS = 0x44;
export const GPIO_STATUS_W1TS = 0x48;
export const GPIO_STATUS_W1TC = 0x4c;
export const GPIO_PCPU_INT = 0x5c;
export const GPIO_PCPU_NMI_INT = 0x60;
export const GPIO_PIN0 = 0x74;
export const GPIO_STATUS_NEXT = 0x14c;
export const GPIO_FUNC0_IN_SEL_CFG = 0x154;
export const GPIO_FUNC0_OUT_SEL_CFG = 0x554;
export const GPIO_DATE = 0x6fc;

export const GPIO_PIN_INT_TYPE_S = 7;
export const GPIO_PIN_INT_ENA_S = 13;
/** INT_ENA bit 0 (register bit 13) routes the pad's interrupt to the CPU. */
export const GPIO_PIN_INT_ENA_CPU = 1 << GPIO_PIN_INT_ENA_S;
export const GPIO_PIN_INT_ENA_NMI = 1 << (GPIO_PIN_INT_ENA_S + 1);

export const GPIO_INTR_DISABLE = 0;
export const GPIO_INTR_POSEDGE = 1;
export const GPIO_INTR_NEGEDGE = 2;
export const GPIO_INTR_ANYEDGE = 3;
export const GPIO_INTR_LOW_LEVEL = 4;
export const GPIO_INTR_HIGH_LEVEL = 5;

export const GPIO_PIN_COUNT = 22;
const PIN_MASK = (1 << GPIO_PIN_COUNT) - 1;
const STRAP_VALUE = 0x0c; // boot-mode straps: bit 3 set = SPI (flash) boot, per ESP-IDF soc/boot_mode.h
const DATE_VALUE = 0x2006130;

export class Esp32c3Gpio implements MmioDevice {
  readonly name = 'gpio';
  private out = 0;
  private enable = 0;
  /** Levels driven from outside (buttons, pull-ups). */
  private external = 0;
  private status = 0;
  private readonly pin = new Uint32Array(GPIO_PIN_COUNT);
  private readonly funcIn = new Uint32Array(128);
  private readonly funcOut = new Uint32Array(GPIO_PIN_COUNT);
  private lastLevels = 0;
  private readonly outputListeners: ((pin: number, level: boolean) => void)[] = [];
  /** Pads whose PINn.INT_TYPE is not 0. */
  private interruptPins = 0;

  readonly unmodelled: UnmodelledRegisters;

  constructor(
    private readonly irq: IrqLine,
    log?: DeviceLog,
  ) {
    this.unmodelled = new UnmodelledRegisters('gpio', log);
  }

  /** The host drives pad `pin` (a button press, a pull-up). */
  setInput(pin: number, level: boolean): void {
    checkPin(pin);
    this.external = level ? this.external | (1 << pin) : this.external & ~(1 << pin);
    this.update();
  }

  /** The level pad `pin` shows: its output while output-enabled. */
  level(pin: number): boolean {
    checkPin(pin);
    return (this.levels() & (1 << pin)) !== 0;
  }

  /** Another device on the board listens to an output pad (the LCD's D/C). */
  onOutputChange(listener: (pin: number, level: boolean) => void): void {
    this.outputListeners.push(listener);
  }

  read(offset: number, _size: AccessSize): number {
    if (offset >= GPIO_PIN0 && offset < GPIO_PIN0 + 4 * GPIO_PIN_COUNT) return this.pin[(offset - GPIO_PIN0) >>> 2];
    if (offset >= GPIO_FUNC0_IN_SEL_CFG && offset < GPIO_FUNC0_IN_SEL_CFG + 4 * 128) {
      return this.funcIn[(offset - GPIO_FUNC0_IN_SEL_CFG) >>> 2];
    }
    if (offset >= GPIO_FUNC0_OUT_SEL_CFG && offset < GPIO_FUNC0_OUT_SEL_CFG + 4 * GPIO_PIN_COUNT) {
      return this.funcOut[(offset - GPIO_FUNC0_OUT_SEL_CFG) >>> 2];
    }
    switch (offset) {
      case GPIO_OUT:
        return this.out;
      case GPIO_ENABLE:
        return this.enable;
      case GPIO_STRAP:
        return STRAP_VALUE;
      case GPIO_IN:
        return this.levels();
      case GPIO_STATUS:
        return this.status;
      case GPIO_PCPU_INT:
        return this.cpuInterrupts();
      case GPIO_PCPU_NMI_INT:
        return this.maskedBy(GPIO_PIN_INT_ENA_NMI);
      case GPIO_STATUS_NEXT:
        return this.status;
      case GPIO_DATE:
        return DATE_VALUE;
      default:
        this.unmodelled.note('read', offset);
        return 0;
    }
  }

  write(offset: number, _size: AccessSize, value: number): void {
    if (offset >= GPIO_PIN0 && offset < GPIO_PIN0 + 4 * GPIO_PIN_COUNT) {
      const p = (offset - GPIO_PIN0) >>> 2;
      this.pin[p] = value;
      if ((value >>> GPIO_PIN_INT_TYPE_S) & 7) this.interruptPins |= 1 << p;
      else this.interruptPins &= ~(1 << p);
      this.update();
      return;
    }
    if (offset >= GPIO_FUNC0_IN_SEL_CFG && offset < GPIO_FUNC0_IN_SEL_CFG + 4 * 128) {
      this.funcIn[(offset - GPIO_FUNC0_IN_SEL_CFG) >>> 2] = value;
      return;
    }
    if (offset >= GPIO_FUNC0_OUT_SEL_CFG && offset < GPIO_FUNC0_OUT_SEL_CFG + 4 * GPIO_PIN_COUNT) {
      this.funcOut[(offset - GPIO_FUNC0_OUT_SEL_CFG) >>> 2] = value;
      return;
    }
    const bits = value & PIN_MASK;
    switch (offset) {
      case GPIO_OUT:
        this.out = bits;
        break;
      case GPIO_OUT_W1TS:
        this.out |= bits;
        break;
      case GPIO_OUT_W1TC:
        this.out &= ~bits;
        break;
      case GPIO_ENABLE:
        this.enable = bits;
        break;
      case GPIO_ENABLE_W1TS:
        this.enable |= bits;
        break;
      case GPIO_ENABLE_W1TC:
        this.enable &= ~bits;
        break;
      case GPIO_STATUS:
        this.status = bits;
        break;
      case GPIO_STATUS_W1TS:
        this.status |= bits;
        break;
      case GPIO_STATUS_W1TC:
        this.status &= ~bits;
        break;
      default:
        this.unmodelled.note('write', offset);
        return;
    }
    this.update();
  }

  private levels(): number {
    return ((this.out & this.enable) | (this.external & ~this.enable)) & PIN_MASK;
  }

  private maskedBy(enableBit: number): number {
    let bits = 0;
    for (let p = 0; p < GPIO_PIN_COUNT; p++) if (this.pin[p] & enableBit) bits |= 1 << p;
    return this.status & bits;
  }

  private cpuInterrupts(): number {
    return this.maskedBy(GPIO_PIN_INT_ENA_CPU);
  }

  /** Detects edges and levels per INT_TYPE, then drives source 16. */
  private update(): void {
    const now = this.levels();
    const rising = now & ~this.lastLevels;
    const falling = this.lastLevels & ~now;
    const changedOutputs = (now ^ this.lastLevels) & this.enable;
    this.lastLevels = now;
    // Pads with an interrupt type: only they can set STATUS.
    const watched = this.interruptPins;
    for (let p = 0; watched !== 0 && p < GPIO_PIN_COUNT; p++) {
      if (!(watched & (1 << p))) continue;
      const bit = 1 << p;
      const type = (this.pin[p] >>> GPIO_PIN_INT_TYPE_S) & 7;
      let hit = false;
      if (type === GPIO_INTR_POSEDGE || type === GPIO_INTR_ANYEDGE) hit ||= (rising & bit) !== 0;
      if (type === GPIO_INTR_NEGEDGE || type === GPIO_INTR_ANYEDGE) hit ||= (falling & bit) !== 0;
      if (type === GPIO_INTR_LOW_LEVEL) hit = (now & bit) === 0;
      if (type === GPIO_INTR_HIGH_LEVEL) hit = (now & bit) !== 0;
      if (hit) this.status |= bit;
    }
    this.irq.set(this.cpuInterrupts() !== 0);
    if (changedOutputs) {
      for (let p = 0; p < GPIO_PIN_COUNT; p++) {
        if (changedOutputs & (1 << p)) for (const l of this.outputListeners) l(p, (now & (1 << p)) !== 0);
      }
    }
  }
}

function checkPin(pin: number): void {
  if ((pin | 0) !== pin || pin < 0 || pin >= GPIO_PIN_COUNT) throw new Error(`no GPIO${pin} on the ESP32-C3`);
}
