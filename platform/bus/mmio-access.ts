/**
 * The hal/io.ts access interfaces over a Bus: what kernel drivers are given
 * so they reach devices exactly as a C driver's volatile loads/stores and
 * in/out instructions would.
 */
import type { Mmio, PortIo } from '../../hal/io';
import { Bus } from './bus';

export class BusMmio implements Mmio {
  constructor(private readonly bus: Bus) {}
  read8(address: number): number {
    return this.bus.read(address, 1);
  }
  read16(address: number): number {
    return this.bus.read(address, 2);
  }
  read32(address: number): number {
    return this.bus.read(address, 4);
  }
  write8(address: number, value: number): void {
    this.bus.write(address, 1, value);
  }
  write16(address: number, value: number): void {
    this.bus.write(address, 2, value);
  }
  write32(address: number, value: number): void {
    this.bus.write(address, 4, value);
  }
}

export class BusPortIo implements PortIo {
  constructor(private readonly bus: Bus) {}
  in8(port: number): number {
    return this.bus.portIn(port, 1);
  }
  in16(port: number): number {
    return this.bus.portIn(port, 2);
  }
  in32(port: number): number {
    return this.bus.portIn(port, 4);
  }
  out8(port: number, value: number): void {
    this.bus.portOut(port, 1, value);
  }
  out16(port: number, value: number): void {
    this.bus.portOut(port, 2, value);
  }
  out32(port: number, value: number): void {
    this.bus.portOut(port, 4, value);
  }
}
