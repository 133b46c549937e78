/** The physical bus: RAM, MMIO and port I/O. */
export * from './bus';
export * from './devices';
export * from './mmio-access';
export * from './physical-memory';
