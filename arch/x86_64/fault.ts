/** The one object thrown to abandon a faulting instruction (its vector and
 * error code are in the core's exc* fields): no allocation per fault. */
export const FAULT = { fault: true };
