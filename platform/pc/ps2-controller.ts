/**
 * The 8042 keyboard controller at ports 0x60 (data) and 0x64 (status on
 * read, command on write), with a keyboard on its first port and IRQ 1.
 *
 * Modelled: the status register (OBF, IBF — always clear, the model takes
 * bytes at once —, SYS, A2 command/data, INH keyboard not inhibited), the
 * controller RAM's configuration byte (0x20/0x60; bit 0 IRQ 1 enable,
 * bit 2 system flag, bit 4 port 1 clock disable, bit 6 translation), self
 * test 0xAA (0x55), port tests 0xAB/0xA9, 0xAD/0xAE disable/enable the
 * keyboard, 0xA7/0xA8 the (empty) second port, 0xD0/0xD1 output port,
 * 0xD2 write to the output buffer as if from the keyboard, 0xFE pulse reset.
 * The output buffer holds one byte; the next keyboard byte moves in when it
 * is read, and IRQ 1 follows "output buffer full from port 1 and IRQ 1
 * enabled". No mouse is attached: second-port commands answer as an empty
 * port.
 */
import { AccessSize, PortDevice } from '../bus/devices';
import { IrqLine } from '../irq';
import { Ps2Keyboard } from './ps2-keyboard';

export const PS2_DATA_PORT = 0x60;
export const PS2_STATUS_PORT = 0x64;

// Status register bits.
export const STATUS_OBF = 0x01;
export const STATUS_IBF = 0x02;
export const STATUS_SYS = 0x04;
export const STATUS_A2 = 0x08;
export const STATUS_INH = 0x10;
export const STATUS_AUX = 0x20;

// Configuration byte bits.
export const CONFIG_INT1 = 0x01;
export const CONFIG_INT2 = 0x02;
export const CONFIG_SYS = 0x04;
export const CONFIG_DISABLE1 = 0x10;
export const CONFIG_DISABLE2 = 0x20;
export const CONFIG_TRANSLATE = 0x40;

// Controller commands.
export const CMD_READ_CONFIG = 0x20;
export const CMD_WRITE_CONFIG = 0x60;
export const CMD_DISABLE_PORT2 = 0xa7;
export const CMD_ENABLE_PORT2 = 0xa8;
export const CMD_TEST_PORT2 = 0xa9;
export const CMD_SELF_TEST = 0xaa;
export const CMD_TEST_PORT1 = 0xab;
export const CMD_DISABLE_PORT1 = 0xad;
export const CMD_ENABLE_PORT1 = 0xae;
export const CMD_READ_OUTPUT_PORT = 0xd0;
export const CMD_WRITE_OUTPUT_PORT = 0xd1;
export const CMD_WRITE_PORT1_OUTPUT = 0xd2;
export const CMD_WRITE_PORT2_OUTPUT = 0xd3;
export const CMD_WRITE_PORT2 = 0xd4;
export const CMD_PULSE_RESET = 0xfe;

export const SELF_TEST_OK = 0x55;
const PORT_TEST_OK = 0x00;
const OUTPUT_PORT_RESET = 0x01;
const OUTPUT_PORT_A20 = 0x02;

export class Ps2Controller implements PortDevice {
  readonly name = 'ps2';
  private config = CONFIG_INT1 | CONFIG_SYS | CONFIG_TRANSLATE;
  private readonly ram = new Uint8Array(32);
  private outputPort = OUTPUT_PORT_RESET | OUTPUT_PORT_A20;
  private output = -1;
  private pendingCommand = 0;
  private lastWasCommand = false;
  private irqLevel = false;
  private readonly replies: number[] = [];
  /** The system reset line (0xFE, or output port bit 0 cleared). */
  onReset: () => void = () => {};

  /** The status port, for boards that map it separately (0x64). */
  readonly statusPort: PortDevice = {
    name: 'ps2-status',
    in: () => this.readStatus(),
    out: (_o, _s, value) => this.command(value & 0xff),
  };

  constructor(
    readonly keyboard: Ps2Keyboard,
    private readonly irq1: IrqLine,
  ) {
    keyboard.onData = () => this.fill();
  }

  /** The data port (0x60). */
  in(_offset: number, _size: AccessSize): number {
    const byte = this.output;
    this.output = -1;
    this.updateIrq(); // the line drops before the next byte moves in: a new edge
    this.fill();
    return byte < 0 ? 0 : byte; // an empty buffer reads its stale latch; 0 here
  }

  out(_offset: number, _size: AccessSize, value: number): void {
    this.data(value & 0xff);
  }

