/**
 * Builds a board: a container with the user's options bound and the board's
 * module loaded, and the handles the host needs from it.
 */
import 'reflect-metadata';
import { Container } from 'inversify';
import { CPU, Cpu } from '../hal/cpu';
import { Kernel } from '../kernel/kernel';
import { HOST_WORK, HostWork } from '../hal/host-work';
import { WORK_METER, WorkMeter } from '../hal/work-meter';
import { POWER, Power } from '../hal/power';
import { PowerControllerDriver } from '../kernel/drivers/power-controller';
import { PowerController } from '../platform/power-controller';
import { PHYSICAL_MEMORY } from '../hal/physical-memory';
import { Bus, BusPhysicalMemory } from '../platform/bus';
import { Clock, kernelWork } from '../platform/clock';
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

/** Maps the board's power controller and gives the kernel its driver. */
function attachPowerController(definition: BoardDefinition, bus: Bus, machine: Machine): Power {
  const device = new PowerController();
  device.onPowerOff = (status) => machine.powerOff(status);
  const { space, address } = definition.powerController;
  if (space === 'port') {
    bus.mapPorts(address, 4, device);
    return new PowerControllerDriver((value) => bus.out32(address, value));
  }
  bus.mapMmio(address, 0x1000, device);
  return new PowerControllerDriver((value) => bus.write32(address, value));
}

export function assembleBoard(definition: BoardDefinition, options: Partial<BoardOptions> = {}): AssembledBoard {
  const container = new Container();
  const full: BoardOptions = {
    ...options,
    memoryBytes: options.memoryBytes ?? definition.defaultMemoryBytes,
    cmdline: options.cmdline ?? '',
  };
  container.bind<BoardOptions>(BOARD_OPTIONS).toConstantValue(full);
  container.loadSync(definition.module);
  const clock = container.get<Clock>(CLOCK);
  const bus = container.get<Bus>(BUS);
  const cpu = container.isBound(CPU) ? container.get<Cpu>(CPU) : null;
  const machine = new Machine(clock, cpu);
  // What every board offers the same way: host work is the machine's, and
  // the kernel's physical memory access is the bus's.
  container.bind<HostWork>(HOST_WORK).toConstantValue(machine);
  container.bind<WorkMeter>(WORK_METER).toConstantValue(kernelWork(clock));
  container.bind<Power>(POWER).toConstantValue(attachPowerController(definition, bus, machine));
  if (!container.isBound(PHYSICAL_MEMORY)) container.bind(PHYSICAL_MEMORY).toConstantValue(new BusPhysicalMemory(bus));
  const consoleUart = container.get<SerialDevice>(CONSOLE_UART);
  const kernel = container.get(Kernel);
  // Building the kernel ran the boot loader (its BootInfo), which copied
  // the initramfs into RAM: the options bound for the run's whole life do
  // not hold the archive too.
  delete full.initrd;
  return {
    definition,
    container,
    bus,
    clock,
    consoleUart,
    machine,
    kernel,
  };
}
