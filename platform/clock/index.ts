/** Virtual time and the device event queue. */
export * from './clock';
export * from './event-queue';