  /** Host key events; false when the key is unknown or the keyboard's
   * buffer is full. While the controller inhibits the keyboard's clock the
   * keyboard buffers keys, as a real one does. */
  key(name: string, pressed: boolean): boolean {
    return this.keyboard.key(name, pressed);
  }

  /** Raw set 1 bytes as if the keyboard sent them (the host's
   * KEYBOARD_SCANCODES input). */
  sendScancodes(bytes: readonly number[]): void {
    this.keyboard.sendBytes(bytes);
  }

  get configByte(): number {
    return this.config;
  }

  private readStatus(): number {
    let status = STATUS_INH;
    if (this.output >= 0) status |= STATUS_OBF;
    if (this.config & CONFIG_SYS) status |= STATUS_SYS;
    if (this.lastWasCommand) status |= STATUS_A2;
    return status;
  }

  private command(value: number): void {
    this.lastWasCommand = true;
    this.pendingCommand = 0;
    if (value >= CMD_READ_CONFIG && value < CMD_READ_CONFIG + 0x20) {
      this.reply(value === CMD_READ_CONFIG ? this.config : this.ram[value - CMD_READ_CONFIG]);
      return;
    }
    if (value >= CMD_WRITE_CONFIG && value < CMD_WRITE_CONFIG + 0x20) {
      this.pendingCommand = value;
      return;
    }
    switch (value) {
      case CMD_DISABLE_PORT2:
        this.config |= CONFIG_DISABLE2;
        return;
      case CMD_ENABLE_PORT2:
        this.config &= ~CONFIG_DISABLE2;
        return;
      case CMD_TEST_PORT2:
      case CMD_TEST_PORT1:
        this.reply(PORT_TEST_OK);
        return;
      case CMD_SELF_TEST:
        this.config |= CONFIG_SYS;
        this.reply(SELF_TEST_OK);
        return;
      case CMD_DISABLE_PORT1:
        this.config |= CONFIG_DISABLE1;
        return;
      case CMD_ENABLE_PORT1:
        this.config &= ~CONFIG_DISABLE1;
        this.fill();
        return;
      case CMD_READ_OUTPUT_PORT:
        this.reply(this.outputPort);
        return;
      case CMD_WRITE_OUTPUT_PORT:
      case CMD_WRITE_PORT1_OUTPUT:
      case CMD_WRITE_PORT2_OUTPUT:
      case CMD_WRITE_PORT2:
        this.pendingCommand = value;
        return;
      case CMD_PULSE_RESET:
        this.onReset();
        return;
      default:
        if (value >= 0xf0) {
          // Pulse output lines: bit 0 low = reset.
          if (!(value & 1)) this.onReset();
        }
        return;
    }
  }

  private data(value: number): void {
    this.lastWasCommand = false;
    const command = this.pendingCommand;
    this.pendingCommand = 0;
    if (command >= CMD_WRITE_CONFIG && command < CMD_WRITE_CONFIG + 0x20) {
      if (command === CMD_WRITE_CONFIG) this.config = value;
      else this.ram[command - CMD_WRITE_CONFIG] = value;
      this.fill();
      this.updateIrq();
      return;
    }
    switch (command) {
      case CMD_WRITE_OUTPUT_PORT:
        this.outputPort = value;
        if (!(value & OUTPUT_PORT_RESET)) this.onReset();
        return;
      case CMD_WRITE_PORT1_OUTPUT:
        this.replies.push(value);
        this.fill();
        return;
      case CMD_WRITE_PORT2_OUTPUT:
      case CMD_WRITE_PORT2:
        return; // no device on the second port
      default:
        // Plain data goes to the keyboard; sending re-enables its clock.
        this.config &= ~CONFIG_DISABLE1;
        this.keyboard.receive(value);
        return;
    }
  }

  private reply(byte: number): void {
    this.replies.push(byte);
    this.fill();
  }

  /** Moves the next byte into an empty output buffer. */
  private fill(): void {
    if (this.output < 0) {
      if (this.replies.length > 0) {
        this.output = this.replies.shift()!;
      } else if (!(this.config & CONFIG_DISABLE1) && this.keyboard.hasData) {
        this.output = this.keyboard.take();
      }
    }
    this.updateIrq();
  }

  private updateIrq(): void {
    // Controller replies raise IRQ 1 too when it is enabled, as on real 8042s.
    const level = this.output >= 0 && (this.config & CONFIG_INT1) !== 0; // no port 2 device: every byte is port 1's
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq1.set(level);
    }
  }
}
