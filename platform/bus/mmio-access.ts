/**
 * The hal/io.ts access interfaces over a Bus: what kernel drivers are given
 * so they reach devices exactly as a C driver's volatile loads/stores and
 * in/out instructions would.
 *
 * The kernel is host code, outside the core's instruction count; each
 * register access it makes is charged to virtual time at the board's bus
 * rate (docs/clock.md), as a device access is the slow part of a real
 * driver. So kernel work (booting, printing, disk I/O) takes time.
 */
import type { Mmio, PortIo } from '../../hal/io';
import { Bus } from './bus';

/** Where access costs go: the clock's advance(). */
export interface AccessCost {
  charge(ns: number): void;
}

const FREE: AccessCost = { charge: () => {} };

export class BusMmio implements Mmio {
  constructor(
    private readonly bus: Bus,
    private readonly cost: AccessCost = FREE,
    /** Virtual nanoseconds per register access. */
    private readonly accessNs = 0,
  ) {}
  read8(address: number): number {
    this.cost.charge(this.accessNs);
    return this.bus.read(address, 1);
  }
  read16(address: number): number {
    this.cost.charge(this.accessNs);
    return this.bus.read(address, 2);
  }
  read32(address: number): number {
    this.cost.charge(this.accessNs);
    return this.bus.read(address, 4);
  }
  write8(address: number, value: number): void {
    this.cost.charge(this.accessNs);
    this.bus.write(address, 1, value);
  }
  write16(address: number, value: number): void {
    this.cost.charge(this.accessNs);
    this.bus.write(address, 2, value);
  }
  write32(address: number, value: number): void {
    this.cost.charge(this.accessNs);
    this.bus.write(address, 4, value);
  }
  write32Copy(address: number, from: Uint8Array): void {
    this.cost.charge(this.accessNs * (from.length >>> 2));
    this.bus.write32Copy(address, from);
  }
}

export class BusPortIo implements PortIo {
  constructor(
    private readonly bus: Bus,
    private readonly cost: AccessCost = FREE,
    /** Virtual nanoseconds per in/out. */
    private readonly accessNs = 0,
  ) {}
  in8(port: number): number {
    this.cost.charge(this.accessNs);
    return this.bus.portIn(port, 1);
  }
  in16(port: number): number {
    this.cost.charge(this.accessNs);
    return this.bus.portIn(port, 2);
  }
  in32(port: number): number {
    this.cost.charge(this.accessNs);
    return this.bus.portIn(port, 4);
  }
  out8(port: number, value: number): void {
    this.cost.charge(this.accessNs);
    this.bus.portOut(port, 1, value);
  }
  out16(port: number, value: number): void {
    this.cost.charge(this.accessNs);
    this.bus.portOut(port, 2, value);
  }
  out32(port: number, value: number): void {
    this.cost.charge(this.accessNs);
    this.bus.portOut(port, 4, value);
  }
}
