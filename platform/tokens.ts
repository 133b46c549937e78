/**
 * DI tokens for the emulated hardware itself (not the HAL: the kernel never
 * sees these). The host uses them to attach its terminal, disk images and
 * screen, and the machine loop to drive time.
 */
export const BUS = Symbol.for('jos.platform.Bus');
export const CLOCK = Symbol.for('jos.platform.Clock');
/** The UART the console is on (a SerialDevice), for the host's terminal. */
export const CONSOLE_UART = Symbol.for('jos.platform.ConsoleUart');
