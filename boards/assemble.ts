/**
 * Builds a board: a container with the user's options bound and the board's
 * module loaded, and the handles the host needs from it.
 */
import 'reflect-metadata';
import { Container } from 'inversify';
import { CPU, Cpu } from '../hal/cpu';
import { Kernel } from '../kernel/kernel';
import { Bus } from '../platform/bus';
import { Clock } from '../platform/clock';
import { Machine } from '../platform/machine';
import type { SerialDevice } from '../platform/serial-wire';
import { BUS, CLOCK, CONSOLE_UART } from '../platform/tokens';
import { BOARD_OPTIONS, BoardDefinition, BoardOptions } from './board';

export interface AssembledBoard {
  readonly definition: BoardDefinition;
  readonly container: Container;
  readonly bus: Bus;
  readonly clock: Clock;
  readonly consoleUart: SerialDevice;
  readonly machine: Machine;
  readonly kernel: Kernel;
}

export function assembleBoard(definition: BoardDefinition, options: Partial<BoardOptions> = {}): AssembledBoard {
  const container = new Container();
  const full: BoardOptions = {
    memoryBytes: options.memoryBytes ?? definition.defaultMemoryBytes,
    cmdline: options.cmdline ?? '',
  };
  container.bind<BoardOptions>(BOARD_OPTIONS).toConstantValue(full);
  container.loadSync(definition.module);
  const clock = container.get<Clock>(CLOCK);
  const cpu = container.isBound(CPU) ? container.get<Cpu>(CPU) : null;
  return {
    definition,
    container,
    bus: container.get<Bus>(BUS),
    clock,
    consoleUart: container.get<SerialDevice>(CONSOLE_UART),
    machine: new Machine(clock, cpu),
    kernel: container.get(Kernel),
  };
}
