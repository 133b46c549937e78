/** The hardware abstraction layer: contracts only, bound per board. */
export * from './boot-info';
export * from './address-space';
export * from './block-device';
export * from './console';
export * from './cpu';
export * from './display';
export * from './interrupts';
export * from './io';
export * from './keyboard';
export * from './host-work';
export * from './physical-memory';
export * from './power';
export * from './signal-frames';
export * from './timer';
export * from './trap';
export * from './rtc';
